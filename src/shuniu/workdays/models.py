"""The administrator's table of holidays and 调休 working days.

`chinesecalendar` carries the State Council's arrangements up to the year it was released;
this table corrects it and carries the years it lacks. A row here always wins over the
library. A year the library does not cover counts as known only once an administrator has
entered its whole arrangement and ticked `complete`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models


class YearArrangement(models.Model):
    """One year's arrangement as published by the State Council (国务院办公厅关于××年部分节假日安排的通知)."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    complete = models.BooleanField(
        "已完整录入",
        default=False,
        help_text="该年度全部放假和调休上班日期均已录入时勾选。未勾选的年度（chinesecalendar 已收录的除外）"
        "按周六、周日休息推算，截止时间标注为待核对。",
    )
    source = models.CharField("文件依据", max_length=200, blank=True, help_text="如：国办发明电〔2025〕7号")
    note = models.TextField("备注", blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "年度节假日安排"
        verbose_name_plural = "年度节假日安排"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"

    def clean(self) -> None:
        if self.year is not None and not 1949 <= self.year <= 2200:
            raise ValidationError({"year": "年度应在1949年至2200年之间。"})


class SpecialDay(models.Model):
    """A date whose status differs from the plain Monday–Friday week, or corrects the library."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "放假"
        WORKDAY = "workday", "调休上班"

    arrangement = models.ForeignKey(
        YearArrangement, verbose_name="年度安排", related_name="days", on_delete=models.CASCADE
    )
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    name = models.CharField(
        "节日", max_length=50, blank=True, help_text="如：春节、国庆节；调休上班日可填所属节日"
    )
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "放假或调休日期"
        verbose_name_plural = "放假或调休日期"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}{(' ' + self.name) if self.name else ''}"

    @property
    def is_workday(self) -> bool:
        return self.kind == self.Kind.WORKDAY

    @property
    def label(self) -> str:
        """The name a person reads for this date: the holiday's name, or 调休上班."""
        if self.kind == self.Kind.WORKDAY:
            return "调休上班"
        return self.name or "放假"

    def clean(self) -> None:
        arrangement = getattr(self, "arrangement", None)
        if self.date and arrangement is not None and arrangement.year and arrangement.year != self.date.year:
            raise ValidationError({"date": f"日期不属于{arrangement.year}年，请在对应年度的安排中录入。"})
        if self.kind == self.Kind.HOLIDAY and not self.name.strip():
            raise ValidationError({"name": "放假日期须填写节日名称。"})
