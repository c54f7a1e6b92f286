"""Operations on hotline tickets. The desk, the portal, the API and the tests call these; the
state changes after intake go through the engine (`matters.services.perform`) and the
transitions in `workflow.py`."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from shuniu.matters import services as engine
from shuniu.matters.models import Attachment, Entry, Feedback, Matter
from shuniu.notify.services import Notice, for_matter, queue_notices

from . import text
from .forms import MessageForm, TicketForm, check_public_files
from .models import Article, Channel, Policy, Ticket
from .workflow import ANSWERED, KIND, MERGED, RATING_SCALE, REVISITED

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read out on the phone
CODE_LENGTH = 10
INTAKE_LABELS = {
    Channel.PHONE: "电话受理",
    Channel.WEB: "网上留言受理",
    Channel.MAILBOX: "市长信箱受理",
    Channel.API: "平台转办受理",
    Channel.MEDIA: "媒体曝光受理",
}


def _invalid(form) -> engine.Invalid:
    fields = engine.form_errors(form)
    return engine.Invalid(engine.first_error(fields, {n: str(f.label) for n, f in form.fields.items()}), fields)


def new_query_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def clean_message(data, *, public: bool) -> dict:
    """A message's fields, validated as the portal (`public=True`) or the desk takes them; raises
    Invalid with the Chinese message and the field errors."""
    form = (MessageForm if public else TicketForm)(data)
    if not form.is_valid():
        raise _invalid(form)
    return form.cleaned_data


def clean_uploads(files) -> list:
    """The uploaded attachments (a request's FILES or a list), checked like a citizen's; raises Invalid."""
    uploads = list(files.getlist("attachments")) if files is not None and hasattr(files, "getlist") else list(files or [])
    problems = check_public_files(uploads)
    if problems:
        raise engine.Invalid(problems[0], {"attachments": problems})
    return uploads


@dataclass(frozen=True)
class StoredFile:
    """An attachment already in the file storage (a portal submission's): the ticket's Attachment
    row refers to the same file instead of copying its bytes."""

    path: str
    name: str
    size: int
    content_type: str = ""


def register_ticket(by, data, *, files=None, public: bool = False, received_at: datetime.datetime | None = None,
                    query_code: str | None = None, due_at: datetime.datetime | None = None,
                    due_uncertain: bool = False, stored_files: Sequence[StoredFile] = (),
                    in_transaction: Callable[[Matter], None] | None = None) -> Matter:
    """受理: register a ticket from any channel. `public=True` is a citizen's own message (portal,
    public API): no account, channel web or mailbox, no category yet. Otherwise an operator of the
    hotline office registers it (desk form, staff API). Raises engine errors; writes nothing then.

    A message the portal accepted earlier (portal.Submission) keeps what the citizen was told:
    `query_code`, `due_at` / `due_uncertain` (the promised date; otherwise the policy's rule counted
    from `received_at`), and its stored attachments. `in_transaction(matter)` runs inside the
    registration's transaction; if it raises, nothing is registered."""
    clean = clean_message(data, public=public)
    if not public and not (by is not None and by.has_perm("hotline.register_ticket")):
        raise engine.Forbidden("只有市长公开电话办公室工作人员可以登记热线工单")
    uploads = clean_uploads(files)
    received_at = clean.get("received_at") or received_at
    urgency = clean.get("urgency") or "normal"
    policy = Policy.current()
    keywords = text.keywords(clean["title"], clean["content"])
    # Looked for before the transaction: the serial number's row lock (taken by create_matter and held
    # to commit) must not wait on this search, or every intake in the city queues behind it.
    duplicates = find_duplicates(phone=clean["phone"], keywords=keywords, now=received_at or timezone.now(),
                                 policy=policy)
    uploader = by if by is not None and by.is_authenticated else None
    with transaction.atomic():
        matter, ctx = engine.create_matter(
            KIND, uploader, title=clean["title"], content=clean["content"], category=clean.get("category") or "",
            urgency=urgency, received_at=received_at, due_at=due_at, due_uncertain=due_uncertain,
            due_rule=policy.handle_rule(urgency),
        )
        ticket = _create_ticket(matter, clean, keywords, query_code)
        ctx.entry_data.update({"channel": ticket.channel, "type": ticket.type})
        if duplicates:
            ctx.entry_data["duplicates"] = [d.matter.serial for d in duplicates]
        engine.finish_creation(ctx, "register", INTAKE_LABELS[ticket.channel])
        if uploads or stored_files:
            entry = matter.entries.order_by("id").first()
            for upload in uploads:
                Attachment.objects.create(
                    matter=matter, entry=entry, file=upload, name=upload.name[:200], size=upload.size,
                    content_type=(getattr(upload, "content_type", "") or "")[:100], uploaded_by=uploader,
                )
            for stored in stored_files:
                Attachment.objects.create(
                    matter=matter, entry=entry, file=stored.path, name=stored.name[:200], size=stored.size,
                    content_type=stored.content_type[:100], uploaded_by=None,
                )
        if in_transaction is not None:
            in_transaction(matter)
    return matter


def _create_ticket(matter: Matter, clean: dict, keywords: str, query_code: str | None = None) -> Ticket:
    fields = dict(
        matter=matter, channel=clean["channel"], type=clean["type"], citizen_name=clean["name"],
        phone=clean["phone"], address=clean.get("address", ""), wants_public=bool(clean.get("wants_public")),
        external_ref=clean.get("external_ref", ""), keywords=keywords,
    )
    if query_code:  # the code the citizen already holds: it must stay theirs
        return Ticket.objects.create(query_code=query_code, **fields)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Ticket.objects.create(query_code=new_query_code(), **fields)
        except IntegrityError:
            continue
    raise RuntimeError("无法生成唯一的查询码")


DESK_ACTIONS = ("register", "answer", "dispatch")


def take_call(by, data, *, action: str = "register", reply: str = "", lead_unit: str = "",
              article: Article | None = None) -> Matter:
    """The operator's desk: register a call, and in the same step answer it from the knowledge base
    (直接办结) or dispatch it to a lead unit (派单). All or nothing."""
    if action not in DESK_ACTIONS:
        raise engine.Invalid("未知的操作")
    if action == "answer" and not (reply or "").strip():
        raise engine.Invalid("直接办结须填写答复内容", {"reply": ["请填写答复内容"]})
    if action == "dispatch" and not lead_unit:
        raise engine.Invalid("派单须选择主办单位", {"lead_unit": ["请选择主办单位"]})
    with transaction.atomic():
        matter = register_ticket(by, data)
        if action == "answer":
            matter = engine.perform(matter, "answer_directly", by, {"reply": reply})
            if article is not None:
                Article.objects.filter(pk=article.pk).update(use_count=F("use_count") + 1)
        elif action == "dispatch":
            matter = engine.perform(matter, "dispatch", by, {"units": [{"unit": lead_unit, "role": "lead"}]})
    return Matter.objects.select_related("ticket", "lead_unit").get(pk=matter.pk)


def save_article(form, by) -> Article:
    """知识库: add or revise a standard answer."""
    article = form.save(commit=False)
    article.updated_by = by
    article.save()
    return article


# --- Duplicates (重复件) ------------------------------------------------------------------


@dataclass
class Duplicate:
    matter: Matter
    score: float
    same_phone: bool

    @property
    def reason(self) -> str:
        parts = []
        if self.same_phone:
            parts.append("同一联系电话")
        if self.score >= 0.1:
            parts.append(f"内容相似度{self.score:.0%}")
        return "，".join(parts)


def find_duplicates(*, phone: str, keywords: str, exclude: Matter | None = None, now=None,
                    limit: int = 5, policy: Policy | None = None) -> list[Duplicate]:
    """Open tickets received within the policy's window from the same phone number or with very
    similar text (jieba words, cosine similarity ≥ the policy's threshold), best match first."""
    policy = policy or Policy.current()
    now = now or timezone.now()
    since = now - datetime.timedelta(days=policy.duplicate_window_days)
    candidates = (
        Matter.objects.filter(kind=KIND, is_open=True, received_at__gte=since, received_at__lte=now + datetime.timedelta(minutes=1))
        .order_by("-received_at")
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    words = set(keywords.split())
    # Scored on the few columns that matter (a busy week has thousands of open tickets); only the
    # best `limit` are loaded as matters.
    scored = []
    rows = candidates.values_list("pk", "ticket__phone", "ticket__keywords")[:2000]
    for recency, (pk, ticket_phone, ticket_keywords) in enumerate(rows):  # newest first
        if ticket_phone is None:  # a matter without its ticket row
            continue
        score = text.similarity(words, ticket_keywords)
        same_phone = bool(phone) and ticket_phone == phone
        if same_phone or score >= policy.duplicate_similarity:
            scored.append((-round(score, 2), not same_phone, recency, pk))
    best = sorted(scored)[:limit]  # best match first; among equals the same phone, then the newest
    matters = Matter.objects.select_related("ticket").in_bulk([pk for *_key, pk in best])
    return [Duplicate(matters[pk], -score, not other_phone) for score, other_phone, _at, pk in best if pk in matters]


def duplicates_of(matter: Matter) -> list[Duplicate]:
    ticket = Ticket.objects.get(pk=matter.pk)
    return find_duplicates(phone=ticket.phone, keywords=ticket.keywords, exclude=matter, now=timezone.now())


def caller_history(phone: str, user, limit: int = 20):
    """来电历史: the caller's earlier tickets, newest first (only what the user may see)."""
    from shuniu.matters.rules import visible_matters

    if not phone:
        return Matter.objects.none()
    return (
        visible_matters(user, Matter.objects.filter(kind=KIND, ticket__phone=phone))
        .select_related("ticket", "lead_unit").order_by("-received_at")[:limit]
    )


# --- Knowledge base (知识库) ---------------------------------------------------------------


def search_knowledge(query: str, category: str = "", limit: int = 10, published_only: bool = True,
                     min_score: int = 1) -> list[Article]:
    """Articles matching the words of the query (jieba), best first: a word in the question counts
    three times, in the keywords twice, in the answer once; below `min_score` an article is left out."""
    articles = Article.objects.all()
    if published_only:
        articles = articles.filter(is_published=True)
    if category:
        articles = articles.filter(category=category)
    query = (query or "").strip()[:200]
    if not query:
        return list(articles.order_by("-use_count", "title")[:limit])
    words = text.tokens(query, limit=12) or [query]
    match = Q()
    for word in words:
        match |= Q(title__icontains=word) | Q(keywords__icontains=word) | Q(answer__icontains=word)
    scored = []
    for article in articles.filter(match)[:300]:
        title, keys, answer = article.title.lower(), article.keywords.lower(), article.answer.lower()
        score = sum(3 * (w in title) + 2 * (w in keys) + (w in answer) for w in words)
        if score >= min_score:
            scored.append((score, article.use_count, article))
    scored.sort(key=lambda item: (-item[0], -item[1], item[2].pk))
    return [article for _s, _u, article in scored[:limit]]


# --- The citizen's own rating (网上评价) ------------------------------------------------------


def record_citizen_rating(matter: Matter, rating: str, comment: str = "") -> Feedback:
    """A citizen rates the answer on the portal: once per ticket, after the reply was approved.
    Journaled on the ticket; a dissatisfied rating is put before the hotline office (重办 per policy)."""
    if rating not in RATING_SCALE:
        raise engine.Invalid("评价结果不正确，应为满意、基本满意或不满意", {"rating": ["请选择满意、基本满意或不满意"]})
    comment = (comment or "").strip()
    if len(comment) > 500:
        raise engine.Invalid("评价意见不能超过500个字", {"comment": ["评价意见不能超过500个字"]})
    with transaction.atomic():
        locked = Matter.objects.select_for_update().get(pk=matter.pk)
        ticket = Ticket.objects.select_for_update().get(pk=matter.pk)
        if locked.status not in (ANSWERED, REVISITED):
            raise engine.Conflict("该留言尚未答复，答复后方可评价")
        if ticket.citizen_rated_at is not None:
            raise engine.Conflict("您已评价过本次答复，感谢您的参与")
        now = timezone.now()
        feedback = Feedback.objects.create(matter=locked, rating=rating, comment=comment, channel="web", at=now)
        Matter.objects.filter(pk=locked.pk).update(rating=rating, version=F("version") + 1, updated_at=now)
        ticket.citizen_rated_at = now
        ticket.save(update_fields=["citizen_rated_at"])
        Entry.objects.create(
            matter=locked, at=now, actor=None, actor_name="来信（电）人", action="citizen_rating", action_label="群众评价",
            from_status=locked.status, to_status=locked.status, comment=comment,
            data={"rating": rating, "channel": "web"},
        )
        locked.rating = rating
        engine.rebuild_todos(locked)
        engine.mark_stats_dirty(locked)
        if rating in Policy.current().reopen_ratings:
            queue_notices([Notice(f"群众评价{RATING_SCALE[rating]}：{locked.title}", comment or "来信人在网上评价答复。",
                                  "info", engine.matter_url(locked), unit_id=locked.owner_unit_id,
                                  **for_matter(locked))])
    return feedback


def public_matter(ticket: Ticket) -> Matter:
    """The matter whose answer a citizen sees: a merged ticket shows the one it was merged into."""
    if ticket.matter.status == MERGED and ticket.merged_into_id:
        return ticket.merged_into
    return ticket.matter
