"""答复 by the lead unit, 审核 by the hotline office, and what the citizen is then told."""

import datetime

import pytest
from django.utils import timezone

from shuniu.matters import services
from shuniu.matters.models import Entry, Todo
from shuniu.matters.services import perform

REPLY = "经现场核查，该工地已办理夜间施工许可，已责令其22时后停止高噪声作业。"


@pytest.fixture
def replied(dispatched, demo_office):
    def make(**kwargs):
        ticket = perform(dispatched(**kwargs), "accept", demo_office["hbj_staff"], {})
        return perform(ticket, "reply", demo_office["hbj_staff"], {"reply": REPLY})

    return make


def test_the_lead_units_reply_waits_for_the_hotline_offices_review(replied, demo_office):
    ticket = replied()
    assert ticket.status == "reply_review" and ticket.is_open
    assert ticket.assignments.get().reply == REPLY
    assert Todo.objects.get(matter=ticket).task == "答复审核"
    assert ticket.ticket.public_reply == ""


def test_approval_closes_the_ticket_on_time_and_tells_the_citizen(replied, demo_office):
    ticket = perform(replied(), "approve_reply", demo_office["rexian"], {"comment": "答复规范。"})
    assert ticket.status == "answered" and not ticket.is_open and ticket.closed_on_time is True
    assert ticket.ticket.public_reply == REPLY and ticket.ticket.answered_at == ticket.closed_at
    assert ticket.ticket.is_published  # the citizen allowed it and the office did not withhold it
    assert ticket.assignments.get().status == "done"
    assert Todo.objects.get(matter=ticket).task == "回访"


def test_the_reviewer_may_edit_the_reply_and_withhold_publication(replied, demo_office):
    ticket = perform(replied(), "approve_reply", demo_office["rexian"], {"reply": "您反映的问题已处理。", "publish": "no"})
    assert ticket.ticket.public_reply == "您反映的问题已处理。"
    assert not ticket.ticket.is_published
    assert ticket.entries.get(action="approve_reply").data["edited"] is True


def test_a_reply_approved_after_the_deadline_is_closed_late(replied, demo_office, clock):
    ticket = replied()
    with clock(ticket.due_at + datetime.timedelta(minutes=1)):
        ticket = perform(ticket, "approve_reply", demo_office["rexian"], {})
    assert ticket.closed_on_time is False


def test_a_department_cannot_approve_its_own_reply(replied, demo_office):
    ticket = replied()
    before = Entry.objects.count()
    for who in ("hbj_staff", "hbj_head"):
        with pytest.raises(services.Forbidden) as error:
            perform(ticket, "approve_reply", demo_office[who], {})
        assert error.value.message == "您无权对该事项执行“审核通过”"
    assert Entry.objects.count() == before
    ticket.refresh_from_db()
    assert ticket.status == "reply_review"


def test_a_rejected_reply_goes_back_to_the_lead_unit(replied, demo_office):
    ticket = perform(replied(), "reject_reply", demo_office["rexian"], {"comment": "请补充整改时限。"})
    assert ticket.status == "in_progress" and ticket.assignments.get().status == "accepted"
    ticket = perform(ticket, "reply", demo_office["hbj_staff"], {"reply": REPLY + "整改于本周五前完成。"})
    assert ticket.status == "reply_review"


def test_rejecting_a_reply_needs_a_comment(replied, demo_office):
    with pytest.raises(services.Invalid) as error:
        perform(replied(), "reject_reply", demo_office["rexian"], {"comment": ""})
    assert error.value.message.startswith("意见：")


def test_an_assisting_units_reply_does_not_move_the_ticket(dispatched, demo_office):
    ticket = dispatched(assist=["cgj"])
    perform(ticket, "accept", demo_office["hbj_staff"], {})
    perform(ticket, "accept", demo_office["cgj_staff"], {})
    ticket = perform(ticket, "reply", demo_office["cgj_staff"], {"reply": "城管局已配合夜间巡查。"})
    assert ticket.status == "in_progress"


def test_reply_is_not_possible_before_acceptance(dispatched, demo_office):
    with pytest.raises(services.Forbidden):
        perform(dispatched(), "reply", demo_office["hbj_staff"], {"reply": REPLY})


def test_the_journal_tells_the_whole_story_in_order(answered, demo_office):
    ticket = answered()
    assert list(ticket.entries.order_by("at", "id").values_list("action_label", flat=True)) == [
        "电话受理", "派单", "签收", "答复", "审核通过"]
    assert timezone.localtime(ticket.entries.last().at) <= timezone.localtime(timezone.now())
