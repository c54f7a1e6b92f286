"""督查督办: the detail of a supervision item (one row per Matter of kind "supervision") and the
督查通报 issued on them."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

from shuniu.matters.models import Entry, Matter

BULLETIN_AGENCY = "市政办督"  # 机关代字 of the 督查通报 series
BULLETIN_ISSUER = "市人民政府办公室"


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
    CUSTOM = "custom", "自定义"


class SupervisionItem(models.Model):
    matter = models.OneToOneField(Matter, on_delete=models.CASCADE, primary_key=True, related_name="supervision")
    source = models.CharField("来源", max_length=20, choices=Source.choices)
    source_ref = models.CharField("来源文号或依据", max_length=200, blank=True)
    instructed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="批示领导", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    report_cycle = models.CharField("进展反馈周期", max_length=10, choices=ReportCycle.choices, default=ReportCycle.NONE)
    report_interval_days = models.PositiveSmallIntegerField(
        "自定义反馈间隔（天）", null=True, blank=True, help_text="进展反馈周期为“自定义”时，每隔多少天反馈一次"
    )
    close_review_opinion = models.TextField("办结审核意见", blank=True)

    class Meta:
        verbose_name = "督办事项"
        verbose_name_plural = "督办事项"

    def __str__(self) -> str:
        return str(self.matter)

    @property
    def report_cycle_label(self) -> str:
        if self.report_cycle == ReportCycle.CUSTOM and self.report_interval_days:
            return f"每{self.report_interval_days}天"
        return self.get_report_cycle_display()

    def report_interval(self) -> datetime.timedelta | None:
        """How long after a report (or the dispatch) the next one is due; None when there is no cycle."""
        if self.report_cycle == ReportCycle.WEEKLY:
            return datetime.timedelta(days=7)
        if self.report_cycle == ReportCycle.CUSTOM and self.report_interval_days:
            return datetime.timedelta(days=self.report_interval_days)
        return None

    def next_report_date(self, after: datetime.date) -> datetime.date | None:
        if self.report_cycle == ReportCycle.MONTHLY:
            from shuniu.workdays.services import add_months

            return add_months(after, 1)
        interval = self.report_interval()
        return after + interval if interval else None

    def next_report_due(self) -> datetime.date | None:
        """When the lead unit's next periodic progress report is due (None without a cycle)."""
        from shuniu.matters.models import Assignment

        return (Assignment.objects.filter(matter_id=self.matter_id, role=Assignment.Role.LEAD, status__in=Assignment.ACTIVE)
                .exclude(next_report_due=None).order_by("-id").values_list("next_report_due", flat=True).first())

    def next_report(self) -> dict | None:
        """The next progress report for the item page: {"due": date, "late": bool}."""
        from django.utils import timezone

        due = self.next_report_due()
        return {"due": due, "late": due < timezone.localdate()} if due else None

    def children_summary(self) -> dict:
        """分解事项: how many child items there are, how many are closed and how many overdue."""
        from django.db.models import Count, Q
        from django.utils import timezone

        return Matter.objects.filter(parent_id=self.matter_id).aggregate(
            total=Count("id"), closed=Count("id", filter=Q(is_open=False)),
            overdue=Count("id", filter=Q(is_open=True, due_at__lt=timezone.now())),
        )

    def progress_reports(self):
        """进展反馈: the journal's report_progress entries, newest first."""
        return (Entry.objects.filter(matter_id=self.matter_id, action="report_progress")
                .select_related("actor_unit").order_by("-at", "-id"))


class BulletinCounter(models.Model):
    """The 督查通报 number series per year (市政办督〔2026〕N号)."""

    year = models.PositiveIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "督查通报编号"
        verbose_name_plural = "督查通报编号"


class Bulletin(models.Model):
    """督查通报: a report on the items registered in a period. Generated as a draft (草稿, no
    number: 督查科 may regenerate its figures and download it for review as often as needed), it
    takes its number once, when it is issued (印发); a number given by mistake is voided (作废)
    with a reason, never reused or reissued. Every change of state is one of `TRANSITIONS` with
    a journal row (BulletinEntry) in the same transaction. Its figures are kept as issued, so a
    later download gives the same document."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        ISSUED = "issued", "已印发"
        VOIDED = "voided", "已作废"

    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    year = models.PositiveIntegerField("年度", null=True, blank=True)
    number = models.PositiveIntegerField("序号", null=True, blank=True)
    date_from = models.DateField("统计起始日期")
    date_to = models.DateField("统计截止日期")
    issued_on = models.DateField("成文日期", null=True, blank=True)
    title = models.CharField("标题", max_length=200)
    data = models.JSONField("通报数据", default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="生成人", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    void_reason = models.CharField("作废原因", max_length=500, blank=True)

    class Meta:
        verbose_name = "督查通报"
        verbose_name_plural = "督查通报"
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="bulletin_year_number")]

    def __str__(self) -> str:
        return f"{self.doc_number} {self.title}"

    @property
    def doc_number(self) -> str:
        """市政办督〔2026〕3号 once issued; empty while a draft."""
        if self.number is None:
            return ""
        from shuniu.core.gbt9704 import document_number

        return document_number(BULLETIN_AGENCY, self.year, self.number)


class BulletinEntry(models.Model):
    """The journal of a 督查通报: who generated, issued or voided it, when, and why."""

    bulletin = models.ForeignKey(Bulletin, verbose_name="督查通报", on_delete=models.CASCADE, related_name="entries")
    at = models.DateTimeField("时间")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, related_name="+")
    action = models.CharField("操作", max_length=20)
    action_label = models.CharField("操作名称", max_length=20)
    from_status = models.CharField("原状态", max_length=10, blank=True)
    to_status = models.CharField("新状态", max_length=10)
    comment = models.CharField("说明", max_length=500, blank=True)

    class Meta:
        verbose_name = "督查通报办理记录"
        verbose_name_plural = "督查通报办理记录"
        ordering = ["at", "id"]
