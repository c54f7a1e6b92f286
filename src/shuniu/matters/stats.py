"""Statistics over every kind, read from the StatBucket rollup.

Cohort rule: a matter counts in the period in which it was received (受理); `closed`,
`closed_on_time`, ratings and handling time are those of the matters received in the period.
So every rate stays between 0 and 100 % and a period's figures settle as its matters close.
`overdue_open` is as of the last refresh (before each read, after each deadline sweep).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone

from shuniu.org.models import OfficeRole, Unit
from shuniu.org.services import office_units

from .models import Matter, StatBucket, StatDirty
from .workflow import all_workflows, get_workflow

GROUPS = ("unit", "category", "month", "kind")


def _day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return start, start + datetime.timedelta(days=1)


def rebuild_bucket(kind: str, day: datetime.date, now: datetime.datetime | None = None) -> None:
    """Recompute the rollup rows of one (kind, day) from the matters received that day."""
    now = now or timezone.now()
    workflow = get_workflow(kind)
    start, end = _day_bounds(day)
    handling = ExpressionWrapper(F("closed_at") - F("received_at"), output_field=DurationField())
    rows = (
        Matter.objects.filter(kind=kind, received_at__gte=start, received_at__lt=end)
        .values("lead_unit_id", "category")
        .annotate(
            received=Count("id"),
            closed=Count("id", filter=Q(is_open=False)),
            closed_on_time=Count("id", filter=Q(is_open=False, closed_on_time=True)),
            overdue_open=Count("id", filter=Q(is_open=True, due_at__lt=now)),
            rated=Count("id", filter=~Q(rating="")),
            satisfied=Count("id", filter=Q(rating__in=workflow.satisfied_ratings)),
            handling=Sum(handling, filter=Q(is_open=False)),
        )
    )
    buckets = [
        StatBucket(
            day=day, kind=kind, unit_id=row["lead_unit_id"], category=row["category"], received=row["received"],
            closed=row["closed"], closed_on_time=row["closed_on_time"], overdue_open=row["overdue_open"],
            rated=row["rated"], satisfied=row["satisfied"],
            handling_seconds=int(row["handling"].total_seconds()) if row["handling"] else 0,
        )
        for row in rows
    ]
    with transaction.atomic():
        StatBucket.objects.filter(kind=kind, day=day).delete()
        StatBucket.objects.bulk_create(buckets)


def refresh_dirty(limit: int = 500, *, kind: str | None = None, date_from: datetime.date | None = None,
                  date_to: datetime.date | None = None) -> int:
    """Rebuild the buckets marked dirty since the last refresh — all of them, or only those of one
    kind and period (what a reader is about to read). Returns how many were rebuilt."""
    now = timezone.now()
    marks = StatDirty.objects.all()
    if kind:
        marks = marks.filter(kind=kind)
    if date_from:
        marks = marks.filter(day__gte=date_from)
    if date_to:
        marks = marks.filter(day__lte=date_to)
    done = 0
    while True:
        # One transaction (one commit) for the rebuilt buckets and the cleared marks. The marks are
        # locked, skipping any another worker holds, so two refreshes never rebuild the same day at once.
        with transaction.atomic():
            batch = list(marks.select_for_update(skip_locked=True).order_by("id")[:limit])
            if not batch:
                return done
            for mark in batch:
                rebuild_bucket(mark.kind, mark.day, now)
            StatDirty.objects.filter(pk__in=[m.pk for m in batch]).delete()
        done += len(batch)


def rebuild_all() -> int:
    """Rebuild every bucket from scratch (management command `shuniu rebuild_stats`)."""
    pairs = set()
    for kind, received_at in Matter.objects.values_list("kind", "received_at").iterator(chunk_size=5000):
        pairs.add((kind, timezone.localtime(received_at).date()))
    StatBucket.objects.all().delete()
    now = timezone.now()
    for kind, day in sorted(pairs):
        rebuild_bucket(kind, day, now)
    return len(pairs)


@dataclass
class StatRow:
    key: str
    label: str
    received: int = 0
    closed: int = 0
    closed_on_time: int = 0
    overdue_open: int = 0
    rated: int = 0
    satisfied: int = 0
    handling_seconds: int = 0

    def add(self, bucket: dict) -> None:
        for name in ("received", "closed", "closed_on_time", "overdue_open", "rated", "satisfied", "handling_seconds"):
            setattr(self, name, getattr(self, name) + (bucket[name] or 0))

    @property
    def on_time_rate(self) -> float | None:
        return round(self.closed_on_time / self.closed, 4) if self.closed else None

    @property
    def satisfaction_rate(self) -> float | None:
        return round(self.satisfied / self.rated, 4) if self.rated else None

    @property
    def closed_rate(self) -> float | None:
        return round(self.closed / self.received, 4) if self.received else None

    @property
    def avg_handling_hours(self) -> float | None:
        return round(self.handling_seconds / self.closed / 3600, 1) if self.closed else None

    def as_dict(self) -> dict:
        return {
            "key": self.key, "label": self.label, "received": self.received, "closed": self.closed,
            "closed_on_time": self.closed_on_time, "overdue_open": self.overdue_open,
            "on_time_rate": self.on_time_rate, "satisfaction_rate": self.satisfaction_rate,
            "avg_handling_hours": self.avg_handling_hours,
        }


def stats_scope(user) -> set[int] | None:
    """Units whose figures this user may see; None means all. Office staff and the principal leader
    see all; a leader sees the units in their portfolio; anyone else their own units."""
    from shuniu.org.models import Role

    from .rules import sees_everything

    if sees_everything(user):
        return None
    office_ids = office_units(OfficeRole.GENERAL_OFFICE).values_list("pk", flat=True)
    if user.unit_ids() & set(office_ids):
        return None
    scope = set(user.unit_ids())
    if user.has_role(Role.DEPUTY_LEADER):
        scope |= user.portfolio_unit_ids()
    return scope


def query(
    *, user=None, kind: str | None = None, date_from: datetime.date | None = None,
    date_to: datetime.date | None = None, group_by: str = "unit", unit_ids: set[int] | None = None,
) -> list[StatRow]:
    if group_by not in GROUPS:
        raise ValueError("group_by 只能是 unit、category、month 或 kind")
    # Transitions only mark their (kind, day) dirty; the marks of what is read are folded in here
    # before reading (all of them every minute by the periodic task), so figures are current without
    # a rebuild per transition, and a reader never waits for days outside the period asked for.
    refresh_dirty(kind=kind, date_from=date_from, date_to=date_to)
    buckets = StatBucket.objects.all()
    if kind:
        buckets = buckets.filter(kind=kind)
    if date_from:
        buckets = buckets.filter(day__gte=date_from)
    if date_to:
        buckets = buckets.filter(day__lte=date_to)
    scope = stats_scope(user) if user is not None else None
    if unit_ids is not None:
        scope = unit_ids if scope is None else scope & unit_ids
    if scope is not None:
        buckets = buckets.filter(unit_id__in=scope)
    fields = ("received", "closed", "closed_on_time", "overdue_open", "rated", "satisfied", "handling_seconds")
    if group_by == "month":
        # Summed per day by the database and folded into months below (rows merge by their
        # "YYYY-MM" key): no per-row date function, which SQLite would run in Python.
        grouped = buckets.values(g=F("day"))
    elif group_by == "unit":
        grouped = buckets.values(g=F("unit_id"))
    elif group_by == "kind":
        grouped = buckets.values(g=F("kind"))
    else:
        grouped = buckets.values(g=F("category"), k=F("kind"))
    grouped = grouped.annotate(**{name: Sum(name) for name in fields}).order_by()

    rows: dict = {}
    labels = _labels(group_by, kind)
    for bucket in grouped:
        key = bucket["g"]
        if group_by == "month":
            key = key.strftime("%Y-%m") if key else ""
        key = "" if key is None else str(key)
        row = rows.get(key)
        if row is None:
            row = rows[key] = StatRow(key=key, label=labels(key, bucket))
        row.add(bucket)
    result = list(rows.values())
    if group_by == "month":
        result.sort(key=lambda r: r.key)
    else:
        result.sort(key=lambda r: (-r.received, r.key))
    return result


def total(rows: list[StatRow]) -> StatRow:
    row = StatRow(key="total", label="合计")
    for r in rows:
        row.add(r.__dict__)
    return row


def _labels(group_by: str, kind: str | None):
    if group_by == "unit":
        units = {str(u.pk): (u.code, u.name) for u in Unit.objects.all()}
        return lambda key, bucket: units.get(key, ("", "未交办"))[1]
    if group_by == "kind":
        names = {w.kind: w.label for w in all_workflows()}
        return lambda key, bucket: names.get(key, key)
    if group_by == "category":
        categories = defaultdict(dict)
        for w in all_workflows():
            categories[w.kind] = w.categories
        return lambda key, bucket: categories[bucket.get("k", kind)].get(key, key or "未分类")
    return lambda key, bucket: f"{key[:4]}年{int(key[5:7])}月" if key else ""


def unit_codes() -> dict[str, str]:
    return {str(pk): code for pk, code in Unit.objects.values_list("pk", "code")}
