"""回访 with a satisfaction rating, and 重办 when the citizen is dissatisfied (configurable)."""

import datetime

import pytest
from django.utils import timezone

from shuniu.matters import services
from shuniu.matters.models import Feedback
from shuniu.matters.services import perform
from shuniu.workdays.services import compute_deadline


def test_the_call_back_records_the_citizens_rating(answered, demo_office):
    ticket = perform(answered(), "revisit", demo_office["rexian"], {"rating": "satisfied", "comment": "满意"})
    assert ticket.status == "revisited" and ticket.rating == "satisfied"
    assert ticket.ticket.revisited_at is not None
    assert Feedback.objects.get(matter=ticket).channel == "phone"


def test_a_rating_outside_the_scale_is_refused(answered, demo_office):
    with pytest.raises(services.Invalid):
        perform(answered(), "revisit", demo_office["rexian"], {"rating": "very_satisfied"})
    assert Feedback.objects.count() == 0


def test_a_department_does_not_call_back(answered, demo_office):
    with pytest.raises(services.Forbidden):
        perform(answered(), "revisit", demo_office["hbj_staff"], {"rating": "satisfied"})


def test_a_dissatisfied_ticket_is_reopened_to_the_lead_unit_with_a_new_deadline(answered, demo_office, clock):
    ticket = perform(answered(), "revisit", demo_office["rexian"], {"rating": "dissatisfied", "comment": "噪音仍在"})
    reopened_at = timezone.now() + datetime.timedelta(days=3)
    with clock(reopened_at):
        ticket = perform(ticket, "reopen", demo_office["rexian"], {"comment": "请重新核查夜间施工情况。"})
    assert ticket.status == "in_progress" and ticket.is_open and ticket.rating == ""
    assert ticket.closed_at is None and ticket.ticket.reopen_count == 1 and ticket.ticket.revisited_at is None
    assert ticket.due_at == compute_deadline(reopened_at, "5 working days").due_at
    lead = ticket.assignments.get()
    assert lead.status == "accepted" and lead.due_at == ticket.due_at


def test_a_satisfied_ticket_cannot_be_reopened(answered, demo_office):
    ticket = perform(answered(), "revisit", demo_office["rexian"], {"rating": "satisfied"})
    with pytest.raises(services.Forbidden):
        perform(ticket, "reopen", demo_office["rexian"], {"comment": "重办"})


def test_basically_satisfied_reopens_only_when_the_policy_says_so(answered, demo_office, policy):
    ticket = perform(answered(), "revisit", demo_office["rexian"], {"rating": "basically_satisfied"})
    with pytest.raises(services.Forbidden):
        perform(ticket, "reopen", demo_office["rexian"], {"comment": "重办"})
    policy(reopen_rule="not_satisfied")
    assert perform(ticket, "reopen", demo_office["rexian"], {"comment": "重办"}).status == "in_progress"


def test_a_ticket_is_reopened_at_most_as_often_as_the_policy_allows(answered, demo_office):
    ticket = perform(answered(), "revisit", demo_office["rexian"], {"rating": "dissatisfied"})
    ticket = perform(ticket, "reopen", demo_office["rexian"], {"comment": "重办"})
    ticket = perform(ticket, "reply", demo_office["hbj_staff"], {"reply": "已再次核查处理。"})
    ticket = perform(ticket, "approve_reply", demo_office["rexian"], {})
    ticket = perform(ticket, "revisit", demo_office["rexian"], {"rating": "dissatisfied"})
    with pytest.raises(services.Forbidden):
        perform(ticket, "reopen", demo_office["rexian"], {"comment": "再次重办"})


def test_a_department_cannot_reopen(answered, demo_office):
    ticket = perform(answered(), "revisit", demo_office["rexian"], {"rating": "dissatisfied"})
    with pytest.raises(services.Forbidden):
        perform(ticket, "reopen", demo_office["hbj_head"], {"comment": "重办"})


def test_a_direct_answer_reopened_goes_back_to_the_hotline_office(make_ticket, demo_office):
    ticket = perform(make_ticket(type="consult"), "answer_directly", demo_office["rexian"], {"reply": "答复内容。"})
    ticket = perform(ticket, "revisit", demo_office["rexian"], {"rating": "dissatisfied"})
    ticket = perform(ticket, "reopen", demo_office["rexian"], {"comment": "需派单核查。"})
    assert ticket.status == "registered" and not ticket.ticket.answered_directly
    assert perform(ticket, "dispatch", demo_office["rexian"], {"units": [{"unit": "hbj"}]}).status == "dispatched"


def test_reopening_needs_a_comment(answered, demo_office):
    ticket = perform(answered(), "revisit", demo_office["rexian"], {"rating": "dissatisfied"})
    with pytest.raises(services.Invalid):
        perform(ticket, "reopen", demo_office["rexian"], {"comment": ""})
    ticket.refresh_from_db()
    assert ticket.status == "revisited"


def test_the_ticket_page_shows_both_ratings_and_which_counts(answered, demo_office, client_for):
    from shuniu.hotline.services import record_citizen_rating

    ticket = perform(answered(), "revisit", demo_office["rexian"], {"rating": "satisfied"})
    record_citizen_rating(ticket, "dissatisfied", "噪音仍在")
    page = client_for(demo_office["rexian"]).get(f"/matters/{ticket.pk}/").content.decode()
    assert "回访评价</dt>" in page and "群众网上评价</dt>" in page
    call_back = page.index('id="ticket-rating-1"')
    assert page[call_back:call_back + 80].startswith('id="ticket-rating-1">满意（计入满意率）')
    web = page.index('id="ticket-rating-2"')
    assert page[web:web + 40].startswith('id="ticket-rating-2">不满意<')
