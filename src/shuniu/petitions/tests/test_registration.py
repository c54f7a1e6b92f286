"""登记: group visits, repeat petitions, the same request after 复核, and input checks."""

from __future__ import annotations

import pytest

from shuniu.matters import services as engine
from shuniu.matters.models import Matter
from shuniu.petitions.models import Document, Petition
from shuniu.petitions.services import REPEAT_WINDOW_DAYS, register_petition

from .conftest import PETITION, T0, days, frozen

OTHER = {
    "petitioner_name": "李秀英",
    "petitioner_phone": "13788886666",
    "title": "反映孩子入学难问题",
    "content": "我家孩子今年适龄入学，户籍在西城区，但被告知学位已满，请求教育部门协调解决入学问题。",
    "category": "claim",
}


def detail(matter) -> Petition:
    return Petition.objects.get(pk=matter.pk)


def test_group_visit_at_5_people(register):
    five = register(people_count=5)
    assert detail(five).is_group is True
    assert five.entries.get(action="register").data["group_visit"] is True


def test_four_people_is_not_a_group_visit(register):
    four = register(people_count=4)
    assert detail(four).is_group is False


def test_a_jointly_signed_letter_is_not_a_group_visit(register):
    letter = register(channel="letter", people_count=12)
    assert detail(letter).is_group is False


def test_repeat_petitions_are_linked_to_the_first_and_counted(register):
    first = register()
    second = register(at=T0 + days(20), channel="phone", title="再次反映城东化工厂夜间排放刺鼻气体问题",
                      content="化工厂夜间排气问题仍未解决，城东新村小区居民深受其扰，请求尽快查处。")
    # Someone else sends nearly the same text: linked by content.
    third = register(at=T0 + days(30), channel="online", petitioner_name="赵丽", petitioner_phone="13600001111")
    assert detail(second).repeat_of_id == first.pk
    assert detail(second).repeat_basis == "phone"
    assert detail(third).repeat_of_id == first.pk
    assert detail(third).repeat_basis == "content"
    assert [detail(second).repeat_seq, detail(third).repeat_seq] == [1, 2]
    assert detail(first).repeat_count == 2
    assert detail(third).repeat_total == 3
    assert second.entries.get(action="register").data["repeat_of"] == first.serial


def test_unrelated_petitions_are_not_linked(register):
    first = register()
    other = register(at=T0 + days(3), **OTHER)
    assert detail(other).repeat_of_id is None
    # The first petitioner writes about another matter: same phone, but not the same matter.
    school = {**OTHER, "petitioner_name": "王建华", "petitioner_phone": PETITION["petitioner_phone"],
              "title": "反映村道破损影响出行的问题", "content": "临江县河口村通村道路破损严重，雨天积水无法通行，请求交通部门修复。"}
    assert detail(register(at=T0 + days(4), **school)).repeat_of_id is None
    assert detail(first).repeat_count == 0


def test_petitions_outside_the_window_are_not_linked(register):
    register()
    later = register(at=T0 + days(REPEAT_WINDOW_DAYS + 1))
    assert detail(later).repeat_of_id is None


def test_desk_can_link_a_repeat_by_serial(register):
    first = register()
    second = register(at=T0 + days(5), repeat_of=first.serial.lower(), **OTHER)
    assert detail(second).repeat_of_id == first.pk
    assert detail(second).repeat_basis == "manual"


def _conclude(replied, act):
    matter = replied()
    act(matter, "request_review", "xinfang", T0 + days(20), reason="不服处理意见。")
    act(matter, "decide_review", "xinfang", T0 + days(30), decision="uphold", opinion="经复查，维持原处理意见。")
    act(matter, "request_recheck", "xinfang", T0 + days(40), reason="不服复查意见。")
    return act(matter, "decide_recheck", "xinfang", T0 + days(50), decision="uphold", opinion="经复核，维持复查意见。")


def test_same_request_after_recheck_is_refused(replied, act, register):
    concluded = _conclude(replied, act)
    assert concluded.status == "closed"

    again = register(at=T0 + days(300))
    p = detail(again)
    assert again.status == "refused"
    assert again.is_open is False
    assert "不再受理" in p.refusal_reason
    assert "复核终结" in p.refusal_reason
    assert p.repeat_of_id == concluded.pk
    assert Document.objects.filter(petition=p, kind="refusal_notice").exists()
    assert again.entries.filter(action="refuse").exists()
    # It cannot be forwarded: the decision is final.
    with pytest.raises(engine.Conflict):
        act(again, "dispatch", "xinfang", T0 + days(301), units=["hbj"], mode="assign")
    # Nor can the concluded petition be taken to 复核 again.
    with pytest.raises(engine.Conflict):
        act(concluded, "request_recheck", "xinfang", T0 + days(301), reason="再次请求复核。")


def test_same_request_with_new_facts_is_registered(replied, act, register):
    _conclude(replied, act)
    again = register(at=T0 + days(300), new_facts=True)
    assert again.status == "registered"
    assert detail(again).new_facts is True


def test_refuse_needs_a_concluded_matter(register, act):
    matter = register()
    with pytest.raises(engine.Invalid) as error:
        act(matter, "refuse", "xinfang", T0 + days(1), reason="不再受理。")
    assert "复核终结" in error.value.message


def test_repeat_while_the_first_is_handled_is_told_to_wait(handling, register, act):
    first = handling()
    second = register(at=T0 + days(10))
    assert detail(second).repeat_of_id == first.pk
    closed = act(second, "close_as_repeat", "xinfang", T0 + days(11), comment="原信访事项正在办理期限内。")
    assert closed.status == "merged"
    alone = register(at=T0 + days(12), **OTHER)
    with pytest.raises(engine.Invalid):
        act(alone, "close_as_repeat", "xinfang", T0 + days(12), comment="重复。")


def test_a_department_cannot_register(people):
    before = Matter.objects.count()
    with frozen(T0), pytest.raises(engine.Forbidden):
        register_petition(people["hbj_staff"], PETITION)
    assert Matter.objects.count() == before


@pytest.mark.parametrize(("field", "value", "message"), [
    ("channel", "email", "信访形式只能是来信、来访、网上信访、来电或传真"),
    ("category", "complaint", "信访类别只能是建议意见、检举控告或申诉求决"),
    ("title", "", "请填写信访事项"),
    ("petitioner_phone", "12345", "联系电话格式不正确"),
    ("people_count", 0, "人数至少为1人"),
    ("petitioner_id_number", "110101199003070000", "身份证号码不正确"),
])
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(people, field, value, message):
    before = Matter.objects.count()
    with pytest.raises(engine.Invalid) as error:
        register_petition(people["xinfang"], {**PETITION, field: value})
    assert message in error.value.message
    assert error.value.fields[field]
    assert Matter.objects.count() == before


def test_a_valid_id_number_is_accepted(register):
    matter = register(petitioner_id_number="11010519491231002x")
    assert detail(matter).petitioner_id_number == "11010519491231002X"
