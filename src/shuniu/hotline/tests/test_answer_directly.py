"""直接办结: the hotline answers a consultation itself from the knowledge base."""

import pytest

from shuniu.matters import services
from shuniu.matters.models import Assignment
from shuniu.matters.services import perform

ANSWER = "住房公积金提取可通过市住房公积金管理中心网上服务大厅办理，需提供身份证和购房合同。"


def test_a_consultation_answered_directly_is_closed_without_dispatch(make_ticket, demo_office):
    ticket = make_ticket(type="consult", title="咨询住房公积金提取手续", wants_public=True)
    ticket = perform(ticket, "answer_directly", demo_office["rexian"], {"reply": ANSWER})
    assert ticket.status == "answered" and not ticket.is_open and ticket.closed_on_time
    assert ticket.ticket.answered_directly and ticket.ticket.public_reply == ANSWER
    assert ticket.ticket.is_published
    assert Assignment.objects.count() == 0 and ticket.lead_unit is None


def test_answering_directly_needs_the_answer(make_ticket, demo_office):
    ticket = make_ticket()
    with pytest.raises(services.Invalid) as error:
        perform(ticket, "answer_directly", demo_office["rexian"], {"reply": " "})
    assert error.value.fields["reply"] == ["请填写答复内容"]
    ticket.refresh_from_db()
    assert ticket.status == "registered"


def test_a_dispatched_ticket_can_no_longer_be_answered_directly(dispatched, demo_office):
    with pytest.raises(services.Conflict) as error:
        perform(dispatched(), "answer_directly", demo_office["rexian"], {"reply": ANSWER})
    assert error.value.message == "事项当前状态为“已派单”，不能执行“直接办结”"
