"""A person's own account security: change password, turn two-factor login (TOTP) on and off."""

from __future__ import annotations

import base64

import segno
from django.contrib.auth import update_session_auth_hash
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .models import AuditEvent

DEVICE_NAME = "动态口令"


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being set up (one per person), created on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def provisioning(device: TOTPDevice) -> dict:
    """What the person scans or types into their authenticator app."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    qr = segno.make(device.config_url, error="m")
    return {"secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
            "qr_svg": qr.svg_data_uri(scale=4)}


def confirm_device(request, token: str) -> bool:
    device = pending_device(request.user)
    if not device.verify_token((token or "").strip()):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record(AuditEvent.Action.OTP_ENABLED, request=request, user=request.user)
    return True


def disable(request, password: str, token: str) -> str | None:
    """Turn two-factor login off; needs the password and a current code. Returns an error or None."""
    user = request.user
    device = confirmed_device(user)
    if device is None:
        return "尚未启用双因素认证。"
    if not user.check_password(password or ""):
        return "密码不正确。"
    if not device.verify_token((token or "").strip()):
        return "动态口令错误或已过期。"
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        audit.record(AuditEvent.Action.OTP_DISABLED, request=request, user=user)
    return None


def password_changed(request, form) -> None:
    with transaction.atomic():
        form.save()
        update_session_auth_hash(request, form.user)
        from knox.models import AuthToken

        AuthToken.objects.filter(user=form.user).delete()  # API tokens issued with the old password end
        audit.record(AuditEvent.Action.PASSWORD_CHANGED, request=request, user=form.user)
