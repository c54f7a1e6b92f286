"""督查督办 test helpers: items registered by 督查科 through the service, and a settable clock."""

from __future__ import annotations

import datetime
from contextlib import contextmanager

import pytest
from django.utils import timezone

from shuniu.matters import services as engine


@pytest.fixture
def users(demo_office):
    return demo_office


@pytest.fixture
def make_item(demo_office):
    """make_item(lead="jtj", assist=(), **fields) → an item registered and dispatched by duban."""
    from shuniu.supervision.services import create_item

    def make(lead="jtj", assist=(), title="推进城区公交线网优化调整", due_date=None, by="duban", **extra):
        data = {"title": title, "content": "按照市政府常务会议议定事项办理。", "source": "meeting",
                "lead_unit": lead, "assist_units": list(assist), "report_cycle": "none", **extra}
        if due_date:
            data["due_date"] = due_date.isoformat() if isinstance(due_date, datetime.date) else due_date
        return create_item(demo_office[by], data)

    return make


@pytest.fixture
def act(demo_office):
    """act(item, "accept", "jtj_staff", {...}) → the matter after the transition."""

    def do(item, name, username, data=None):
        return engine.perform(item, name, demo_office[username], data or {})

    return do


@contextmanager
def clock(moment: datetime.datetime):
    """Run code as if it were `moment`."""
    real = timezone.now
    timezone.now = lambda: moment
    try:
        yield
    finally:
        timezone.now = real


def aware(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))
