"""Petition test helpers: a clock that can be set (the statutory limits are about time), and
shortcuts that walk a petition through its life as the people who would really do it."""

from __future__ import annotations

import datetime
from contextlib import contextmanager
from unittest import mock

import pytest
from django.utils import timezone

from shuniu.matters import services as engine
from shuniu.matters.models import Matter
from shuniu.petitions.services import register_petition

# A Monday in a year the holiday calendar knows, so every deadline below is exact.
T0 = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 30))

PETITION = {
    "channel": "visit",
    "category": "claim",
    "petitioner_name": "王建华",
    "petitioner_phone": "13912345678",
    "people_count": 1,
    "title": "反映城东化工厂夜间排放异味影响居民休息的问题",
    "content": "本人居住在城东新村小区，小区北侧化工厂近三个月每天夜间排放刺鼻气体，居民多次向厂方反映未果，请求有关部门查处并限期整改。",
}


def days(n: float) -> datetime.timedelta:
    return datetime.timedelta(days=n)


@contextmanager
def frozen(moment: datetime.datetime):
    """Run as if it were `moment` (services read the time through django.utils.timezone.now)."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def people(demo_office):
    return demo_office


@pytest.fixture
def register(people):
    """register(at=T0, by="xinfang", **fields) → the registered matter."""

    def make(at=T0, by="xinfang", **fields):
        with frozen(at):
            return register_petition(people[by], {**PETITION, **fields})

    return make


@pytest.fixture
def act(people):
    """act(matter, "accept", "hbj_staff", at, **data) → the matter after the transition."""

    def perform(matter, name, username, at, **data):
        with frozen(at):
            return engine.perform(matter, name, people[username], data)

    return perform


@pytest.fixture
def handling(register, act):
    """A petition registered at T0, forwarded to 生态环境局 the next day and accepted the day after."""

    def make(**fields) -> Matter:
        matter = register(**fields)
        act(matter, "dispatch", "xinfang", T0 + days(1), units=[{"unit": "hbj", "role": "lead"}], mode="assign")
        return act(matter, "accept", "hbj_staff", T0 + days(2), comment="")

    return make


@pytest.fixture
def replied(handling, act):
    """A petition answered (不予支持) ten days after acceptance."""

    def make(**fields) -> Matter:
        matter = handling(**fields)
        return act(matter, "reply", "hbj_staff", T0 + days(12), outcome="not_support",
                   reply="经现场检查，该厂废气排放符合国家标准，未发现超标排放行为。")

    return make


def entries(matter) -> int:
    return matter.entries.count()
