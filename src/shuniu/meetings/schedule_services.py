"""领导日程: entering, editing and cancelling entries (journaled in the same transaction), conflicts,
the out-of-city report, and what each reader may see of an entry (details or only “有安排”)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from shuniu.notify.models import Message
from shuniu.notify.services import Notice, queue_notices
from shuniu.org.models import OfficeRole, User
from shuniu.org.services import office_unit

from .models import FeedToken, ScheduleChange, ScheduleEntry, TravelReport
from .rules import keeps_schedule_of, sees_details_of

BUSY = "有安排"
FIELDS = ("starts_at", "ends_at", "title", "place", "category", "leaves_city", "note")
NOT_ALLOWED = "您不是该领导的秘书或办公室负责同志，不能编排其日程。"


def _snapshot(entry: ScheduleEntry) -> dict:
    out = {}
    for name in FIELDS:
        value = getattr(entry, name)
        out[name] = value.isoformat() if isinstance(value, datetime.datetime) else value
    return out


def _values(data: dict) -> dict:
    values = {name: data.get(name) for name in FIELDS}
    values["place"], values["note"] = values["place"] or "", values["note"] or ""
    values["leaves_city"] = bool(values["leaves_city"])
    return values


LABELS = {"starts_at": "开始时间", "ends_at": "结束时间", "title": "事项", "place": "地点", "category": "类别",
          "leaves_city": "离开本市", "note": "备注"}


def _shown(name: str, value) -> str:
    if name in ("starts_at", "ends_at") and value:
        return timezone.localtime(datetime.datetime.fromisoformat(value)).strftime("%Y-%m-%d %H:%M")
    if name == "category":
        from .models import Category

        return Category(value).label if value in Category.values else str(value)
    if name == "leaves_city":
        return "是" if value else "否"
    return str(value or "（空）")


def change_text(change: ScheduleChange) -> str:
    """One journal line in Chinese: what changed, the reason, or the report."""
    detail = change.detail or {}
    if "changed" in detail:
        parts = [f"{LABELS.get(k, k)}：{_shown(k, v[0])} → {_shown(k, v[1])}" for k, v in detail["changed"].items()]
        return "；".join(parts) or "无实质修改"
    return detail.get("reason") or detail.get("text") or ""


# --- Conflicts ------------------------------------------------------------------------------


def overlapping(entry: ScheduleEntry):
    """The same leader's other live entries whose time overlaps this one."""
    return (ScheduleEntry.objects.filter(leader_id=entry.leader_id, cancelled_at__isnull=True,
                                         starts_at__lt=entry.ends_at, ends_at__gt=entry.starts_at)
            .exclude(pk=entry.pk).order_by("starts_at"))


def conflicting_ids(entries) -> set[int]:
    """Among `entries` (live ones), the ids of those overlapping another of the same leader."""
    by_leader: dict[int, list[ScheduleEntry]] = {}
    for e in entries:
        if e.cancelled_at is None:
            by_leader.setdefault(e.leader_id, []).append(e)
    found: set[int] = set()
    for items in by_leader.values():
        items.sort(key=lambda e: e.starts_at)
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                if b.starts_at >= a.ends_at:
                    break
                found.update((a.pk, b.pk))
    return found


# --- Changes (every one journaled) ------------------------------------------------------------


@dataclass
class Saved:
    entry: ScheduleEntry
    conflicts: list[ScheduleEntry]


def _report_trip(entry: ScheduleEntry, actor: User) -> None:
    """报备: a journaled notice to the general office and a TravelReport, once per entry."""
    if hasattr(entry, "travel_report"):
        return
    office = office_unit(OfficeRole.GENERAL_OFFICE)
    TravelReport.objects.create(entry=entry, reported_by=actor, office=office)
    local = timezone.localtime(entry.starts_at)
    text = f"{entry.leader.name}同志拟于{local:%m月%d日 %H:%M}离开本市：{entry.title}（{entry.place or '地点未填'}）"
    ScheduleChange.objects.create(entry=entry, actor=actor, action=ScheduleChange.Action.REPORT,
                                  detail={"office": office.name if office else "", "text": text})
    if office is not None:
        queue_notices([Notice(title=f"领导离市报备：{entry.leader.name}", body=text, level=Message.Level.INFO,
                              url=reverse("meetings:schedule_entry", args=[entry.pk]), unit_id=office.pk)])


def add_entry(actor: User, data: dict) -> Saved:
    """`data` is a cleaned ScheduleForm (leader is a User)."""
    leader = data["leader"]
    if not keeps_schedule_of(actor, leader):
        raise PermissionDenied(NOT_ALLOWED)
    with transaction.atomic():
        entry = ScheduleEntry.objects.create(leader=leader, created_by=actor, **_values(data))
        ScheduleChange.objects.create(entry=entry, actor=actor, action=ScheduleChange.Action.ADD,
                                      detail={"after": _snapshot(entry)})
        if entry.leaves_city:
            _report_trip(entry, actor)
    return Saved(entry, list(overlapping(entry)))


def edit_entry(actor: User, entry: ScheduleEntry, data: dict) -> Saved:
    if not keeps_schedule_of(actor, entry.leader) or (data.get("leader") and not keeps_schedule_of(actor, data["leader"])):
        raise PermissionDenied(NOT_ALLOWED)
    if entry.is_cancelled:
        raise PermissionDenied("该日程已取消，不能修改。")
    with transaction.atomic():
        entry = ScheduleEntry.objects.select_for_update().get(pk=entry.pk)
        before = _snapshot(entry)
        if data.get("leader"):
            entry.leader = data["leader"]
        for name, value in _values(data).items():
            setattr(entry, name, value)
        entry.save()
        after = _snapshot(entry)
        changed = {k: [before[k], after[k]] for k in FIELDS if before[k] != after[k]}
        ScheduleChange.objects.create(entry=entry, actor=actor, action=ScheduleChange.Action.EDIT,
                                      detail={"changed": changed})
        if entry.leaves_city:
            _report_trip(entry, actor)
    return Saved(entry, list(overlapping(entry)))


def cancel_entry(actor: User, entry: ScheduleEntry, reason: str) -> ScheduleEntry:
    if not keeps_schedule_of(actor, entry.leader):
        raise PermissionDenied(NOT_ALLOWED)
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("请填写取消原因")
    with transaction.atomic():
        entry = ScheduleEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.is_cancelled:
            raise ValueError("该日程已取消")
        entry.cancelled_at = timezone.now()
        entry.cancel_reason = reason[:200]
        entry.save(update_fields=["cancelled_at", "cancel_reason", "updated_at"])
        ScheduleChange.objects.create(entry=entry, actor=actor, action=ScheduleChange.Action.CANCEL,
                                      detail={"reason": entry.cancel_reason})
    return entry


# --- Reading: details or busy/free ------------------------------------------------------------


def entries_between(start: datetime.datetime, end: datetime.datetime, leader: User | None = None,
                    include_cancelled: bool = False):
    qs = ScheduleEntry.objects.filter(starts_at__lt=end, ends_at__gt=start).select_related("leader")
    if leader is not None:
        qs = qs.filter(leader=leader)
    if not include_cancelled:
        qs = qs.filter(cancelled_at__isnull=True)
    return qs.order_by("starts_at", "id")


class Viewer:
    """What one reader may see, decided once per leader."""

    def __init__(self, user):
        self.user = user
        self._cache: dict[int, bool] = {}

    def sees(self, leader) -> bool:
        if leader.pk not in self._cache:
            self._cache[leader.pk] = bool(sees_details_of(self.user, leader))
        return self._cache[leader.pk]

    def keeps(self, leader) -> bool:
        return bool(keeps_schedule_of(self.user, leader))


def present(entry: ScheduleEntry, viewer: Viewer, conflicts: set[int] = frozenset()) -> dict:
    """The entry as this reader may see it: everything, or only when the leader is busy."""
    base = {
        "leader": entry.leader.username,
        "leader_name": entry.leader.name,
        "starts_at": timezone.localtime(entry.starts_at).isoformat(),
        "ends_at": timezone.localtime(entry.ends_at).isoformat(),
    }
    if not viewer.sees(entry.leader):
        return {**base, "id": None, "busy": True, "title": BUSY, "place": "", "category": None,
                "category_label": "", "leaves_city": None, "note": "", "cancelled": False, "conflict": False}
    return {
        **base, "id": entry.pk, "busy": True, "title": entry.title, "place": entry.place,
        "category": entry.category, "category_label": entry.get_category_display(),
        "leaves_city": entry.leaves_city, "note": entry.note, "cancelled": entry.is_cancelled,
        "cancel_reason": entry.cancel_reason, "conflict": entry.pk in conflicts,
    }


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def week_bounds(monday: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(monday, datetime.time.min, tzinfo=tz)
    return start, start + datetime.timedelta(days=7)


def week_grid(user, monday: datetime.date, leaders) -> dict:
    """Leaders × days: each cell the entries (as `present` gives them) that start that day."""
    start, end = week_bounds(monday)
    viewer = Viewer(user)
    entries = list(entries_between(start, end))
    clashes = conflicting_ids(entries)
    days = [monday + datetime.timedelta(days=i) for i in range(7)]
    rows = []
    for leader in leaders:
        cells = []
        for day in days:
            items = [present(e, viewer, clashes) for e in entries
                     if e.leader_id == leader.pk and timezone.localtime(e.starts_at).date() == day]
            cells.append(items)
        rows.append({"leader": leader, "cells": cells, "details": viewer.sees(leader), "keeps": viewer.keeps(leader)})
    return {"days": days, "rows": rows, "start": monday, "end": days[-1],
            "conflicts": len(clashes)}


# --- iCalendar feed -----------------------------------------------------------------------------


def feed_token(leader: User) -> str:
    return FeedToken.objects.get_or_create(leader=leader)[0].token


def rotate_feed_token(leader: User) -> str:
    """A new secret for the feed (a phone lost): the old address stops working at once."""
    FeedToken.objects.filter(leader=leader).delete()
    return feed_token(leader)


def leader_for_token(token: str) -> User | None:
    row = FeedToken.objects.filter(token=token).select_related("leader").first()
    return row.leader if row and row.leader.is_active else None


def entries_in(user, q_from: datetime.date, q_to: datetime.date, leader: User | None) -> list[dict]:
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(q_from, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(q_to, datetime.time.min, tzinfo=tz) + datetime.timedelta(days=1)
    entries = list(entries_between(start, end, leader))
    clashes = conflicting_ids(entries)
    viewer = Viewer(user)
    return [present(e, viewer, clashes) for e in entries]

