"""周安排 (.docx, .xlsx) and the iCalendar feed. What each reader sees is `present()`'s answer:
an export never shows more than the week view does."""

from __future__ import annotations

import datetime
import io

from django.utils import timezone

WEEKDAYS = "一二三四五六日"


def title_for(start: datetime.date, end: datetime.date) -> str:
    return f"市政府领导同志周安排（{start.month}月{start.day}日—{end.month}月{end.day}日）"


def day_heading(day: datetime.date) -> str:
    return f"{day.month}月{day.day}日（星期{WEEKDAYS[day.weekday()]}）"


def cell_text(items: list[dict]) -> str:
    lines = []
    for item in items:
        if item.get("cancelled"):
            continue
        start = datetime.datetime.fromisoformat(item["starts_at"])
        end = datetime.datetime.fromisoformat(item["ends_at"])
        line = f"{start:%H:%M}—{end:%H:%M} {item['title']}"
        if item.get("place"):
            line += f"（{item['place']}）"
        lines.append(line)
    return "\n".join(lines)


def week_docx(grid: dict) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    from shuniu.core.gbt9704 import XIAOBIAOSONG, set_run_font

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_run_font(heading.add_run(title_for(grid["start"], grid["end"])), XIAOBIAOSONG, Pt(18))
    table = doc.add_table(rows=1 + len(grid["rows"]), cols=1 + len(grid["days"]))
    table.style = "Table Grid"
    table.cell(0, 0).text = "领导"
    for j, day in enumerate(grid["days"], start=1):
        table.cell(0, j).text = day_heading(day)
    for i, row in enumerate(grid["rows"], start=1):
        table.cell(i, 0).text = row["leader"].name
        for j, items in enumerate(row["cells"], start=1):
            table.cell(i, j).text = cell_text(items)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def week_xlsx(grid: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "周安排"
    columns = 1 + len(grid["days"])
    ws.append([title_for(grid["start"], grid["end"])])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    ws["A1"].font = Font(size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(["领导", *[day_heading(d) for d in grid["days"]]])
    for row in grid["rows"]:
        ws.append([row["leader"].name, *[cell_text(items) for items in row["cells"]]])
    for line in ws.iter_rows(min_row=3):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 12
    for letter in "BCDEFGH":
        ws.column_dimensions[letter].width = 28
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def feed_ics(leader, items: list[dict], host: str) -> bytes:
    """The leader's calendar for phones; `items` as `present()` gave them to the leader's staff."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Shuniu//领导日程//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{leader.name}同志日程")
    stamp = timezone.now()
    for item in items:
        if item["id"] is None or item.get("cancelled"):
            continue
        event = Event()
        event.add("uid", f"schedule-{item['id']}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", datetime.datetime.fromisoformat(item["starts_at"]))
        event.add("dtend", datetime.datetime.fromisoformat(item["ends_at"]))
        event.add("summary", item["title"])
        if item["place"]:
            event.add("location", item["place"])
        if item["note"]:
            event.add("description", item["note"])
        event.add("categories", [item["category_label"]])
        cal.add_component(event)
    return cal.to_ical()
