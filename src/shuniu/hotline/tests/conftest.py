"""Hotline test helpers: tickets registered by the operator `rexian` and taken through the loop."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from shuniu.matters.services import perform


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


MESSAGE = {
    "type": "complaint",
    "title": "滨江小区夜间施工噪音扰民",
    "content": "滨江小区旁的工地连续一周晚上十一点后仍在施工，噪音很大，严重影响居民休息，请有关部门查处。",
    "name": "王建华",
    "phone": "13912345678",
    "address": "东城区滨江路88号",
    "wants_public": True,
}


@pytest.fixture
def message(demo_office):
    """A citizen's message as the portal sends it (the demo office exists: tickets belong to `rxb`)."""
    return dict(MESSAGE)


@pytest.fixture
def make_ticket(demo_office):
    """make_ticket(**fields) → a ticket taken by the operator `rexian` (a phone call by default)."""
    from shuniu.hotline.services import register_ticket

    def make(**fields):
        data = {**MESSAGE, "channel": "phone", "category": "environment", **fields}
        return register_ticket(demo_office["rexian"], data)

    return make


@pytest.fixture
def dispatched(make_ticket, demo_office):
    """dispatched(lead="hbj", assist=(), **ticket_fields) → a ticket dispatched by `rexian`."""

    def make(lead="hbj", assist=(), **fields):
        ticket = make_ticket(**fields)
        units = [{"unit": lead, "role": "lead"}] + [{"unit": code, "role": "assist"} for code in assist]
        return perform(ticket, "dispatch", demo_office["rexian"], {"units": units})

    return make


@pytest.fixture
def answered(dispatched, demo_office):
    """answered(lead="hbj") → dispatched, accepted and replied by the lead's staff, approved by `rexian`."""

    def make(lead="hbj", **fields):
        ticket = dispatched(lead=lead, **fields)
        staff = demo_office[f"{lead}_staff"]
        perform(ticket, "accept", staff, {})
        perform(ticket, "reply", staff, {"reply": "经现场核查，该工地已办理夜间施工许可，已责令其22时后停止高噪声作业。"})
        return perform(ticket, "approve_reply", demo_office["rexian"], {})

    return make


@pytest.fixture
def clock(monkeypatch):
    """`with clock(moment):` runs the code as if it were `moment` (deadline rules are about time)."""
    from contextlib import contextmanager

    from django.utils import timezone

    @contextmanager
    def at(moment):
        with monkeypatch.context() as patch:
            patch.setattr(timezone, "now", lambda: moment)
            yield

    return at


@pytest.fixture
def policy(db):
    """policy(**values) → the saved hotline Policy with those values changed."""
    from shuniu.hotline.models import Policy

    def change(**values):
        current = Policy.current()
        for name, value in values.items():
            setattr(current, name, value)
        current.save()
        return current

    return change
