"""Writing believable history in demo seeders: run the real services as if it were another moment.

Only seeders use this. Services and views never do: a real office's journal carries real times."""

from __future__ import annotations

import datetime
from contextlib import contextmanager

from django.utils import timezone


@contextmanager
def clock_at(moment: datetime.datetime, step: datetime.timedelta | None = None):
    """While inside, `django.utils.timezone.now()` answers `moment` (advancing by `step` per call,
    so consecutive actions get distinct, ordered times)."""
    real = timezone.now
    current = [moment]

    def now() -> datetime.datetime:
        value = current[0]
        if step:
            current[0] = value + step
        return value

    timezone.now = now
    try:
        yield
    finally:
        timezone.now = real
