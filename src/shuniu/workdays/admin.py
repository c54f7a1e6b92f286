"""The holiday table in the system administration. Only `workdays.manage_calendar` (the system
administrator, org/rules.py) opens it; Django's model permissions play no part."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from shuniu.core.admin import RulesPermissionsMixin, ShuniuModelAdmin

from . import services
from .models import SpecialDay, YearArrangement

PERMISSION = "workdays.manage_calendar"


class CalendarPermissions(RulesPermissionsMixin):
    view_perm = add_perm = change_perm = delete_perm = PERMISSION


class SpecialDayFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors) or not self.instance.complete:
            return
        holidays = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("kind") == SpecialDay.Kind.HOLIDAY
        ]
        if (
            not holidays
            and not services.LIBRARY_FIRST_YEAR <= self.instance.year <= services.LIBRARY_LAST_YEAR
        ):
            raise ValidationError("尚未录入该年度任何放假日期，不能标记为“已完整录入”。")


class SpecialDayInline(CalendarPermissions, admin.TabularInline):
    model = SpecialDay
    formset = SpecialDayFormSet
    fields = ["date", "kind", "name", "note"]
    extra = 3
    ordering = ["date"]


@admin.register(YearArrangement)
class YearArrangementAdmin(CalendarPermissions, ShuniuModelAdmin):
    list_display = ["year", "complete", "coverage", "holiday_count", "workday_count", "source", "updated_at"]
    list_filter = ["complete"]
    search_fields = ["source", "note", "days__name"]
    fieldsets = [
        (
            None,
            {
                "fields": ["year", "complete", "source", "note"],
                "description": "按国务院办公厅公布的年度节假日安排，逐日录入放假日期（含与节日连休的周六、周日）和"
                "调休上班日期，全部录入后勾选“已完整录入”。本表录入的日期优先于 chinesecalendar 内置数据；"
                "未完整录入的年度按周六、周日休息推算，相关截止时间标注为待核对。",
            },
        )
    ]
    inlines = [SpecialDayInline]

    @admin.display(description="数据状态")
    def coverage(self, obj):
        if services.LIBRARY_FIRST_YEAR <= obj.year <= services.LIBRARY_LAST_YEAR:
            return "chinesecalendar 已收录，本表为更正"
        return "已掌握" if obj.complete else "未掌握（按周末推算）"

    @admin.display(description="放假天数")
    def holiday_count(self, obj):
        return sum(1 for day in obj.days.all() if day.kind == SpecialDay.Kind.HOLIDAY)

    @admin.display(description="调休上班天数")
    def workday_count(self, obj):
        return sum(1 for day in obj.days.all() if day.kind == SpecialDay.Kind.WORKDAY)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("days")
