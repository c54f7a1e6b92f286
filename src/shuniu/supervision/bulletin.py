"""督查通报: how the supervision items of a period stand, unit by unit, with a ranking; as a
GB/T 9704 通报 (.docx) and as a workbook (.xlsx).

Cohort rule (as in the statistics pages): the items registered (立项) in the period, each as it
stood at the end of the period (or now, if the period has not ended):

- 按时办结 closed by then within its deadline;  超期办结 closed by then after its deadline;
- 超期未办结 still open and past its deadline;  未启动 open, not overdue, not yet accepted (签收) by
  the lead unit;  正常推进 the rest (accepted, within its deadline).

按时办结率 = 按时办结 / (按时办结 + 超期办结 + 超期未办结): of the items whose outcome is known by then,
the share done on time. Units are ranked by that rate (units with no outcome yet last), then fewer
超期未办结, then fewer 超期办结; units equal on all three share a rank (1, 2, 2, 4 …).
"""

from __future__ import annotations

import datetime
import io
from dataclasses import asdict, dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from shuniu.core.gbt9704 import Appendix, OfficialDocument, Table, chinese_date, render
from shuniu.matters.models import Assignment, Matter
from shuniu.matters.services import Invalid
from shuniu.workdays.services import add_working_days

from .models import BULLETIN_ISSUER, Source

STATE_LABELS = {
    "on_time": "按时办结",
    "late": "超期办结",
    "in_progress": "正常推进",
    "overdue": "超期未办结",
    "not_started": "未启动",
}
UNASSIGNED = "待重新交办"
MAIN_TO = "各县（区）人民政府，市政府各部门"
COPY_TO = ["市委办公室", "市人大常委会办公室", "市政协办公室"]
MAX_PERIOD_DAYS = 731
PRAISE_RATE = 0.9  # 按时办结率 at or above which a unit is named for praise
QUARTERS = "一二三四"


@dataclass
class UnitRow:
    code: str
    name: str
    sort_order: int = 0
    total: int = 0
    on_time: int = 0
    late: int = 0
    in_progress: int = 0
    overdue: int = 0
    not_started: int = 0
    rank: int = 0

    @property
    def closed(self) -> int:
        return self.on_time + self.late

    @property
    def on_time_rate(self) -> float | None:
        known = self.on_time + self.late + self.overdue
        return self.on_time / known if known else None

    @property
    def rate_text(self) -> str:
        rate = self.on_time_rate
        return "—" if rate is None else f"{rate * 100:.1f}%"

    def add(self, state: str) -> None:
        self.total += 1
        setattr(self, state, getattr(self, state) + 1)


@dataclass
class ItemRow:
    matter_id: int
    serial: str
    title: str
    source: str
    lead_unit: str
    assist_units: str
    registered: str
    due: str
    state: str
    closed: str

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def source_label(self) -> str:
        return Source(self.source).label if self.source in Source.values else self.source


@dataclass
class Report:
    date_from: datetime.date
    date_to: datetime.date
    as_of: datetime.date
    units: list[UnitRow] = field(default_factory=list)
    items: list[ItemRow] = field(default_factory=list)
    total: UnitRow = field(default_factory=lambda: UnitRow("", "合计"))
    unassigned: UnitRow = field(default_factory=lambda: UnitRow("", UNASSIGNED))  # returned, not yet re-dispatched
    by_source: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "date_from": self.date_from.isoformat(), "date_to": self.date_to.isoformat(), "as_of": self.as_of.isoformat(),
            "units": [asdict(u) for u in self.units], "items": [asdict(i) for i in self.items],
            "total": asdict(self.total), "unassigned": asdict(self.unassigned), "by_source": self.by_source,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Report:
        return cls(
            date_from=datetime.date.fromisoformat(data["date_from"]), date_to=datetime.date.fromisoformat(data["date_to"]),
            as_of=datetime.date.fromisoformat(data["as_of"]), units=[UnitRow(**u) for u in data["units"]],
            items=[ItemRow(**i) for i in data["items"]], total=UnitRow(**data["total"]),
            unassigned=UnitRow(**data.get("unassigned", {"code": "", "name": UNASSIGNED})), by_source=data["by_source"],
        )


def check_period(date_from: datetime.date | None, date_to: datetime.date | None) -> None:
    if date_from is None or date_to is None:
        raise Invalid("请选择统计起止日期", {"from": ["请选择统计起止日期"]})
    if date_from > date_to:
        raise Invalid("统计起始日期不能晚于截止日期", {"from": ["统计起始日期不能晚于截止日期"]})
    if date_from > timezone.localdate():
        raise Invalid("统计起始日期不能晚于今天", {"from": ["统计起始日期不能晚于今天"]})
    if (date_to - date_from).days > MAX_PERIOD_DAYS:
        raise Invalid("统计时段不能超过两年", {"to": ["统计时段不能超过两年"]})


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def item_state(matter: Matter, lead_accepted_at: datetime.datetime | None, cutoff: datetime.datetime) -> str:
    if matter.closed_at is not None and matter.closed_at <= cutoff:
        return "on_time" if matter.closed_on_time else "late"
    if matter.due_at is not None and matter.due_at < cutoff:
        return "overdue"
    if lead_accepted_at is None or lead_accepted_at > cutoff:
        return "not_started"
    return "in_progress"


def _day(moment: datetime.datetime | None) -> str:
    return timezone.localtime(moment).date().isoformat() if moment else ""


def build_report(date_from: datetime.date, date_to: datetime.date, now: datetime.datetime | None = None) -> Report:
    """How the items registered between the two dates (inclusive) stood at the end of the period."""
    now = now or timezone.now()
    cutoff = min(_start_of(date_to + datetime.timedelta(days=1)), now)
    matters = (
        Matter.objects.filter(kind="supervision", received_at__gte=_start_of(date_from), received_at__lt=_start_of(date_to + datetime.timedelta(days=1)))
        .select_related("lead_unit", "supervision")
        .prefetch_related(Prefetch(
            "assignments",
            queryset=Assignment.objects.exclude(status__in=[Assignment.Status.RETURNED, Assignment.Status.CANCELLED])
            .select_related("unit").order_by("id"),
            to_attr="live_assignments",
        ))
        .order_by("received_at", "id")
    )
    report = Report(date_from=date_from, date_to=date_to, as_of=timezone.localtime(cutoff - datetime.timedelta(seconds=1)).date())
    units: dict[str, UnitRow] = {}
    for matter in matters:
        leads = [a for a in matter.live_assignments if a.role == Assignment.Role.LEAD]
        accepted_at = leads[-1].accepted_at if leads else None
        state = item_state(matter, accepted_at, cutoff)
        unit = matter.lead_unit
        if unit is not None:
            units.setdefault(unit.code, UnitRow(unit.code, unit.name, unit.sort_order)).add(state)
        else:
            report.unassigned.add(state)
        report.total.add(state)
        source = matter.supervision.source if hasattr(matter, "supervision") else matter.category
        report.by_source[source] = report.by_source.get(source, 0) + 1
        report.items.append(ItemRow(
            matter_id=matter.pk, serial=matter.serial, title=matter.title, source=source,
            lead_unit=unit.name if unit else UNASSIGNED,
            assist_units="、".join(a.unit.name for a in matter.live_assignments if a.role != Assignment.Role.LEAD),
            registered=_day(matter.received_at), due=_day(matter.due_at), state=state,
            closed=_day(matter.closed_at) if matter.closed_at and matter.closed_at <= cutoff else "",
        ))
    report.units = rank(list(units.values()))
    return report


def rank(rows: list[UnitRow]) -> list[UnitRow]:
    def merit(row: UnitRow):
        rate = row.on_time_rate
        return (rate is None, -(rate or 0.0), row.overdue, row.late)

    rows.sort(key=lambda r: (*merit(r), -r.total, r.sort_order, r.code))
    previous = None
    for position, row in enumerate(rows, start=1):
        key = merit(row)
        row.rank = rows[position - 2].rank if previous == key else position
        previous = key
    return rows


# --- Words ----------------------------------------------------------------------------------


def period_label(date_from: datetime.date, date_to: datetime.date) -> str:
    """2026年 / 2026年第一季度 / 2026年3月 / 2026年3月1日至3月20日."""
    month_end = (date_to.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)
    if date_from.year == date_to.year and date_from.day == 1 and date_to == month_end:
        if date_from.month == 1 and date_to.month == 12:
            return f"{date_from.year}年"
        if date_from.month == date_to.month:
            return f"{date_from.year}年{date_from.month}月"
        if date_from.month % 3 == 1 and date_to.month == date_from.month + 2:
            return f"{date_from.year}年第{QUARTERS[date_from.month // 3]}季度"
    if date_from.year == date_to.year:
        return f"{chinese_date(date_from)}至{date_to.month}月{date_to.day}日"
    return f"{chinese_date(date_from)}至{chinese_date(date_to)}"


def bulletin_title(date_from: datetime.date, date_to: datetime.date) -> str:
    return f"关于{period_label(date_from, date_to)}督查督办事项办理情况的通报"


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def body_paragraphs(report: Report, issued_on: datetime.date) -> list[str]:
    period = period_label(report.date_from, report.date_to)
    t = report.total
    sources = "、".join(f"{Source(code).label}{count}项" for code, count in sorted(
        report.by_source.items(), key=lambda kv: -kv[1]) if code in Source.values)
    paragraphs = [
        f"为推动市政府重大决策部署和领导批示事项落地见效，市政府办公室对{period}立项的督查督办事项办理情况进行了督查。"
        "现将有关情况通报如下：",
        "一、总体情况",
    ]
    if not t.total:
        paragraphs.append(f"{period}，市政府办公室未立项督查督办事项。")
    else:
        paragraphs.append(
            f"{period}，市政府办公室共立项督查督办事项{t.total}项{'，其中' + sources if sources else ''}。"
            f"截至{chinese_date(report.as_of)}，已办结{t.closed}项（其中按时办结{t.on_time}项、超期办结{t.late}项），"
            f"正常推进{t.in_progress}项，超期未办结{t.overdue}项，尚未启动{t.not_started}项，按时办结率{_percent(t.on_time_rate)}。"
        )
    paragraphs.append("二、各单位办理情况")
    praised = [u for u in report.units if u.on_time_rate is not None and u.on_time_rate >= PRAISE_RATE][:3]
    if praised:
        top = "、".join(f"{u.name}（{u.rate_text}）" for u in praised)
        paragraphs.append(f"从各单位办理情况看，按时办结率排名靠前的单位是{top}，办理质量和效率较高，予以通报表扬。")
    elif any(u.on_time_rate is not None for u in report.units):
        paragraphs.append(f"从各单位办理情况看，各单位按时办结率均未达到{PRAISE_RATE:.0%}，办理时效有待进一步提高。")
    overdue = sorted([u for u in report.units if u.overdue], key=lambda u: (-u.overdue, u.sort_order))
    if overdue:
        names = "、".join(f"{u.name}（{u.overdue}项）" for u in overdue)
        paragraphs.append(f"{names}存在超期未办结事项，请相关单位高度重视，查找原因，限期整改。")
    elif report.units:
        paragraphs.append("各承办单位均无超期未办结事项。")
    late = [u for u in report.units if u.late]
    if late:
        paragraphs.append(f"{'、'.join(u.name for u in late)}存在超期办结事项，今后要进一步提高办理时效。")
    if report.units:
        paragraphs.append("各单位办理情况及排名详见附件。")
    reply_by, _uncertain = add_working_days(issued_on, 5)
    paragraphs += [
        "三、下一步工作要求",
        "（一）提高思想认识。各单位要把抓落实作为履职尽责的重要内容，主要负责同志要亲自研究、亲自部署，"
        "确保督办事项件件有着落、事事有回音。",
        f"（二）加快办理进度。对超期未办结和尚未启动的事项，相关单位要明确责任人和完成时限，"
        f"于{chinese_date(reply_by)}前将整改情况书面报送市政府办公室督查科。",
        "（三）严格督查问责。市政府办公室将对本通报事项持续跟踪督办，对推诿扯皮、敷衍塞责、"
        "久拖不办的，按有关规定严肃处理。",
    ]
    return paragraphs


def unit_table(report: Report) -> Table:
    header = ["排名", "单位", "事项数", "按时办结", "超期办结", "正常推进", "超期未办结", "未启动", "按时办结率"]
    rows = [[str(u.rank), u.name, str(u.total), str(u.on_time), str(u.late), str(u.in_progress), str(u.overdue),
             str(u.not_started), u.rate_text] for u in report.units]
    u = report.unassigned
    if u.total:
        rows.append(["—", u.name, str(u.total), str(u.on_time), str(u.late), str(u.in_progress), str(u.overdue),
                     str(u.not_started), u.rate_text])
    t = report.total
    rows.append(["", "合计", str(t.total), str(t.on_time), str(t.late), str(t.in_progress), str(t.overdue),
                 str(t.not_started), t.rate_text])
    return Table(header, rows, widths_mm=[12, 38, 14, 15, 15, 15, 17, 12, 18],
                 align=["center", "left", *["center"] * 7])


def bulletin_document(report: Report, doc_number: str, issued_on: datetime.date) -> OfficialDocument:
    period = period_label(report.date_from, report.date_to)
    appendix_title = f"{period}督查督办事项办理情况统计表"
    return OfficialDocument(
        title=bulletin_title(report.date_from, report.date_to),
        issuer_mark=BULLETIN_ISSUER,
        doc_number=doc_number,
        main_to=MAIN_TO,
        body=body_paragraphs(report, issued_on),
        attachment_names=[appendix_title],
        appendices=[Appendix(appendix_title, [unit_table(report)])],
        signature=BULLETIN_ISSUER,
        date=issued_on,
        copy_to=COPY_TO,
        printer=BULLETIN_ISSUER,
        print_date=issued_on,
    )


def render_docx(report: Report, doc_number: str, issued_on: datetime.date) -> bytes:
    return render(bulletin_document(report, doc_number, issued_on))


# --- Workbook --------------------------------------------------------------------------------


def render_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDE6F0")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    period = period_label(report.date_from, report.date_to)

    def sheet(ws, title: str, header: list[str], rows: list[list], widths: list[int]) -> None:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        ws["A1"].font = Font(bold=True, size=14)
        ws["A1"].alignment = Alignment(horizontal="center")
        ws.append([f"统计口径：{chinese_date(report.date_from)}至{chinese_date(report.date_to)}立项的督办事项，"
                   f"办理状态截至{chinese_date(report.as_of)}"])
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(header))
        ws.append(header)
        for cell in ws[3]:
            cell.font, cell.fill, cell.alignment, cell.border = bold, head_fill, centre, box
        for values in rows:
            ws.append(values)
            for cell in ws[ws.max_row]:
                cell.border = box
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = "A4"

    book = Workbook()
    ranking = book.active
    ranking.title = "单位排名"
    t = report.total
    unit_rows = [[u.rank, u.name, u.total, u.on_time, u.late, u.in_progress, u.overdue, u.not_started,
                  u.on_time_rate if u.on_time_rate is not None else "—"] for u in report.units]
    u = report.unassigned
    if u.total:
        unit_rows.append(["—", u.name, u.total, u.on_time, u.late, u.in_progress, u.overdue, u.not_started,
                          u.on_time_rate if u.on_time_rate is not None else "—"])
    unit_rows.append(["", "合计", t.total, t.on_time, t.late, t.in_progress, t.overdue, t.not_started,
                      t.on_time_rate if t.on_time_rate is not None else "—"])
    sheet(ranking, f"{period}督查督办事项办理情况统计表",
          ["排名", "单位", "事项数", "按时办结", "超期办结", "正常推进", "超期未办结", "未启动", "按时办结率"],
          unit_rows, [8, 26, 10, 10, 10, 10, 12, 10, 12])
    for row in ranking.iter_rows(min_row=4, min_col=9, max_col=9):
        row[0].number_format = "0.0%"
    for cell in ranking[ranking.max_row]:
        cell.font = bold

    items = book.create_sheet("事项明细")
    sheet(items, f"{period}督查督办事项明细",
          ["编号", "督办事项", "来源", "主办单位", "协办单位", "立项日期", "办理时限", "办理状态", "办结日期"],
          [[i.serial, i.title, i.source_label, i.lead_unit, i.assist_units, i.registered, i.due, i.state_label, i.closed]
           for i in report.items],
          [16, 48, 16, 22, 30, 12, 12, 12, 12])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
