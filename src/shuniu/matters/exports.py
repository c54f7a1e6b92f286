"""The standard 统计表 as .xlsx."""

from __future__ import annotations

import io
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .workflow import get_workflow

HEADERS = ["序号", "项目", "受理数", "办结数", "按时办结数", "超期未办结数", "按时办结率", "满意率", "平均办理时长（小时）"]


def quote_filename(name: str) -> str:
    return quote(name)


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
