"""The Matter engine's tables. Every business line (kind) is a Matter with its own detail table.

Matter ─┬ Assignment  交办 to a unit (主办/协办/会办), its own deadline and status
        ├ Clock       statutory time limits (法定时限), several per matter, pausable (matters/clocks.py)
        ├ Entry       the append-only journal (流转记录)
        ├ ReviewStep  an ordered approval chain (核稿、会签、签发 …)
        ├ Feedback    ratings (满意/基本满意/不满意 …)
        ├ Party       which units/people take part, for visibility and the inbox (maintained by the engine)
        └ Attachment  files, served only through the permission check
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from shuniu.org.models import Secrecy, Unit


class Urgency(models.TextChoices):
    NORMAL = "normal", "平件"
    URGENT = "urgent", "加急"
    VERY_URGENT = "very_urgent", "特急"


URGENCY_RANK = {Urgency.VERY_URGENT: 0, Urgency.URGENT: 1, Urgency.NORMAL: 2}


class Sla(models.TextChoices):
    """Deadline state, kept current by transitions and the periodic sweep."""

    NONE = "", "—"
    NORMAL = "normal", "正常"
    DUE_SOON = "due_soon", "临期"
    OVERDUE = "overdue", "超期"


class StatusWriteRefused(RuntimeError):
    """A matter's `status` was written outside the engine (matters.services.perform / create_matter)."""


_ENGINE_WRITES_STATUS = contextvars.ContextVar("engine_writes_status", default=False)


@contextlib.contextmanager
def engine_writes_status():
    """The one door through which `Matter.status` is written: the engine's `perform` and
    `create_matter` open it. Anything else (the benchmark generator's ORM writes, a repair script)
    must open it explicitly, so a bypass is visible in the code. Data migrations use historical
    models, which have neither this save() nor this manager."""
    token = _ENGINE_WRITES_STATUS.set(True)
    try:
        yield
    finally:
        _ENGINE_WRITES_STATUS.reset(token)


def _refuse_status_write(how: str) -> None:
    if not _ENGINE_WRITES_STATUS.get():
        raise StatusWriteRefused(
            f"事项状态只能通过流转（matters.services.perform）改变，不能直接{how}"
        )


class MatterQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if "status" in kwargs:
            _refuse_status_write("update(status=…)")
        return super().update(**kwargs)

    update.alters_data = True

    def bulk_update(self, objs, fields, *args, **kwargs):
        if "status" in fields:
            _refuse_status_write("bulk_update(status)")
        return super().bulk_update(objs, fields, *args, **kwargs)

    bulk_update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        _refuse_status_write("bulk_create")
        return super().bulk_create(objs, *args, **kwargs)

    bulk_create.alters_data = True


class Matter(models.Model):
    kind = models.CharField("类别", max_length=20)
    serial = models.CharField("编号", max_length=32, unique=True)
    title = models.CharField("标题", max_length=300)
    content = models.TextField("内容", blank=True)
    status = models.CharField("状态", max_length=40)
    category = models.CharField("分类", max_length=40, blank=True)
    urgency = models.CharField("紧急程度", max_length=20, choices=Urgency.choices, default=Urgency.NORMAL)
    secrecy = models.IntegerField("密级", choices=Secrecy.choices, default=Secrecy.NONE)
    owner_unit = models.ForeignKey(
        Unit, verbose_name="主管科室", on_delete=models.PROTECT, related_name="owned_matters",
        help_text="负责运转此事项的办公室科室（如督查科、12345办公室）",
    )
    lead_unit = models.ForeignKey(
        Unit, verbose_name="主办单位", null=True, blank=True, on_delete=models.PROTECT, related_name="led_matters"
    )
    parent = models.ForeignKey(
        "self", verbose_name="上级事项", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    source = models.ForeignKey(
        "self", verbose_name="来源事项", null=True, blank=True, on_delete=models.SET_NULL, related_name="derived"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="created_matters",
    )
    received_at = models.DateTimeField("受理时间")
    due_at = models.DateTimeField("办理时限", null=True, blank=True)
    due_uncertain = models.BooleanField("时限待核", default=False, help_text="时限落在节假日安排尚未录入的年份")
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    is_open = models.BooleanField("未办结", default=True)
    closed_on_time = models.BooleanField("按时办结", null=True, blank=True)
    sla = models.CharField("时限状态", max_length=10, choices=Sla.choices, default=Sla.NONE, blank=True)
    rating = models.CharField("评价", max_length=30, blank=True)
    reminded_at = models.DateTimeField("临期提醒时间", null=True, blank=True)
    chased_at = models.DateTimeField("最近催办时间", null=True, blank=True)
    chase_count = models.PositiveIntegerField("催办次数", default=0)
    escalated_at = models.DateTimeField("升级督办时间", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = MatterQuerySet.as_manager()

    class Meta:
        verbose_name = "事项"
        verbose_name_plural = "事项"
        indexes = [
            models.Index(fields=["kind", "-received_at"], name="matter_kind_recv"),
            models.Index(fields=["-received_at"], name="matter_recv"),
            models.Index(fields=["kind", "status", "-received_at"], name="matter_kind_status"),
            models.Index(fields=["lead_unit", "kind", "-received_at"], name="matter_lead_kind"),
            models.Index(fields=["owner_unit", "-received_at"], name="matter_owner"),
            models.Index(fields=["created_by", "-received_at"], name="matter_creator"),
            models.Index(fields=["due_at"], name="matter_open_due", condition=Q(is_open=True)),
            # Open matters of one kind led by one unit, newest first (the filtered lists and their
            # counts, e.g. 超期 of a kind for a unit): due_at and secrecy are read from the index.
            models.Index(fields=["kind", "lead_unit", "-received_at", "due_at", "secrecy"], name="matter_open_kind_lead",
                         condition=Q(is_open=True)),
            # The same set by deadline: deep pages and counts of 超期/临期 for a kind and a unit, so the
            # planner is not tempted to walk every open matter through matter_open_due.
            models.Index(fields=["kind", "lead_unit", "due_at", "secrecy"], name="matter_open_kind_lead_due",
                         condition=Q(is_open=True)),
            models.Index(fields=["parent"], name="matter_parent", condition=Q(parent__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.serial} {self.title}"

    def save(self, *args, **kwargs):
        self._check_status_write(kwargs.get("update_fields"))
        super().save(*args, **kwargs)
        if "status" in self.__dict__:
            self._loaded_status = self.status
        # The inbox rows carry copies of 密级 and 紧急程度 (so the inbox is read from its own index);
        # keep them in step whenever a saved matter's values change, whoever changed them.
        loaded = getattr(self, "_todo_copy", None)
        if loaded is not None and loaded != (self.secrecy, self.urgency):
            Todo.objects.filter(matter_id=self.pk).update(secrecy=self.secrecy,
                                                          urgency_rank=URGENCY_RANK.get(self.urgency, 2))
            self._todo_copy = (self.secrecy, self.urgency)

    def _check_status_write(self, update_fields) -> None:
        """Refuse a save that writes a new or changed `status` outside the engine."""
        if "status" not in self.__dict__ or (update_fields is not None and "status" not in update_fields):
            return  # status deferred or not among the written fields
        if self._state.adding or self.pk is None:
            _refuse_status_write("登记事项（应使用 create_matter）")
        elif self.status != getattr(self, "_loaded_status", self.status):
            _refuse_status_write("赋值并保存")

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        if "status" in self.__dict__:
            self._loaded_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.__dict__.get("status")
        instance._todo_copy = (instance.__dict__.get("secrecy"), instance.__dict__.get("urgency"))
        return instance

    @property
    def workflow(self):
        from .workflow import get_workflow

        return get_workflow(self.kind)

    @property
    def status_label(self) -> str:
        return self.workflow.state_label(self.status)

    @property
    def kind_label(self) -> str:
        return self.workflow.label


class Assignment(models.Model):
    """交办: a unit's share of a matter, with its own deadline and status."""

    class Role(models.TextChoices):
        LEAD = "lead", "主办"
        ASSIST = "assist", "协办"
        JOINT = "joint", "会办"

    class Status(models.TextChoices):
        PENDING = "pending", "待签收"
        ACCEPTED = "accepted", "办理中"
        RETURNED = "returned", "已退回"
        REPLIED = "replied", "已答复"
        DONE = "done", "已办结"
        CANCELLED = "cancelled", "已撤销"

    ACTIVE = (Status.PENDING, Status.ACCEPTED)

    class Extension(models.TextChoices):
        NONE = "", "—"
        REQUESTED = "requested", "延期申请中"
        APPROVED = "approved", "已批准延期"
        REJECTED = "rejected", "延期未批准"

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Unit, verbose_name="承办单位", on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField("承办方式", max_length=10, choices=Role.choices, default=Role.LEAD)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PENDING)
    due_at = models.DateTimeField("办理时限", null=True, blank=True)
    due_uncertain = models.BooleanField("时限待核", default=False)
    sla = models.CharField("时限状态", max_length=10, choices=Sla.choices, default=Sla.NONE, blank=True)
    assigned_at = models.DateTimeField("交办时间")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField("签收时间", null=True, blank=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)
    finished_at = models.DateTimeField("办结时间", null=True, blank=True)
    reply = models.TextField("答复意见", blank=True)
    return_reason = models.TextField("退回理由", blank=True)
    extension = models.CharField("延期", max_length=10, choices=Extension.choices, default="", blank=True)
    extension_days = models.PositiveIntegerField("申请延期天数", null=True, blank=True)
    extension_reason = models.TextField("延期理由", blank=True)
    extension_count = models.PositiveIntegerField("已延期次数", default=0)
    reminded_at = models.DateTimeField("临期提醒时间", null=True, blank=True)
    chased_at = models.DateTimeField("最近催办时间", null=True, blank=True)
    chase_count = models.PositiveIntegerField("催办次数", default=0)
    escalated_at = models.DateTimeField("升级督办时间", null=True, blank=True)
    next_report_due = models.DateField("下次进展反馈日期", null=True, blank=True)

    class Meta:
        verbose_name = "交办"
        verbose_name_plural = "交办"
        ordering = ["matter", "role", "id"]
        indexes = [
            models.Index(fields=["unit", "status"], name="assign_unit_status"),
            models.Index(fields=["due_at"], name="assign_active_due", condition=Q(status__in=["pending", "accepted"])),
        ]

    def __str__(self) -> str:
        return f"{self.unit}（{self.get_role_display()}）"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class Clock(models.Model):
    """A statutory time limit (法定时限) on a matter, or on one unit's assignment.

    Declared by the kind (`ClockSpec` in its workflow) and driven by transition effects through
    `ctx.clocks` (see `matters/clocks.py`). A duty clock is someone's limit to meet (转送、告知、办理);
    a window is the time in which someone may act (复查申请、错送异议) and is never chased. Paused time
    is not counted: `paused_days` (working or calendar days, by unit) and `paused_total` (hours and
    minutes) push the due date out on resume.
    """

    class Unit(models.TextChoices):
        WORKDAYS = "workdays", "个工作日"
        DAYS = "days", "日"
        MONTHS = "months", "个月"
        HOURS = "hours", "小时"
        MINUTES = "minutes", "分钟"

    class State(models.TextChoices):
        RUNNING = "running", "计时中"
        PAUSED = "paused", "已暂停"
        STOPPED = "stopped", "已完成"
        CANCELLED = "cancelled", "已撤销"

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="clocks")
    assignment = models.ForeignKey(Assignment, null=True, blank=True, on_delete=models.CASCADE, related_name="clocks")
    name = models.CharField("时限代码", max_length=40)
    label = models.CharField("时限", max_length=60)
    window = models.BooleanField("申请期限", default=False, help_text="他人可以提出申请的期限，不催办")
    unit = models.CharField("计算单位", max_length=10, choices=Unit.choices)
    amount = models.PositiveIntegerField("规定时限")
    started_at = models.DateTimeField("起算时间")
    due_at = models.DateTimeField("届满时间")
    due_uncertain = models.BooleanField("时限待核", default=False)
    paused_at = models.DateTimeField("暂停时间", null=True, blank=True)
    paused_total = models.DurationField("累计暂停时长", default=datetime.timedelta)
    paused_days = models.PositiveIntegerField("累计暂停天数", default=0, help_text="按时限单位计的工作日或自然日")
    extensions = models.PositiveIntegerField("延长次数", default=0)
    extended = models.PositiveIntegerField("累计延长", default=0, help_text="按时限单位计")
    stopped_at = models.DateTimeField("完成时间", null=True, blank=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.RUNNING)
    reminded_at = models.DateTimeField("临期提醒时间", null=True, blank=True)
    chased_at = models.DateTimeField("最近催办时间", null=True, blank=True)
    chase_count = models.PositiveIntegerField("催办次数", default=0)
    escalated_at = models.DateTimeField("升级督办时间", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "法定时限"
        verbose_name_plural = "法定时限"
        ordering = ["matter", "started_at", "id"]
        indexes = [
            models.Index(fields=["matter", "name", "state"], name="clock_matter_name"),
            # The sweep reads running clocks by deadline only.
            models.Index(fields=["due_at"], name="clock_running_due", condition=Q(state="running")),
        ]

    def __str__(self) -> str:
        return f"{self.label}：{timezone.localtime(self.due_at):%Y-%m-%d}"

    @property
    def rule_label(self) -> str:
        return f"{self.amount}{self.Unit(self.unit).label}"

    @property
    def is_live(self) -> bool:
        return self.state in (self.State.RUNNING, self.State.PAUSED)

    def remaining(self, now) -> datetime.timedelta | None:
        """Time left (negative once past due); frozen while paused; None once stopped or cancelled."""
        if self.state == self.State.RUNNING:
            return self.due_at - now
        if self.state == self.State.PAUSED:
            return self.due_at - self.paused_at
        return None

    def status_at(self, now) -> tuple[str, str]:
        """(code, label) for display: running/paused/overdue/met/late for duties; open/used/lapsed for windows."""
        if self.state == self.State.CANCELLED:
            return "cancelled", "已撤销"
        if self.state == self.State.PAUSED:
            return "paused", "已暂停"
        if self.window:
            if self.state == self.State.STOPPED:
                return "used", "已提出"
            return ("open", "期限内") if now <= self.due_at else ("lapsed", "已届满")
        if self.state == self.State.STOPPED:
            return ("met", "按期完成") if self.stopped_at <= self.due_at else ("late", "逾期完成")
        return ("running", "计时中") if now <= self.due_at else ("overdue", "已超期")


class Entry(models.Model):
    """The journal. Append-only: no code path updates or deletes a row (see save/delete)."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="entries")
    assignment = models.ForeignKey(Assignment, null=True, blank=True, on_delete=models.PROTECT, related_name="entries")
    at = models.DateTimeField("时间")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.PROTECT,
        related_name="journal_entries",
    )
    actor_name = models.CharField("操作人姓名", max_length=100, blank=True)
    actor_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField("动作", max_length=40)
    action_label = models.CharField("动作名称", max_length=40)
    from_status = models.CharField("原状态", max_length=40, blank=True)
    to_status = models.CharField("新状态", max_length=40, blank=True)
    comment = models.TextField("意见", blank=True)
    data = models.JSONField("提交内容", default=dict, blank=True)

    class Meta:
        verbose_name = "流转记录"
        verbose_name_plural = "流转记录"
        ordering = ["matter", "at", "id"]
        indexes = [
            models.Index(fields=["matter", "at"], name="entry_matter_at"),
            models.Index(fields=["actor", "-at"], name="entry_actor_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("流转记录只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("流转记录不能删除")


class ReviewStep(models.Model):
    """One step of an approval chain. Steps with the same `seq` run in parallel (会签)."""

    class Status(models.TextChoices):
        WAITING = "waiting", "未开始"
        CURRENT = "current", "待审核"
        APPROVED = "approved", "已同意"
        RETURNED = "returned", "已退回"
        VOID = "void", "已作废"

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="review_steps")
    seq = models.PositiveIntegerField("顺序")
    name = models.CharField("环节", max_length=40)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    role = models.CharField("审核角色", max_length=30, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="review_steps"
    )
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.WAITING)
    round = models.PositiveIntegerField("轮次", default=1)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    opinion = models.TextField("意见", blank=True)

    class Meta:
        verbose_name = "审核环节"
        verbose_name_plural = "审核环节"
        ordering = ["matter", "round", "seq", "id"]
        indexes = [models.Index(fields=["matter", "status"], name="review_matter_status")]

    def __str__(self) -> str:
        return f"{self.seq}. {self.name}"


class ReviewChain(models.Model):
    """A configured approval chain for a kind (optionally for one unit's matters)."""

    kind = models.CharField("事项类别", max_length=20)
    name = models.CharField("名称", max_length=60)
    unit = models.ForeignKey(
        Unit, verbose_name="适用单位", null=True, blank=True, on_delete=models.CASCADE,
        help_text="留空表示适用于该类别的全部事项",
    )
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "审核流程"
        verbose_name_plural = "审核流程"

    def __str__(self) -> str:
        return self.name


class ReviewChainStep(models.Model):
    chain = models.ForeignKey(ReviewChain, on_delete=models.CASCADE, related_name="steps")
    seq = models.PositiveIntegerField("顺序")
    name = models.CharField("环节", max_length=40)
    role = models.CharField("审核角色", max_length=30, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name="审核单位", null=True, blank=True, on_delete=models.PROTECT,
        help_text="留空表示事项主办单位",
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        verbose_name = "审核流程环节"
        verbose_name_plural = "审核流程环节"
        ordering = ["chain", "seq"]


class Feedback(models.Model):
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="feedback")
    assignment = models.ForeignKey(Assignment, null=True, blank=True, on_delete=models.CASCADE, related_name="feedback")
    rating = models.CharField("评价", max_length=30)
    comment = models.TextField("意见", blank=True)
    channel = models.CharField("评价方式", max_length=20, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("评价时间")

    class Meta:
        verbose_name = "评价"
        verbose_name_plural = "评价"
        ordering = ["matter", "at"]


class Party(models.Model):
    """Who takes part in a matter and how. Visibility and the inbox read this table, index-first."""

    class Relation(models.TextChoices):
        OWNER = "owner", "主管"
        LEAD = "lead", "主办"
        ASSIST = "assist", "协办"
        JOINT = "joint", "会办"
        REVIEWER = "reviewer", "审核"
        READER = "reader", "传阅"
        PRINTER = "printer", "印制核发"  # 机要室 on a classified 发文, from 编号 on

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="parties")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    relation = models.CharField(max_length=10, choices=Relation.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["matter", "unit", "person", "relation"], name="party_unique"),
            models.CheckConstraint(condition=Q(unit__isnull=False) | Q(person__isnull=False), name="party_has_holder"),
        ]
        indexes = [
            models.Index(fields=["unit", "matter"], name="party_unit"),
            models.Index(fields=["person", "matter"], name="party_person"),
        ]


class Todo(models.Model):
    """An open piece of work waiting for a unit or a person (我的待办). Rebuilt by the engine after
    every transition from the kind's `holders`; never edited by hand."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="todos")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    roles = models.CharField("限定角色", max_length=200, blank=True, help_text="逗号分隔；空表示单位全体")
    task = models.CharField("待办事项", max_length=60)
    due_at = models.DateTimeField(null=True, blank=True)
    urgency_rank = models.PositiveSmallIntegerField(default=2)
    secrecy = models.IntegerField("密级", choices=Secrecy.choices, default=Secrecy.NONE, help_text="事项密级的副本")
    since = models.DateTimeField()

    class Meta:
        indexes = [
            # A unit's queue in inbox order; secrecy and roles ride along so the count needs no table.
            models.Index(fields=["unit", "urgency_rank", "due_at", "id", "secrecy", "roles"], name="todo_unit_queue",
                         condition=Q(person__isnull=True)),
            models.Index(fields=["person", "urgency_rank", "due_at"], name="todo_person"),
            models.Index(fields=["matter"], name="todo_matter"),
        ]


class Attachment(models.Model):
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="attachments")
    entry = models.ForeignKey(Entry, null=True, blank=True, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField("文件", upload_to="matters/%Y/%m/")
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小")
    content_type = models.CharField(max_length=100, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"


class SerialCounter(models.Model):
    """Human serial numbers per prefix and year (e.g. DB2026-000123)."""

    prefix = models.CharField(max_length=20)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="serial_prefix_year")]


class StatBucket(models.Model):
    """Statistics rollup: one row per (day received, kind, lead unit, category). Rebuilt per
    (kind, day) after commit when matters of that day change, so pages never scan the matter table."""

    day = models.DateField()
    kind = models.CharField(max_length=20)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    category = models.CharField(max_length=40, blank=True)
    received = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    closed_on_time = models.PositiveIntegerField(default=0)
    overdue_open = models.PositiveIntegerField(default=0)
    rated = models.PositiveIntegerField(default=0)
    satisfied = models.PositiveIntegerField(default=0)
    handling_seconds = models.BigIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "day"], name="stat_kind_day"),
            models.Index(fields=["day"], name="stat_day"),
        ]


class StatDirty(models.Model):
    """A (kind, day) whose StatBucket rows must be rebuilt."""

    kind = models.CharField(max_length=20)
    day = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "day"], name="statdirty_unique")]


class KindPolicy(models.Model):
    """An office's own chasing spans for a kind, overriding the kind's declared defaults
    (临期提醒提前量、自动催办间隔、升级督办时限). Rules are text such as "1个工作日" or "4小时"."""

    kind = models.CharField("事项类别", max_length=20, unique=True)
    reminder_before = models.CharField("临期提醒提前", max_length=30, blank=True, help_text="如“1个工作日”“4小时”；留空用默认值")
    chase_every = models.CharField("超期后自动催办间隔", max_length=30, blank=True, help_text="如“1个工作日”；留空用默认值")
    escalate_after = models.CharField("超期多久升级督办", max_length=30, blank=True, help_text="如“3个工作日”；留空用默认值")

    class Meta:
        verbose_name = "催办规则"
        verbose_name_plural = "催办规则"

    def __str__(self) -> str:
        return self.kind
