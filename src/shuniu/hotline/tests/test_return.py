"""退回: a department sends a misrouted ticket back within the window (default 2 working days)."""

import datetime

import pytest
from django.utils import timezone

from shuniu.matters import services
from shuniu.matters.models import Assignment, Entry
from shuniu.matters.services import perform
from shuniu.workdays.services import compute_deadline

MONDAY = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))
REASON = {"reason": "经核实，该事项属城市管理局职责，建议改派。"}


@pytest.fixture
def dispatched_monday(dispatched, clock):
    def make(**kwargs):
        with clock(MONDAY):
            return dispatched(received_at=(MONDAY - datetime.timedelta(hours=1)).isoformat(), **kwargs)

    return make


def test_a_lead_return_within_2_working_days_sends_the_ticket_back_for_dispatch(dispatched_monday, demo_office, clock):
    ticket = dispatched_monday(assist=["cgj"])
    limit = compute_deadline(MONDAY, "2 working days").due_at
    assert timezone.localtime(limit) == timezone.make_aware(datetime.datetime(2026, 3, 4, 23, 59, 59))
    with clock(limit - datetime.timedelta(seconds=1)):
        ticket = perform(ticket, "return", demo_office["hbj_staff"], REASON)
    assert ticket.status == "registered" and ticket.lead_unit is None
    statuses = {a.unit.code: a.status for a in ticket.assignments.all()}
    assert statuses == {"hbj": "returned", "cgj": "cancelled"}
    assert ticket.assignments.get(unit__code="hbj").return_reason == REASON["reason"]


def test_a_return_after_the_window_is_refused_and_nothing_changes(dispatched_monday, demo_office, clock):
    ticket = dispatched_monday()
    limit = compute_deadline(MONDAY, "2 working days").due_at
    before = Entry.objects.count()
    with clock(limit + datetime.timedelta(seconds=1)), pytest.raises(services.Invalid) as error:
        perform(ticket, "return", demo_office["hbj_staff"], REASON)
    assert error.value.message == "已超过退回时限（派单后2个工作日内），不能退回，请与市长公开电话办公室协调"
    assert Entry.objects.count() == before
    assert Assignment.objects.get().status == "pending"


def test_the_return_window_is_configurable(dispatched_monday, demo_office, clock, policy):
    policy(return_window_days=1)
    ticket = dispatched_monday()
    with clock(timezone.make_aware(datetime.datetime(2026, 3, 4, 9, 0))), pytest.raises(services.Invalid) as error:
        perform(ticket, "return", demo_office["hbj_staff"], REASON)
    assert "派单后1个工作日内" in error.value.message


def test_a_return_needs_a_reason(dispatched, demo_office):
    ticket = dispatched()
    with pytest.raises(services.Invalid) as error:
        perform(ticket, "return", demo_office["hbj_staff"], {"reason": ""})
    assert "理由" in error.value.message
    assert ticket.assignments.get().status == "pending"


def test_an_assisting_units_return_leaves_the_ticket_with_the_lead(dispatched, demo_office):
    ticket = perform(dispatched(assist=["cgj"]), "return", demo_office["cgj_staff"], REASON)
    assert ticket.status == "dispatched" and ticket.lead_unit.code == "hbj"
    assert ticket.assignments.get(unit__code="cgj").status == "returned"


def test_a_returned_ticket_can_be_dispatched_again_to_the_right_unit(dispatched, demo_office):
    ticket = perform(dispatched(lead="jtj"), "return", demo_office["jtj_staff"], REASON)
    ticket = perform(ticket, "dispatch", demo_office["rexian"], {"units": [{"unit": "cgj"}]})
    assert ticket.status == "dispatched" and ticket.lead_unit.code == "cgj"
