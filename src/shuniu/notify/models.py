"""In-app messages (站内消息). E-mail and SMS go out through adapters; this is the inbox copy."""

from django.conf import settings
from django.db import models


class Message(models.Model):
    class Level(models.TextChoices):
        INFO = "info", "通知"
        REMINDER = "reminder", "临期提醒"
        CHASE = "chase", "催办"
        ESCALATION = "escalation", "督办升级"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.CASCADE, related_name="messages"
    )
    level = models.CharField("类别", max_length=20, choices=Level.choices, default=Level.INFO)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=300, blank=True)
    created_at = models.DateTimeField("发送时间", auto_now_add=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    class Meta:
        verbose_name = "站内消息"
        verbose_name_plural = "站内消息"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notify_msg_unread")]

    def __str__(self) -> str:
        return self.title
