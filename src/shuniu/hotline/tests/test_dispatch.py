"""派单, 签收 and who may not act on a ticket."""

import datetime

import pytest
from django.utils import timezone

from shuniu.matters import services
from shuniu.matters.models import Assignment, Entry, Todo
from shuniu.matters.services import perform


def test_dispatch_gives_the_lead_and_assisting_units_the_tickets_deadline(dispatched):
    ticket = dispatched(lead="hbj", assist=["cgj"])
    assert ticket.status == "dispatched" and ticket.lead_unit.code == "hbj"
    roles = {a.unit.code: (a.role, a.status, a.due_at) for a in ticket.assignments.all()}
    assert roles == {"hbj": ("lead", "pending", ticket.due_at), "cgj": ("assist", "pending", ticket.due_at)}
    entry = ticket.entries.get(action="dispatch")
    assert entry.data["units"] == [{"unit": "hbj", "role": "lead"}, {"unit": "cgj", "role": "assist"}]


def test_dispatch_with_an_explicit_deadline_sets_it(make_ticket, demo_office):
    ticket = make_ticket()
    due = (timezone.now() + datetime.timedelta(days=3)).replace(microsecond=0)
    ticket = perform(ticket, "dispatch", demo_office["rexian"],
                     {"units": [{"unit": "hbj", "role": "lead"}], "due_at": due.isoformat()})
    assert ticket.due_at == due
    assert ticket.assignments.get().due_at == due


def test_dispatch_with_a_deadline_in_the_past_is_refused(make_ticket, demo_office):
    ticket = make_ticket()
    past = timezone.now() - datetime.timedelta(hours=1)
    with pytest.raises(services.Invalid) as error:
        perform(ticket, "dispatch", demo_office["rexian"], {"units": [{"unit": "hbj"}], "due_at": past.isoformat()})
    assert error.value.fields["due_at"] == ["办理时限必须晚于当前时间"]
    assert Assignment.objects.count() == 0


def test_dispatch_may_set_the_category_of_a_web_message(message, demo_office):
    from shuniu.hotline.services import register_ticket

    ticket = register_ticket(None, message, public=True)
    ticket = perform(ticket, "dispatch", demo_office["rexian"], {"units": [{"unit": "hbj"}], "category": "environment"})
    assert ticket.category == "environment"


def test_dispatch_without_a_unit_is_refused_in_chinese(make_ticket, demo_office):
    with pytest.raises(services.Invalid) as error:
        perform(make_ticket(), "dispatch", demo_office["rexian"], {"units": []})
    assert error.value.message == "承办单位：请选择承办单位"


def test_the_lead_units_staff_accepts_and_the_ticket_is_in_progress(dispatched, demo_office):
    ticket = perform(dispatched(), "accept", demo_office["hbj_staff"], {})
    assert ticket.status == "in_progress"
    assert ticket.assignments.get().status == "accepted"


def test_an_assisting_units_acceptance_leaves_the_ticket_waiting_for_the_lead(dispatched, demo_office):
    ticket = perform(dispatched(assist=["cgj"]), "accept", demo_office["cgj_staff"], {})
    assert ticket.status == "dispatched"


def test_a_departments_inbox_shows_the_ticket_to_accept(dispatched, demo_office):
    ticket = dispatched()
    todo = Todo.objects.get(matter=ticket, unit__code="hbj")
    assert todo.task == "签收（主办）"
    assert services.inbox(demo_office["hbj_staff"]).filter(matter=ticket).exists()
    assert not services.inbox(demo_office["jtj_staff"]).filter(matter=ticket).exists()


def test_jtj_staff_cannot_act_on_a_ticket_dispatched_to_hbj(dispatched, demo_office):
    ticket = dispatched(lead="hbj")
    before = Entry.objects.count()
    for name in ("accept", "return", "reply"):
        with pytest.raises(services.NotFound):
            perform(ticket, name, demo_office["jtj_staff"], {"reason": "x", "reply": "x"})
    assert Entry.objects.count() == before


def test_the_hotline_operator_cannot_accept_for_a_department(dispatched, demo_office):
    ticket = dispatched()
    with pytest.raises(services.Forbidden) as error:
        perform(ticket, "accept", demo_office["rexian"], {})
    assert error.value.message == "您无权对该事项执行“签收”"
    assert ticket.assignments.get().status == "pending"


def test_a_department_cannot_dispatch_or_answer_a_ticket_it_was_not_given(make_ticket, demo_office):
    ticket = make_ticket()
    for name in ("dispatch", "answer_directly", "merge"):
        with pytest.raises(services.NotFound):
            perform(ticket, name, demo_office["hbj_head"], {"units": [{"unit": "hbj"}], "reply": "x", "into": "x"})


def test_the_office_director_oversees_and_may_dispatch(make_ticket, demo_office):
    ticket = perform(make_ticket(), "dispatch", demo_office["director"], {"units": [{"unit": "jtj"}]})
    assert ticket.lead_unit.code == "jtj"


def test_the_hotline_office_may_chase_an_assigned_unit(dispatched, demo_office):
    ticket = perform(dispatched(), "chase", demo_office["rexian"], {"comment": "请抓紧办理。"})
    assert ticket.chase_count == 1
    with pytest.raises(services.Forbidden):
        perform(ticket, "chase", demo_office["hbj_staff"], {"comment": "x"})
