"""Operations on petitions (信访事项). Views, the API and the demo call these; state changes after
registration go through the engine (`shuniu.matters.services.perform`) with the transitions of
`workflow.py`.

Repeat petitions (重复信访): a new petition is linked to the first petition of the same matter when,
within `REPEAT_WINDOW_DAYS`, the same petitioner (phone or ID number) wrote about something similar
(`IDENTITY_MIN_SIMILARITY`), or anyone wrote nearly the same text (`CONTENT_MIN_SIMILARITY`).
The same request after 复核: when the same petitioner brings substantially the same matter
(`SAME_REQUEST_SIMILARITY`) after it was concluded by 复核, it is registered and at once not
accepted again (不再受理) with the reason in writing — unless the desk confirms new facts and reasons.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from shuniu.matters import clocks as matter_clocks
from shuniu.matters import services as engine
from shuniu.matters.rules import visible_matters
from shuniu.workdays.services import compute_deadline

from . import workflow
from .forms import RegisterForm
from .masking import petitioner as masked_petitioner
from .models import GROUP_VISIT_SIZE, Category, Channel, Outcome, Petition, ReviewDecision
from .notices import REFUSAL_REASON

REPEAT_WINDOW_DAYS = 180
IDENTITY_MIN_SIMILARITY = 0.5
CONTENT_MIN_SIMILARITY = 0.8
SAME_REQUEST_SIMILARITY = 0.6
CONTENT_CANDIDATES = 300
TEXT_LIMIT = 800


@dataclass
class Match:
    petition: Petition
    basis: str  # phone / id_number / content / manual
    similarity: float

    @property
    def basis_label(self) -> str:
        return {"phone": "同一联系电话", "id_number": "同一身份证号码", "content": "内容高度相似",
                "manual": "登记人指定"}.get(self.basis, self.basis)


def normalize_text(text: str) -> str:
    """Letters and digits only (Chinese characters count as letters), for comparing contents."""
    return re.sub(r"[\W_]+", "", text or "")[:TEXT_LIMIT]


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """0..1, how alike two normalized texts are. Below `floor` the cheap upper bounds answer."""
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    bound = matcher.real_quick_ratio()
    if bound < floor:
        return bound
    bound = matcher.quick_ratio()
    if bound < floor:
        return bound
    return matcher.ratio()


def _text(title: str, content: str) -> str:
    return normalize_text(f"{title}{content}")


TITLE_NOISE = re.compile(r"反映|关于|问题|再次|第[一二三四五六七八九十\d]+次|来访|来信|要求|请求|的|了|和")


def title_key(title: str) -> str:
    """A title without the words every petition title shares (反映……的问题, 再次来访 …)."""
    return TITLE_NOISE.sub("", normalize_text(title))


def likeness(a: Petition | tuple[str, str], b: Petition, floor: float = 0.0) -> float:
    """How alike two petitions read: the better of the whole texts and the titles' keywords."""
    title, content = a if isinstance(a, tuple) else (a.matter.title, a.matter.content)
    score = similarity(_text(title, content), _text(b.matter.title, b.matter.content), floor)
    key_a, key_b = title_key(title), title_key(b.matter.title)
    if key_a and key_b:
        score = max(score, similarity(key_a, key_b, floor))
    return score


def _identity(phone: str, id_number: str) -> Q | None:
    query = Q()
    if phone:
        query |= Q(petitioner_phone=phone)
    if id_number:
        query |= Q(petitioner_id_number=id_number)
    return query or None


def _basis(candidate: Petition, phone: str, id_number: str) -> str:
    if id_number and candidate.petitioner_id_number == id_number:
        return "id_number"
    return "phone" if phone and candidate.petitioner_phone == phone else "content"


def find_repeat(*, phone: str, id_number: str, title: str, content: str, category: str = "",
                now: datetime.datetime | None = None, exclude: int | None = None) -> Match | None:
    """The earlier petition this one repeats (within the window), best match first."""
    now = now or timezone.now()
    text = _text(title, content)
    recent = Petition.objects.filter(matter__received_at__gte=now - datetime.timedelta(days=REPEAT_WINDOW_DAYS),
                                     matter__received_at__lte=now).select_related("matter", "repeat_of__matter")
    if exclude:
        recent = recent.exclude(pk=exclude)
    best: Match | None = None
    identity = _identity(phone, id_number)
    if identity is not None:
        for candidate in recent.filter(identity).order_by("-matter__received_at")[:50]:
            score = likeness((title, content), candidate, IDENTITY_MIN_SIMILARITY)
            if score >= IDENTITY_MIN_SIMILARITY and (best is None or score > best.similarity):
                best = Match(candidate, _basis(candidate, phone, id_number), score)
    if best is None:
        pool = recent.filter(matter__category=category) if category else recent
        for candidate in pool.order_by("-matter__received_at")[:CONTENT_CANDIDATES]:
            score = similarity(text, _text(candidate.matter.title, candidate.matter.content), CONTENT_MIN_SIMILARITY)
            if score >= CONTENT_MIN_SIMILARITY and (best is None or score > best.similarity):
                best = Match(candidate, "content", score)
    return best


def find_concluded(*, phone: str, id_number: str, title: str, content: str, exclude: int | None = None) -> Match | None:
    """A petition of the same petitioner on substantially the same matter that was concluded by 复核."""
    identity = _identity(phone, id_number)
    if identity is None:
        return None
    best = None
    concluded = Petition.objects.filter(identity, matter__status=workflow.CLOSED).select_related("matter")
    if exclude:
        concluded = concluded.exclude(pk=exclude)
    for candidate in concluded.order_by("-matter__closed_at")[:50]:
        score = likeness((title, content), candidate, SAME_REQUEST_SIMILARITY)
        if score >= SAME_REQUEST_SIMILARITY and (best is None or score > best.similarity):
            best = Match(candidate, _basis(candidate, phone, id_number), score)
    return best


def _by_serial(serial: str) -> Petition | None:
    return Petition.objects.select_related("matter", "repeat_of").filter(matter__serial=serial.strip().upper()).first()


def validate(data) -> dict:
    form = RegisterForm(data)
    if not form.is_valid():
        fields = engine.form_errors(form)
        raise engine.Invalid(engine.first_error(fields, {n: str(f.label) for n, f in form.fields.items()}), fields)
    clean = dict(form.cleaned_data)
    if clean.get("repeat_of"):
        earlier = _by_serial(clean["repeat_of"])
        if earlier is None:
            raise engine.Invalid(f"原信访件编号不存在：{clean['repeat_of']}", {"repeat_of": ["未找到该编号的信访事项"]})
        clean["repeat_of"] = earlier
    else:
        clean["repeat_of"] = None
    return clean


def register_petition(by, data, *, received_at: datetime.datetime | None = None) -> engine.Matter:
    """登记: record a petition from any channel; link it to earlier petitions of the same matter; start
    the 15-day clock to forward it. The same request after 复核 is at once not accepted again."""
    clean = validate(data)
    if not by.has_perm("petitions.register"):
        raise engine.Forbidden("只有信访科工作人员和办公室领导可以登记信访事项")
    now = timezone.now()
    received_at = received_at or now
    if received_at > now:
        raise engine.Invalid("收到日期不能晚于当前时间", {"received_at": ["收到日期不能晚于当前时间"]})
    phone, id_number = clean["petitioner_phone"], clean["petitioner_id_number"]
    with transaction.atomic():
        concluded = None
        if not clean["new_facts"]:
            if clean["repeat_of"] is not None:
                concluded = workflow.concluded_in_chain(clean["repeat_of"]) or (
                    clean["repeat_of"] if clean["repeat_of"].matter.status == workflow.CLOSED else None)
                concluded = Match(concluded, "manual", 1.0) if concluded else None
            else:
                concluded = find_concluded(phone=phone, id_number=id_number, title=clean["title"],
                                           content=clean["content"])
        if clean["repeat_of"] is not None:
            match = Match(clean["repeat_of"], "manual", 1.0)
        else:
            match = concluded or find_repeat(phone=phone, id_number=id_number, title=clean["title"],
                                             content=clean["content"], category=clean["category"], now=received_at)
        forward_due = compute_deadline(received_at, workflow.WORKFLOW.clock_spec(workflow.Name.FORWARD).rule)
        group = clean["channel"] == Channel.VISIT and clean["people_count"] >= GROUP_VISIT_SIZE
        matter, ctx = engine.create_matter(
            workflow.KIND, by, title=clean["title"], content=clean["content"], category=clean["category"],
            received_at=received_at, due_at=forward_due.due_at,
        )
        petition = Petition.objects.create(
            matter=matter, channel=clean["channel"], petitioner_name=clean["petitioner_name"],
            petitioner_phone=phone, petitioner_id_number=id_number,
            petitioner_address=clean.get("petitioner_address", ""), people_count=clean["people_count"],
            is_group=group, new_facts=clean["new_facts"],
        )
        ctx.clocks.start(workflow.Name.FORWARD, at=received_at)
        ctx.entry_data.update({"channel": petition.get_channel_display(), "people_count": petition.people_count})
        if group:
            ctx.entry_data["group_visit"] = True
        summary = [f"{petition.get_channel_display()}登记"]
        if group:
            summary.append(f"集体访{petition.people_count}人")
        if match is not None:
            _link_repeat(petition, match)
            ctx.entry_data.update({"repeat_of": petition.repeat_of.matter.serial, "repeat_seq": petition.repeat_seq,
                                   "repeat_basis": match.basis_label})
            summary.append(f"重复信访（第{petition.repeat_seq + 1}次，首次为{petition.repeat_of.matter.serial}，"
                           f"{match.basis_label}）")
        ctx.comment = "；".join(summary)
        engine.finish_creation(ctx, "register", "登记")
        if concluded is not None:
            engine.perform(matter, "refuse", by, {"reason": REFUSAL_REASON})
    matter.refresh_from_db()
    return matter


def _link_repeat(petition: Petition, match: Match) -> None:
    root = Petition.objects.select_for_update().get(pk=match.petition.root.pk)
    root.repeat_count += 1
    root.save(update_fields=["repeat_count"])
    petition.repeat_of, petition.repeat_seq, petition.repeat_basis = root, root.repeat_count, match.basis
    petition.save(update_fields=["repeat_of", "repeat_seq", "repeat_basis"])


def candidates(by, *, phone: str = "", id_number: str = "", title: str = "", content: str = "") -> list[Match]:
    """查重 for the registration desk: earlier petitions this one may repeat, visible to the caller."""
    found = []
    concluded = find_concluded(phone=phone, id_number=id_number, title=title, content=content)
    if concluded:
        found.append(concluded)
    repeat = find_repeat(phone=phone, id_number=id_number, title=title, content=content)
    if repeat and (not concluded or repeat.petition.pk != concluded.petition.pk):
        found.append(repeat)
    visible = set(visible_matters(by).filter(pk__in=[m.petition.pk for m in found]).values_list("pk", flat=True))
    return [m for m in found if m.petition.pk in visible]


# --- Reading ------------------------------------------------------------------------------


def chain(petition: Petition) -> list[Petition]:
    """Every petition of the same matter, first one first."""
    root = petition.root
    return list(Petition.objects.filter(Q(pk=root.pk) | Q(repeat_of=root)).select_related("matter")
                .order_by("repeat_seq", "matter__received_at"))


def serialize(petition: Petition, *, reveal: bool = True) -> dict:
    """The `detail` object of a petition in the API (personal data in full for whoever may view it)."""
    person = masked_petitioner(petition, reveal)
    root = petition.root
    now = timezone.now()
    return {
        "channel": petition.channel,
        "channel_label": petition.get_channel_display(),
        "category": petition.matter.category,
        "category_label": Category(petition.matter.category).label if petition.matter.category in Category.values else "",
        "petitioner_name": person["name"],
        "petitioner_phone": person["phone"],
        "petitioner_id_number": person["id_number"],
        "petitioner_address": petition.petitioner_address if reveal else "",
        "people_count": petition.people_count,
        "is_group": petition.is_group,
        "repeat_of": root.matter.serial if petition.repeat_of_id else None,
        "repeat_seq": petition.repeat_seq,
        "repeat_total": petition.repeat_total,
        "dispatch_mode": petition.dispatch_mode,
        "outcome": petition.outcome,
        "outcome_label": Outcome(petition.outcome).label if petition.outcome else "",
        "opinion": petition.opinion,
        "decline_reason": petition.decline_reason,
        "refusal_reason": petition.refusal_reason,
        "extension_reason": petition.extension_reason,
        "review_decision": petition.review_decision,
        "review_decision_label": ReviewDecision(petition.review_decision).label if petition.review_decision else "",
        "review_opinion": petition.review_opinion,
        "recheck_decision": petition.recheck_decision,
        "recheck_decision_label": ReviewDecision(petition.recheck_decision).label if petition.recheck_decision else "",
        "recheck_opinion": petition.recheck_opinion,
        "clocks": [
            {key: c[key] for key in ("name", "label", "rule", "started_at", "due_at", "stopped_at", "extensions",
                                     "extended", "state", "state_label")}
            for c in matter_clocks.rows(petition.matter, now)
        ],
        "documents": [
            {"kind": d.kind, "label": d.get_kind_display(), "issued_by": d.issued_by, "issued_at": d.issued_at,
             "url": reverse("matters:attachment", args=[petition.pk, d.attachment_id])}
            for d in petition.documents.order_by("issued_at", "id")
        ],
    }


TRUE = ("1", "true", "on", "yes")


def filter_petitions(user, params):
    """The petition list's filters (UI and API): channel, category, status, group, repeat, overdue, q."""
    matters = visible_matters(user).filter(kind=workflow.KIND)
    qs = Petition.objects.filter(matter__in=matters).select_related("matter", "matter__lead_unit", "repeat_of__matter")
    errors = {}
    if params.get("channel"):
        if params["channel"] not in Channel.values:
            errors["channel"] = ["信访形式只能是来信、来访、网上信访、来电或传真"]
        qs = qs.filter(channel=params["channel"])
    if params.get("category"):
        if params["category"] not in Category.values:
            errors["category"] = ["信访类别只能是建议意见、检举控告或申诉求决"]
        qs = qs.filter(matter__category=params["category"])
    status = params.get("status") or params.get("state")
    if status:
        if status not in workflow.WORKFLOW.states:
            errors["status"] = ["状态不正确"]
        qs = qs.filter(matter__status=status)
    if str(params.get("group", "")).lower() in TRUE:
        qs = qs.filter(is_group=True)
    if str(params.get("repeat", "")).lower() in TRUE:
        qs = qs.filter(Q(repeat_of__isnull=False) | Q(repeat_count__gt=0))
    if str(params.get("overdue", "")).lower() in TRUE:
        qs = qs.filter(matter__is_open=True, matter__due_at__lt=timezone.now())
    q = (params.get("q") or "").strip()[:100]
    if q:
        qs = qs.filter(Q(matter__serial=q.upper()) | Q(matter__title__icontains=q))
    if errors:
        name = next(iter(errors))
        raise engine.Invalid(errors[name][0], errors)
    return qs.order_by("-matter__received_at", "-pk")


def list_row(petition: Petition, reveal: bool) -> dict:
    matter = petition.matter
    person = masked_petitioner(petition, reveal)
    return {
        "id": matter.pk, "serial": matter.serial, "title": matter.title, "status": matter.status,
        "status_label": matter.status_label, "channel": petition.channel, "channel_label": petition.get_channel_display(),
        "category": matter.category,
        "category_label": Category(matter.category).label if matter.category in Category.values else "",
        "petitioner_name": person["name"], "petitioner_phone": person["phone"],
        "people_count": petition.people_count, "is_group": petition.is_group,
        "repeat_of": petition.repeat_of.matter.serial if petition.repeat_of_id else None,
        "repeat_total": petition.repeat_total if (petition.repeat_of_id or petition.repeat_count) else 1,
        "lead_unit": matter.lead_unit.code if matter.lead_unit_id else None,
        "received_at": matter.received_at, "due_at": matter.due_at,
        "overdue": bool(matter.is_open and matter.due_at and matter.due_at < timezone.now()),
    }
