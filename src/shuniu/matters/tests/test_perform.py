"""`perform`: the one way a matter changes state — state and permission checks, inputs, journal."""

import pytest

from shuniu.matters import services
from shuniu.matters.models import Assignment, Entry, Matter


def test_dispatch_on_creation_assigns_lead_and_assist_with_20_working_day_deadline(make_item):
    item = make_item(lead="jtj", assist=["cgj"])
    assert item.status == "assigned"
    roles = {a.unit.code: (a.role, a.status) for a in item.assignments.all()}
    assert roles == {"jtj": ("lead", "pending"), "cgj": ("assist", "pending")}
    assert item.lead_unit.code == "jtj"
    from shuniu.workdays.services import compute_deadline

    assert item.due_at == compute_deadline(item.received_at, "20 working days").due_at


def test_transition_not_allowed_in_this_state_is_a_conflict(make_item, demo_office):
    item = make_item()
    with pytest.raises(services.Conflict) as error:
        services.perform(item, "approve_close", demo_office["duban"], {})
    assert "不能执行“审核办结”" in error.value.message
    assert item.entries.count() == 2  # 立项 and 交办 only


def test_caller_without_the_right_relation_is_forbidden(make_item, demo_office):
    item = make_item()
    # The supervision section may not accept on behalf of the department.
    with pytest.raises(services.Forbidden):
        services.perform(item, "accept", demo_office["duban"], {})
    assert item.assignments.get(unit__code="jtj").status == Assignment.Status.PENDING


def test_a_unit_that_cannot_see_the_matter_gets_not_found(make_item, demo_office):
    item = make_item()
    with pytest.raises(services.NotFound):
        services.perform(item, "accept", demo_office["hbj_staff"], {})


def test_unknown_transition_is_not_found(make_item, demo_office):
    with pytest.raises(services.NotFound):
        services.perform(make_item(), "teleport", demo_office["duban"], {})


def test_missing_required_input_is_invalid_with_chinese_message_and_writes_nothing(make_item, demo_office):
    item = make_item()
    services.perform(item, "accept", demo_office["jtj_staff"], {})
    before = (Entry.objects.count(), Matter.objects.get(pk=item.pk).version)
    with pytest.raises(services.Invalid) as error:
        services.perform(item, "report_progress", demo_office["jtj_staff"], {"comment": ""})
    assert error.value.message == "进展情况：该字段是必填项。"
    assert "comment" in error.value.fields
    assert (Entry.objects.count(), Matter.objects.get(pk=item.pk).version) == before


def test_an_effect_that_fails_rolls_back_everything(make_item, demo_office):
    item = make_item(assist=["cgj"])
    item = services.perform(item, "return", demo_office["jtj_staff"], {"reason": "非我局职责，建议交城管局"})
    assert item.status == "registered" and item.lead_unit is None
    before = (Entry.objects.count(), Assignment.objects.count(), item.version)
    # Re-dispatching to cgj, which still holds an open assignment, fails inside the effect.
    with pytest.raises(services.Invalid) as error:
        services.perform(item, "dispatch", demo_office["duban"],
                         {"units": [{"unit": "zjj", "role": "lead"}, {"unit": "cgj", "role": "assist"}]})
    assert "不能重复交办" in error.value.message
    item.refresh_from_db()
    assert (Entry.objects.count(), Assignment.objects.count(), item.version) == before
    assert item.status == "registered"


def test_unknown_unit_in_dispatch_is_invalid(demo_office):
    from shuniu.supervision.services import create_item

    with pytest.raises(services.Invalid) as error:
        create_item(demo_office["duban"], {"title": "测试", "source": "meeting", "lead_unit": "nosuch"})
    assert "单位不存在" in error.value.message
    assert Matter.objects.count() == 0


def test_stale_version_is_a_conflict(make_item, demo_office):
    item = make_item()
    stale = item.version
    services.perform(item, "accept", demo_office["jtj_staff"], {})
    with pytest.raises(services.Conflict) as error:
        services.perform(item, "report_progress", demo_office["jtj_staff"], {"comment": "进展"}, version=stale)
    assert "已被他人处理" in error.value.message


def test_available_transitions_depend_on_state_and_caller(make_item, demo_office):
    item = make_item(assist=["cgj"])
    names = lambda user: {t.name for t in services.available_transitions(item, demo_office[user])}  # noqa: E731
    assert {"accept", "return", "request_extension"} <= names("jtj_staff")
    assert "approve_close" not in names("jtj_staff")
    assert "chase" in names("duban") and "accept" not in names("duban")
    assert names("hbj_staff") == set()
    assert "instruct" in names("vmayor2")  # 分管交通的副市长 may instruct
    assert "instruct" not in names("vmayor3")


def test_only_the_lead_units_head_may_request_closure(make_item, demo_office):
    item = make_item(assist=["cgj"])
    services.perform(item, "accept", demo_office["jtj_staff"], {})
    services.perform(item, "accept", demo_office["cgj_staff"], {})
    for user in ("jtj_staff", "cgj_head"):
        with pytest.raises(services.Forbidden):
            services.perform(item, "request_close", demo_office[user], {"reply": "已办结"})
    item = services.perform(item, "request_close", demo_office["jtj_head"], {"reply": "已完成线网优化"})
    assert item.status == "close_review"


def test_rejected_closure_reopens_the_lead_assignment(make_item, demo_office):
    item = make_item()
    services.perform(item, "accept", demo_office["jtj_staff"], {})
    services.perform(item, "request_close", demo_office["jtj_head"], {"reply": "已完成"})
    item = services.perform(item, "reject_close", demo_office["duban"], {"comment": "佐证材料不全，请补充"})
    assert item.status == "in_progress" and item.is_open
    assert item.assignments.get(unit__code="jtj").status == Assignment.Status.ACCEPTED


def test_closing_records_on_time_and_finishes_assignments(make_item, demo_office):
    item = make_item(assist=["cgj"])
    services.perform(item, "accept", demo_office["jtj_staff"], {})
    services.perform(item, "request_close", demo_office["jtj_head"], {"reply": "已完成"})
    item = services.perform(item, "approve_close", demo_office["duban"], {"comment": "同意办结"})
    assert not item.is_open and item.closed_on_time is True and item.closed_at is not None
    assert set(item.assignments.values_list("status", flat=True)) == {Assignment.Status.DONE}


def test_extension_is_limited_to_30_working_days_and_two_times(make_item, demo_office):
    item = make_item()
    staff, duban = demo_office["jtj_staff"], demo_office["duban"]
    services.perform(item, "accept", staff, {})
    with pytest.raises(services.Invalid) as error:
        services.perform(item, "request_extension", staff, {"days": 31, "reason": "工程量大"})
    assert "30个工作日" in error.value.message
    for _ in range(2):
        services.perform(item, "request_extension", staff, {"days": 10, "reason": "需协调征地"})
        services.perform(item, "approve_extension", duban, {"comment": "同意"})
    with pytest.raises(services.Invalid) as error:
        services.perform(item, "request_extension", staff, {"days": 5, "reason": "再延"})
    assert "上限" in error.value.message


def test_approved_extension_moves_the_deadline_by_working_days(make_item, demo_office):
    from shuniu.workdays.services import compute_deadline

    item = make_item()
    old_due = item.due_at
    services.perform(item, "accept", demo_office["jtj_staff"], {})
    services.perform(item, "request_extension", demo_office["jtj_staff"], {"days": 10, "reason": "需协调"})
    item = services.perform(item, "approve_extension", demo_office["duban"], {})
    assert item.due_at == compute_deadline(old_due, "10 working days").due_at
    assert item.assignments.get(unit__code="jtj").due_at == item.due_at


def test_a_persons_transition_cannot_be_taken_without_a_person(make_item):
    item = make_item()
    with pytest.raises(services.Forbidden):
        services.perform(item, "accept", None, {})
    assert item.assignments.get(unit__code="jtj").status == Assignment.Status.PENDING
