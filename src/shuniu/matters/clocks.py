"""Statutory clocks (法定时限) of the engine: the arithmetic and the operations effects use.

A kind declares its clocks in its Workflow (`clocks=[ClockSpec(...)]`); a transition's effect drives
them through `ctx.clocks` — start, pause, resume, restart, extend, stop, cancel. Each operation is
recorded in the transition's journal entry (`data["clocks"]`), in the same transaction, and the
matter's `due_at` follows the earliest running clock that binds it.

Rules: working days go through the workdays service (start day not counted, 23:59:59 of the last
day); calendar days and months end at 23:59:59 and roll over a rest day (民法典第二百零三条); hours and
minutes are exact. Paused time is not counted: for day units the days the pause covered (working
days in (paused, resumed] for working-day clocks), for hours and minutes the exact time.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import TYPE_CHECKING

from django.utils import timezone

from shuniu.workdays.services import (
    CALENDAR_DAYS,
    HOURS,
    MONTHS,
    WORKING_DAYS,
    DeadlineRule,
    compute_deadline,
    count_working_days,
)

from .models import Assignment, Clock

if TYPE_CHECKING:
    from .services import Context
    from .workflow import ClockSpec

Unit = Clock.Unit
State = Clock.State
LIVE = (State.RUNNING, State.PAUSED)

_FROM_WORKDAYS = {WORKING_DAYS: Unit.WORKDAYS, CALENDAR_DAYS: Unit.DAYS, MONTHS: Unit.MONTHS, HOURS: Unit.HOURS}
_TO_WORKDAYS = {v: k for k, v in _FROM_WORKDAYS.items()}
_MINUTES = re.compile(r"^(\d+) ?(?:minutes?|mins?|个?分钟(?:以?内)?)$")


# --- Arithmetic -----------------------------------------------------------------------------


def parse_rule(text: str) -> tuple[int, str]:
    """(amount, Clock.Unit) of a rule text: "20 working days", "60日", "3个月", "2小时", "30分钟"."""
    normalized = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(text))).strip().lower()
    match = _MINUTES.match(normalized)
    if match and int(match.group(1)) > 0:
        return int(match.group(1)), Unit.MINUTES
    rule = DeadlineRule.parse(text)
    return rule.amount, _FROM_WORKDAYS[rule.unit]


def rule_label(amount: int, unit: str) -> str:
    return f"{amount}{Unit(unit).label}"


def compute_due(unit: str, amount: int, started_at: datetime.datetime, paused_days: int = 0,
                paused_total: datetime.timedelta = datetime.timedelta(0)) -> tuple[datetime.datetime, bool]:
    """(due_at, uncertain) of a clock of `amount` `unit`s started at `started_at`, pauses left out."""
    if unit == Unit.MINUTES:
        return started_at + datetime.timedelta(minutes=amount) + paused_total, False
    if unit == Unit.HOURS:
        return started_at + datetime.timedelta(hours=amount) + paused_total, False
    if unit == Unit.MONTHS:
        deadline = compute_deadline(started_at + datetime.timedelta(days=paused_days), DeadlineRule(amount, MONTHS))
    else:
        deadline = compute_deadline(started_at, DeadlineRule(amount + paused_days, _TO_WORKDAYS[unit]))
    return deadline.due_at, deadline.uncertain


def paused_days(unit: str, paused_at: datetime.datetime, resumed_at: datetime.datetime) -> int:
    """The days a pause covered, in the clock's unit: working days in (paused, resumed] for working-day
    clocks, calendar days for day and month clocks, none for hours and minutes (counted exactly)."""
    first, last = timezone.localdate(paused_at), timezone.localdate(resumed_at)
    if unit == Unit.WORKDAYS:
        return count_working_days(first, last)
    if unit in (Unit.DAYS, Unit.MONTHS):
        return max((last - first).days, 0)
    return 0


def shift(now: datetime.datetime, rule_text: str, sign: int) -> datetime.datetime:
    """now ± a rule (thresholds of the sweep); working days keep the time of day."""
    from shuniu.workdays.services import add_working_days

    amount, unit = parse_rule(rule_text)
    if unit == Unit.WORKDAYS:
        day, _uncertain = add_working_days(timezone.localdate(now), sign * amount)
        local = timezone.localtime(now)
        return timezone.make_aware(datetime.datetime.combine(day, local.time().replace(microsecond=0)))
    span = {Unit.MINUTES: datetime.timedelta(minutes=amount), Unit.HOURS: datetime.timedelta(hours=amount),
            Unit.DAYS: datetime.timedelta(days=amount)}.get(unit, datetime.timedelta(days=30 * amount))
    return now + sign * span


def recompute(clock: Clock) -> None:
    clock.due_at, clock.due_uncertain = compute_due(clock.unit, clock.amount + clock.extended, clock.started_at,
                                                    clock.paused_days, clock.paused_total)


# --- Reading --------------------------------------------------------------------------------


def remaining_text(delta: datetime.timedelta | None) -> str:
    """剩余3天4小时 / 超期2天 / 剩余25分钟, for the matter page."""
    if delta is None:
        return "—"
    seconds = int(delta.total_seconds())
    prefix = "剩余" if seconds >= 0 else "超期"
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{prefix}{days}天{hours}小时" if hours else f"{prefix}{days}天"
    if hours:
        return f"{prefix}{hours}小时{minutes}分钟" if minutes else f"{prefix}{hours}小时"
    return f"{prefix}{minutes}分钟"


def rows(matter, now: datetime.datetime | None = None) -> list[dict]:
    """The matter's clocks for the page and the API, oldest first."""
    now = now or timezone.now()
    result = []
    for clock in matter.clocks.select_related("assignment__unit").order_by("started_at", "id"):
        code, label = clock.status_at(now)
        remaining = clock.remaining(now)
        result.append({
            "clock": clock, "name": clock.name, "label": clock.label, "rule": clock.rule_label,
            "unit": clock.assignment.unit.name if clock.assignment_id else "",
            "started_at": clock.started_at, "due_at": clock.due_at, "due_uncertain": clock.due_uncertain,
            "stopped_at": clock.stopped_at, "paused": clock.state == State.PAUSED, "window": clock.window,
            "extensions": clock.extensions, "extended": clock.extended, "state": code, "state_label": label,
            "remaining": None if remaining is None else int(remaining.total_seconds()),
            "remaining_text": remaining_text(remaining), "note": clock.note,
        })
    return result


def overdue(matter, now: datetime.datetime | None = None) -> bool:
    """Whether any running duty clock of the matter is past due."""
    now = now or timezone.now()
    return matter.clocks.filter(state=State.RUNNING, window=False, due_at__lt=now).exists()


# --- Operations (ctx.clocks) -----------------------------------------------------------------


class ClockBook:
    """The clocks of the matter a transition acts on. Every operation is journaled in the entry's
    `data["clocks"]` and keeps the matter's due date on the earliest running binding clock."""

    def __init__(self, ctx: Context):
        self.ctx = ctx

    @property
    def matter(self):
        return self.ctx.matter

    def spec(self, name: str) -> ClockSpec:
        return self.ctx.workflow.clock_spec(name)

    def running(self, name: str) -> Clock | None:
        """The live (running or paused) clock of that name, if any."""
        self.spec(name)
        return (Clock.objects.filter(matter=self.matter, name=name, state__in=LIVE)
                .order_by("-started_at", "-id").first())

    def latest(self, name: str) -> Clock | None:
        return Clock.objects.filter(matter=self.matter, name=name).order_by("-started_at", "-id").first()

    def _live(self, name: str) -> Clock:
        clock = self.running(name)
        if clock is None:
            from .services import Invalid

            raise Invalid(f"“{self.spec(name).label}”时限未在计时，不能执行此操作")
        return clock

    def start(self, name: str, at: datetime.datetime | None = None, *, assignment: Assignment | None = None,
              note: str = "") -> Clock:
        spec = self.spec(name)
        if self.running(name) is not None:
            raise RuntimeError(f"{self.ctx.workflow.kind}: clock {name} is already running")
        amount, unit = parse_rule(spec.rule)
        clock = Clock(matter=self.matter, assignment=assignment, name=name, label=spec.label, window=spec.window,
                      unit=unit, amount=amount, started_at=at or self.ctx.now, note=note)
        recompute(clock)
        clock.save()
        self._record("start", clock)
        return clock

    def pause(self, name: str, note: str = "") -> Clock:
        clock = self._live(name)
        if clock.state == State.PAUSED:
            from .services import Invalid

            raise Invalid(f"“{clock.label}”时限已经暂停")
        clock.state, clock.paused_at = State.PAUSED, self.ctx.now
        if note:
            clock.note = note
        clock.save(update_fields=["state", "paused_at", "note"])
        self._record("pause", clock)
        return clock

    def resume(self, name: str, note: str = "") -> Clock:
        clock = self._live(name)
        if clock.state != State.PAUSED:
            from .services import Invalid

            raise Invalid(f"“{clock.label}”时限未暂停，无需恢复计时")
        clock.paused_total += self.ctx.now - clock.paused_at
        clock.paused_days += paused_days(clock.unit, clock.paused_at, self.ctx.now)
        clock.state, clock.paused_at = State.RUNNING, None
        if note:
            clock.note = note
        recompute(clock)
        clock.reminded_at = clock.chased_at = clock.escalated_at = None
        clock.save()
        self._record("resume", clock)
        return clock

    def restart(self, name: str, at: datetime.datetime | None = None, note: str = "") -> Clock:
        """Count again from `at` (e.g. 依申请公开: from the day the 补正 arrives): pauses and
        extensions of the earlier count no longer apply."""
        clock = self._live(name)
        clock.started_at, clock.state, clock.paused_at = at or self.ctx.now, State.RUNNING, None
        clock.paused_total, clock.paused_days = datetime.timedelta(0), 0
        clock.extensions = clock.extended = 0
        clock.reminded_at = clock.chased_at = clock.escalated_at = None
        if note:
            clock.note = note
        recompute(clock)
        clock.save()
        self._record("restart", clock)
        return clock

    def extend(self, name: str, amount: int, note: str = "") -> Clock:
        """Lengthen a live clock by `amount` of its own unit, counted from its start; refused beyond
        the declared number of extensions or total length."""
        from .services import Invalid

        spec = self.spec(name)
        clock = self._live(name)
        if amount < 1:
            raise Invalid("延长期限应为正数")
        if spec.max_extensions is not None and clock.extensions >= spec.max_extensions:
            raise Invalid(f"“{clock.label}”时限最多只能延长{spec.max_extensions}次，已经延长{clock.extensions}次，不能再次延长")
        if spec.extension_max:
            most, unit = parse_rule(spec.extension_max)
            if unit != clock.unit or clock.extended + amount > most:
                raise Invalid(f"“{clock.label}”时限延长累计不得超过{rule_label(most, unit)}")
        clock.extensions += 1
        clock.extended += amount
        if note:
            clock.note = note
        recompute(clock)
        clock.reminded_at = clock.chased_at = clock.escalated_at = None
        clock.save()
        self._record("extend", clock, amount=amount)
        return clock

    def stop(self, name: str, at: datetime.datetime | None = None, note: str = "") -> Clock | None:
        """The limit is met (or missed) now: the clock stops. None when it was not running."""
        clock = self.running(name)
        if clock is None:
            return None
        clock.state, clock.stopped_at = State.STOPPED, at or self.ctx.now
        if clock.paused_at is not None:
            clock.paused_total += clock.stopped_at - clock.paused_at
            clock.paused_at = None
        if note:
            clock.note = note
        clock.save(update_fields=["state", "stopped_at", "paused_at", "paused_total", "note"])
        self._record("stop", clock)
        return clock

    def cancel(self, name: str, note: str = "") -> Clock | None:
        """The limit no longer applies (e.g. the matter went back to registration)."""
        clock = self.running(name)
        if clock is None:
            return None
        clock.state = State.CANCELLED
        if note:
            clock.note = note
        clock.save(update_fields=["state", "note"])
        self._record("cancel", clock)
        return clock

    def _record(self, op: str, clock: Clock, **extra) -> None:
        item = {"op": op, "name": clock.name, "label": clock.label, "due_at": clock.due_at.isoformat(), **extra}
        if clock.note:
            item["note"] = clock.note
        self.ctx.entry_data.setdefault("clocks", []).append(item)
        self._sync_due()

    def _sync_due(self) -> None:
        """The matter's due date is the earliest running clock that binds it; while the binding clocks
        are all paused there is none; once none is live the last due date stays (按时办结 is read from it)."""
        names = [s.name for s in self.ctx.workflow.clocks if s.binds]
        if not names:
            return
        live = Clock.objects.filter(matter=self.matter, name__in=names, state__in=LIVE)
        first = live.filter(state=State.RUNNING).order_by("due_at", "id").values_list("due_at", "due_uncertain").first()
        matter = self.matter
        if first is not None:
            if matter.due_at != first[0]:
                self.ctx.set_due(first[0], first[1])
                matter.reminded_at = matter.escalated_at = None
        elif live.exists():
            self.ctx.set_due(None, False)
