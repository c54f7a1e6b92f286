"""Operations on supervision items (督办事项). Views, the API, the demo and tests call these.

- `create_item` 立项 and 交办 in one step;
- `break_down` 分解: child items per unit under a work-report (or any open) item;
- `remind_progress_reports` 进展反馈提醒 to the liaison officers of units whose report is due;
- `issue_bulletin` 督查通报 with the next number of the year (see bulletin.py for its content).
"""

from __future__ import annotations

import datetime
import re

from django import forms
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from shuniu.core.inputs import WindowDateField
from shuniu.matters import services as engine
from shuniu.matters.models import Assignment, Entry, Matter, Urgency
from shuniu.matters.rules import can_view
from shuniu.matters.workflow import UnitsField
from shuniu.notify.services import Notice, queue_notices
from shuniu.org.models import LEADER_ROLES, Membership, Role, User

from .models import Bulletin, BulletinCounter, ReportCycle, Source, SupervisionItem

MAX_CHILDREN = 50


class UnitCodesField(forms.Field):
    """协办单位: a list of unit codes (JSON), or codes separated by commas or 、."""

    default_error_messages = {"invalid": "协办单位应为单位代码列表"}

    def to_python(self, value):
        if value in (None, "", [], ()):
            return []
        if isinstance(value, str):
            value = re.split(r"[,，、\s]+", value)
        if not isinstance(value, list | tuple) or not all(isinstance(v, str | int) for v in value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return [str(v).strip() for v in value if str(v).strip()]


DATE_ERROR = "日期不正确：请按YYYY-MM-DD填写实际存在的日期"


class ItemForm(forms.Form):
    """立项: what `POST /api/v1/supervision/items` and the 立项 page accept."""

    title = forms.CharField(label="督办事项", max_length=300, error_messages={"required": "请填写督办事项名称"})
    content = forms.CharField(label="具体内容和工作要求", max_length=20000, required=False,
                              widget=forms.Textarea(attrs={"rows": 5}))
    source = forms.ChoiceField(label="事项来源", choices=[("", "请选择"), *Source.choices], error_messages={
        "required": "请选择事项来源", "invalid_choice": "事项来源只能是会议议定事项、领导批示、政府工作报告分解、为民办实事、上级交办或人大建议政协提案",
    })
    source_ref = forms.CharField(label="来源文号或依据", max_length=200, required=False,
                                 help_text="如：市政府第12次常务会议纪要、市长批示件编号")
    source_matter = forms.IntegerField(label="来源事项编号（ID）", required=False, min_value=1,
                                       help_text="由会议纪要、收文等事项转来时填写，页面上显示链接")
    instructed_by = forms.CharField(label="批示领导", max_length=150, required=False, help_text="领导批示事项填写批示领导的用户名")
    lead_unit = forms.CharField(label="主办单位", max_length=32, error_messages={"required": "请选择主办单位"})
    assist_units = UnitCodesField(label="协办单位", required=False)
    due_date = WindowDateField(label="办理时限", required=False, help_text="留空则自交办之日起20个工作日",
                               error_messages={"invalid": DATE_ERROR})
    report_cycle = forms.ChoiceField(label="进展反馈周期", choices=ReportCycle.choices, required=False, error_messages={
        "invalid_choice": "进展反馈周期只能是不定期、每周、每月或自定义",
    })
    report_interval_days = forms.IntegerField(label="自定义反馈间隔（天）", required=False, min_value=1, max_value=90,
                                              error_messages={"min_value": "反馈间隔至少1天", "max_value": "反馈间隔不能超过90天"})
    urgency = forms.ChoiceField(label="紧急程度", choices=Urgency.choices, required=False,
                                error_messages={"invalid_choice": "紧急程度只能是平件、加急或特急"})

    def __init__(self, *args, by: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.by = by

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError("请填写督办事项名称")
        return title

    def clean_due_date(self):
        due = self.cleaned_data.get("due_date")
        if due and due < timezone.localdate():
            raise forms.ValidationError("办理时限不能早于今天")
        return due

    def clean_source_matter(self):
        pk = self.cleaned_data.get("source_matter")
        if not pk:
            return None
        matter = Matter.objects.filter(pk=pk).first()
        if matter is None or self.by is None or not can_view(self.by, matter):
            raise forms.ValidationError("来源事项不存在或您无权查看")
        return matter

    def clean_instructed_by(self):
        username = (self.cleaned_data.get("instructed_by") or "").strip()
        if not username:
            return None
        leader = User.objects.filter(username=username, is_active=True).first()
        if leader is None or not leader.has_role(*LEADER_ROLES):
            raise forms.ValidationError("批示领导应为市政府领导的用户名")
        return leader

    def clean(self):
        data = super().clean()
        if data.get("report_cycle") == ReportCycle.CUSTOM and not data.get("report_interval_days"):
            self.add_error("report_interval_days", "进展反馈周期为自定义时，请填写反馈间隔天数")
        lead, assists = data.get("lead_unit"), data.get("assist_units")
        if lead and assists is not None:
            spec = [{"unit": lead.strip(), "role": "lead"}] + [{"unit": a, "role": "assist"} for a in assists]
            try:
                data["units"] = UnitsField().clean(spec)
            except forms.ValidationError as error:
                self.add_error(self._units_error_field(error, lead.strip()), error)
        return data

    @staticmethod
    def _units_error_field(error: forms.ValidationError, lead: str) -> str:
        """Blame the lead unit or the assisting units, whichever the message is about."""
        detail = error.error_list[0]
        if detail.code == "duplicate":
            return "assist_units"
        if detail.code == "unknown" and lead not in (detail.params or {}).get("codes", "").split("、"):
            return "assist_units"
        return "lead_unit"


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


class ChildForm(forms.Form):
    """One child item of a breakdown (分解事项)."""

    title = forms.CharField(label="分解事项", max_length=300, error_messages={"required": "请填写分解事项名称"})
    content = forms.CharField(label="具体要求", max_length=5000, required=False)
    lead_unit = forms.CharField(label="主办单位", max_length=32, error_messages={"required": "请选择主办单位"})
    assist_units = UnitCodesField(label="协办单位", required=False)
    due_date = WindowDateField(label="办理时限", required=False, error_messages={"invalid": DATE_ERROR})


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
                roles=(Role.LIAISON,) if has_liaison else (),
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


def issue_bulletin(by: User, date_from: datetime.date, date_to: datetime.date,
                   issued_on: datetime.date | None = None) -> Bulletin:
    """督查通报: number it (市政办督〔year〕N号) and keep its figures as of now."""
    from . import bulletin

    if not by.has_perm("supervision.issue_bulletin"):
        raise engine.Forbidden("只有督查科工作人员和办公室领导可以生成督查通报")
    bulletin.check_period(date_from, date_to)
    issued_on = issued_on or timezone.localdate()
    report = bulletin.build_report(date_from, date_to)
    with transaction.atomic():
        number = _next_bulletin_number(issued_on.year)
        return Bulletin.objects.create(
            year=issued_on.year, number=number, date_from=date_from, date_to=date_to, issued_on=issued_on,
            title=bulletin.bulletin_title(date_from, date_to), data=report.as_dict(), created_by=by,
        )
