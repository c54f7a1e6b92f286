"""办理时限: 20 working days from dispatch unless a date is given; at most two extensions of at most
30 working days each."""

import datetime

import pytest
from django.utils import timezone

from shuniu.matters import services
from shuniu.matters.models import Entry, Matter
from shuniu.workdays.services import compute_deadline, count_working_days

from .conftest import aware, clock


def test_default_deadline_is_20_working_days_after_dispatch(make_item):
    item = make_item()
    dispatched = item.entries.get(action="dispatch").at
    assert item.due_at == compute_deadline(dispatched, "20 working days").due_at
    assert count_working_days(timezone.localtime(dispatched).date(), timezone.localtime(item.due_at).date()) == 20
    assert timezone.localtime(item.due_at).time() == datetime.time(23, 59, 59)
    assert {a.due_at for a in item.assignments.all()} == {item.due_at}


def test_default_deadline_skips_the_national_day_holiday(make_item):
    # Registered on Friday 25 September 2026: 国庆节 and 中秋节 (1–8 October) are not working days.
    with clock(aware(2026, 9, 25, 10, 0)):
        item = make_item()
    due = timezone.localtime(item.due_at).date()
    assert due > datetime.date(2026, 10, 23)  # 20 weekdays would have been 23 October
    assert count_working_days(datetime.date(2026, 9, 25), due) == 20


def test_an_explicit_due_date_ends_at_the_close_of_that_day(make_item):
    day = timezone.localdate() + datetime.timedelta(days=45)
    item = make_item(due_date=day)
    local = timezone.localtime(item.due_at)
    assert (local.date(), local.time()) == (day, datetime.time(23, 59, 59))
    assert item.assignments.get(unit__code="jtj").due_at == item.due_at


def test_a_due_date_in_the_past_is_refused_and_nothing_is_written(make_item):
    with pytest.raises(services.Invalid) as error:
        make_item(due_date=timezone.localdate() - datetime.timedelta(days=1))
    assert error.value.message == "办理时限：办理时限不能早于今天"
    assert Matter.objects.count() == Entry.objects.count() == 0


def test_an_extension_is_at_most_30_working_days(make_item, act):
    item = make_item()
    act(item, "accept", "jtj_staff")
    with pytest.raises(services.Invalid) as error:
        act(item, "request_extension", "jtj_staff", {"days": 31, "reason": "工程量大"})
    assert error.value.message == "延期不能超过30个工作日"
    act(item, "request_extension", "jtj_staff", {"days": 30, "reason": "工程量大"})


def test_an_item_is_extended_at_most_twice(make_item, act):
    item = make_item()
    act(item, "accept", "jtj_staff")
    for _ in range(2):
        act(item, "request_extension", "jtj_staff", {"days": 10, "reason": "需协调征地"})
        act(item, "approve_extension", "duban", {"comment": "同意"})
    with pytest.raises(services.Invalid) as error:
        act(item, "request_extension", "jtj_staff", {"days": 5, "reason": "再延"})
    assert error.value.message == "延期次数已达上限，不能再申请延期"
    assert item.assignments.get(unit__code="jtj").extension_count == 2


def test_an_approved_extension_moves_the_deadline_by_working_days(make_item, act):
    item = make_item()
    old_due = item.due_at
    act(item, "accept", "jtj_staff")
    act(item, "request_extension", "jtj_staff", {"days": 10, "reason": "需协调"})
    item = act(item, "approve_extension", "duban", {})
    assert item.due_at == compute_deadline(old_due, "10 working days").due_at
    assert item.assignments.get(unit__code="jtj").due_at == item.due_at


def test_closing_after_the_deadline_is_recorded_as_late(make_item, act):
    with clock(aware(2026, 3, 2, 9, 0)):
        item = make_item(due_date=datetime.date(2026, 3, 20))
        act(item, "accept", "jtj_staff")
    with clock(aware(2026, 3, 24, 10, 0)):
        act(item, "request_close", "jtj_head", {"reply": "已完成"})
        item = act(item, "approve_close", "duban", {})
    assert item.closed_on_time is False
