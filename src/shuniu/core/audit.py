"""Writing the audit log. Every caller goes through `record` so the shape stays one."""

from __future__ import annotations

from django.contrib.auth import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import AuditEvent


def client_ip(request) -> str | None:
    """The client's address as the lockout machinery sees it (proxy-aware per AXES_IPWARE_*)."""
    if request is None:
        return None
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request)


def redact_classified(obj) -> str:
    """How an audit row names a matter: its title if unclassified, else “秘密级事项 SW2026-000123”.

    The auditor (三员) has no clearance, so a classified matter's title never enters the log."""
    if getattr(obj, "secrecy", 0) > 0:
        return f"{obj.get_secrecy_display()}级事项 {obj.serial}"
    return obj.title


def record(action: str, *, request=None, user=None, username: str = "", target: str = "", detail: str = "") -> AuditEvent:
    if user is None and request is not None and getattr(request, "user", None) is not None:
        if request.user.is_authenticated:
            user = request.user
    if user is not None and not username:
        username = user.get_username()
    return AuditEvent.objects.create(
        action=action, user=user, username=username[:150], ip=client_ip(request), target=target[:200], detail=detail
    )


def _channel(request) -> str:
    return "接口" if request is not None and request.path.startswith("/api/") else "网页"


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record(AuditEvent.Action.LOGIN, request=request, user=user, detail=f"通过{_channel(request)}登录")


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(AuditEvent.Action.LOGOUT, request=request, user=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    record(
        AuditEvent.Action.LOGIN_FAILED,
        request=request,
        username=str(credentials.get("username", "")),
        detail=f"通过{_channel(request)}登录失败",
    )
