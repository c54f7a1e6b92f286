"""The public side of citizens' messages: submit, track by query code + the phone's last four
digits, rate the answer, and the list of answered messages the senders allowed to publish.

Submitting is staged, as on a government portal in the internet zone (互联网区): `submit` checks
the message, stores it as a `Submission` with its query code and promised answer date, and
answers at once; `register_pending` (the Celery task `portal.register_submissions`) then
registers each submission as a 12345 ticket with that code and that date. Until then a citizen
tracking the code sees it as 已受理. Without a broker the process's in-process worker thread
(core/worker.py) runs the task right after the request committed — never inside a request — and
registers at its start whatever an earlier process left behind.

What a citizen sees never includes personal data: a tracked message shows its status and, once
the hotline office approved it, the reply; the public list masks names and phones (王**,
139****5678). A wrong code and wrong digits get the same answer, so nothing can be probed."""

from __future__ import annotations

import datetime
import hmac
import logging
import time
from contextlib import nullcontext
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from shuniu.core.caching import ProcessCache
from shuniu.hotline import services as hotline
from shuniu.hotline.forms import clean_last4
from shuniu.hotline.models import Policy, Ticket, TicketType
from shuniu.hotline.workflow import ANSWERED, MERGED, RATING_SCALE, REGISTERED, REVISITED
from shuniu.matters import services as engine
from shuniu.matters.models import Feedback, Matter
from shuniu.workdays.services import compute_deadline

from .models import Submission, SubmissionFile

logger = logging.getLogger("shuniu.portal")

NOT_FOUND = "未查询到该留言，请核对查询码和联系电话后四位"
NOT_YET_REGISTERED = "您的留言已受理，正在登记转办，答复后方可评价"

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


# --- Accepting a message (受理) --------------------------------------------------------------

MAX_ATTEMPTS = 5  # then the submission stays failed until an administrator retries it
BATCH = 20  # submissions a drain claims at a time
CLAIM_MINUTES = 10  # a claimed batch not finished by then (worker killed) is taken up by the next drain
DRAIN_SECONDS = 50  # one task stops claiming after this; the next task or the beat tick goes on


def submit(data, files=None) -> Submission:
    """A citizen's message (portal form or `POST /api/v1/public/messages`): checked exactly as the
    hotline checks it, then stored with its query code and promised answer date in one short
    transaction; the hotline ticket is registered in the background. Bad input raises the engine's
    Invalid with the Chinese message and writes nothing."""
    clean = hotline.clean_message(data, public=True)
    uploads = hotline.clean_uploads(files)
    received_at = timezone.now()
    # What registration would compute: a citizen's message is always of normal urgency.
    deadline = compute_deadline(received_at, current_policy().handle_rule(clean.get("urgency") or "normal"))
    stored = _store_files(uploads)
    try:
        submission = _insert(clean, received_at, deadline, stored)
    except BaseException:
        for item in stored:
            item.file.delete(save=False)
        raise
    _queue_registration()
    return submission


# The hotline's rules, of which the portal needs the deadline rule on every message: read at most
# every 10 seconds per web process; a change saved in this process applies at once (apps.py).
POLICY = ProcessCache(10.0, lambda _key: Policy.current())


def current_policy() -> Policy:
    return POLICY.get()


def _store_files(uploads) -> list[SubmissionFile]:
    """Write the attachments to the file storage before the transaction, so the transaction only
    inserts rows (on SQLite it holds the database's write lock)."""
    stored = []
    try:
        for upload in uploads:
            item = SubmissionFile(name=upload.name[:200], size=upload.size,
                                  content_type=(getattr(upload, "content_type", "") or "")[:100])
            item.file.save(upload.name, upload, save=False)
            stored.append(item)
    except BaseException:
        for item in stored:
            item.file.delete(save=False)
        raise
    return stored


def _insert(clean: dict, received_at, deadline, stored: list[SubmissionFile]) -> Submission:
    for _attempt in range(5):
        code = hotline.new_query_code()
        if Ticket.objects.filter(query_code=code).exists():
            continue
        submission = Submission(query_code=code, channel=clean["channel"], received_at=received_at,
                                due_at=deadline.due_at, due_uncertain=deadline.uncertain, data=clean)
        try:
            # One INSERT is a transaction by itself; with attachments their rows join it (and inside
            # a caller's transaction a savepoint keeps a taken code from spoiling it). Kept this short:
            # on SQLite every writer of the whole office queues for the same lock.
            with transaction.atomic() if stored or transaction.get_connection().in_atomic_block else nullcontext():
                submission.save(force_insert=True)
                for item in stored:
                    item.submission = submission
                    item.save(force_insert=True)
            return submission
        except IntegrityError:
            for item in stored:
                item.pk = None
            continue
    raise RuntimeError("无法生成唯一的查询码")


QUEUE_WINDOW = 1.0  # seconds: a web process queues at most one registration task per window
_queued_at = -QUEUE_WINDOW


def _queue_registration() -> None:
    """Ask for the pending submissions to be registered.

    Without a broker the task goes to the process's worker thread (core/worker.py) once the
    submission is committed; where no worker runs (tests, commands) it runs here and now. With one, the task goes to the workers once the submission
    is committed — at most one per web process per QUEUE_WINDOW, each to start a window later:
    a task drains everything due when it runs, so it also registers the submissions this process
    accepted in the meantime without queueing tasks of their own. Whatever a lost task leaves
    behind, the beat tick (every minute) takes up. A failure here never undoes the acceptance."""
    global _queued_at
    from .tasks import register_submissions

    if settings.CELERY_TASK_ALWAYS_EAGER:
        try:
            register_submissions.delay()
        except Exception:
            logger.exception("公众留言登记失败，留待定时任务重试")
        return
    now = time.monotonic()
    if now - _queued_at < QUEUE_WINDOW:
        return
    _queued_at = now

    def queue():
        try:
            register_submissions.apply_async(countdown=2 * QUEUE_WINDOW)
        except Exception:
            logger.exception("公众留言登记任务未能排队，留待定时任务登记")

    transaction.on_commit(queue)


# --- Registering accepted messages as hotline tickets --------------------------------------


class _AlreadyRegistered(Exception):
    """Another drain registered this submission first; this registration is rolled back."""


def _ready(now) -> Q:
    unclaimed = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    due = Q(status=Submission.Status.PENDING) | Q(
        status=Submission.Status.FAILED, attempts__lt=MAX_ATTEMPTS, retry_at__lte=now)
    return due & unclaimed


def _claim(batch: int) -> list[Submission]:
    """Take up to `batch` submissions that are due: row-locked without waiting for those another
    drain holds (PostgreSQL; SQLite's write lock serialises drains anyway), and marked as taken
    for CLAIM_MINUTES, each with one more attempt counted."""
    now = timezone.now()
    with transaction.atomic():
        rows = list(Submission.objects.select_for_update(skip_locked=True).filter(_ready(now))
                    .order_by("id")[:batch])
        if rows:
            Submission.objects.filter(pk__in=[s.pk for s in rows]).update(
                claimed_until=now + datetime.timedelta(minutes=CLAIM_MINUTES), attempts=F("attempts") + 1)
    for submission in rows:
        submission.attempts += 1
    return rows


REGISTERED_NOW, FAILED_NOW, SKIPPED = "registered", "failed", "skipped"


def register(submission: Submission) -> str:
    """Register one claimed submission as a hotline ticket with its query code and promised date,
    and mark it registered in the same transaction → REGISTERED_NOW. FAILED_NOW: nothing was
    registered; the submission is marked failed with the reason and retried later. SKIPPED:
    another drain had registered it meanwhile (this registration was rolled back)."""
    stored = [hotline.StoredFile(path=f.file.name, name=f.name, size=f.size, content_type=f.content_type)
              for f in submission.files.order_by("id")]

    def mark_registered(matter: Matter) -> None:
        done = Submission.objects.filter(pk=submission.pk, status__in=[Submission.Status.PENDING,
                                                                       Submission.Status.FAILED]).update(
            status=Submission.Status.REGISTERED, matter=matter, registered_at=timezone.now(), error="",
            retry_at=None, claimed_until=None,
            # The ticket holds the message from now on; the portal's copy keeps nothing personal.
            data={key: submission.data[key] for key in ("title", "type", "channel") if key in submission.data})
        if not done:
            raise _AlreadyRegistered

    try:
        hotline.register_ticket(
            None, submission.data, public=True, received_at=submission.received_at,
            query_code=submission.query_code, due_at=submission.due_at, due_uncertain=submission.due_uncertain,
            stored_files=stored, in_transaction=mark_registered,
        )
    except _AlreadyRegistered:
        return SKIPPED
    except Exception as error:
        # Failing on the query code's uniqueness is what a second registration of the same
        # submission looks like; only a submission still unregistered is marked failed.
        return FAILED_NOW if _mark_failed(submission, error) else SKIPPED
    return REGISTERED_NOW


def _mark_failed(submission: Submission, error: Exception) -> bool:
    if isinstance(error, engine.EngineError):
        reason = f"登记失败：{error.message}"
    else:
        reason = f"登记失败（系统错误）：{type(error).__name__}: {error}"[:2000]
    attempts = submission.attempts
    final = attempts >= MAX_ATTEMPTS
    retry_at = None if final else timezone.now() + datetime.timedelta(minutes=min(60, 2 ** attempts))
    marked = Submission.objects.filter(pk=submission.pk, status__in=[Submission.Status.PENDING,
                                                                    Submission.Status.FAILED]).update(
        status=Submission.Status.FAILED, error=reason, retry_at=retry_at, claimed_until=None)
    if not marked:
        return False
    if final:
        logger.error("公众留言%s第%d次登记失败，已停止自动重试，请在系统管理中处理：%s", submission.query_code,
                     attempts, reason, exc_info=error)
    else:
        logger.warning("公众留言%s第%d次登记失败，将于%s重试：%s", submission.query_code, attempts,
                       timezone.localtime(retry_at).strftime("%H:%M"), reason, exc_info=error)
    return True


@dataclass
class DrainResult:
    registered: int = 0
    failed: int = 0
    skipped: int = 0

    def __str__(self) -> str:
        return f"登记{self.registered}件，失败{self.failed}件，跳过{self.skipped}件"


def register_pending(batch: int = BATCH, seconds: float = DRAIN_SECONDS) -> DrainResult:
    """Register every due submission, a batch at a time, until none is left or `seconds` passed."""
    result = DrainResult()
    stop_at = time.monotonic() + seconds
    while time.monotonic() < stop_at:
        claimed = _claim(batch)
        if not claimed:
            break
        for submission in claimed:
            outcome = register(submission)
            result.registered += outcome == REGISTERED_NOW
            result.failed += outcome == FAILED_NOW
            result.skipped += outcome == SKIPPED
    return result


def retry(submissions) -> int:
    """系统管理: put failed submissions back in the queue with a fresh count of attempts."""
    count = Submission.objects.filter(pk__in=[s.pk for s in submissions], status=Submission.Status.FAILED).update(
        status=Submission.Status.PENDING, attempts=0, retry_at=None, claimed_until=None)
    if count:
        _queue_registration()
    return count


# --- Tracking (查询) ---------------------------------------------------------------------------


def find(code: str, last4) -> Ticket | Submission:
    """The ticket for a query code whose phone ends with `last4` — or, while the hotline has not
    registered it yet, the accepted submission; NotFound otherwise (the same answer whether the
    code is unknown or the digits are wrong)."""
    try:
        last4 = clean_last4(last4)
    except forms.ValidationError:
        raise engine.Invalid("请填写联系电话的后四位数字", {"phone": ["请填写联系电话的后四位数字"]}) from None
    code = (code or "").strip().upper()
    found = None
    if 6 <= len(code) <= 12 and code.isalnum():
        # The submission first: registered in between, its ticket is then found by the second query.
        pending = Submission.objects.filter(query_code=code).exclude(status=Submission.Status.REGISTERED).first()
        ticket = (Ticket.objects.select_related("matter", "merged_into", "matter__lead_unit")
                  .filter(query_code=code).first())
        found = ticket or pending
    # Compare even when nothing is found, so a miss and a wrong guess take the same time.
    expected = found.phone_last4 if found else "----"
    if not hmac.compare_digest(expected.encode(), last4.encode()) or found is None:
        raise engine.NotFound(NOT_FOUND)
    return found


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
        # Times in the office's zone (+08:00), as the receipt of a submission gives them.
        return {key: timezone.localtime(value) if isinstance(value, datetime.datetime) else value
                for key, value in self.__dict__.items()}


def view(ticket: Ticket | Submission) -> PublicView:
    if isinstance(ticket, Submission):
        return _pending_view(ticket)
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
    citizen_rating = ""  # the citizen's own web rating (the office's 回访 may be the one that counts)
    if ticket.citizen_rated_at:
        citizen_rating = (Feedback.objects.filter(matter=matter, channel="web").order_by("-at", "-id")
                          .values_list("rating", flat=True).first() or "")
    return PublicView(
        code=ticket.query_code, type=ticket.type, type_label=TicketType(ticket.type).label, title=matter.title,
        status=status, status_label=label, received_at=matter.received_at, due_at=matter.due_at,
        answered_at=shown_ticket.answered_at if answered else None, reply=shown_ticket.public_reply if answered else "",
        answer_unit=unit, rating=citizen_rating, rating_label=RATING_SCALE.get(citizen_rating, ""),
        can_rate=matter.status in (ANSWERED, REVISITED) and ticket.citizen_rated_at is None,
    )


def _pending_view(submission: Submission) -> PublicView:
    """A message accepted but not yet registered by the hotline: 已受理, nothing to rate yet."""
    received, label = PUBLIC_STATUS[REGISTERED]
    kind = submission.type
    return PublicView(
        code=submission.query_code, type=kind, type_label=TicketType(kind).label if kind in TicketType.values else "",
        title=submission.title, status=received, status_label=label, received_at=submission.received_at,
        due_at=submission.due_at, answered_at=None, reply="", answer_unit="", rating="", rating_label="",
        can_rate=False,
    )


def rate(code: str, last4, rating: str, comment: str = ""):
    ticket = find(code, last4)
    if isinstance(ticket, Submission):
        raise engine.Conflict(NOT_YET_REGISTERED)
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
