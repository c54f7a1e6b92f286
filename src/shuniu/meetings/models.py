"""会议 and 领导日程. Only the leaders' schedule (领导日程) is built so far; the 会议 kind is to come.

# --- 领导日程 -------------------------------------------------------------------------------
A schedule entry is one item in a leader's week (会议、调研、接待、外出、带班、其他), entered by the
leader's secretaries or the office. Nothing is deleted: every addition, edit and cancellation is a
`ScheduleChange` written in the same transaction; a trip out of the city (`leaves_city`) gets a
`TravelReport` (报备) to the general office.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models


class Category(models.TextChoices):
    MEETING = "meeting", "会议"
    RESEARCH = "research", "调研"
    RECEPTION = "reception", "接待"
    TRAVEL = "travel", "外出"
    DUTY = "duty", "带班"
    OTHER = "other", "其他"


class ScheduleEntry(models.Model):
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="领导", on_delete=models.PROTECT,
                               related_name="schedule_entries")
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("结束时间")
    title = models.CharField("事项", max_length=200)
    place = models.CharField("地点", max_length=200, blank=True)
    category = models.CharField("类别", max_length=20, choices=Category.choices, default=Category.OTHER)
    leaves_city = models.BooleanField("离开本市", default=False)
    note = models.TextField("备注", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    cancelled_at = models.DateTimeField("取消时间", null=True, blank=True)
    cancel_reason = models.CharField("取消原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "领导日程"
        verbose_name_plural = "领导日程"
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["leader", "starts_at"]), models.Index(fields=["starts_at"])]
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                              name="schedule_entry_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.leader} · {self.starts_at:%Y-%m-%d %H:%M} · {self.title}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class ScheduleChange(models.Model):
    """The journal of a schedule entry: who did what, when (录入、修改、取消、报备)."""

    class Action(models.TextChoices):
        ADD = "add", "录入"
        EDIT = "edit", "修改"
        CANCEL = "cancel", "取消"
        REPORT = "report", "离市报备"

    entry = models.ForeignKey(ScheduleEntry, on_delete=models.PROTECT, related_name="changes")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT,
                              related_name="+")
    at = models.DateTimeField("时间", auto_now_add=True)
    action = models.CharField("操作", max_length=10, choices=Action.choices)
    detail = models.JSONField("内容", default=dict, blank=True)  # the fields before and after

    class Meta:
        verbose_name = "日程变更记录"
        verbose_name_plural = "日程变更记录"
        ordering = ["at", "id"]


class TravelReport(models.Model):
    """报备: a leader leaving the city, reported to the general office before the trip starts."""

    entry = models.OneToOneField(ScheduleEntry, on_delete=models.PROTECT, related_name="travel_report")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="报备人", on_delete=models.PROTECT,
                                    related_name="+")
    reported_at = models.DateTimeField("报备时间", auto_now_add=True)
    office = models.ForeignKey("org.Unit", verbose_name="报备机关", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")

    class Meta:
        verbose_name = "离市报备"
        verbose_name_plural = "离市报备"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class FeedToken(models.Model):
    """The secret in a leader's iCalendar feed URL (for phones: no session)."""

    leader = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="schedule_feed")
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "日程订阅密钥"
        verbose_name_plural = "日程订阅密钥"
