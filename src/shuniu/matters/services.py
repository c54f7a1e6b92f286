"""The Matter engine's operations. Views, the API, kind apps and tests all call these.

`perform` is the only way a matter changes state: it checks the state and the caller, validates
the transition's inputs, runs the kind's effect, writes the journal Entry, rebuilds the inbox rows
and marks statistics for refresh — all in one transaction. Notifications go out after commit; the
marked statistics are rebuilt by the periodic task and, at the latest, when someone reads them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from shuniu.core import uploads as uploads_check
from shuniu.core.inputs import json_type_errors
from shuniu.notify.services import Notice, for_matter, queue_notices
from shuniu.org.models import Unit, User
from shuniu.workdays.services import DeadlineRule, compute_deadline

from . import rules as matter_rules
from .models import (
    URGENCY_RANK,
    Assignment,
    Attachment,
    Entry,
    Feedback,
    Matter,
    Party,
    ReviewStep,
    SerialCounter,
    Sla,
    StatDirty,
    StatusWriteRefused,  # noqa: F401 - part of the engine's interface
    Todo,
    engine_writes_status,
)
from .workflow import Holder, Transition, Workflow, get_workflow

SYSTEM_NAME = "系统"


def matter_url(matter: Matter) -> str:
    return f"/matters/{matter.pk}/"


# --- Errors -------------------------------------------------------------------------------


class EngineError(Exception):
    status = 400
    code = "invalid"

    def __init__(self, message: str, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class Invalid(EngineError):
    status = 400
    code = "invalid"


class Forbidden(EngineError):
    status = 403
    code = "permission_denied"


class NotFound(EngineError):
    status = 404
    code = "not_found"


class Conflict(EngineError):
    status = 409
    code = "conflict"


def form_errors(form) -> dict[str, list[str]]:
    return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


def first_error(fields: dict[str, list[str]], labels: dict[str, str] | None = None) -> str:
    for name, errors in fields.items():
        label = (labels or {}).get(name)
        if name == "__all__" or not label:
            return errors[0]
        return f"{label}：{errors[0]}"
    return "提交的数据不正确"


# --- Serials ------------------------------------------------------------------------------


def next_serial(prefix: str, year: int) -> str:
    """Allocate the next human serial (e.g. DB2026-000123), safe under concurrency."""
    with transaction.atomic():
        counter = SerialCounter.objects.select_for_update().filter(prefix=prefix, year=year).first()
        if counter is None:
            try:
                with transaction.atomic():
                    counter = SerialCounter.objects.create(prefix=prefix, year=year, last=0)
            except IntegrityError:
                counter = SerialCounter.objects.select_for_update().get(prefix=prefix, year=year)
        SerialCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
        counter.refresh_from_db(fields=["last"])
        return f"{prefix}{year}-{counter.last:06d}"


# --- The transition context ---------------------------------------------------------------


@dataclass
class Context:
    """What a kind's effect function gets: the locked matter, the caller, the cleaned inputs,
    and helpers that keep the engine's tables consistent."""

    matter: Matter
    by: User | None
    data: dict
    workflow: Workflow
    transition: Transition | None
    now: datetime.datetime
    assignment: Assignment | None = None
    comment: str = ""
    entry_data: dict = field(default_factory=dict)
    notices: list = field(default_factory=list)
    next_status: str | None = None
    generated: list = field(default_factory=list)
    actor_label: str = ""  # who acted when no logged-in person did (a system transition), e.g. "来信（电）人"
    _review_step: object = field(default=None, repr=False)
    _review_step_known: bool = field(default=False, repr=False)
    _clocks: object = field(default=None, repr=False)

    @property
    def clocks(self):
        """The matter's statutory clocks (matters/clocks.py): start, pause, resume, restart, extend, stop."""
        if self._clocks is None:
            from .clocks import ClockBook

            self._clocks = ClockBook(self)
        return self._clocks

    @property
    def review_step(self) -> ReviewStep | None:
        """The caller's current review step, looked up the first time an effect asks for it."""
        if not self._review_step_known:
            self._review_step = matter_rules.current_review_step(self.by, self.matter) if self.by else None
            self._review_step_known = True
        return self._review_step

    @review_step.setter
    def review_step(self, step: ReviewStep | None) -> None:
        self._review_step, self._review_step_known = step, True

    def attach(self, name: str, content: bytes, content_type: str = "") -> None:
        """A file the transition produces (e.g. a 告知书 .docx), stored with its journal entry."""
        self.generated.append((name, content, content_type))

    def move_to(self, status: str) -> None:
        """Choose the end state among those the transition declares (`target` or `also`)."""
        allowed = {self.transition.target, *self.transition.also} if self.transition else set()
        if status not in allowed:
            raise RuntimeError(f"{self.workflow.kind}: transition cannot move to {status}")
        self.next_status = status

    def stay(self) -> None:
        """Leave the matter in its current state (e.g. an assisting unit's acceptance)."""
        self.next_status = self.matter.status

    # deadlines
    def deadline(self, rule: str | DeadlineRule, start: datetime.datetime | None = None):
        return compute_deadline(start or self.now, rule)

    def set_due(self, due_at: datetime.datetime, uncertain: bool = False) -> None:
        self.matter.due_at = due_at
        self.matter.due_uncertain = uncertain

    def due_from_date(self, day: datetime.date) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))

    # assignments
    def assign(self, units: list[tuple[Unit, str]], due_at=None, due_uncertain=False) -> list[Assignment]:
        """交办 to units (each (unit, role)); the lead becomes the matter's lead unit."""
        created = []
        for unit, role in units:
            existing = self.matter.assignments.filter(unit=unit, status__in=Assignment.ACTIVE).first()
            if existing:
                raise Invalid(f"{unit.name}已有未办结的交办，不能重复交办")
            assignment = Assignment.objects.create(
                matter=self.matter, unit=unit, role=role, due_at=due_at or self.matter.due_at,
                due_uncertain=due_uncertain or self.matter.due_uncertain,
                assigned_at=self.now, assigned_by=self.by,
            )
            add_party(self.matter, unit=unit, relation=role)
            if role == Assignment.Role.LEAD:
                self.matter.lead_unit = unit
            created.append(assignment)
            self.notify_unit(unit, f"新交办：{self.matter.title}", f"{self.workflow.label}事项{self.matter.serial}已交办贵单位{Assignment.Role(role).label}，请及时签收办理。")
        self.entry_data["units"] = [{"unit": u.code, "role": r} for u, r in units]
        return created

    def cancel_assignments(self, reason: str = "") -> None:
        self.matter.assignments.filter(status__in=Assignment.ACTIVE).update(status=Assignment.Status.CANCELLED)

    # review chains
    def start_review(self, steps: list[dict]) -> None:
        """Lay out an approval chain: each step {"name", "person"|"unit"[,"role"], "seq"}. Steps with
        the same seq run in parallel (会签). The first seq becomes current."""
        last_round = self.matter.review_steps.order_by("-round").values_list("round", flat=True).first() or 0
        self.matter.review_steps.filter(status__in=[ReviewStep.Status.WAITING, ReviewStep.Status.CURRENT]).update(
            status=ReviewStep.Status.VOID
        )
        first_seq = min(s["seq"] for s in steps)
        for spec in steps:
            step = ReviewStep.objects.create(
                matter=self.matter, seq=spec["seq"], name=spec["name"], round=last_round + 1,
                person=spec.get("person"), unit=spec.get("unit"), role=spec.get("role", ""),
                status=ReviewStep.Status.CURRENT if spec["seq"] == first_seq else ReviewStep.Status.WAITING,
            )
            if step.person_id:
                add_party(self.matter, person=step.person, relation=Party.Relation.REVIEWER)
            if step.unit_id:
                add_party(self.matter, unit=step.unit, relation=Party.Relation.REVIEWER)

    def start_configured_review(self, unit: Unit | None, default: list[dict]) -> None:
        """Start the chain the office configured for this kind and unit (审核流程), else `default`."""
        from .chains import configured_steps

        self.start_review(configured_steps(self.workflow.kind, unit) or default)

    def decide_review(self, approve: bool, opinion: str = "") -> bool:
        """Record the caller's decision on their current step. Returns True when the whole chain
        is approved. A return voids the rest of the round: the chain must start again."""
        step = self.review_step or matter_rules.current_review_step(self.by, self.matter)
        if step is None:
            raise Forbidden("当前没有需要您审核的环节")
        step.status = ReviewStep.Status.APPROVED if approve else ReviewStep.Status.RETURNED
        step.decided_by, step.decided_at, step.opinion = self.by, self.now, opinion
        step.save(update_fields=["status", "decided_by", "decided_at", "opinion"])
        self.entry_data["review_step"] = step.name
        round_steps = self.matter.review_steps.filter(round=step.round)
        if not approve:
            round_steps.filter(status__in=[ReviewStep.Status.WAITING, ReviewStep.Status.CURRENT]).update(
                status=ReviewStep.Status.VOID
            )
            return False
        if round_steps.filter(seq=step.seq, status=ReviewStep.Status.CURRENT).exists():
            return False  # parallel 会签 still waiting for others
        next_seq = round_steps.filter(status=ReviewStep.Status.WAITING).order_by("seq").values_list("seq", flat=True).first()
        if next_seq is None:
            return True
        round_steps.filter(seq=next_seq).update(status=ReviewStep.Status.CURRENT)
        return False

    # closing and feedback
    def close(self) -> None:
        m = self.matter
        m.is_open = False
        m.closed_at = self.now
        m.closed_on_time = m.due_at is None or self.now <= m.due_at
        m.sla = Sla.NONE
        m.assignments.filter(status__in=[*Assignment.ACTIVE, Assignment.Status.REPLIED]).update(
            status=Assignment.Status.DONE, finished_at=self.now, sla=Sla.NONE
        )

    def reopen(self) -> None:
        m = self.matter
        m.is_open = True
        m.closed_at = None
        m.closed_on_time = None
        m.rating = ""

    def add_feedback(self, rating: str, comment: str = "", channel: str = "", assignment=None) -> Feedback:
        if rating not in self.workflow.rating_scale:
            raise Invalid("评价结果不在规定范围内", {"rating": ["请选择规定的评价结果"]})
        self.matter.rating = rating
        return Feedback.objects.create(
            matter=self.matter, assignment=assignment, rating=rating, comment=comment, channel=channel,
            by=self.by if self.by and self.by.is_authenticated else None, at=self.now,
        )

    # notifications (sent after commit)
    def notify_unit(self, unit: Unit | int, title: str, body: str = "", level: str = "info", roles=()) -> None:
        unit_id = unit if isinstance(unit, int) else unit.pk
        self.notices.append(Notice(title, body, level, matter_url(self.matter), unit_id=unit_id, roles=tuple(roles),
                                   **for_matter(self.matter)))

    def notify_person(self, person: User | int, title: str, body: str = "", level: str = "info") -> None:
        person_id = person if isinstance(person, int) else person.pk
        self.notices.append(Notice(title, body, level, matter_url(self.matter), person_id=person_id,
                                   **for_matter(self.matter)))


# --- Creating and changing matters ------------------------------------------------------


def add_party(matter: Matter, *, unit: Unit | None = None, person: User | None = None, relation: str) -> None:
    # The matter is locked (or new) whenever this runs, so no one else adds the same row meanwhile.
    wanted = Party.objects.filter(matter=matter, unit=unit, person=person, relation=relation)
    if not wanted.exists():
        Party.objects.create(matter=matter, unit=unit, person=person, relation=relation)


def _owner_section(workflow: Workflow) -> Unit:
    unit = workflow.owner_section()
    if unit is None:
        raise Invalid(f"未设置{workflow.label}的主管科室（系统管理 → 单位 → 办公厅职能）")
    return unit


def create_matter(
    kind: str,
    by: User | None,
    *,
    title: str,
    content: str = "",
    category: str = "",
    urgency: str = "normal",
    secrecy: int = 0,
    received_at: datetime.datetime | None = None,
    due_at: datetime.datetime | None = None,
    due_uncertain: bool = False,
    due_rule: str | None = None,
    parent: Matter | None = None,
    source: Matter | None = None,
    status: str | None = None,
    owner_unit: Unit | None = None,
    comment: str = "",
    entry_data: dict | None = None,
) -> tuple[Matter, Context]:
    """Register a new matter (登记/受理). Call inside a transaction; the kind's service creates its
    detail row with the returned matter, then calls `finish(ctx)`."""
    workflow = get_workflow(kind)
    now = timezone.now()
    received_at = received_at or now
    matter = Matter(
        kind=kind, title=title.strip(), content=content, category=category, urgency=urgency, secrecy=secrecy,
        status=status or workflow.initial, received_at=received_at, created_by=by, parent=parent, source=source,
        owner_unit=owner_unit or _owner_section(workflow),
        serial=next_serial(workflow.serial_prefix, timezone.localtime(received_at).year),
    )
    if due_at is None and due_rule:
        deadline = compute_deadline(received_at, due_rule)
        matter.due_at, matter.due_uncertain = deadline.due_at, deadline.uncertain
    else:
        matter.due_at, matter.due_uncertain = due_at, due_uncertain
    with engine_writes_status():
        matter.save()
    add_party(matter, unit=matter.owner_unit, relation=Party.Relation.OWNER)
    ctx = Context(matter=matter, by=by, data={}, workflow=workflow, transition=None, now=now, comment=comment)
    ctx.entry_data.update(entry_data or {})
    return matter, ctx


def finish_creation(ctx: Context, action: str = "create", label: str = "登记") -> Matter:
    """Write the creation Entry and the derived rows; pairs with `create_matter`."""
    entry = _write_entry(ctx, action, label, from_status="", to_status=ctx.matter.status)
    _save_generated(ctx, entry)
    ctx.matter.sla = sla_for(ctx.matter.due_at, ctx.now, ctx.workflow) if ctx.matter.is_open else Sla.NONE
    ctx.matter.save()
    _after_change(ctx)
    return ctx.matter


def _actor_unit_id(user: User | None) -> int | None:
    if user is None or not user.is_authenticated:
        return None
    return user.primary_unit_id()


def _write_entry(ctx: Context, action: str, label: str, from_status: str, to_status: str) -> Entry:
    by = ctx.by if ctx.by is not None and ctx.by.is_authenticated else None
    actor_name = by.get_full_name() if by else (ctx.actor_label or SYSTEM_NAME)
    acting_for = ctx.entry_data.pop("_acting_for", None)
    if acting_for:
        actor_name = f"{actor_name}（代{acting_for}）"
    return Entry.objects.create(
        matter=ctx.matter, assignment=ctx.assignment, at=ctx.now, actor=by, actor_name=actor_name,
        actor_unit_id=_actor_unit_id(by), action=action, action_label=label, from_status=from_status,
        to_status=to_status, comment=ctx.comment, data=ctx.entry_data,
    )


def available_transitions(matter: Matter, user: User) -> list[Transition]:
    workflow = get_workflow(matter.kind)
    return [t for t in workflow.transitions
            if not t.system and t.starts_from(matter.status) and t.guard.test(user, matter)]


def perform(
    matter: Matter | int,
    name: str,
    by: User | None,
    data: dict | None = None,
    files: dict | None = None,
    *,
    version: int | None = None,
    actor_label: str = "",
) -> Matter:
    """Take transition `name` on a matter as `by`. Raises NotFound / Forbidden / Conflict / Invalid
    with a Chinese message; on any error nothing is written.

    A system transition (`Transition.system`) is taken with `by=None` and an `actor_label` naming
    who acted for the journal (e.g. the citizen on the portal); a person can never take it."""
    matter_id = matter.pk if isinstance(matter, Matter) else matter
    data = data or {}
    with transaction.atomic():
        # Lock the matter row only (`of`): FOR UPDATE with a join would also lock the owner unit's row,
        # which every matter of the kind shares, and serialise every transition in the office.
        # NO KEY: rows that merely reference the matter (a journal entry of the sweep) need not wait.
        locked = (Matter.objects.select_for_update(of=("self",), no_key=True).filter(pk=matter_id)
                  .select_related("owner_unit").first())
        if locked is None or (by is not None and not matter_rules.can_view(by, locked)):
            raise NotFound("事项不存在或您无权查看")
        workflow = get_workflow(locked.kind)
        transition = workflow.transition(name)
        if transition is None:
            raise NotFound(f"{workflow.label}没有“{name}”这一操作")
        if transition.system != (by is None):
            raise Forbidden(f"“{transition.label}”不能由{'系统' if by is None else '工作人员'}执行")
        if version is not None and int(version) != locked.version:
            raise Conflict("该事项已被他人处理，请刷新页面后再操作")
        if not transition.starts_from(locked.status):
            raise Conflict(
                f"事项当前状态为“{workflow.state_label(locked.status)}”，不能执行“{transition.label}”"
            )
        answers = matter_rules.check_guard(transition.guard, by, locked)
        if answers is None:
            if _lost_race(by, locked, transition):
                raise Conflict(f"该事项的“{transition.label}”已有人办理，办理环节已变化，请刷新页面后再操作")
            raise Forbidden(f"您无权对该事项执行“{transition.label}”")
        cleaned = {}
        if transition.form is not None:
            # A JSON object's values must have the types the form's fields read (a list is not a title).
            wrong_types = json_type_errors(transition.form, data)
            if wrong_types:
                raise Invalid(first_error(wrong_types), wrong_types)
            form = transition.form(data, files)
            if not form.is_valid():
                fields = form_errors(form)
                labels = {n: str(f.label) for n, f in form.fields.items()}
                raise Invalid(first_error(fields, labels), fields)
            cleaned = form.cleaned_data
        ctx = Context(
            matter=locked, by=by, data=cleaned, workflow=workflow, transition=transition, now=timezone.now(),
            comment=str(cleaned.get("comment") or cleaned.get("reason") or cleaned.get("reply") or ""),
            actor_label=actor_label,
        )
        if transition.assignment == "own":
            # The guard's answer when it asked the same question; otherwise ask now.
            states = transition.assignment_states or Assignment.ACTIVE
            ctx.assignment = answers.own_assignment(states) or matter_rules.own_assignment(by, locked, states)
        if answers.review_step_known:
            ctx.review_step = answers.review_step
        # Acting for another (授权) is possible only with a delegation: only then is the review step
        # looked up before the effect, to journal "（代…）". Otherwise an effect looks it up if it needs it.
        if by is not None and len(by.acting_ids()) > 1:
            step = ctx.review_step
            if step is not None and step.person_id and step.person_id != by.pk:
                ctx.entry_data["_acting_for"] = step.person.get_full_name()
        from_status = locked.status
        if transition.effect is not None:
            transition.effect(ctx)
        if ctx.next_status is not None:
            locked.status = ctx.next_status
        elif transition.target is not None:
            locked.status = transition.target
        # A closing transition closes only when it reaches its declared target: an assisting unit's
        # action that stays put (ctx.stay) closes nothing.
        if transition.closes and locked.is_open and locked.status == transition.target:
            ctx.close()
        if transition.reopens:
            ctx.reopen()
        locked.version += 1
        locked.sla = sla_for(locked.due_at, ctx.now, workflow) if locked.is_open else Sla.NONE
        with engine_writes_status():
            locked.save()
        entry = _write_entry(ctx, transition.name, transition.label, from_status, locked.status)
        save_files(locked, entry, by, files)
        _save_generated(ctx, entry)
        _after_change(ctx)
        return locked


_ASSIGNMENT_STAGE = {Assignment.Status.PENDING: 0, Assignment.Status.ACCEPTED: 1, Assignment.Status.REPLIED: 2,
                     Assignment.Status.RETURNED: 2, Assignment.Status.DONE: 3, Assignment.Status.CANCELLED: 3}


def _lost_race(by: User, matter: Matter, transition: Transition) -> bool:
    """The guard refused, but only because someone else has just acted (HTTP 409, not 403): the
    caller's unit had the assignment this transition acts through and it has moved on (签收 twice by
    two clerks of a unit), or the review step decided last was the caller's to decide and a colleague
    of the same post decided it first. Read under the matter's row lock, like the guard."""
    units = by.unit_ids()
    if transition.assignment == "own":
        # Moved on = past every state the transition acts from (not yet there, e.g. 反馈 before 签收, is 403).
        states = transition.assignment_states or Assignment.ACTIVE
        latest = max(_ASSIGNMENT_STAGE[s] for s in states)
        mine = list(matter.assignments.filter(unit_id__in=units).values_list("status", flat=True))
        return bool(mine) and not set(mine) & set(states) and any(_ASSIGNMENT_STAGE[s] > latest for s in mine)
    if "is_current_reviewer" in str(getattr(transition.guard, "name", "")):
        # The step decided last was one the caller could decide, and a colleague decided it.
        last = (matter.review_steps.filter(status__in=(ReviewStep.Status.APPROVED, ReviewStep.Status.RETURNED))
                .exclude(decided_at=None).order_by("-decided_at", "-id").first())
        if last is None or last.decided_by_id in (None, by.pk):
            return False
        if last.person_id:
            return last.person_id in by.acting_ids()
        return last.unit_id in units and (not last.role or by.has_role_in(last.unit_id, last.role))
    return False


def record_event(matter: Matter, by: User | None, action: str, label: str, comment: str = "", data=None, assignment=None) -> Entry:
    """Journal something that is not a state change (催办 by the sweep, a read of a secret matter)."""
    ctx = Context(matter=matter, by=by, data={}, workflow=get_workflow(matter.kind), transition=None,
                  now=timezone.now(), assignment=assignment, comment=comment, entry_data=dict(data or {}))
    return _write_entry(ctx, action, label, matter.status, matter.status)


def save_files(matter: Matter, entry: Entry, by: User, files) -> None:
    """Store uploaded files (`attachments`) with a journal entry. All or nothing: every file is checked
    by its content first (core/uploads), and a refused file leaves none of the others on disk."""
    if not files:
        return
    uploads = list(files.getlist("attachments") if hasattr(files, "getlist") else files.get("attachments", []))
    problems = uploads_check.check_all(uploads)
    if problems:
        raise Invalid(problems[0], {"attachments": [*problems, uploads_check.ALLOWED_MESSAGE]})
    written = []
    try:
        for uploaded in uploads:
            written.append(Attachment.objects.create(
                matter=matter, entry=entry, file=uploaded, name=uploaded.name[:200], size=uploaded.size,
                content_type=(getattr(uploaded, "content_type", "") or "")[:100], uploaded_by=by,
            ))
    except BaseException:
        for attachment in written:
            attachment.file.delete(save=False)
        raise


def _save_generated(ctx: Context, entry: Entry) -> None:
    from django.core.files.base import ContentFile

    for name, content, content_type in ctx.generated:
        by = ctx.by if ctx.by is not None and ctx.by.is_authenticated else None
        Attachment.objects.create(matter=ctx.matter, entry=entry, file=ContentFile(content, name=name), name=name[:200],
                                  size=len(content), content_type=content_type[:100], uploaded_by=by)


def _after_change(ctx: Context) -> None:
    rebuild_todos(ctx.matter)
    mark_stats_dirty(ctx.matter)
    queue_notices(ctx.notices)


# --- Deadlines ----------------------------------------------------------------------------


def sla_for(due_at, now, workflow: Workflow) -> str:
    if due_at is None:
        return Sla.NONE
    if due_at < now:
        return Sla.OVERDUE
    if due_at <= reminder_threshold(now, workflow):
        return Sla.DUE_SOON
    return Sla.NORMAL


def reminder_threshold(now: datetime.datetime, workflow: Workflow) -> datetime.datetime:
    """Deadlines at or before this moment are 临期."""
    return compute_deadline(now, workflow.span("reminder_before")).due_at


# --- The inbox (我的待办) ------------------------------------------------------------------


def default_holders(matter: Matter) -> list[Holder]:
    if not matter.is_open:
        return []
    holders: list[Holder] = []
    for step in matter.review_steps.filter(status=ReviewStep.Status.CURRENT):
        roles = (step.role,) if step.role else ()
        holders.append(Holder(task=f"{step.name}", unit_id=step.unit_id, person_id=step.person_id, roles=roles,
                              due_at=matter.due_at))
    extension_requested = False
    for a in matter.assignments.filter(status__in=Assignment.ACTIVE):
        task = "签收" if a.status == Assignment.Status.PENDING else "办理"
        holders.append(Holder(task=f"{task}（{a.get_role_display()}）", unit_id=a.unit_id, due_at=a.due_at))
        extension_requested |= a.extension == Assignment.Extension.REQUESTED
    if extension_requested:
        holders.append(Holder(task="审批延期申请", unit_id=matter.owner_unit_id, due_at=matter.due_at))
    owner_tasks = get_workflow(matter.kind).owner_tasks
    if matter.status in owner_tasks:
        holders.append(Holder(task=owner_tasks[matter.status], unit_id=matter.owner_unit_id, due_at=matter.due_at))
    elif not holders and not owner_tasks:
        holders.append(Holder(task=matter.status_label, unit_id=matter.owner_unit_id, due_at=matter.due_at))
    return holders


def rebuild_todos(matter: Matter) -> None:
    workflow = get_workflow(matter.kind)
    holders = (workflow.holders or default_holders)(matter)
    Todo.objects.filter(matter=matter).delete()
    rank = URGENCY_RANK.get(matter.urgency, 2)
    Todo.objects.bulk_create(
        Todo(matter=matter, unit_id=h.unit_id, person_id=h.person_id, roles=",".join(h.roles), task=h.task[:60],
             due_at=h.due_at, urgency_rank=rank, secrecy=matter.secrecy, since=timezone.now())
        for h in holders
    )


def inbox(user: User):
    """Open work waiting for this user, most urgent first: urgency, then the nearest deadline."""
    if not user.is_business_user:
        return Todo.objects.none()
    acting = user.acting_ids()
    roles_by_unit: dict[int, list[str]] = {}
    for unit_id, role, *_rest in user.posts():
        roles_by_unit.setdefault(unit_id, []).append(role)
    # One clause per unit (all the caller's roles there), and the personal clause only when there is
    # personal work: a single unit's queue is then read in order from its index, count included.
    clauses = []
    for unit_id, roles in roles_by_unit.items():
        wanted = Q(roles="")
        for role in roles:
            wanted |= Q(roles__contains=role)
        clauses.append(Q(unit_id=unit_id, person__isnull=True) & wanted)
    if not roles_by_unit or Todo.objects.filter(person_id__in=acting).exists():
        clauses.append(Q(person_id__in=acting))
    query = clauses[0]
    for clause in clauses[1:]:
        query |= clause
    return (
        Todo.objects.filter(query)
        .filter(secrecy__lte=user.clearance)
        .select_related("matter", "matter__lead_unit", "unit")
        .order_by("urgency_rank", F("due_at").asc(nulls_last=True), "id")
    )


def done_by(user: User):
    """已办: matters this user has acted on, latest first."""
    ids = Entry.objects.filter(actor=user).values("matter_id")
    return matter_rules.visible_matters(user).filter(pk__in=ids).order_by("-updated_at")


def started_by(user: User):
    return matter_rules.visible_matters(user).filter(created_by=user).order_by("-received_at")


# --- Statistics rollups -------------------------------------------------------------------


def mark_stats_dirty(matter: Matter) -> None:
    day = timezone.localtime(matter.received_at).date()
    StatDirty.objects.bulk_create([StatDirty(kind=matter.kind, day=day)], ignore_conflicts=True)


def mark_many_dirty(pairs) -> None:
    StatDirty.objects.bulk_create([StatDirty(kind=k, day=d) for k, d in set(pairs)], ignore_conflicts=True)


def note_read(matter: Matter, user: User, request=None) -> None:
    """Every read of a classified matter is journaled and audited (保密: 谁看过都有记录)."""
    if matter.secrecy <= 0:
        return
    from shuniu.core import audit
    from shuniu.core.models import AuditEvent

    with transaction.atomic():
        record_event(matter, user, "read", "查阅", data={"secrecy": matter.get_secrecy_display()})
        audit.record(AuditEvent.Action.READ_RESTRICTED, request=request, user=user, target=matter.serial,
                     detail=f"查阅{audit.redact_classified(matter)}")
