"""公众留言 as the portal receives them, before the hotline registers them.

The internet-facing portal (互联网区) accepts a message, gives the citizen a query code and the
promised answer date at once, and stores the validated message here. A background task
(`portal.register_submissions`) then registers each one as a 12345 ticket carrying that code and
that date. A submission that cannot be registered is retried a few times and otherwise stays
here, marked failed, for the system administrator to look into (系统管理 › 公众留言登记)."""

from __future__ import annotations

from django.db import models

from shuniu.hotline.models import PUBLIC_CHANNELS, Channel
from shuniu.matters.models import Matter


class Submission(models.Model):
    """A citizen's message accepted by the portal; becomes a hotline ticket when registered."""

    class Status(models.TextChoices):
        PENDING = "pending", "待登记"
        REGISTERED = "registered", "已登记"
        FAILED = "failed", "登记失败"

    query_code = models.CharField("查询码", max_length=12, unique=True)
    channel = models.CharField("留言渠道", max_length=10, choices=[(c.value, c.label) for c in PUBLIC_CHANNELS],
                               default=Channel.WEB)
    received_at = models.DateTimeField("收到时间")
    due_at = models.DateTimeField("承诺答复时间")
    due_uncertain = models.BooleanField("答复时间待定", default=False,
                                        help_text="期限跨入尚未公布节假日安排的年份，答复时间可能调整")
    data = models.JSONField("留言内容", help_text="校验后的留言字段，登记为热线工单时使用")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.PENDING)
    matter = models.ForeignKey(Matter, verbose_name="热线工单", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    attempts = models.PositiveSmallIntegerField("登记次数", default=0)
    error = models.TextField("失败原因", blank=True)
    retry_at = models.DateTimeField("下次重试时间", null=True, blank=True)
    claimed_until = models.DateTimeField("登记处理截止", null=True, blank=True,
                                         help_text="后台任务正在登记时占用至此时；任务中断的，过时后由其他任务接续")
    registered_at = models.DateTimeField("登记时间", null=True, blank=True)

    class Meta:
        verbose_name = "公众留言登记"
        verbose_name_plural = "公众留言登记"
        indexes = [models.Index(fields=["status", "id"], name="portal_submission_status")]

    def __str__(self) -> str:
        return self.query_code

    @property
    def title(self) -> str:
        return str(self.data.get("title", ""))

    @property
    def type(self) -> str:
        return str(self.data.get("type", ""))

    @property
    def phone_last4(self) -> str:
        digits = "".join(c for c in str(self.data.get("phone", "")) if c.isdigit())
        return digits[-4:]


class SubmissionFile(models.Model):
    """An attachment sent with a submission. Stored where ticket attachments live; registration
    points the ticket's Attachment row at the same file."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    file = models.FileField("文件", upload_to="matters/%Y/%m/")
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小")
    content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = "留言附件"
        verbose_name_plural = "留言附件"

    def __str__(self) -> str:
        return self.name
