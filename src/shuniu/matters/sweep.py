"""The deadline sweep (periodic task and `shuniu sweep_deadlines`): keeps SLA states current,
sends 临期提醒 before a deadline, 催办 after it, and escalates to the supervising office
(督查科 and the office director) once a matter has been overdue for the kind's span.

Set-based: SLA flips are single UPDATEs; only assignments that need a reminder, a chase or an
escalation are loaded, in batches, and each gets one journal Entry.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from shuniu.org.models import OfficeRole, Role, User
from shuniu.org.services import office_units
from shuniu.workdays.services import DeadlineRule, add_working_days

from .models import Assignment, Entry, Matter, Sla
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
    """now ± a rule (e.g. "1 working days"), used for thresholds."""
    rule = DeadlineRule.parse(rule_text)
    if rule.unit == "working_days":
        day, _uncertain = add_working_days(timezone.localdate(now), sign * rule.amount)
        local = timezone.localtime(now)
        return timezone.make_aware(datetime.datetime.combine(day, local.time().replace(microsecond=0)))
    if rule.unit == "hours":
        return now + sign * datetime.timedelta(hours=rule.amount)
    if rule.unit == "calendar_days":
        return now + sign * datetime.timedelta(days=rule.amount)
    return now + sign * datetime.timedelta(days=30 * rule.amount)


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
    active = Assignment.objects.filter(matter__kind=kind, status__in=Assignment.ACTIVE, due_at__isnull=False)

    # 临期提醒: once per assignment.
    remind = active.filter(due_at__gte=now, due_at__lte=soon, reminded_at__isnull=True)
    result.reminded += _act(remind, now, "remind", "临期提醒", "reminder",
                            lambda a: f"请注意：{a.matter.serial}“{a.matter.title}”将于{_fmt(a.due_at)}到期，请抓紧办理。",
                            {"reminded_at": now})

    # 自动催办: when overdue, then again every `chase_every`.
    chase_before = _shift(now, workflow.span("chase_every"), -1)
    chase = active.filter(due_at__lt=now).filter(Q(chased_at__isnull=True) | Q(chased_at__lte=chase_before))
    result.chased += _act(chase, now, "auto_chase", "自动催办", "chase",
                          lambda a: f"{a.matter.serial}“{a.matter.title}”已超过办理时限（{_fmt(a.due_at)}），请立即办理并反馈。",
                          {"chased_at": now}, count_chase=True)

    # 升级督办: overdue longer than `escalate_after`, once.
    escalate_before = _shift(now, workflow.span("escalate_after"), -1)
    escalate = active.filter(due_at__lt=escalate_before, escalated_at__isnull=True)
    result.escalated += _act(escalate, now, "escalate", "升级督办", "escalation",
                             lambda a: f"{a.unit.name}承办的{a.matter.serial}“{a.matter.title}”超期未办结，已提请督查科督办。",
                             {"escalated_at": now}, escalate=True)

    # Matters whose running clock no unit holds (e.g. 信访 forwarding within 15 days, 复查/复核
    # answers): the owner section is reminded, chased and escalated through the matter's own fields.
    unheld = Matter.objects.filter(kind=kind, is_open=True, due_at__isnull=False).exclude(
        Exists(Assignment.objects.filter(matter=OuterRef("pk"), status__in=Assignment.ACTIVE))
    )
    result.reminded += _act_owner(unheld.filter(due_at__gte=now, due_at__lte=soon, reminded_at__isnull=True), now,
                                  "remind", "临期提醒", "reminder",
                                  lambda m: f"请注意：{m.serial}“{m.title}”（{m.status_label}）将于{_fmt(m.due_at)}到期。",
                                  {"reminded_at": now})
    result.chased += _act_owner(unheld.filter(due_at__lt=now).filter(Q(chased_at__isnull=True) | Q(chased_at__lte=chase_before)),
                                now, "auto_chase", "自动催办", "chase",
                                lambda m: f"{m.serial}“{m.title}”（{m.status_label}）已超过时限（{_fmt(m.due_at)}），请立即办理。",
                                {"chased_at": now}, count_chase=True)
    result.escalated += _act_owner(unheld.filter(due_at__lt=escalate_before, escalated_at__isnull=True), now,
                                   "escalate", "升级督办", "escalation",
                                   lambda m: f"{m.owner_unit.name}负责的{m.serial}“{m.title}”（{m.status_label}）超期未办，已提请督办。",
                                   {"escalated_at": now}, escalate=True)


def _act_owner(queryset, now, action, label, level, message, updates, count_chase=False, escalate=False) -> int:
    """Like `_act`, for matters held by their owner section rather than an assigned unit."""
    from django.db.models import F

    from shuniu.notify.services import Notice, for_matter, queue_notices

    from .services import matter_url

    supervisors = _supervisors() if escalate else []
    done = 0
    while True:
        # No ORDER BY: each batch stops matching once handled, and ordering by id would walk the whole
        # primary key at 10M rows instead of the partial deadline index.
        batch = list(queryset.select_related("owner_unit").order_by()[:BATCH])
        if not batch:
            return done
        with transaction.atomic():
            entries, notices = [], []
            for m in batch:
                text = message(m)
                entries.append(Entry(matter=m, at=now, actor=None, actor_name=SYSTEM_NAME, action=action, action_label=label,
                                     from_status=m.status, to_status=m.status, comment=text,
                                     data={"unit": m.owner_unit.code, "due_at": m.due_at.isoformat()}))
                title, url = f"{label}：{m.title}", matter_url(m)
                notices.append(Notice(title, text, level, url, unit_id=m.owner_unit_id, **for_matter(m)))
                notices.extend(Notice(title, text, level, url, person_id=pk, **for_matter(m)) for pk in supervisors)
            Entry.objects.bulk_create(entries)
            ids = [m.pk for m in batch]
            Matter.objects.filter(pk__in=ids).update(**updates)
            if count_chase:
                Matter.objects.filter(pk__in=ids).update(chase_count=F("chase_count") + 1)
            queue_notices(notices)
        done += len(batch)


def _fmt(value) -> str:
    return timezone.localtime(value).strftime("%Y年%m月%d日%H:%M")


def _act(queryset, now, action, label, level, message, updates, count_chase=False, escalate=False) -> int:
    from shuniu.notify.services import Notice, for_matter, queue_notices

    from .services import matter_url

    supervisors = None
    done = 0
    while True:
        batch = list(queryset.select_related("matter", "unit").order_by()[:BATCH])  # see _act_owner
        if not batch:
            return done
        with transaction.atomic():
            entries, notices = [], []
            for a in batch:
                text = message(a)
                entries.append(Entry(
                    matter=a.matter, assignment=a, at=now, actor=None, actor_name=SYSTEM_NAME, action=action,
                    action_label=label, from_status=a.matter.status, to_status=a.matter.status, comment=text,
                    data={"unit": a.unit.code, "due_at": a.due_at.isoformat()},
                ))
                title, url = f"{label}：{a.matter.title}", matter_url(a.matter)
                secret = for_matter(a.matter)
                notices.append(Notice(title, text, level, url, unit_id=a.unit_id, **secret))
                if escalate:
                    if supervisors is None:
                        supervisors = _supervisors()
                    notices.append(Notice(title, text, level, url, unit_id=a.matter.owner_unit_id, **secret))
                    notices.extend(Notice(title, text, level, url, person_id=pk, **secret) for pk in supervisors)
            Entry.objects.bulk_create(entries)
            ids = [a.pk for a in batch]
            Assignment.objects.filter(pk__in=ids).update(**updates)
            if count_chase:
                from django.db.models import F

                Assignment.objects.filter(pk__in=ids).update(chase_count=F("chase_count") + 1)
                Matter.objects.filter(pk__in={a.matter_id for a in batch}).update(
                    chased_at=now, chase_count=F("chase_count") + 1
                )
            if escalate:
                Matter.objects.filter(pk__in={a.matter_id for a in batch}, escalated_at__isnull=True).update(escalated_at=now)
            queue_notices(notices)
        done += len(batch)


def _supervisors() -> list[int]:
    """The supervising office: 督查科 staff and the office director."""
    people = User.objects.filter(is_active=True, memberships__is_active=True).filter(
        Q(memberships__unit__in=office_units(OfficeRole.SUPERVISING)) | Q(memberships__role=Role.OFFICE_DIRECTOR)
    )
    return list(people.values_list("pk", flat=True).distinct())
