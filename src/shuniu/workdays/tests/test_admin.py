"""Only the system administrator (workdays.manage_calendar) edits the holiday table."""

import datetime as dt

import pytest

from shuniu.core.models import AuditEvent
from shuniu.workdays import services
from shuniu.workdays.models import SpecialDay, YearArrangement

CHANGELIST = "/admin/workdays/yeararrangement/"
ADD = "/admin/workdays/yeararrangement/add/"


def arrangement_form(year=2027, complete=True, days=()):
    data = {
        "year": str(year),
        "complete": "on" if complete else "",
        "source": "测试用安排",
        "note": "",
        "days-TOTAL_FORMS": str(len(days)),
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        "_save": "保存",
    }
    for index, (day, kind, name) in enumerate(days):
        data |= {
            f"days-{index}-date": day,
            f"days-{index}-kind": kind,
            f"days-{index}-name": name,
            f"days-{index}-note": "",
        }
    if not complete:
        data.pop("complete")
    return data


NEW_YEAR_2027 = [
    ("2027-01-01", "holiday", "元旦"),
    ("2027-01-02", "holiday", "元旦"),
    ("2027-01-09", "workday", "春节"),
]


def test_system_admin_may_enter_a_year_and_it_becomes_known(client_for):
    client = client_for("admin")
    assert client.get(CHANGELIST).status_code == 200
    response = client.post(ADD, arrangement_form(days=NEW_YEAR_2027))
    assert response.status_code == 302, response.content.decode()[:2000]
    arrangement = YearArrangement.objects.get(year=2027)
    assert arrangement.complete
    assert list(arrangement.days.values_list("date", "kind")) == [
        (dt.date(2027, 1, 1), "holiday"),
        (dt.date(2027, 1, 2), "holiday"),
        (dt.date(2027, 1, 9), "workday"),
    ]
    assert services.is_year_known(2027)
    assert not services.is_workday(dt.date(2027, 1, 1))
    event = AuditEvent.objects.get(action=AuditEvent.Action.ADMIN_CHANGE, target__contains="2027年节假日安排")
    assert event.username == "admin"
    assert event.detail.startswith("新增")


def test_system_admin_may_change_and_delete(client_for):
    client = client_for("admin")
    client.post(ADD, arrangement_form(days=NEW_YEAR_2027))
    arrangement = YearArrangement.objects.get(year=2027)
    assert client.get(f"{CHANGELIST}{arrangement.pk}/change/").status_code == 200
    response = client.post(f"{CHANGELIST}{arrangement.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not YearArrangement.objects.exists()
    assert not SpecialDay.objects.exists()
    assert not services.is_year_known(2027)
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.ADMIN_CHANGE, target__contains="2027年节假日安排", detail="删除"
    ).exists()


def test_marking_a_year_complete_without_any_holiday_is_refused(client_for):
    response = client_for("admin").post(ADD, arrangement_form(days=[("2027-01-09", "workday", "春节")]))
    assert response.status_code == 200
    assert "尚未录入该年度任何放假日期" in response.content.decode()
    assert not YearArrangement.objects.exists()


def test_a_date_outside_the_year_is_refused(client_for):
    response = client_for("admin").post(ADD, arrangement_form(days=[("2026-12-31", "holiday", "元旦")]))
    assert response.status_code == 200
    assert "日期不属于2027年" in response.content.decode()
    assert not YearArrangement.objects.exists()
    assert not SpecialDay.objects.exists()


@pytest.mark.parametrize("username", ["secadmin", "auditor"])
def test_security_and_audit_administrators_may_not_see_or_edit_the_table(client_for, username):
    client = client_for(username)
    assert client.get(CHANGELIST).status_code == 403
    assert client.post(ADD, arrangement_form(days=NEW_YEAR_2027)).status_code == 403
    assert not YearArrangement.objects.exists()
    assert "/admin/workdays/" not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("username", ["jtj_staff", "director"])
def test_business_users_may_not_reach_the_table(client_for, username):
    client = client_for(username)
    assert client.get(CHANGELIST).status_code in (302, 403)
    assert client.post(ADD, arrangement_form(days=NEW_YEAR_2027)).status_code in (302, 403)
    assert not YearArrangement.objects.exists()


def test_the_permission_comes_from_the_rules_registry_only(demo_office):
    assert demo_office["admin"].has_perm("workdays.manage_calendar")
    for username in ("secadmin", "auditor", "jtj_staff", "mayor"):
        assert not demo_office[username].has_perm("workdays.manage_calendar")
