"""Operations on supervision items (督办事项). Views, the API, the demo and tests call these.

- `create_item` 立项 and 交办 in one step;
- `break_down` 分解: child items per unit under a work-report (or any open) item;
- `remind_progress_reports` 进展反馈提醒 to the liaison officers of units whose report is due;
- 督查通报: `draft_bulletin` (草稿, no number), `issue_drafted_bulletin` (印发: the next number of the
  year, once), `void_bulletin` (作废文号 with a reason); see bulletin.py for its content.
"""

from __future__ import annotations

import datetime

from django import forms
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from shuniu.matters import services as engine
from shuniu.matters.models import Assignment, Entry, Matter, Urgency
from shuniu.matters.rules import can_view
from shuniu.notify.services import Notice, for_matter, queue_notices
from shuniu.org.models import Membership, Role, User

from .forms import ItemForm
from .models import Bulletin, BulletinCounter, BulletinEntry, ReportCycle, SupervisionItem

MAX_CHILDREN = 50


def invalid(form: forms.Form) -> engine.Invalid:
    """The engine's 400 error for a form that did not validate (first message, every field's)."""
    fields = engine.form_errors(form)
    return engine.Invalid(engine.first_error(fields, {n: str(f.label) for n, f in form.fields.items()}), fields)


def _check_may_create(by: User) -> None:
    if not by.has_perm("supervision.create_item"):
        raise engine.Forbidden("只有督查科工作人员和办公室领导可以立项督办事项")


def create_item(by: User, data: dict, *, parent: Matter | None = None, source_matter: Matter | None = None,
                received_at: datetime.datetime | None = None) -> Matter:
    """立项 and 交办 in one step: the item is registered, then dispatched to its units."""
    _check_may_create(by)
    form = ItemForm(data, by=by)
    if not form.is_valid():
        raise invalid(form)
    return _create(by, form.cleaned_data, parent=parent, source_matter=source_matter, received_at=received_at)


def _create(by: User, clean: dict, *, parent=None, source_matter=None, received_at=None) -> Matter:
    cycle = clean.get("report_cycle") or ReportCycle.NONE
    with transaction.atomic():
        matter, ctx = engine.create_matter(
            "supervision", by, title=clean["title"], content=clean.get("content", ""), category=clean["source"],
            urgency=clean.get("urgency") or Urgency.NORMAL, received_at=received_at, parent=parent,
            source=source_matter or clean.get("source_matter"),
        )
        SupervisionItem.objects.create(
            matter=matter, source=clean["source"], source_ref=clean.get("source_ref", ""),
            instructed_by=clean.get("instructed_by"), report_cycle=cycle,
            report_interval_days=clean.get("report_interval_days") if cycle == ReportCycle.CUSTOM else None,
        )
        engine.finish_creation(ctx, "register", "立项")
        units = [{"unit": u.code, "role": role} for u, role in clean["units"]]
        engine.perform(matter, "dispatch", by, {"units": units, "due_date": clean.get("due_date")})
    matter.refresh_from_db()
    return matter


# --- 分解 ------------------------------------------------------------------------------------


def break_down(parent: Matter, by: User, children: list[dict]) -> list[Matter]:
    """分解: register and dispatch child items under `parent`, all or none. Each child takes the
    parent's source, reference and report cycle; its deadline defaults to the parent's and may not
    be later than it."""
    _check_may_create(by)
    if parent.kind != "supervision" or not can_view(by, parent):
        raise engine.NotFound("督办事项不存在或您无权查看")
    if not parent.is_open:
        raise engine.Conflict("该事项已办结，不能再分解")
    if not isinstance(children, list) or not children:
        raise engine.Invalid("请至少填写一项分解事项", {"children": ["请至少填写一项分解事项"]})
    if len(children) > MAX_CHILDREN:
        raise engine.Invalid(f"一次最多分解{MAX_CHILDREN}项", {"children": [f"一次最多分解{MAX_CHILDREN}项"]})
    item = parent.supervision
    parent_due = timezone.localtime(parent.due_at).date() if parent.due_at else None
    cleaned = []
    for index, child in enumerate(children, start=1):
        if not isinstance(child, dict):
            raise engine.Invalid(f"第{index}项格式不正确", {"children": [f"第{index}项格式不正确"]})
        form = ItemForm({
            "title": child.get("title"), "content": child.get("content") or "", "source": item.source,
            "source_ref": item.source_ref, "lead_unit": child.get("lead_unit"),
            "assist_units": child.get("assist_units") or [], "report_cycle": item.report_cycle,
            "report_interval_days": item.report_interval_days,
            "due_date": child.get("due_date") or (parent_due.isoformat() if parent_due and parent_due >= timezone.localdate() else None),
        }, by=by)
        if not form.is_valid():
            error = invalid(form)
            raise engine.Invalid(f"第{index}项：{error.message}", {f"children.{index}.{k}": v for k, v in error.fields.items()})
        due = form.cleaned_data.get("due_date")
        if parent_due and due and due > parent_due:
            message = f"分解事项的办理时限不能晚于上级事项的办理时限（{parent_due.year}年{parent_due.month}月{parent_due.day}日）"
            raise engine.Invalid(f"第{index}项：{message}", {f"children.{index}.due_date": [message]})
        cleaned.append(form.cleaned_data)
    with transaction.atomic():
        created = [_create(by, clean, parent=parent) for clean in cleaned]
        engine.record_event(parent, by, "break_down", "分解", comment=f"分解为{len(created)}项子事项",
                            data={"children": [m.serial for m in created]})
    return created


# --- 进展反馈提醒 -------------------------------------------------------------------------------


def reports_due(today: datetime.date):
    """Assignments whose periodic progress report is due today or earlier, on items still being worked."""
    from .workflow import ASSIGNED, IN_PROGRESS

    return (Assignment.objects
            .filter(matter__kind="supervision", matter__is_open=True, matter__status__in=[ASSIGNED, IN_PROGRESS],
                    status__in=Assignment.ACTIVE, next_report_due__lte=today)
            .select_related("matter", "unit").order_by("next_report_due", "id"))


def remind_progress_reports(today: datetime.date | None = None) -> int:
    """Tell the liaison officers (联络员) of each unit whose progress report is due by `today`, and
    journal the reminder on the item; an assignment is reminded at most once a calendar day.
    Returns how many reminders were sent."""
    sent_on = timezone.localdate()
    today = today or sent_on
    sent = 0
    for a in reports_due(today):
        already = Entry.objects.filter(matter_id=a.matter_id, assignment=a, action="remind_report",
                                       at__date=sent_on).exists()
        if already:
            continue
        overdue = a.next_report_due < today
        when = f"{a.next_report_due.month}月{a.next_report_due.day}日"
        body = (f"督办事项{a.matter.serial}“{a.matter.title}”的进展情况应于{when}报送"
                f"{'，现已逾期' if overdue else ''}，请及时通过系统进行进展反馈。")
        has_liaison = Membership.objects.filter(unit_id=a.unit_id, role=Role.LIAISON, is_active=True).exists()
        with transaction.atomic():
            engine.record_event(a.matter, None, "remind_report", "进展反馈提醒", comment=body, assignment=a,
                                data={"unit": a.unit.code, "due": a.next_report_due.isoformat()})
            queue_notices([Notice(
                title=f"{'进展反馈逾期' if overdue else '进展反馈提醒'}：{a.matter.title}"[:200], body=body,
                level="chase" if overdue else "info", url=engine.matter_url(a.matter), unit_id=a.unit_id,
                roles=(Role.LIAISON,) if has_liaison else (), **for_matter(a.matter),
            )])
        sent += 1
    return sent


# --- 督查通报 ---------------------------------------------------------------------------------


def _next_bulletin_number(year: int) -> int:
    with transaction.atomic():
        counter, _ = BulletinCounter.objects.select_for_update().get_or_create(year=year)
        BulletinCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
        counter.refresh_from_db(fields=["last"])
        return counter.last


# 督查通报 states and the declared transitions between them: action → (label, from, to).
BULLETIN_TRANSITIONS = {
    "draft": ("生成草稿", "", Bulletin.Status.DRAFT),
    "regenerate": ("重新生成草稿", Bulletin.Status.DRAFT, Bulletin.Status.DRAFT),
    "issue": ("印发", Bulletin.Status.DRAFT, Bulletin.Status.ISSUED),
    "void": ("作废文号", Bulletin.Status.ISSUED, Bulletin.Status.VOIDED),
}


def _bulletin_transition(bulletin: Bulletin, action: str, by: User, comment: str = "", **changes) -> Bulletin:
    """Apply one declared transition and write its journal row, in the caller's transaction."""
    label, source, target = BULLETIN_TRANSITIONS[action]
    if bulletin.pk and bulletin.status != source:
        raise engine.Conflict(f"该督查通报当前为“{bulletin.get_status_display()}”，不能{label}")
    for name, value in changes.items():
        setattr(bulletin, name, value)
    bulletin.status = target
    bulletin.save()
    BulletinEntry.objects.create(bulletin=bulletin, at=timezone.now(), actor=by, action=action, action_label=label,
                                 from_status=source, to_status=target, comment=comment[:500])
    return bulletin


def _check_bulletin_staff(by: User) -> None:
    if not by.has_perm("supervision.issue_bulletin"):
        raise engine.Forbidden("只有督查科工作人员和办公室领导可以编发督查通报")


def draft_bulletin(by: User, date_from: datetime.date, date_to: datetime.date) -> Bulletin:
    """生成督查通报: a draft without a number, with the figures as of now. Clicking again for the
    same period regenerates that draft's figures instead of making another: only 印发 numbers it."""
    from . import bulletin

    _check_bulletin_staff(by)
    bulletin.check_period(date_from, date_to)
    report = bulletin.build_report(date_from, date_to)
    fields = {"title": bulletin.bulletin_title(date_from, date_to), "data": report.as_dict()}
    with transaction.atomic():
        draft = (Bulletin.objects.select_for_update()
                 .filter(status=Bulletin.Status.DRAFT, date_from=date_from, date_to=date_to).first())
        if draft is not None:
            return _bulletin_transition(draft, "regenerate", by, **fields)
        return _bulletin_transition(
            Bulletin(date_from=date_from, date_to=date_to, created_by=by), "draft", by, **fields)


def issue_drafted_bulletin(by: User, bulletin: Bulletin, issued_on: datetime.date | None = None) -> Bulletin:
    """印发: the draft takes the next number of the year (市政办督〔year〕N号) — once; a second
    click, or two people at once, find it issued already (409)."""
    _check_bulletin_staff(by)
    issued_on = issued_on or timezone.localdate()
    with transaction.atomic():
        locked = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
        if locked.status != Bulletin.Status.DRAFT:
            raise engine.Conflict(f"该督查通报已{locked.get_status_display().removeprefix('已')}，文号为{locked.doc_number}，不能再次编号")
        number = _next_bulletin_number(issued_on.year)
        return _bulletin_transition(locked, "issue", by, comment=locked.title[:500], year=issued_on.year,
                                    number=number, issued_on=issued_on)


def void_bulletin(by: User, bulletin: Bulletin, reason: str) -> Bulletin:
    """作废文号: an issued bulletin whose number was given by mistake. The number is not reused
    (the series stays gapless on paper: the voided number and its reason stay on record)."""
    _check_bulletin_staff(by)
    reason = (reason or "").strip()
    if not reason:
        raise engine.Invalid("请填写作废原因", {"reason": ["请填写作废原因"]})
    with transaction.atomic():
        locked = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
        return _bulletin_transition(locked, "void", by, comment=reason, void_reason=reason[:500])


def issue_bulletin(by: User, date_from: datetime.date, date_to: datetime.date,
                   issued_on: datetime.date | None = None) -> Bulletin:
    """Draft and issue in one go (the demo, scripts): the draft of the period, numbered."""
    with transaction.atomic():
        return issue_drafted_bulletin(by, draft_bulletin(by, date_from, date_to), issued_on)
