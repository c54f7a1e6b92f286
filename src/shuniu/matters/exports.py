"""Excel exports: the standard 统计表, and any matter list as it is filtered on screen (`?format=xlsx`).

A list's export is built from the very queryset the page shows (same filters, same visibility), is
capped at MAX_EXPORT_ROWS rows and is audited (导出, with the filters and the row count)."""

from __future__ import annotations

import io
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .workflow import get_workflow

HEADERS = ["序号", "项目", "受理数", "办结数", "按时办结数", "超期未办结数", "按时办结率", "满意率", "平均办理时长（小时）"]


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_EXPORT_ROWS = 50_000


def quote_filename(name: str) -> str:
    return quote(name)


def wants_xlsx(request) -> bool:
    """A list page answers `?format=xlsx` with its rows as a workbook."""
    return request.GET.get("format") == "xlsx"


def local_time(value):
    if value is None:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _sla_label(matter) -> str:
    from .models import Sla

    return Sla(matter.sla).label if matter.sla in Sla.values else ""


# (header, width, value-of-row) — the columns of the generic matter list.
MATTER_COLUMNS = [
    ("类别", 10, lambda m: m.kind_label),
    ("编号", 18, lambda m: m.serial),
    ("标题", 48, lambda m: m.title),
    ("主办单位", 22, lambda m: m.lead_unit.name if m.lead_unit_id else ""),
    ("状态", 12, lambda m: m.status_label),
    ("受理时间", 18, lambda m: local_time(m.received_at)),
    ("办理时限", 18, lambda m: local_time(m.due_at)),
    ("时限状态", 10, _sla_label),
]

TODO_COLUMNS = [
    ("类别", 10, lambda t: t.matter.kind_label),
    ("编号", 18, lambda t: t.matter.serial),
    ("标题", 48, lambda t: t.matter.title),
    ("待办", 14, lambda t: t.task),
    ("紧急程度", 10, lambda t: t.matter.get_urgency_display()),
    ("办理时限", 18, lambda t: local_time(t.due_at)),
    ("时限状态", 10, lambda t: _sla_label(t.matter)),
]


def list_workbook(rows, columns, *, title: str, note: str = "") -> tuple[bytes, int, bool]:
    """Rows → .xlsx bytes, the number of rows written and whether the cap cut the list."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    for col, (_header, width, _value) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.append([title])
    ws.append([note or f"导出时间：{timezone.localtime():%Y-%m-%d %H:%M}"])
    ws.append(["序号", *[header for header, _w, _v in columns]])
    count, truncated = 0, False
    for row in rows[: MAX_EXPORT_ROWS + 1] if hasattr(rows, "__getitem__") else rows:
        if count == MAX_EXPORT_ROWS:
            truncated = True
            break
        count += 1
        ws.append([count, *[value(row) for _h, _w, value in columns]])
    if truncated:
        ws.append([f"导出上限为{MAX_EXPORT_ROWS}条，其余事项未导出，请缩小查询范围后分批导出。"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue(), count, truncated


def list_response(request, rows, *, title: str, columns=None, filters: str = "") -> HttpResponse:
    """The list page's rows as a download, audited. `rows` is the queryset the page paginates (so
    the filters and the caller's permissions are those of the page)."""
    from shuniu.core import audit
    from shuniu.core.models import AuditEvent

    content, count, truncated = list_workbook(rows, columns or MATTER_COLUMNS, title=title)
    params = filters or "&".join(f"{k}={v}" for k, v in request.GET.items() if k not in ("format", "page") and v)
    audit.record(AuditEvent.Action.EXPORT, request=request, target=title,
                 detail=f"{count}条{'（已达导出上限）' if truncated else ''}；条件：{params or '无'}"[:1000])
    response = HttpResponse(content, content_type=XLSX_TYPE)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote_filename(title)}-{stamp}.xlsx"
    response["Cache-Control"] = "no-store"
    return response


def _pct(value):
    return value if value is not None else "—"


def stats_workbook(rows, *, kind, group_by, date_from, date_to) -> bytes:
    from .stats import total

    wb = Workbook()
    ws = wb.active
    ws.title = "统计表"
    title = f"{get_workflow(kind).label if kind else '全部事项'}办理情况统计表"
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws["A1"].font = Font(name="黑体", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([f"统计时段：{date_from:%Y年%m月%d日}至{date_to:%Y年%m月%d日}（按受理时间）"])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADERS))
    ws.append(HEADERS)
    thin = Side(style="thin")
    for index, row in enumerate([*rows, total(rows)], start=1):
        ws.append([
            index if row.key != "total" else "", row.label, row.received, row.closed, row.closed_on_time,
            row.overdue_open, _pct(row.on_time_rate), _pct(row.satisfaction_rate), _pct(row.avg_handling_hours),
        ])
    for cells in ws.iter_rows(min_row=3, max_row=ws.max_row):
        for cell in cells:
            cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
            if cell.column in (7, 8) and isinstance(cell.value, float):
                cell.number_format = "0.00%"
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for col, width in enumerate([6, 24, 10, 10, 12, 14, 12, 10, 20], start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
