"""The statutory clocks of a petition (《信访工作条例》; calendar days unless said).

Each clock is a `Clock` row: started, due, stopped. At most one duty clock runs at a time and the
matter's `due_at` is always that clock's due date, so the engine's deadline sweep and the inbox
follow whichever limit binds now. The rules live in the workflow's `deadlines`.
"""

from __future__ import annotations

import datetime

from shuniu.workdays.services import DeadlineRule, compute_deadline

from .models import Clock, Petition

KIND = "petition"
DUTIES = (Clock.Name.FORWARD, Clock.Name.NOTICE, Clock.Name.HANDLE, Clock.Name.REVIEW, Clock.Name.RECHECK)


def rule_text(name: str) -> str:
    from shuniu.matters.workflow import get_workflow

    return get_workflow(KIND).deadlines[name]


def rule(name: str) -> DeadlineRule:
    return DeadlineRule.parse(rule_text(name))


def start(petition: Petition, name: str, at: datetime.datetime, note: str = "") -> Clock:
    text = rule_text(name)
    deadline = compute_deadline(at, text)
    return Clock.objects.create(
        petition=petition, name=name, rule=str(DeadlineRule.parse(text)), started_at=at, due_at=deadline.due_at,
        due_uncertain=deadline.uncertain, note=note,
    )


def running(petition: Petition, name: str) -> Clock | None:
    return petition.clocks.filter(name=name, status=Clock.Status.RUNNING).order_by("-started_at", "-id").first()


def stop(petition: Petition, name: str, at: datetime.datetime, note: str = "") -> Clock | None:
    clock = running(petition, name)
    if clock is not None:
        clock.status, clock.stopped_at = Clock.Status.STOPPED, at
        if note:
            clock.note = note
        clock.save(update_fields=["status", "stopped_at", "note"])
    return clock


def cancel(petition: Petition, name: str, note: str) -> None:
    petition.clocks.filter(name=name, status=Clock.Status.RUNNING).update(status=Clock.Status.CANCELLED, note=note)


def extend(clock: Clock, days: int) -> Clock:
    """Lengthen a running clock by `days` calendar days, counted from its statutory start."""
    base = DeadlineRule.parse(clock.rule)
    total = days + clock.extended_days
    deadline = compute_deadline(clock.started_at, DeadlineRule(base.amount + total, base.unit))
    clock.due_at, clock.due_uncertain, clock.extended_days = deadline.due_at, deadline.uncertain, total
    clock.save(update_fields=["due_at", "due_uncertain", "extended_days"])
    return clock


def current_duty(petition: Petition) -> Clock | None:
    return (petition.clocks.filter(name__in=DUTIES, status=Clock.Status.RUNNING)
            .order_by("due_at", "id").first())


def sync_due(ctx, petition: Petition) -> None:
    """The matter's deadline is the duty clock running now (none once nothing is running)."""
    clock = current_duty(petition)
    if clock is not None:
        ctx.set_due(clock.due_at, clock.due_uncertain)
        ctx.matter.reminded_at = ctx.matter.escalated_at = None
