"""公文统计: documents issued by issuing office, type and month, each beside the same period a year
earlier (is the number of documents being cut? 精简文件); incoming documents received, closed,
average handling time and overdue handling. Counts only what the caller may see."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from shuniu.matters.models import Matter
from shuniu.matters.rules import visible_matters

from .models import DocType, OutgoingDocument

GROUPS = {"unit": "按单位", "type": "按文种", "month": "按月份"}


def _bounds(date_from: datetime.date, date_to: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime.combine(date_from, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min))
    return start, end


def _year_earlier(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _outgoing_counts(user, start, end, group_by: str) -> dict[str, tuple[str, int]]:
    visible = visible_matters(user, Matter.objects.filter(kind="doc_out"))
    qs = OutgoingDocument.objects.filter(matter__in=visible, issued_at__gte=start, issued_at__lt=end)
    rows: dict[str, tuple[str, int]] = {}
    if group_by == "unit":
        for row in qs.values("series__issuer__code", "series__issuer__name").annotate(n=Count("pk")):
            rows[row["series__issuer__code"]] = (row["series__issuer__name"], row["n"])
    elif group_by == "type":
        for row in qs.values("doc_type").annotate(n=Count("pk")):
            rows[row["doc_type"]] = (DocType(row["doc_type"]).label, row["n"])
    else:
        tz = timezone.get_current_timezone()
        for row in qs.annotate(month=TruncMonth("issued_at", tzinfo=tz)).values("month").annotate(n=Count("pk")):
            key = f"{row['month']:%Y-%m}"
            rows[key] = (f"{row['month'].year}年{row['month'].month}月", row["n"])
    return rows


def _shift_month(key: str) -> str:
    year, month = key.split("-")
    return f"{int(year) + 1}-{month}"


def report(user, date_from: datetime.date, date_to: datetime.date, group_by: str = "unit") -> dict:
    start, end = _bounds(date_from, date_to)
    current = _outgoing_counts(user, start, end, group_by)
    earlier = _outgoing_counts(user, *_bounds(_year_earlier(date_from), _year_earlier(date_to)), group_by)
    if group_by == "month":
        earlier = {_shift_month(k): v for k, v in earlier.items()}
    outgoing = []
    for key in sorted(set(current) | set(earlier)):
        label = (current.get(key) or earlier.get(key))[0]
        now_n, before_n = current.get(key, ("", 0))[1], earlier.get(key, ("", 0))[1]
        outgoing.append({"key": key, "label": label, "issued": now_n, "previous_year": before_n,
                         "change": now_n - before_n})
    total, previous = sum(r["issued"] for r in outgoing), sum(r["previous_year"] for r in outgoing)
    return {
        "group_by": group_by,
        "from": date_from.isoformat(),
        "to": date_to.isoformat(),
        "outgoing": outgoing,
        "outgoing_total": {"issued": total, "previous_year": previous, "change": total - previous},
        "incoming": _incoming(user, start, end, group_by),
    }


def _incoming(user, start, end, group_by: str) -> list[dict]:
    now = timezone.now()
    qs = (visible_matters(user, Matter.objects.filter(kind="doc_in"))
          .filter(received_at__gte=start, received_at__lt=end)
          .values("owner_unit__code", "owner_unit__name", "category", "received_at", "closed_at", "is_open",
                  "due_at", "closed_on_time"))
    groups: dict[str, dict] = defaultdict(lambda: {"received": 0, "closed": 0, "closed_late": 0, "overdue_open": 0,
                                                   "seconds": 0.0})
    labels: dict[str, str] = {}
    tz = timezone.get_current_timezone()
    for row in qs:
        if group_by == "unit":
            key, label = row["owner_unit__code"], row["owner_unit__name"]
        elif group_by == "type":
            key = row["category"] or "unknown"
            label = DocType(row["category"]).label if row["category"] in DocType.values else "未注明文种"
        else:
            local = row["received_at"].astimezone(tz)
            key, label = f"{local:%Y-%m}", f"{local.year}年{local.month}月"
        labels[key] = label
        g = groups[key]
        g["received"] += 1
        if row["closed_at"]:
            g["closed"] += 1
            g["seconds"] += (row["closed_at"] - row["received_at"]).total_seconds()
            g["closed_late"] += row["closed_on_time"] is False
        elif row["is_open"] and row["due_at"] and row["due_at"] < now:
            g["overdue_open"] += 1
    result = []
    for key in sorted(groups):
        g = groups[key]
        result.append({
            "key": key, "label": labels[key], "received": g["received"], "closed": g["closed"],
            "closed_late": g["closed_late"], "overdue_open": g["overdue_open"],
            "avg_handling_hours": round(g["seconds"] / g["closed"] / 3600, 1) if g["closed"] else None,
        })
    return result
