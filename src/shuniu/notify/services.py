"""Sending and reading notifications."""

from .models import Message


def unread_count(user) -> int:
    return Message.objects.filter(recipient=user, read_at__isnull=True).count()
