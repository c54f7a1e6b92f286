"""受理: registering a ticket from every channel, its deadline by urgency, and bad input."""

import datetime

import pytest
from django.utils import timezone

from shuniu.hotline.models import Ticket
from shuniu.hotline.services import register_ticket
from shuniu.matters import services
from shuniu.matters.models import Entry, Matter
from shuniu.workdays.services import compute_deadline

MONDAY = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))


def _received(make_ticket, **fields):
    return make_ticket(received_at=MONDAY.isoformat(), **fields)


def test_a_normal_ticket_is_due_in_5_working_days(make_ticket):
    ticket = _received(make_ticket)
    assert timezone.localtime(ticket.due_at) == timezone.make_aware(datetime.datetime(2026, 3, 9, 23, 59, 59))
    assert ticket.received_at == MONDAY


def test_the_working_day_deadline_skips_the_national_day_holiday(make_ticket):
    received = timezone.make_aware(datetime.datetime(2025, 9, 30, 15, 0))
    ticket = make_ticket(received_at=received.isoformat())
    expected = compute_deadline(received, "5 working days").due_at
    assert ticket.due_at == expected
    assert timezone.localtime(ticket.due_at).date() > datetime.date(2025, 10, 8)


def test_an_urgent_ticket_is_due_in_24_hours(make_ticket):
    ticket = _received(make_ticket, urgency="urgent")
    assert ticket.due_at == MONDAY + datetime.timedelta(hours=24)


def test_a_very_urgent_ticket_is_due_in_2_hours(make_ticket):
    ticket = _received(make_ticket, urgency="very_urgent")
    assert ticket.due_at == MONDAY + datetime.timedelta(hours=2)


def test_the_deadlines_follow_the_configured_policy(make_ticket, policy):
    policy(handle_days=3, urgent_hours=12, very_urgent_hours=1)
    assert timezone.localtime(_received(make_ticket).due_at).date() == datetime.date(2026, 3, 5)
    assert _received(make_ticket, urgency="urgent").due_at == MONDAY + datetime.timedelta(hours=12)
    assert _received(make_ticket, urgency="very_urgent").due_at == MONDAY + datetime.timedelta(hours=1)


def test_a_phone_call_is_registered_with_a_query_code_and_journaled(make_ticket, demo_office):
    matter = make_ticket()
    ticket = matter.ticket
    assert matter.kind == "hotline" and matter.serial.startswith("RX")
    assert matter.status == "registered" and matter.owner_unit.code == "rxb"
    assert len(ticket.query_code) == 10 and ticket.query_code.isalnum()
    assert not set(ticket.query_code) & set("01IO")
    assert ticket.channel == "phone" and ticket.citizen_name == "王建华" and ticket.phone == "13912345678"
    entry = matter.entries.get()
    assert (entry.action, entry.action_label, entry.actor) == ("register", "电话受理", demo_office["rexian"])
    assert "噪音" in ticket.keywords.split()


def test_a_citizens_web_message_needs_no_account_and_has_no_category_yet(message):
    matter = register_ticket(None, message, public=True)
    assert matter.created_by is None and matter.category == ""
    assert matter.ticket.channel == "web"
    assert matter.entries.get().action_label == "网上留言受理"


def test_the_mailbox_channel_is_labelled_as_the_mayors_mailbox(message):
    matter = register_ticket(None, {**message, "channel": "mailbox"}, public=True)
    assert matter.ticket.channel == "mailbox"
    assert matter.entries.get().action_label == "市长信箱受理"


def test_an_anonymous_caller_is_recorded_as_anonymous(make_ticket):
    assert make_ticket(name="").ticket.citizen_name == "匿名"


def test_a_landline_number_with_area_code_is_accepted(make_ticket):
    assert make_ticket(phone="0731-84567890").ticket.phone == "0731-84567890"


def test_a_full_width_mobile_number_with_country_code_is_normalised(make_ticket):
    assert make_ticket(phone="+86 １３９１２３４５６７８").ticket.phone == "13912345678"


@pytest.mark.parametrize(("field", "value", "message_text"), [
    ("phone", "12345678901", "联系电话格式不正确，请填写11位手机号码或带区号的固定电话（如0731-84567890）"),
    ("phone", "", "请填写联系电话"),
    ("title", "", "请填写标题"),
    ("title", "噪音", "标题不能少于4个字"),
    ("title", "长" * 101, "标题不能超过100个字"),
    ("content", "太吵了", "内容不能少于10个字"),
    ("type", "praise", "诉求类型不正确，应为咨询、求助、投诉、举报或建议"),
    ("category", "", "请选择诉求分类"),
    ("urgency", "asap", "紧急程度只能是平件、加急或特急"),
])
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(make_ticket, field, value, message_text):
    with pytest.raises(services.Invalid) as error:
        make_ticket(**{field: value})
    assert message_text in error.value.fields[field]
    assert message_text in error.value.message
    assert Matter.objects.count() == 0 and Ticket.objects.count() == 0 and Entry.objects.count() == 0


def test_a_received_time_in_the_future_is_refused(make_ticket):
    later = timezone.now() + datetime.timedelta(hours=1)
    with pytest.raises(services.Invalid) as error:
        make_ticket(received_at=later.isoformat())
    assert error.value.fields["received_at"] == ["受理时间不能晚于当前时间"]
    assert Matter.objects.count() == 0


def test_a_department_may_not_register_hotline_tickets(demo_office, message):
    with pytest.raises(services.Forbidden) as error:
        register_ticket(demo_office["hbj_staff"], {**message, "category": "environment"})
    assert error.value.message == "只有市长公开电话办公室工作人员可以登记热线工单"
    assert Matter.objects.count() == 0


def test_the_three_administrators_may_not_register_tickets(demo_office, message):
    with pytest.raises(services.Forbidden):
        register_ticket(demo_office["admin"], {**message, "category": "environment"})


def test_a_message_the_portal_accepted_keeps_its_code_and_promised_date(message):
    """The portal gave the citizen a query code and an answer date before registration."""
    promised = timezone.make_aware(datetime.datetime(2027, 1, 8, 23, 59, 59))
    seen = []
    matter = register_ticket(None, message, public=True, received_at=MONDAY, query_code="PQRSTUVW23",
                             due_at=promised, due_uncertain=True, in_transaction=seen.append)
    matter.refresh_from_db()
    assert matter.ticket.query_code == "PQRSTUVW23" and seen == [matter]
    assert (matter.received_at, matter.due_at, matter.due_uncertain) == (MONDAY, promised, True)


def test_what_fails_inside_the_registration_undoes_it(message):
    def refuse(matter):
        raise services.Conflict("已由其他任务登记")

    with pytest.raises(services.Conflict):
        register_ticket(None, message, public=True, in_transaction=refuse)
    assert Matter.objects.count() == 0 and Ticket.objects.count() == 0 and Entry.objects.count() == 0
