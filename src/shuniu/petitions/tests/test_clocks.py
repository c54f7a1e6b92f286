"""The statutory clocks of 《信访工作条例》: each limit, its due date, and what happens when it is missed."""

from __future__ import annotations

import pytest
from django.utils import timezone

from shuniu.matters import services as engine
from shuniu.matters.models import Assignment, Clock, Entry, Sla
from shuniu.matters.sweep import sweep
from shuniu.petitions.models import Document, Petition
from shuniu.workdays.services import compute_deadline

from .conftest import T0, days, entries, frozen


def clock(matter, name) -> Clock:
    return Clock.objects.filter(matter_id=matter.pk, name=name).latest("started_at")


def test_petition_must_be_forwarded_within_15_days(register, act):
    matter = register()
    due = compute_deadline(T0, "15 calendar days").due_at
    assert matter.status == "registered"
    assert matter.due_at == due
    assert clock(matter, "forward").due_at == due

    with frozen(T0 + days(16)):
        sweep()
    matter.refresh_from_db()
    assert matter.sla == Sla.OVERDUE

    act(matter, "dispatch", "xinfang", T0 + days(16), units=[{"unit": "hbj", "role": "lead"}], mode="forward")
    forward = clock(matter, "forward")
    assert forward.stopped_at == T0 + days(16)
    assert forward.status_at(T0 + days(16))[0] == "late"


def test_forwarding_in_time_meets_the_clock(register, act):
    matter = register()
    act(matter, "dispatch", "xinfang", T0 + days(3), units=["hbj"], mode="assign")
    assert clock(matter, "forward").status_at(T0 + days(3))[0] == "met"


def test_acceptance_notice_within_15_days(register, act):
    matter = register()
    dispatched_at = T0 + days(1)
    matter = act(matter, "dispatch", "xinfang", dispatched_at, units=[{"unit": "hbj", "role": "lead"}], mode="assign")
    due = compute_deadline(dispatched_at, "15 calendar days").due_at
    lead = matter.assignments.get(role="lead")
    assert matter.status == "dispatched"
    assert matter.due_at == due
    assert lead.due_at == due
    assert clock(matter, "notice").due_at == due

    # Past the 15 days without a decision the sweep chases the department.
    with frozen(dispatched_at + days(16)):
        sweep()
    assert Entry.objects.filter(matter=matter, action="auto_chase", assignment=lead).exists()

    act(matter, "accept", "hbj_staff", dispatched_at + days(16), comment="")
    notice = clock(matter, "notice")
    assert notice.status_at(timezone.now())[0] == "late"
    assert Document.objects.filter(petition_id=matter.pk, kind="accept_notice").exists()


def test_handling_within_60_days_of_acceptance(handling, act):
    matter = handling()
    accepted_at = T0 + days(2)
    due = compute_deadline(accepted_at, "60 calendar days").due_at
    assert matter.status == "handling"
    assert matter.due_at == due
    assert matter.assignments.get(role="lead").due_at == due
    assert clock(matter, "handle").due_at == due

    late = act(matter, "reply", "hbj_staff", due + days(1), outcome="support", reply="已责令企业整改到位。")
    assert late.status == "replied"
    assert late.is_open is False
    assert late.closed_on_time is False
    assert clock(matter, "handle").status_at(timezone.now())[0] == "late"


def test_reply_within_60_days_is_on_time(handling, act):
    matter = handling()
    done = act(matter, "reply", "hbj_staff", T0 + days(40), outcome="explain", reply="已向信访人解释相关政策。")
    assert done.closed_on_time is True
    assert clock(matter, "handle").status_at(timezone.now())[0] == "met"


def test_petition_extension_is_at_most_30_days(handling, act):
    matter = handling()
    before = entries(matter)
    with pytest.raises(engine.Invalid) as error:
        act(matter, "request_extension", "hbj_staff", T0 + days(50), days=31, reason="需委托第三方检测。")
    assert "不得超过30日" in error.value.message
    assert entries(matter) == before
    assert matter.assignments.get(role="lead").extension == ""

    act(matter, "request_extension", "hbj_staff", T0 + days(50), days=30, reason="需委托第三方机构开展为期一个月的连续监测。")
    matter = act(matter, "approve_extension", "hbj_head", T0 + days(51), comment="同意延期")
    due = compute_deadline(T0 + days(2), "90 calendar days").due_at
    assert matter.due_at == due
    assert clock(matter, "handle").extended == 30
    assert matter.assignments.get(role="lead").due_at == due
    notice = Document.objects.get(petition_id=matter.pk, kind="extension_notice")
    from shuniu.petitions.documents import read_text

    text = read_text(notice.attachment.file.read())
    assert "第三方机构开展为期一个月的连续监测" in text
    assert "延长30日" in text


def test_only_one_extension(handling, act):
    matter = handling()
    act(matter, "request_extension", "hbj_staff", T0 + days(20), days=10, reason="涉及多个部门，需要联合调查。")
    act(matter, "reject_extension", "hbj_head", T0 + days(21), comment="请在原期限内办结")
    # A refused request does not use up the one extension.
    act(matter, "request_extension", "hbj_staff", T0 + days(30), days=15, reason="需等待检测报告。")
    act(matter, "approve_extension", "hbj_head", T0 + days(31), comment="")
    before = entries(matter)
    with pytest.raises(engine.Invalid) as error:
        act(matter, "request_extension", "hbj_staff", T0 + days(60), days=5, reason="仍需时间。")
    assert "只能延期一次" in error.value.message
    assert entries(matter) == before


def test_extension_cannot_be_requested_after_the_deadline(handling, act):
    matter = handling()
    with pytest.raises(engine.Invalid) as error:
        act(matter, "request_extension", "hbj_staff", T0 + days(70), days=10, reason="补充调查。")
    assert "已届满" in error.value.message


def test_extension_is_approved_by_the_head_of_the_handling_unit(handling, act):
    matter = handling()
    act(matter, "request_extension", "hbj_staff", T0 + days(20), days=10, reason="需要联合调查。")
    for username in ("hbj_staff", "xinfang"):
        with pytest.raises(engine.Forbidden):
            act(matter, "approve_extension", username, T0 + days(21), comment="")
    assert matter.assignments.get(role="lead").extension == Assignment.Extension.REQUESTED


def test_review_request_within_30_days_of_reply(replied, act):
    matter = replied()
    replied_at = T0 + days(12)
    window = clock(matter, "review_request")
    assert window.due_at == compute_deadline(replied_at, "30 calendar days").due_at

    before = entries(matter)
    with pytest.raises(engine.Invalid) as error:
        act(matter, "request_review", "xinfang", window.due_at + days(1), reason="对处理意见不服。")
    assert "已超过复查申请期限" in error.value.message
    assert entries(matter) == before

    requested_at = replied_at + days(29)
    matter = act(matter, "request_review", "xinfang", requested_at, reason="检测时间选在白天，不能反映夜间排放情况。")
    assert matter.status == "reviewing"
    assert matter.is_open is True
    assert matter.due_at == compute_deadline(requested_at, "30 calendar days").due_at
    assert clock(matter, "review_request").status_at(timezone.now())[0] == "used"


def test_review_answered_within_30_days(replied, act):
    matter = replied()
    requested_at = T0 + days(20)
    act(matter, "request_review", "xinfang", requested_at, reason="不服处理意见。")
    matter = act(matter, "decide_review", "xinfang", requested_at + days(10), decision="change", outcome="support",
                 opinion="经复查，夜间监测数据显示存在超标排放，责令生态环境局依法查处。")
    assert matter.status == "reviewed"
    assert matter.closed_on_time is True
    assert Petition.objects.get(pk=matter.pk).outcome == "support"
    assert clock(matter, "recheck_request").due_at == compute_deadline(requested_at + days(10), "30 calendar days").due_at


def test_recheck_answered_within_30_days(replied, act):
    matter = replied()
    act(matter, "request_review", "xinfang", T0 + days(20), reason="不服处理意见。")
    act(matter, "decide_review", "xinfang", T0 + days(30), decision="uphold", opinion="经复查，维持原处理意见。")
    requested_at = T0 + days(45)
    matter = act(matter, "request_recheck", "xinfang", requested_at, reason="不服复查意见。")
    due = compute_deadline(requested_at, "30 calendar days").due_at
    assert matter.status == "rechecking"
    assert matter.due_at == due
    assert clock(matter, "recheck").due_at == due

    matter = act(matter, "decide_recheck", "xinfang", due + days(2), decision="uphold", opinion="经复核，维持复查意见。")
    assert matter.status == "closed"
    assert matter.closed_on_time is False
    assert clock(matter, "recheck").status_at(timezone.now())[0] == "late"


def test_recheck_request_after_30_days_is_refused(replied, act):
    matter = replied()
    act(matter, "request_review", "xinfang", T0 + days(20), reason="不服处理意见。")
    act(matter, "decide_review", "xinfang", T0 + days(30), decision="uphold", opinion="经复查，维持原处理意见。")
    with pytest.raises(engine.Invalid) as error:
        act(matter, "request_recheck", "xinfang", T0 + days(70), reason="不服复查意见。")
    assert "已超过复核申请期限" in error.value.message


def test_change_on_review_needs_a_different_outcome(replied, act):
    matter = replied()
    act(matter, "request_review", "xinfang", T0 + days(20), reason="不服处理意见。")
    with pytest.raises(engine.Invalid) as error:
        act(matter, "decide_review", "xinfang", T0 + days(25), decision="change", opinion="变更。")
    assert "变更后的处理结果" in error.value.message
    with pytest.raises(engine.Invalid):
        act(matter, "decide_review", "xinfang", T0 + days(25), decision="change", outcome="not_support", opinion="变更。")
