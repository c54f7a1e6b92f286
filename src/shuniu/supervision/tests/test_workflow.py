"""Every transition of a supervision item: who may take it, and who may NOT."""

import pytest

from shuniu.matters import services
from shuniu.matters.models import Assignment, Entry
from shuniu.matters.services import available_transitions


def names(item, user):
    return {t.name for t in available_transitions(item, user)}


def test_registration_dispatches_to_the_lead_and_assisting_units(make_item):
    item = make_item(lead="jtj", assist=["cgj"])
    assert item.status == "assigned" and item.lead_unit.code == "jtj"
    assert {(a.unit.code, a.role, a.status) for a in item.assignments.all()} == {
        ("jtj", "lead", "pending"), ("cgj", "assist", "pending")}
    assert list(item.entries.order_by("id").values_list("action", flat=True)) == ["register", "dispatch"]


def test_only_the_assigned_units_may_accept(make_item, act, users):
    item = make_item(assist=["cgj"])
    with pytest.raises(services.Forbidden):
        act(item, "accept", "duban")
    with pytest.raises(services.NotFound):
        act(item, "accept", "hbj_staff")
    item = act(item, "accept", "cgj_staff")
    assert item.status == "assigned", "an assisting unit's acceptance does not start the item"
    item = act(item, "accept", "jtj_staff")
    assert item.status == "in_progress"
    with pytest.raises(services.Conflict):
        act(item, "accept", "jtj_head")  # a colleague has just accepted: 409, the task moved on


def test_the_lead_units_return_sends_the_item_back_for_redispatch(make_item, act):
    item = make_item()
    with pytest.raises(services.Invalid):
        act(item, "return", "jtj_staff", {"reason": ""})
    item = act(item, "return", "jtj_staff", {"reason": "非我局职责，建议由城管局牵头"})
    assert item.status == "registered" and item.lead_unit is None
    with pytest.raises(services.Forbidden):
        act(item, "dispatch", "jtj_head", {"units": [{"unit": "cgj", "role": "lead"}]})
    item = act(item, "dispatch", "duban", {"units": [{"unit": "cgj", "role": "lead"}]})
    assert item.status == "assigned" and item.lead_unit.code == "cgj"


def test_progress_reports_need_an_accepted_assignment(make_item, act):
    item = make_item(assist=["cgj"])
    with pytest.raises(services.Forbidden):
        act(item, "report_progress", "jtj_staff", {"comment": "已开展调研"})
    act(item, "accept", "jtj_staff")
    act(item, "report_progress", "jtj_liaison", {"comment": "已完成线网调研"})
    with pytest.raises(services.Forbidden):
        act(item, "report_progress", "duban", {"comment": "代报"})
    with pytest.raises(services.Forbidden):
        act(item, "report_progress", "cgj_staff", {"comment": "未签收先反馈"})
    assert item.entries.filter(action="report_progress").get().data == {"unit": "jtj"}


def test_only_the_lead_units_head_may_request_closure(make_item, act):
    item = make_item(assist=["cgj"])
    act(item, "accept", "jtj_staff")
    act(item, "accept", "cgj_staff")
    for user in ("jtj_staff", "jtj_liaison", "cgj_head", "cgj_staff", "duban"):
        with pytest.raises(services.Forbidden):
            act(item, "request_close", user, {"reply": "已办结"})
    item = act(item, "request_close", "jtj_head", {"reply": "已完成线网优化，新开线路3条"})
    assert item.status == "close_review"
    assert item.assignments.get(unit__code="jtj").reply == "已完成线网优化，新开线路3条"


def test_closure_cannot_be_requested_before_the_lead_accepts(make_item, act):
    item = make_item()
    with pytest.raises(services.Conflict):
        act(item, "request_close", "jtj_head", {"reply": "已办结"})


def test_a_department_cannot_approve_or_reject_closure(make_item, act, users):
    item = make_item()
    act(item, "accept", "jtj_staff")
    act(item, "request_close", "jtj_head", {"reply": "已完成"})
    for user in ("jtj_head", "jtj_staff", "vmayor2"):
        with pytest.raises(services.Forbidden):
            act(item, "approve_close", user, {"comment": "同意"})
        with pytest.raises(services.Forbidden):
            act(item, "reject_close", user, {"comment": "不同意"})
    item.refresh_from_db()
    assert {"approve_close", "reject_close"} <= names(item, users["duban"])
    assert not {"approve_close", "reject_close"} & names(item, users["jtj_head"])


def test_supervision_section_approves_closure_on_time_with_its_opinion(make_item, act):
    item = make_item(assist=["cgj"])
    act(item, "accept", "jtj_staff")
    act(item, "request_close", "jtj_head", {"reply": "已完成"})
    item = act(item, "approve_close", "duban", {"comment": "经审核，同意办结"})
    assert item.status == "closed" and not item.is_open and item.closed_on_time is True
    assert item.supervision.close_review_opinion == "经审核，同意办结"
    assert set(item.assignments.values_list("status", flat=True)) == {Assignment.Status.DONE}
    with pytest.raises(services.Conflict):
        act(item, "report_progress", "jtj_staff", {"comment": "办结后再反馈"})


def test_an_office_leader_may_also_decide_closure(make_item, act):
    item = make_item()
    act(item, "accept", "jtj_staff")
    act(item, "request_close", "jtj_head", {"reply": "已完成"})
    item = act(item, "approve_close", "director", {})
    assert item.status == "closed"


def test_rejected_closure_needs_a_reason_and_reopens_the_lead(make_item, act):
    item = make_item()
    act(item, "accept", "jtj_staff")
    act(item, "request_close", "jtj_head", {"reply": "已完成"})
    before = Entry.objects.count()
    with pytest.raises(services.Invalid) as error:
        act(item, "reject_close", "duban", {"comment": ""})
    assert error.value.message == "意见：该字段是必填项。"
    assert Entry.objects.count() == before
    item = act(item, "reject_close", "duban", {"comment": "佐证材料不全，请补充后重新报送"})
    assert item.status == "in_progress" and item.is_open
    assert item.assignments.get(unit__code="jtj").status == Assignment.Status.ACCEPTED
    assert item.supervision.close_review_opinion == "佐证材料不全，请补充后重新报送"
    item = act(item, "request_close", "jtj_head", {"reply": "已补充佐证材料"})
    assert item.status == "close_review"


def test_extensions_are_decided_by_the_supervision_section_only(make_item, act):
    item = make_item()
    act(item, "accept", "jtj_staff")
    act(item, "request_extension", "jtj_staff", {"days": 10, "reason": "需协调征地"})
    for user in ("jtj_head", "vmayor2"):
        with pytest.raises(services.Forbidden):
            act(item, "approve_extension", user, {})
    with pytest.raises(services.Invalid):
        act(item, "request_extension", "jtj_staff", {"days": 5, "reason": "再次申请"})  # one at a time
    with pytest.raises(services.Invalid):
        act(item, "reject_extension", "duban", {"comment": ""})
    act(item, "reject_extension", "duban", {"comment": "理由不充分"})
    assert item.assignments.get(unit__code="jtj").extension == Assignment.Extension.REJECTED


def test_chasing_is_for_the_supervision_section_and_the_leaders_not_the_department(make_item, act):
    item = make_item()
    act(item, "chase", "duban", {"comment": "请加快办理"})
    act(item, "chase", "vmayor2", {"comment": "请抓紧"})
    with pytest.raises(services.Forbidden):
        act(item, "chase", "jtj_head", {"comment": "自己催自己"})
    with pytest.raises(services.NotFound):
        act(item, "chase", "vmayor3", {"comment": "不分管"})
    assert item.assignments.get(unit__code="jtj").chase_count == 2


def test_instructions_come_from_the_portfolio_and_principal_leaders(make_item, act):
    item = make_item()
    act(item, "instruct", "vmayor2", {"comment": "请抓紧推进，确保按期完成"})
    act(item, "instruct", "mayor", {"comment": "此事群众关注度高"})
    for user in ("duban", "jtj_head"):
        with pytest.raises(services.Forbidden):
            act(item, "instruct", user, {"comment": "批示"})
    with pytest.raises(services.NotFound):
        act(item, "instruct", "vmayor3", {"comment": "批示"})


def test_an_item_broken_down_cannot_close_while_a_child_is_open(make_item, act, users):
    from shuniu.supervision.services import break_down

    parent = make_item(lead="fgw", title="落实城乡基础设施补短板重点任务")
    break_down(parent, users["duban"], [{"title": "东城区完成补短板年度任务", "lead_unit": "qx1"}])
    act(parent, "accept", "fgw_staff")
    with pytest.raises(services.Invalid) as error:
        act(parent, "request_close", "fgw_head", {"reply": "已完成"})
    assert "子事项尚未办结" in error.value.message


def test_the_inbox_follows_the_item(make_item, act, users):
    from shuniu.matters.services import inbox

    def tasks(username):
        return [t.task for t in inbox(users[username])]

    item = make_item(assist=["cgj"])
    assert tasks("jtj_staff") == ["签收（主办）"] and tasks("cgj_staff") == ["签收（协办）"]
    act(item, "accept", "jtj_staff")
    assert tasks("jtj_head") == ["办理（主办）"]
    act(item, "request_close", "jtj_head", {"reply": "已完成"})
    assert tasks("duban") == ["办结审核"] and tasks("jtj_staff") == [] and tasks("cgj_staff") == []
    act(item, "reject_close", "duban", {"comment": "请补充材料"})
    assert tasks("jtj_staff") == ["办理（主办）"] and tasks("duban") == []
    other = make_item(title="整治背街小巷占道经营问题")
    act(other, "return", "jtj_staff", {"reason": "非我局职责"})
    assert tasks("duban") == ["重新交办"]
