"""The outgoing chain: 拟稿 → 部门审核 → 核稿 → 会签 → 签发 → 复核 → 编号 → 印制 → 核发 → 归档, each step by
the right person, none skipped."""

import datetime

import pytest
from django.utils import timezone

from shuniu.documents.models import SignOffRule
from shuniu.documents.tests.conftest import CHECKLIST
from shuniu.matters import services as engine
from shuniu.matters.models import ReviewStep
from shuniu.org.models import Delegation


def test_the_whole_chain_runs_in_order_with_the_right_people(make_draft, advance):
    issued = advance(make_draft(), "issued")
    journal = [(e.action, e.actor.username if e.actor else "") for e in issued.entries.order_by("at", "id")]
    assert journal == [
        ("draft", "mishu"), ("submit", "mishu"), ("approve", "deputy_director"), ("review", "director"),
        ("sign_off", "vmayor2"), ("recheck", "mishu"), ("number", "mishu"), ("print", "mishu"), ("issue", "mishu"),
    ]
    doc = issued.outgoing
    assert doc.signer_name == "吴建平" and doc.written_date == timezone.localdate()
    assert doc.review_checklist["items"] == {"文字": True, "政策法规": True, "格式": True, "运转流程": True}
    assert not issued.is_open and doc.issued_at is not None


@pytest.mark.parametrize(("state", "name", "who"), [
    ("draft", "sign_off", "vmayor2"),
    ("unit_review", "review", "director"),
    ("unit_review", "sign_off", "vmayor2"),
    ("checking", "sign_off", "vmayor2"),
    ("signing", "number", "mishu"),
    ("rechecking", "issue", "mishu"),
    ("numbering", "print", "mishu"),
    ("printing", "issue", "mishu"),
])
def test_no_step_can_be_skipped(make_draft, advance, act, state, name, who):
    draft = advance(make_draft(), state)
    with pytest.raises(engine.Conflict) as caught:
        act(draft, name, who, {"copies": 10, **CHECKLIST})
    assert "不能执行" in caught.value.message
    draft.refresh_from_db()
    assert draft.status == state


@pytest.mark.parametrize(("state", "name", "who"), [
    ("draft", "submit", "jtj_staff"),          # not the drafting section
    ("unit_review", "approve", "director"),    # the deputy director reviews first
    ("unit_review", "approve", "mishu"),       # the drafter does not review their own draft
    ("checking", "review", "deputy_director"),  # 核稿 is the director's
    ("signing", "sign_off", "mayor"),          # an ordinary notice is signed by the deputy in charge
    ("signing", "sign_off", "vmayor1"),        # … of transport, not of finance
    ("signing", "sign_off", "director"),
    ("rechecking", "recheck", "jtj_head"),
    ("numbering", "number", "vmayor2"),
])
def test_who_may_not_act(make_draft, advance, act, state, name, who):
    draft = advance(make_draft(), state)
    with pytest.raises((engine.Forbidden, engine.NotFound)):
        act(draft, name, who, {"copies": 10, **CHECKLIST})
    draft.refresh_from_db()
    assert draft.status == state


def test_an_important_document_is_signed_by_the_principal_leader(make_draft, advance, act):
    draft = advance(make_draft(is_important=True), "signing")
    with pytest.raises(engine.Forbidden):
        act(draft, "sign_off", "vmayor2", {})
    act(draft, "sign_off", "mayor", {"comment": "同意。"})
    draft.refresh_from_db()
    assert draft.outgoing.signer_name == "李正华"


def test_a_delegate_signs_while_the_principal_leader_is_away(make_draft, advance, act, office):
    today = timezone.localdate()
    Delegation.objects.create(principal=office["mayor"], delegate=office["vmayor1"], start_date=today,
                              end_date=today + datetime.timedelta(days=2), reason="外出参加会议")
    draft = advance(make_draft(is_important=True), "signing")
    act(draft, "sign_off", "vmayor1", {"comment": "同意印发。"})
    draft.refresh_from_db()
    entry = draft.entries.get(action="sign_off")
    assert entry.actor_name == "周国强（代李正华）"
    assert draft.outgoing.signer_name == "周国强"


def test_the_sign_off_rule_is_configurable(make_draft, advance, act):
    SignOffRule.objects.create(name="函由办公室主任签发", priority=5, doc_type="letter", signer="office_director")
    letter = advance(make_draft(doc_type="letter", title="市政府办公室关于商请支持春运保障工作的函",
                                main_to="市交通运输局"), "signing")
    assert letter.outgoing.signer.username == "director"
    act(letter, "sign_off", "director", {})


def test_signing_without_an_opinion_is_circling_and_counts_as_consent(make_draft, advance, act):
    draft = advance(make_draft(), "signing")
    act(draft, "sign_off", "vmayor2", {"comment": ""})
    draft.refresh_from_db()
    assert draft.status == "rechecking"
    assert draft.outgoing.sign_opinion == "圈阅同意。"


def test_a_return_sends_the_draft_back_and_resubmission_runs_the_whole_chain_again(make_draft, advance, act):
    draft = advance(make_draft(), "signing")
    act(draft, "return", "vmayor2", {"comment": "请补充应急运力安排。"})
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert not draft.review_steps.filter(status__in=["waiting", "current"]).exists()
    act(draft, "submit", "mishu", {})
    draft.refresh_from_db()
    assert draft.status == "unit_review"
    current = draft.review_steps.get(status="current")
    assert (current.name, current.round) == ("部门审核", 2)


def test_a_return_needs_a_reason(make_draft, advance, act):
    draft = advance(make_draft(), "checking")
    with pytest.raises(engine.Invalid) as caught:
        act(draft, "return", "director", {"comment": ""})
    assert "意见" in caught.value.message


def test_the_check_is_refused_until_every_item_is_confirmed(make_draft, advance, act):
    draft = advance(make_draft(), "checking")
    with pytest.raises(engine.Invalid) as caught:
        act(draft, "review", "director", {"text_ok": True, "policy_ok": True})
    assert caught.value.message == "核稿须逐项核对，尚未确认：格式、运转流程"
    draft.refresh_from_db()
    assert draft.status == "checking"


def test_countersigning_waits_for_every_co_issuer(make_draft, advance, act):
    draft = advance(make_draft(issuer_units=["szfb", "czj", "jtj"]), "countersigning")
    act(draft, "countersign", "czj_head", {"comment": "同意。"})
    draft.refresh_from_db()
    assert draft.status == "countersigning"
    with pytest.raises(engine.Forbidden):
        act(draft, "countersign", "czj_head", {})
    act(draft, "countersign", "jtj_head", {"comment": "同意。"})
    draft.refresh_from_db()
    assert draft.status == "signing"
    assert draft.review_steps.filter(name="会签", status=ReviewStep.Status.APPROVED).count() == 2


def test_a_substantive_change_after_sign_off_goes_back_to_the_signer(make_draft, advance, act, office):
    from shuniu.documents.services import edit_outgoing

    draft = advance(make_draft(), "rechecking")
    edit_outgoing(draft.pk, office["mishu"], {"title": "市政府办公室关于做好2026年春运和节日期间交通运输保障工作的通知"})
    act(draft, "recheck", "mishu", {"substantive": False})
    draft.refresh_from_db()
    assert draft.status == "signing"
    assert draft.entries.get(action="recheck").data["substantive"] is True
    act(draft, "sign_off", "vmayor2", {"comment": "同意。"})
    act(draft, "recheck", "mishu", {})
    draft.refresh_from_db()
    assert draft.status == "numbering"


def test_the_rechecker_may_send_it_back_to_the_signer_without_an_edit(make_draft, advance, act):
    draft = advance(make_draft(), "rechecking")
    act(draft, "recheck", "mishu", {"substantive": True, "comment": "发文范围需调整，请领导再审。"})
    draft.refresh_from_db()
    assert draft.status == "signing"


def test_archiving_marks_the_issued_document(make_draft, advance, act):
    issued = advance(make_draft(), "issued")
    act(issued, "archive", "mishu", {})
    issued.refresh_from_db()
    assert issued.status == "archived" and issued.outgoing.archived


def test_only_a_draft_may_be_withdrawn(make_draft, advance, act):
    draft = advance(make_draft(), "unit_review")
    with pytest.raises(engine.Conflict):
        act(draft, "withdraw", "mishu", {"comment": "不再发文"})


def test_shipped_sign_off_rules_apply_while_the_rule_table_is_empty(db):
    from shuniu.documents.models import SignOffRule
    from shuniu.documents.services import _sign_off_rules

    SignOffRule.objects.all().delete()
    assert [(r.priority, r.signer) for r in _sign_off_rules()] == [(10, "principal"), (20, "principal"), (100, "portfolio")]
    SignOffRule.objects.create(name="全部由主任签发", priority=1, signer="office_director", is_active=False)
    assert _sign_off_rules() == []


def test_installing_the_shipped_rules_fills_only_an_empty_table(db):
    from shuniu.documents.models import SignOffRule
    from shuniu.documents.services import install_default_sign_off_rules

    SignOffRule.objects.all().delete()
    assert install_default_sign_off_rules() == 3
    assert install_default_sign_off_rules() == 0
    assert SignOffRule.objects.count() == 3
