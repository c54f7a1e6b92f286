"""Every edit keeps a version; the 清稿 of any version and the marked changes between any two."""

import pytest

from shuniu.documents import versions
from shuniu.documents.services import edit_outgoing
from shuniu.matters import services as engine


def test_every_edit_keeps_a_version_and_is_journaled(make_draft, office):
    draft = make_draft()
    edit_outgoing(draft.pk, office["mishu"], {"body": draft.content.replace("24小时", "全天候"), "note": "改值班表述"})
    edit_outgoing(draft.pk, office["mishu"], {"cc": "市委办公室"})
    doc = draft.outgoing
    assert list(doc.versions.values_list("number", "note")) == [(1, "初稿"), (2, "改值班表述"), (3, "")]
    assert doc.versions.get(number=1).body == draft.content
    assert [e.data["version"] for e in draft.entries.filter(action="edit")] == [2, 3]


def test_an_edit_that_changes_nothing_is_refused(make_draft, office):
    draft = make_draft()
    with pytest.raises(engine.Invalid) as caught:
        edit_outgoing(draft.pk, office["mishu"], {"title": draft.title})
    assert caught.value.message == "文稿没有改动"
    assert draft.outgoing.versions.count() == 1


def test_marked_changes_show_deletions_and_insertions(make_draft, office):
    draft = make_draft()
    edit_outgoing(draft.pk, office["mishu"], {"body": draft.content.replace("24小时值班", "全天候值班")})
    doc = draft.outgoing
    change = versions.compare(doc.versions.get(number=1), doc.versions.get(number=2))
    assert "<del>24小时</del><ins>全天候</ins>值班" in change["body"]
    assert change["substantive"] is True and change["title_changed"] is False


def test_marked_changes_list_changed_elements(make_draft, office):
    draft = make_draft()
    edit_outgoing(draft.pk, office["mishu"], {"annotation": "此件公开发布"})
    doc = draft.outgoing
    change = versions.compare(doc.versions.get(number=1), doc.versions.get(number=2))
    assert [(c.label, c.old, c.new) for c in change["fields"]] == [("附注", "", "此件公开发布")]
    assert change["substantive"] is False


def test_marked_text_escapes_html(make_draft):
    html = versions.marked_text("一、<b>原文</b>", "一、<b>新文</b>")
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_an_added_paragraph_is_marked_as_inserted():
    html = versions.marked_text("第一段。\n第三段。", "第一段。\n第二段。\n第三段。")
    assert html == '<p>第一段。</p><p class="sn-added"><ins>第二段。</ins></p><p>第三段。</p>'


def test_the_current_reviewer_may_edit_and_others_may_not(make_draft, advance, office):
    draft = advance(make_draft(), "checking")
    with pytest.raises(engine.Forbidden):
        edit_outgoing(draft.pk, office["mishu"], {"annotation": "此件公开发布"})
    edit_outgoing(draft.pk, office["director"], {"annotation": "此件公开发布"})
    assert draft.outgoing.versions.latest("number").created_by.username == "director"


def test_after_submission_the_type_and_issuers_are_fixed(make_draft, advance, office):
    draft = advance(make_draft(), "checking")
    with pytest.raises(engine.Invalid) as caught:
        edit_outgoing(draft.pk, office["director"], {"doc_type": "opinion", "title": "市政府办公室关于春运工作的意见"})
    assert caught.value.message.startswith("送审后不能更改文种")


def test_a_numbered_document_can_no_longer_be_edited(make_draft, advance, office):
    draft = advance(make_draft(), "printing")
    with pytest.raises(engine.Conflict) as caught:
        edit_outgoing(draft.pk, office["mishu"], {"annotation": "此件公开发布"})
    assert "已不能修改文稿" in caught.value.message


def test_a_stale_edit_is_refused(make_draft, office):
    draft = make_draft()
    with pytest.raises(engine.Conflict):
        edit_outgoing(draft.pk, office["mishu"], {"annotation": "此件公开发布"}, version=draft.version - 1)
