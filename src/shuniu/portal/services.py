"""The public side of citizens' messages: submit, track by query code + the phone's last four
digits, rate the answer, and the list of answered messages the senders allowed to publish.

What a citizen sees never includes personal data: a tracked message shows its status and, once
the hotline office approved it, the reply; the public list masks names and phones (王**,
139****5678). A wrong code and wrong digits get the same answer, so nothing can be probed."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet

from shuniu.hotline import services as hotline
from shuniu.hotline.forms import clean_last4
from shuniu.hotline.models import Ticket, TicketType
from shuniu.hotline.workflow import ANSWERED, MERGED, RATING_SCALE, REGISTERED, REVISITED
from shuniu.matters import services as engine
from shuniu.matters.models import Matter

NOT_FOUND = "未查询到该留言，请核对查询码和联系电话后四位"

PUBLIC_STATUS = {
    REGISTERED: ("received", "已受理"),
    ANSWERED: ("answered", "已答复"),
    REVISITED: ("answered", "已答复"),
}
HANDLING = ("handling", "办理中")


def mask_name(name: str) -> str:
    name = (name or "").strip()
    return f"{name[0]}**" if name else "匿名"


def mask_phone(phone: str) -> str:
    phone = (phone or "").strip()
    if len(phone) < 7:
        return "****"
    return f"{phone[:3]}****{phone[-4:]}"


def submit(data, files=None) -> Matter:
    """A citizen's message (portal form or `POST /api/v1/public/messages`)."""
    return hotline.register_ticket(None, data, files=files, public=True)


def find(code: str, last4) -> Ticket:
    """The ticket for a query code whose phone ends with `last4`; NotFound otherwise (the same
    answer whether the code is unknown or the digits are wrong)."""
    try:
        last4 = clean_last4(last4)
    except forms.ValidationError:
        raise engine.Invalid("请填写联系电话的后四位数字", {"phone": ["请填写联系电话的后四位数字"]}) from None
    code = (code or "").strip().upper()
    ticket = None
    if 6 <= len(code) <= 12 and code.isalnum():
        ticket = Ticket.objects.select_related("matter", "merged_into", "matter__lead_unit").filter(query_code=code).first()
    # Compare even when there is no ticket, so a miss and a wrong guess take the same time.
    expected = ticket.phone_last4 if ticket else "----"
    if not hmac.compare_digest(expected.encode(), last4.encode()) or ticket is None:
        raise engine.NotFound(NOT_FOUND)
    return ticket


@dataclass
class PublicView:
    """What a citizen may see of their message."""

    code: str
    type: str
    type_label: str
    title: str
    status: str
    status_label: str
    received_at: object
    due_at: object
    answered_at: object
    reply: str
    answer_unit: str
    rating: str
    rating_label: str
    can_rate: bool

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def view(ticket: Ticket) -> PublicView:
    matter = ticket.matter
    shown = hotline.public_matter(ticket)
    answered = shown.status in (ANSWERED, REVISITED)
    status, label = PUBLIC_STATUS.get(shown.status, HANDLING)
    if matter.status == MERGED:
        status, label = ("answered", "已答复（与同类诉求合并办理）") if answered else ("merged", "办理中（与同类诉求合并办理）")
    shown_ticket = ticket if shown.pk == matter.pk else Ticket.objects.get(pk=shown.pk)
    unit = ""
    if answered:
        unit = "市长公开电话办公室" if shown_ticket.answered_directly or not shown.lead_unit_id else shown.lead_unit.name
    citizen_rating = matter.rating if ticket.citizen_rated_at else ""
    return PublicView(
        code=ticket.query_code, type=ticket.type, type_label=TicketType(ticket.type).label, title=matter.title,
        status=status, status_label=label, received_at=matter.received_at, due_at=matter.due_at,
        answered_at=shown_ticket.answered_at if answered else None, reply=shown_ticket.public_reply if answered else "",
        answer_unit=unit, rating=citizen_rating, rating_label=RATING_SCALE.get(citizen_rating, ""),
        can_rate=matter.status in (ANSWERED, REVISITED) and ticket.citizen_rated_at is None,
    )


def rate(code: str, last4, rating: str, comment: str = ""):
    ticket = find(code, last4)
    return hotline.record_citizen_rating(ticket.matter, rating, comment)


def published() -> QuerySet[Ticket]:
    """Answered messages whose senders allowed publication and the office approved, newest first."""
    return (
        Ticket.objects.filter(publish_approved=True, wants_public=True, matter__status__in=[ANSWERED, REVISITED],
                              matter__secrecy=0)
        .exclude(public_reply="")
        .select_related("matter", "matter__lead_unit")
        .order_by("-answered_at", "-pk")
    )


def public_item(ticket: Ticket) -> dict:
    matter = ticket.matter
    return {
        "serial": matter.serial, "type": ticket.type, "type_label": TicketType(ticket.type).label,
        "title": matter.title, "content": matter.content, "name": mask_name(ticket.citizen_name),
        "phone": mask_phone(ticket.phone), "received_at": matter.received_at, "answered_at": ticket.answered_at,
        "reply": ticket.public_reply,
        "answer_unit": "市长公开电话办公室" if ticket.answered_directly or not matter.lead_unit_id else matter.lead_unit.name,
    }
