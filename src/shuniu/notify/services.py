"""Notifications: in-app messages always; e-mail to people with an address; SMS/webhook for
chasing and escalation. Queued on commit, so a rolled-back change never notifies anyone."""

from __future__ import annotations

import contextvars
import logging
from contextlib import contextmanager
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import Message

log = logging.getLogger("shuniu.notify")
URGENT_LEVELS = {Message.Level.CHASE, Message.Level.ESCALATION}


@dataclass(frozen=True)
class Notice:
    title: str
    body: str = ""
    level: str = Message.Level.INFO
    url: str = ""
    unit_id: int | None = None
    person_id: int | None = None
    roles: tuple[str, ...] = ()
    # A classified matter's notice names it by serial only to anyone without clearance.
    secrecy: int = 0
    serial: str = ""


def for_matter(matter) -> dict:
    """The Notice fields that let delivery redact a classified matter (`Notice(..., **for_matter(m))`)."""
    return {"secrecy": matter.secrecy, "serial": matter.serial}


REDACTED_BODY = "该事项为涉密事项，具体内容请按保密规定在系统内查阅。"


def redacted_title(notice: Notice) -> str:
    """“秘密级事项 SW2026-000123”: all that a recipient without clearance learns of the matter."""
    from shuniu.org.models import Secrecy

    return f"{Secrecy(notice.secrecy).label}级事项 {notice.serial}".strip()


_suppressed: contextvars.ContextVar[bool] = contextvars.ContextVar("shuniu_notices_suppressed", default=False)


@contextmanager
def suppressed():
    """Send nothing for what happens inside (a seeder writing months-old history)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def queue_notices(notices: list[Notice]) -> None:
    if not notices or _suppressed.get():
        return
    payload = [asdict(n) for n in notices]

    def send():
        from .tasks import deliver

        deliver.delay(payload)

    transaction.on_commit(send)


def recipients(notice: Notice) -> list:
    from shuniu.org.models import User

    people = User.objects.filter(is_active=True, admin_role="").only("id", "email", "phone", "clearance")
    if notice.person_id:
        return list(people.filter(pk=notice.person_id))
    query = Q(memberships__unit_id=notice.unit_id, memberships__is_active=True)
    if notice.roles:
        query &= Q(memberships__role__in=notice.roles)
    return list(people.filter(query).distinct())


def deliver_notices(payload: list[dict]) -> int:
    notices = [Notice(**{**item, "roles": tuple(item.get("roles") or ())}) for item in payload]
    messages, mails, sms = [], [], []
    for notice in notices:
        for person in recipients(notice):
            title, body = notice.title, notice.body
            if notice.secrecy > person.clearance:
                title, body = redacted_title(notice), REDACTED_BODY
            messages.append(Message(recipient=person, level=notice.level, title=title[:200], body=body, url=notice.url))
            if person.email:
                mails.append((f"【枢纽】{title}", f"{body}\n\n{notice.url}", settings.DEFAULT_FROM_EMAIL, [person.email]))
            if notice.level in URGENT_LEVELS and person.phone:
                sms.append((person.phone, f"【枢纽】{title}"))
    Message.objects.bulk_create(messages, batch_size=1000)
    if mails:
        try:
            send_mass_mail(mails, fail_silently=False)
        except OSError:
            log.exception("e-mail delivery failed; in-app messages were kept")
    if sms:
        adapter = import_string(settings.SHUNIU_SMS_ADAPTER)()
        for phone, text in sms:
            adapter.send(phone, text)
    return len(messages)


def unread_count(user) -> int:
    return Message.objects.filter(recipient=user, read_at__isnull=True).count()


def latest(user, limit: int = 10):
    return Message.objects.filter(recipient=user).order_by("-created_at", "-id")[:limit]


def mark_read(user, message_id: int | None = None) -> int:
    qs = Message.objects.filter(recipient=user, read_at__isnull=True)
    if message_id is not None:
        qs = qs.filter(pk=message_id)
    return qs.update(read_at=timezone.now())
