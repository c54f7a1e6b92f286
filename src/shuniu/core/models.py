"""Cross-cutting records: the security audit log (安全审计日志)."""

import re

from django.conf import settings
from django.db import models

_PERMISSION_CODE = re.compile(r"[a-z_]+\.[a-z_]+")


class AuditEvent(models.Model):
    """One security-relevant event: a login, a failed login, a lockout, an administrator's change,
    a read of a restricted item. Append-only; only the audit administrator reads it."""

    class Action(models.TextChoices):
        LOGIN = "login", "登录"
        LOGOUT = "logout", "退出"
        LOGIN_FAILED = "login_failed", "登录失败"
        LOCKED_OUT = "locked_out", "账户锁定"
        TOKEN_ISSUED = "token_issued", "签发接口令牌"
        TOKEN_REVOKED = "token_revoked", "吊销接口令牌"
        SESSION_EXPIRED = "session_expired", "会话超时"
        ADMIN_CHANGE = "admin_change", "管理操作"
        READ_RESTRICTED = "read_restricted", "查阅涉密事项"
        DENIED = "denied", "越权访问被拒绝"
        EXPORT = "export", "导出"
        PASSWORD_CHANGED = "password_changed", "修改密码"
        OTP_ENABLED = "otp_enabled", "启用双因素认证"
        OTP_DISABLED = "otp_disabled", "停用双因素认证"

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", null=True, blank=True, on_delete=models.SET_NULL
    )
    username = models.CharField("用户名", max_length=150, blank=True)
    ip = models.GenericIPAddressField("IP地址", null=True, blank=True)
    action = models.CharField("操作", max_length=30, choices=Action.choices, db_index=True)
    target = models.CharField("对象", max_length=200, blank=True)
    detail = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.get_action_display()}"

    @property
    def detail_display(self) -> str:
        """The detail as the auditor reads it: a refused access names the permission in Chinese
        (the stored detail keeps its code, e.g. `core.use_business`, for searching)."""
        if self.action == self.Action.DENIED and self.detail:
            from .permissions import permission_label

            if _PERMISSION_CODE.fullmatch(self.detail):
                return permission_label(self.detail)
        return self.detail
