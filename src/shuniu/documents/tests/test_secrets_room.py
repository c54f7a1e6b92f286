"""机要室 (jiyao) in the outgoing chain: a classified 发文 is its to number, print and issue from
编号 on — it sees the document from then, and nothing earlier, nothing non-classified."""

import pytest

from shuniu.matters import services as engine
from shuniu.matters.models import Todo
from shuniu.notify.models import Message


def _classified(make_draft):
    return make_draft(main_to="市交通运输局", secrecy=1, secrecy_years=5, copy_number="12")


def test_the_secrets_room_numbers_prints_and_issues_a_classified_document(
        make_draft, advance, act, client_for, office, django_capture_on_commit_callbacks):
    matter = _classified(make_draft)
    jiyao = client_for("jiyao")
    assert jiyao.get(f"/matters/{matter.pk}/").status_code == 404  # the draft is the section's

    with django_capture_on_commit_callbacks(execute=True):  # notices go out once the step commits
        matter = advance(matter, "numbering")
    assert Message.objects.filter(recipient=office["jiyao"], title__contains="涉密公文待编号印制").exists()
    page = jiyao.get(f"/matters/{matter.pk}/")
    assert page.status_code == 200 and 'id="do-number"' in page.content.decode()
    assert Todo.objects.filter(matter=matter, unit__code="jys", task="涉密公文编号").exists()  # 我的待办

    matter = act(matter, "number", "jiyao")
    assert matter.outgoing.doc_number.startswith("市政办发〔")
    matter = act(matter, "print", "jiyao", {"copies": 20})
    matter = act(matter, "issue", "jiyao")
    assert matter.status == "issued"
    assert [e.actor.username for e in matter.entries.filter(action__in=["number", "print", "issue"])] == ["jiyao"] * 3
    assert jiyao.get(f"/matters/{matter.pk}/").status_code == 200
    assert [t.name for t in engine.available_transitions(matter, office["jiyao"])] == []  # 归档 is not its part


def test_the_secrets_room_has_no_part_in_earlier_steps_or_in_open_documents(
        make_draft, advance, act, client_for, office, django_capture_on_commit_callbacks):
    classified = advance(_classified(make_draft), "rechecking")
    with pytest.raises(engine.EngineError):
        act(classified, "recheck", "jiyao")
    assert client_for("jiyao").get(f"/matters/{classified.pk}/").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        plain = advance(make_draft(title="市政府办公室关于做好春节期间值班工作的通知"), "numbering")
    assert client_for("jiyao").get(f"/matters/{plain.pk}/").status_code == 404
    with pytest.raises(engine.EngineError):
        act(plain, "number", "jiyao")
    assert not Message.objects.filter(recipient=office["jiyao"], title__contains=plain.title).exists()
