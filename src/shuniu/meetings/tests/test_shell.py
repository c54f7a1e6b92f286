"""领导日程 in the shell: the menu, the secretary's home panel, the demo seeder."""

import pytest

from shuniu.meetings import demo
from shuniu.meetings.models import ScheduleEntry, TravelReport
from shuniu.meetings.schedule_services import conflicting_ids
from shuniu.testing import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_menu_shows_the_schedule_to_business_users_only(client_for):
    assert "领导日程" in client_for("fgw_staff").get("/").content.decode()
    assert "/meetings/schedule/" not in client_for("auditor").get("/").content.decode()


def test_the_secretarys_home_shows_the_leaders_week(client_for, api_client_for, entry_data):
    from .conftest import at

    api_client_for("mishu").post("/api/v1/schedule", entry_data(starts_at=at(0, 23, 0), ends_at=at(0, 23, 30),
                                                                 title="审阅本周文件"), format="json")
    home = client_for("mishu").get("/").content.decode()
    assert 'id="panel-schedule"' in home and "领导本周日程" in home and "李正华" in home
    assert 'id="panel-schedule"' not in client_for("fgw_staff").get("/").content.decode()


def test_demo_seeds_a_year_with_conflicts_cancellations_and_trips(demo_office):
    demo.seed(DEMO_PASSWORD)
    entries = ScheduleEntry.objects.all()
    assert entries.count() > 1000
    assert set(entries.values_list("leader__username", flat=True)) == set(demo.LEADERS)
    span = entries.order_by("starts_at").first().starts_at, entries.order_by("-starts_at").first().starts_at
    assert (span[1] - span[0]).days >= 360
    assert entries.filter(cancelled_at__isnull=False).exists()
    assert TravelReport.objects.count() == entries.filter(leaves_city=True).count() > 0
    assert conflicting_ids(list(entries.filter(cancelled_at__isnull=True)))
    assert all(e.changes.exists() for e in entries[:50])
    before = entries.count()
    demo.seed(DEMO_PASSWORD)  # idempotent
    assert ScheduleEntry.objects.count() == before
