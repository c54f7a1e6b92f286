"""The deadline sweep (periodic task and `shuniu sweep_deadlines`): keeps SLA states current,
sends 临期提醒 before a deadline, 催办 after it, and escalates to the supervising office
(督查科 and the office director) once a matter has been overdue for the kind's span.

Three kinds of holder are chased the same way (`_chase` → `_act`): assignments (their unit),
matters nobody is assigned (their owner section), and running duty clocks that do not bind the
matter's due date (matters/clocks.py; binding clocks *are* the matter's due date).

Set-based: SLA flips are single UPDATEs; only rows that need a reminder, a chase or an escalation
are loaded, in batches, and each gets one journal Entry.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from shuniu.org.models import OfficeRole, Role, User
from shuniu.org.services import office_units

from . import clocks
from .models import Assignment, Clock, Entry, Matter, Sla
from .services import SYSTEM_NAME, mark_many_dirty
from .workflow import Workflow, all_workflows

BATCH = 2000


@dataclass
class SweepResult:
    overdue: int = 0
    due_soon: int = 0
    reminded: int = 0
    chased: int = 0
    escalated: int = 0

    def __str__(self) -> str:
        return (f"新增超期 {self.overdue}，新增临期 {self.due_soon}，临期提醒 {self.reminded}，"
                f"自动催办 {self.chased}，升级督办 {self.escalated}")


def _shift(now: datetime.datetime, rule_text: str, sign: int) -> datetime.datetime:
    """now ± a rule (e.g. "1 working days", "30 minutes"), used for thresholds."""
    return clocks.shift(now, rule_text, sign)


def sweep(now: datetime.datetime | None = None) -> SweepResult:
    now = now or timezone.now()
    result = SweepResult()
    for workflow in all_workflows():
        _sweep_kind(workflow, now, result)
    return result


def update_sla(workflow: Workflow, now, result: SweepResult | None = None) -> None:
    """Bring the stored 正常/临期/超期 states of one kind's open matters and assignments up to `now`."""
    result = result or SweepResult()
    kind = workflow.kind
    soon = _shift(now, workflow.span("reminder_before"), +1)
    open_matters = Matter.objects.filter(kind=kind, is_open=True, due_at__isnull=False)

    # SLA states of matters; the statistics of their days must be rebuilt when they turn overdue.
    turning = open_matters.filter(due_at__lt=now).exclude(sla=Sla.OVERDUE)
    days = {(kind, timezone.localtime(r).date()) for r in turning.values_list("received_at", flat=True)}
    result.overdue += turning.update(sla=Sla.OVERDUE)
    mark_many_dirty(days)
    result.due_soon += open_matters.filter(due_at__gte=now, due_at__lte=soon).exclude(sla=Sla.DUE_SOON).update(
        sla=Sla.DUE_SOON
    )
    open_matters.filter(due_at__gt=soon).exclude(sla=Sla.NORMAL).update(sla=Sla.NORMAL)

    active = Assignment.objects.filter(matter__kind=kind, status__in=Assignment.ACTIVE, due_at__isnull=False)
    active.filter(due_at__lt=now).exclude(sla=Sla.OVERDUE).update(sla=Sla.OVERDUE)
    active.filter(due_at__gte=now, due_at__lte=soon).exclude(sla=Sla.DUE_SOON).update(sla=Sla.DUE_SOON)
    active.filter(due_at__gt=soon).exclude(sla=Sla.NORMAL).update(sla=Sla.NORMAL)


def _sweep_kind(workflow: Workflow, now, result: SweepResult) -> None:
    kind = workflow.kind
    update_sla(workflow, now, result)
    soon = _shift(now, workflow.span("reminder_before"), +1)
    chase_before = _shift(now, workflow.span("chase_every"), -1)
    escalate_before = _shift(now, workflow.span("escalate_after"), -1)
    active = Assignment.objects.filter(matter__kind=kind, status__in=Assignment.ACTIVE, due_at__isnull=False)
    # Matters whose running clock no unit holds (e.g. 信访 forwarding within 15 days, 复查/复核
    # answers): the owner section is reminded, chased and escalated through the matter's own fields.
    unheld = Matter.objects.filter(kind=kind, is_open=True, due_at__isnull=False).exclude(
        Exists(Assignment.objects.filter(matter=OuterRef("pk"), status__in=Assignment.ACTIVE))
    )
    _chase(active, now, soon, chase_before, escalate_before, result)
    _chase(unheld, now, soon, chase_before, escalate_before, result)
    # Duty clocks that do not bind the matter's due date (e.g. an assisting unit's 1-month view inside
    # the lead's 3 months) are reminded and chased on their own; binding clocks are the due dates above.
    for spec in workflow.clocks:
        if spec.window or spec.binds:
            continue
        running = Clock.objects.filter(matter__kind=kind, matter__is_open=True, name=spec.name,
                                       state=Clock.State.RUNNING)
        clock_soon = _shift(now, spec.remind_before, +1) if spec.remind_before else soon
        _chase(running, now, clock_soon, chase_before, escalate_before, result)


def _chase(holding, now, soon, chase_before, escalate_before, result: SweepResult) -> None:
    """临期提醒 once before the deadline; 自动催办 when overdue and again every `chase_every`;
    升级督办 once overdue longer than `escalate_after` — for assignments, matters or clocks."""
    result.reminded += _act(holding.filter(due_at__gte=now, due_at__lte=soon, reminded_at__isnull=True),
                            now, "remind", "临期提醒", "reminder", {"reminded_at": now})
    overdue = holding.filter(due_at__lt=now)
    result.chased += _act(overdue.filter(Q(chased_at__isnull=True) | Q(chased_at__lte=chase_before)),
                          now, "auto_chase", "自动催办", "chase", {"chased_at": now}, count_chase=True)
    result.escalated += _act(holding.filter(due_at__lt=escalate_before, escalated_at__isnull=True),
                             now, "escalate", "升级督办", "escalation", {"escalated_at": now}, escalate=True)


@dataclass
class _Held:
    """What the sweep acts on, whoever holds it: an assignment (its unit), a matter nobody is assigned
    (its owner section), or a clock (its assignment's unit, else the owner section)."""

    obj: object
    matter: Matter
    assignment: Assignment | None
    unit: object
    clock: Clock | None = None

    @property
    def what(self) -> str:
        m = self.matter
        if self.clock is not None:
            return f"{m.serial}“{m.title}”的{self.clock.label}时限"
        if self.assignment is None:
            return f"{m.serial}“{m.title}”（{m.status_label}）"
        return f"{m.serial}“{m.title}”"

    def message(self, action: str) -> str:
        due = _fmt(self.obj.due_at)
        if action == "remind":
            tail = "，请抓紧办理。" if self.assignment is not None or self.clock is not None else "。"
            return f"请注意：{self.what}将于{due}到期{tail}"
        if action == "auto_chase":
            if self.clock is not None:
                return f"{self.what}已于{due}届满，请立即办理并反馈。"
            if self.assignment is not None:
                return f"{self.what}已超过办理时限（{due}），请立即办理并反馈。"
            return f"{self.what}已超过时限（{due}），请立即办理。"
        if self.clock is not None:
            return f"{self.unit.name}负责的{self.what}已超期，已提请督办。"
        if self.assignment is not None:
            return f"{self.unit.name}承办的{self.what}超期未办结，已提请督查科督办。"
        return f"{self.unit.name}负责的{self.what}超期未办，已提请督办。"


_RELATED = {Assignment: ("matter", "unit"), Matter: ("owner_unit",),
            Clock: ("matter", "matter__owner_unit", "assignment__unit")}


def _held(obj) -> _Held:
    if isinstance(obj, Assignment):
        return _Held(obj, obj.matter, obj, obj.unit)
    if isinstance(obj, Matter):
        return _Held(obj, obj, None, obj.owner_unit)
    holder = obj.assignment
    return _Held(obj, obj.matter, holder, holder.unit if holder else obj.matter.owner_unit, clock=obj)


def _fmt(value) -> str:
    return timezone.localtime(value).strftime("%Y年%m月%d日%H:%M")


def _act(queryset, now, action, label, level, updates, count_chase=False, escalate=False) -> int:
    """Journal, notify and mark every row of `queryset` (assignments, matters or clocks), in batches.
    The holder's unit is told; an escalation also tells the owner section and the supervising office."""
    from shuniu.notify.services import Notice, for_matter, queue_notices

    from .services import matter_url

    model = queryset.model
    supervisors = None
    done = 0
    while True:
        # No ORDER BY: each batch stops matching once handled, and ordering by id would walk the whole
        # primary key at 10M rows instead of the partial deadline index.
        batch = [_held(obj) for obj in queryset.select_related(*_RELATED[model]).order_by()[:BATCH]]
        if not batch:
            return done
        with transaction.atomic():
            entries, notices = [], []
            for h in batch:
                text = h.message(action)
                data = {"unit": h.unit.code, "due_at": h.obj.due_at.isoformat()}
                if h.clock is not None:
                    data["clock"] = h.clock.name
                entries.append(Entry(
                    matter=h.matter, assignment=h.assignment, at=now, actor=None, actor_name=SYSTEM_NAME, action=action,
                    action_label=label, from_status=h.matter.status, to_status=h.matter.status, comment=text, data=data,
                ))
                title, url = f"{label}：{h.matter.title}", matter_url(h.matter)
                secret = for_matter(h.matter)
                notices.append(Notice(title, text, level, url, unit_id=h.unit.pk, **secret))
                if escalate:
                    if supervisors is None:
                        supervisors = _supervisors()
                    if h.matter.owner_unit_id != h.unit.pk:
                        notices.append(Notice(title, text, level, url, unit_id=h.matter.owner_unit_id, **secret))
                    notices.extend(Notice(title, text, level, url, person_id=pk, **secret) for pk in supervisors)
            Entry.objects.bulk_create(entries)
            ids = [h.obj.pk for h in batch]
            model.objects.filter(pk__in=ids).update(**updates)
            matter_ids = {h.matter.pk for h in batch}
            if count_chase:
                model.objects.filter(pk__in=ids).update(chase_count=F("chase_count") + 1)
                if model is not Matter:
                    Matter.objects.filter(pk__in=matter_ids).update(chased_at=now, chase_count=F("chase_count") + 1)
            if escalate and model is not Matter:
                Matter.objects.filter(pk__in=matter_ids, escalated_at__isnull=True).update(escalated_at=now)
            queue_notices(notices)
        done += len(batch)


def _supervisors() -> list[int]:
    """The supervising office: 督查科 staff and the office director."""
    people = User.objects.filter(is_active=True, memberships__is_active=True).filter(
        Q(memberships__unit__in=office_units(OfficeRole.SUPERVISING)) | Q(memberships__role=Role.OFFICE_DIRECTOR)
    )
    return list(people.values_list("pk", flat=True).distinct())
