"""Inputs of the supervision pages and API: 立项 (`ItemForm`) and 分解 (`ChildForm`). The
transitions use the engine's shared forms (matters.workflow). Every message is Chinese and says
what to fix."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone

from shuniu.core.inputs import WindowDateField
from shuniu.matters.models import Matter, Urgency
from shuniu.matters.rules import can_view
from shuniu.matters.workflow import UnitsField
from shuniu.org.models import LEADER_ROLES, User

from .models import ReportCycle, Source


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


class ChildForm(forms.Form):
    """One child item of a breakdown (分解事项)."""

    title = forms.CharField(label="分解事项", max_length=300, error_messages={"required": "请填写分解事项名称"})
    content = forms.CharField(label="具体要求", max_length=5000, required=False)
    lead_unit = forms.CharField(label="主办单位", max_length=32, error_messages={"required": "请选择主办单位"})
    assist_units = UnitCodesField(label="协办单位", required=False)
    due_date = WindowDateField(label="办理时限", required=False, error_messages={"invalid": DATE_ERROR})
