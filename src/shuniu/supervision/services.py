"""Operations on supervision items (督办事项). Views and the API call these."""

from __future__ import annotations

import datetime

from django import forms
from django.db import transaction
from django.utils import timezone

from shuniu.matters import services as engine
from shuniu.matters.models import Matter, Urgency
from shuniu.matters.workflow import UnitsField

from .models import ReportCycle, Source, SupervisionItem


class ItemForm(forms.Form):
    """立项: what `POST /api/v1/supervision/items` and the UI form accept."""

    title = forms.CharField(label="督办事项", max_length=300)
    content = forms.CharField(label="具体内容", max_length=20000, required=False)
    source = forms.ChoiceField(label="来源", choices=Source.choices)
    source_ref = forms.CharField(label="来源文号或依据", max_length=200, required=False)
    lead_unit = forms.CharField(label="主办单位", max_length=32)
    assist_units = forms.JSONField(label="协办单位", required=False)
    due_date = forms.DateField(label="办理时限", required=False)
    report_cycle = forms.ChoiceField(label="进展反馈周期", choices=ReportCycle.choices, required=False)
    urgency = forms.ChoiceField(label="紧急程度", choices=Urgency.choices, required=False)

    def clean_due_date(self):
        due = self.cleaned_data.get("due_date")
        if due and due < timezone.localdate():
            raise forms.ValidationError("办理时限不能早于今天")
        return due

    def clean(self):
        data = super().clean()
        lead = data.get("lead_unit")
        assists = data.get("assist_units") or []
        if isinstance(assists, str):
            assists = [a.strip() for a in assists.split(",") if a.strip()]
        if not isinstance(assists, list):
            self.add_error("assist_units", "协办单位应为单位代码列表")
            return data
        if lead:
            spec = [{"unit": lead, "role": "lead"}] + [{"unit": str(a), "role": "assist"} for a in assists]
            try:
                data["units"] = UnitsField().clean(spec)
            except forms.ValidationError as error:
                self.add_error("lead_unit" if lead in str(error) or not assists else "assist_units", error)
        return data


def create_item(by, data: dict, *, parent: Matter | None = None, source_matter: Matter | None = None,
                received_at: datetime.datetime | None = None) -> Matter:
    """立项 and 交办 in one step: the item is registered, then dispatched to its units."""
    form = ItemForm(data)
    if not form.is_valid():
        fields = engine.form_errors(form)
        raise engine.Invalid(engine.first_error(fields, {n: str(f.label) for n, f in form.fields.items()}), fields)
    if not by.has_perm("supervision.create_item"):
        raise engine.Forbidden("只有督查科工作人员和办公室领导可以立项督办事项")
    clean = form.cleaned_data
    with transaction.atomic():
        matter, ctx = engine.create_matter(
            "supervision", by, title=clean["title"], content=clean.get("content", ""), category=clean["source"],
            urgency=clean.get("urgency") or Urgency.NORMAL, received_at=received_at, parent=parent, source=source_matter,
        )
        SupervisionItem.objects.create(
            matter=matter, source=clean["source"], source_ref=clean.get("source_ref", ""),
            report_cycle=clean.get("report_cycle") or ReportCycle.NONE,
        )
        engine.finish_creation(ctx, "register", "立项")
        units = [{"unit": u.code, "role": role} for u, role in clean["units"]]
        engine.perform(matter, "dispatch", by, {"units": units, "due_date": clean.get("due_date")})
    matter.refresh_from_db()
    return matter
