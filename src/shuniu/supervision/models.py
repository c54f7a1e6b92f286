"""督查督办: the detail of a supervision item (one row per Matter of kind "supervision")."""

from django.conf import settings
from django.db import models

from shuniu.matters.models import Matter


class Source(models.TextChoices):
    MEETING = "meeting", "会议议定事项"
    INSTRUCTION = "instruction", "领导批示"
    WORK_REPORT = "work_report", "政府工作报告分解"
    PRACTICAL_PROJECT = "practical_project", "为民办实事"
    SUPERIOR = "superior", "上级交办"
    PROPOSAL = "proposal", "人大建议政协提案"


class ReportCycle(models.TextChoices):
    NONE = "none", "不定期"
    WEEKLY = "weekly", "每周"
    MONTHLY = "monthly", "每月"


class SupervisionItem(models.Model):
    matter = models.OneToOneField(Matter, on_delete=models.CASCADE, primary_key=True, related_name="supervision")
    source = models.CharField("来源", max_length=20, choices=Source.choices)
    source_ref = models.CharField("来源文号或依据", max_length=200, blank=True)
    instructed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="批示领导", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    report_cycle = models.CharField("进展反馈周期", max_length=10, choices=ReportCycle.choices, default=ReportCycle.NONE)
    close_review_opinion = models.TextField("办结审核意见", blank=True)

    class Meta:
        verbose_name = "督办事项"
        verbose_name_plural = "督办事项"

    def __str__(self) -> str:
        return str(self.matter)
