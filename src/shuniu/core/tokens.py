"""A person's own API tokens: issued at most SHUNIU_MAX_TOKENS live at a time, listed, revoked.

A token is named by its key (the first characters knox keeps in clear); the secret itself is never
stored, so neither the list nor the audit log can show it."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from knox.models import AuthToken

from shuniu.core import audit
from shuniu.core.models import AuditEvent


class TooManyTokens(Exception):
    def __init__(self, limit: int):
        self.limit = limit
        self.message = (f"您的有效接口令牌已达上限（{limit}个），不能再签发。"
                        "请先在“账户安全”页面或通过接口吊销不再使用的令牌。")
        super().__init__(self.message)


def limit() -> int:
    return int(getattr(settings, "SHUNIU_MAX_TOKENS", 10))


def live(user):
    """The person's tokens that still work, newest first."""
    return (AuthToken.objects.filter(user=user).filter(Q(expiry__isnull=True) | Q(expiry__gt=timezone.now()))
            .order_by("-created"))


def issue(user, request=None) -> tuple[AuthToken, str]:
    """A new token, unless the person already holds the maximum; audited."""
    from shuniu.org.models import User

    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # one issuance per person at a time
        AuthToken.objects.filter(user=user, expiry__lte=timezone.now()).delete()
        if live(user).count() >= limit():
            raise TooManyTokens(limit())
        instance, token = AuthToken.objects.create(user)
        audit.record(AuditEvent.Action.TOKEN_ISSUED, request=request, user=user, target=instance.token_key)
    return instance, token


def revoke(user, key: str, request=None) -> bool:
    """End one of the person's own tokens (by key). Another person's key is simply not found."""
    with transaction.atomic():
        deleted, _ = AuthToken.objects.filter(user=user, token_key=key).delete()
        if deleted:
            audit.record(AuditEvent.Action.TOKEN_REVOKED, request=request, user=user, target=key)
    return bool(deleted)
