import datetime

import pytest
from django.utils import timezone

from shuniu.org.models import Membership, Role
from shuniu.testing import make_person


def at(days: int, hour: int, minute: int = 0) -> str:
    """A local time `days` from today, as the API and the form take it."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return f"{day.isoformat()} {hour:02d}:{minute:02d}"


@pytest.fixture
def vmayor1_secretary(demo_office):
    """A secretary serving 周国强 (vmayor1) — another leader's staff as far as the mayor is concerned."""
    person = make_person("mishu_v1", "秘书乙", unit="mc2", role=Role.SECRETARY)
    Membership.objects.filter(person=person).update(serves=demo_office["vmayor1"])
    return person


@pytest.fixture
def entry_data():
    def data(**over):
        return {"leader": "mayor", "starts_at": at(7, 9), "ends_at": at(7, 11), "title": "调研城市更新项目",
                "place": "东城区", "category": "research", **over}
    return data
