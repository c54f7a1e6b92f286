"""The form behind 领导日程 entry (page and `POST /api/v1/schedule`)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from shuniu.core.inputs import WindowDateTimeField
from shuniu.org.models import LEADER_ROLES, User

from .models import Category

TRIP_TOO_LATE = "离开本市的日程须在出发前报备，开始时间已过，不能再录入。"


def leaders():
    """The government's leaders, the mayor first."""
    return (User.objects.filter(is_active=True, memberships__is_active=True, memberships__role__in=LEADER_ROLES)
            .distinct().order_by("id"))


class ScheduleForm(forms.Form):
    leader = forms.CharField(label="领导", max_length=150, error_messages={"required": "请选择领导"})
    starts_at = WindowDateTimeField(label="开始时间", error_messages={"required": "请填写开始时间",
                                                                    "invalid": "开始时间格式应为YYYY-MM-DD HH:MM"})
    ends_at = WindowDateTimeField(label="结束时间", error_messages={"required": "请填写结束时间",
                                                                  "invalid": "结束时间格式应为YYYY-MM-DD HH:MM"})
    title = forms.CharField(label="事项", max_length=200, error_messages={"required": "请填写日程事项"})
    place = forms.CharField(label="地点", max_length=200, required=False)
    category = forms.ChoiceField(label="类别", choices=Category.choices,
                                 error_messages={"required": "请选择类别", "invalid_choice": "类别无效"})
    leaves_city = forms.BooleanField(label="离开本市（需向上级报备）", required=False)
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, entry=None, **kwargs):
        self.entry = entry
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = "form-check-input" if name == "leaves_city" else "form-control"
            field.widget.attrs.setdefault("class", css)
        self.fields["starts_at"].widget.attrs["placeholder"] = "2026-12-08 09:00"
        self.fields["ends_at"].widget.attrs["placeholder"] = "2026-12-08 11:30"

    def clean_leader(self):
        username = self.cleaned_data["leader"]
        leader = leaders().filter(username=username).first()
        if leader is None:
            raise forms.ValidationError("领导不存在")
        return leader

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "结束时间应晚于开始时间")
        if starts and data.get("leaves_city") and starts <= timezone.now():
            unchanged_trip = (self.entry is not None and self.entry.leaves_city
                              and self.entry.starts_at == starts)
            if not unchanged_trip:
                self.add_error("leaves_city", TRIP_TOO_LATE)
        return data
