"""延期: one extension per assignment, at most 10 working days, approved by the hotline office."""

import datetime

import pytest
from django.utils import timezone

from shuniu.matters import services
from shuniu.matters.models import Assignment, Entry
from shuniu.matters.services import perform
from shuniu.workdays.services import compute_deadline

REASON = "涉及多个部门协调，需现场核查。"


@pytest.fixture
def in_progress(dispatched, demo_office):
    def make(**kwargs):
        return perform(dispatched(**kwargs), "accept", demo_office["hbj_staff"], {})

    return make


def test_an_approved_extension_moves_the_deadline_by_the_working_days_asked(in_progress, demo_office):
    ticket = in_progress()
    old_due = ticket.due_at
    ticket = perform(ticket, "request_extension", demo_office["hbj_staff"], {"days": 10, "reason": REASON})
    assert ticket.assignments.get().extension == "requested"
    ticket = perform(ticket, "approve_extension", demo_office["rexian"], {})
    expected = compute_deadline(old_due, "10 working days").due_at
    assignment = ticket.assignments.get()
    assert assignment.due_at == expected and assignment.extension_count == 1
    assert ticket.due_at == expected


def test_an_extension_of_more_than_10_working_days_is_refused(in_progress, demo_office):
    ticket = in_progress()
    before = Entry.objects.count()
    with pytest.raises(services.Invalid) as error:
        perform(ticket, "request_extension", demo_office["hbj_staff"], {"days": 11, "reason": REASON})
    assert error.value.message == "延期不能超过10个工作日"
    assert error.value.fields == {"days": ["延期不能超过10个工作日"]}
    assert Entry.objects.count() == before and Assignment.objects.get().extension == ""


def test_only_one_extension_is_allowed(in_progress, demo_office):
    ticket = in_progress()
    perform(ticket, "request_extension", demo_office["hbj_staff"], {"days": 5, "reason": REASON})
    perform(ticket, "approve_extension", demo_office["rexian"], {})
    with pytest.raises(services.Invalid) as error:
        perform(ticket, "request_extension", demo_office["hbj_staff"], {"days": 2, "reason": REASON})
    assert error.value.message == "延期次数已达上限（每件最多延期1次），不能再申请延期"


def test_the_extension_limits_are_configurable(in_progress, demo_office, policy):
    policy(max_extensions=2, extension_max_days=15)
    ticket = in_progress()
    perform(ticket, "request_extension", demo_office["hbj_staff"], {"days": 15, "reason": REASON})
    perform(ticket, "approve_extension", demo_office["rexian"], {})
    perform(ticket, "request_extension", demo_office["hbj_staff"], {"days": 3, "reason": REASON})
    perform(ticket, "approve_extension", demo_office["rexian"], {})
    assert Assignment.objects.get().extension_count == 2


def test_a_rejected_extension_keeps_the_deadline(in_progress, demo_office):
    ticket = in_progress()
    due = ticket.due_at
    perform(ticket, "request_extension", demo_office["hbj_staff"], {"days": 5, "reason": REASON})
    ticket = perform(ticket, "reject_extension", demo_office["rexian"], {"comment": "诉求简单，应按期办结。"})
    assert ticket.due_at == due and ticket.assignments.get().extension == "rejected"


def test_a_department_cannot_approve_its_own_extension(in_progress, demo_office):
    ticket = in_progress()
    perform(ticket, "request_extension", demo_office["hbj_staff"], {"days": 5, "reason": REASON})
    for who in ("hbj_staff", "hbj_head"):
        with pytest.raises(services.Forbidden):
            perform(ticket, "approve_extension", demo_office[who], {})
    assert Assignment.objects.get().extension == "requested"


def test_deadlines_and_extensions_count_working_days_across_the_national_day_holiday(dispatched, demo_office, clock):
    # 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked (调休).
    received = timezone.make_aware(datetime.datetime(2025, 9, 26, 9, 0))
    with clock(received + datetime.timedelta(hours=1)):
        ticket = dispatched(received_at=received.isoformat())
        assert timezone.localtime(ticket.due_at) == timezone.make_aware(datetime.datetime(2025, 10, 10, 23, 59, 59))
        ticket = perform(ticket, "accept", demo_office["hbj_staff"], {})
        perform(ticket, "request_extension", demo_office["hbj_staff"], {"days": 3, "reason": REASON})
        ticket = perform(ticket, "approve_extension", demo_office["rexian"], {})
    assert timezone.localtime(ticket.due_at) == timezone.make_aware(datetime.datetime(2025, 10, 14, 23, 59, 59))
