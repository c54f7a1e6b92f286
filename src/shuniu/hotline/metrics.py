"""热线考核指标: 按时办结率, 满意率, 直接办结率, 回访率 — by unit, category or month.

Cohort rule (as the engine's statistics): tickets count in the period in which they were
received (受理). Merged duplicates (归并件) are not counted on their own.

- 按时办结率 = closed on time / closed (办结 = the reply was approved or the hotline answered directly)
- 满意率 = 满意 + 基本满意 / rated (the rating that counts: the office's 回访 if made, else the citizen's own on the portal)
- 直接办结率 = answered directly by the hotline / received
- 回访率 = called back (回访) / closed
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from shuniu.matters.models import Matter
from shuniu.matters.stats import stats_scope
from shuniu.org.models import Unit

from .models import Category
from .workflow import KIND, MERGED, WORKFLOW

GROUPS = {"unit": "按承办单位", "category": "按诉求分类", "month": "按月份"}
COUNTS = ("received", "closed", "closed_on_time", "direct", "revisited", "rated", "satisfied")


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass
class MetricRow:
    key: str
    label: str
    received: int = 0
    closed: int = 0
    closed_on_time: int = 0
    direct: int = 0
    revisited: int = 0
    rated: int = 0
    satisfied: int = 0

    @property
    def on_time_rate(self):
        return _rate(self.closed_on_time, self.closed)

    @property
    def satisfaction_rate(self):
        return _rate(self.satisfied, self.rated)

    @property
    def direct_rate(self):
        return _rate(self.direct, self.received)

    @property
    def revisit_rate(self):
        return _rate(self.revisited, self.closed)

    def add(self, other) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + (getattr(other, name) if isinstance(other, MetricRow) else other[name]))

    def as_dict(self) -> dict:
        return {
            "key": self.key, "label": self.label, **{name: getattr(self, name) for name in COUNTS},
            "on_time_rate": self.on_time_rate, "satisfaction_rate": self.satisfaction_rate,
            "direct_rate": self.direct_rate, "revisit_rate": self.revisit_rate,
        }


def _bounds(date_from: datetime.date | None, date_to: datetime.date | None):
    start = timezone.make_aware(datetime.datetime.combine(date_from, datetime.time.min)) if date_from else None
    end = (timezone.make_aware(datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min))
           if date_to else None)
    return start, end


def query(*, user=None, date_from=None, date_to=None, group_by: str = "unit") -> list[MetricRow]:
    if group_by not in GROUPS:
        raise ValueError("group_by 只能是 unit、category 或 month")
    tickets = Matter.objects.filter(kind=KIND).exclude(status=MERGED)
    start, end = _bounds(date_from, date_to)
    if start:
        tickets = tickets.filter(received_at__gte=start)
    if end:
        tickets = tickets.filter(received_at__lt=end)
    scope = stats_scope(user) if user is not None else None
    if scope is not None:
        tickets = tickets.filter(lead_unit_id__in=scope)
    if group_by == "month":
        grouped = tickets.annotate(g=TruncMonth("received_at")).values("g")
    elif group_by == "unit":
        grouped = tickets.values(g=F("lead_unit_id"))
    else:
        grouped = tickets.values(g=F("category"))
    grouped = grouped.annotate(
        received=Count("pk"),
        closed=Count("pk", filter=Q(is_open=False)),
        closed_on_time=Count("pk", filter=Q(is_open=False, closed_on_time=True)),
        direct=Count("pk", filter=Q(ticket__answered_directly=True)),
        revisited=Count("pk", filter=Q(is_open=False, ticket__revisited_at__isnull=False)),
        rated=Count("pk", filter=~Q(rating="")),
        satisfied=Count("pk", filter=Q(rating__in=WORKFLOW.satisfied_ratings)),
    ).order_by()
    labels = _labels(group_by)
    rows: dict[str, MetricRow] = {}
    for bucket in grouped:
        key = bucket["g"]
        if group_by == "month":
            key = timezone.localtime(key).strftime("%Y-%m") if isinstance(key, datetime.datetime) else (
                key.strftime("%Y-%m") if key else "")
        key = "" if key is None else str(key)
        row = rows.setdefault(key, MetricRow(key=key, label=labels(key)))
        row.add(bucket)
    result = list(rows.values())
    result.sort(key=(lambda r: r.key) if group_by == "month" else (lambda r: (-r.received, r.key)))
    return result


def total(rows: list[MetricRow]) -> MetricRow:
    row = MetricRow(key="total", label="合计")
    for r in rows:
        row.add(r)
    return row


def _labels(group_by: str):
    if group_by == "unit":
        units = {str(pk): name for pk, name in Unit.objects.values_list("pk", "name")}
        return lambda key: units.get(key, "热线直接办结及未派单")
    if group_by == "category":
        names = dict(Category.choices)
        return lambda key: names.get(key, "未分类")
    return lambda key: f"{key[:4]}年{int(key[5:7])}月" if key else ""


HEADERS = ["序号", "项目", "受理量", "办结量", "按时办结量", "直接办结量", "回访量", "评价量", "满意量",
           "按时办结率", "满意率", "直接办结率", "回访率"]


def workbook(rows: list[MetricRow], *, group_by: str, date_from, date_to) -> bytes:
    """The 12345热线考核指标统计表 as .xlsx."""
    wb = Workbook()
    ws = wb.active
    ws.title = "热线考核指标"
    ws.append([f"12345热线办理情况考核指标统计表（{GROUPS[group_by]}）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws["A1"].font = Font(name="黑体", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    period = f"{date_from:%Y年%m月%d日}至{date_to:%Y年%m月%d日}" if date_from and date_to else "全部"
    ws.append([f"统计时段：{period}（按受理时间）；归并件不单独统计"])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADERS))
    ws.append(HEADERS)
    for index, row in enumerate([*rows, total(rows)], start=1):
        ws.append([
            index if row.key != "total" else "", row.label, row.received, row.closed, row.closed_on_time, row.direct,
            row.revisited, row.rated, row.satisfied,
            *[value if value is not None else "—" for value in
              (row.on_time_rate, row.satisfaction_rate, row.direct_rate, row.revisit_rate)],
        ])
    thin = Side(style="thin")
    for cells in ws.iter_rows(min_row=3, max_row=ws.max_row):
        for cell in cells:
            cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
            if cell.column >= 10 and isinstance(cell.value, float):
                cell.number_format = "0.00%"
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for col, width in enumerate([6, 26, 9, 9, 11, 11, 9, 9, 9, 11, 9, 11, 9], start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
