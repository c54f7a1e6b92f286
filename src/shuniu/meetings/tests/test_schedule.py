"""领导日程: entering, journal, who may NOT enter, conflicts, the out-of-city report, bad input."""

import pytest

from shuniu.meetings import schedule_services as services
from shuniu.meetings.models import ScheduleChange, ScheduleEntry, TravelReport
from shuniu.meetings.schedule_forms import ScheduleForm
from shuniu.notify.models import Message
from shuniu.org.models import OfficeRole
from shuniu.org.services import office_unit

from .conftest import at

pytestmark = pytest.mark.django_db


def _cleaned(data):
    form = ScheduleForm(data)
    assert form.is_valid(), form.errors
    return form.cleaned_data


def test_secretary_enters_edits_and_cancels_and_every_step_is_journaled(demo_office, entry_data):
    mishu = demo_office["mishu"]
    saved = services.add_entry(mishu, _cleaned(entry_data()))
    entry = saved.entry
    services.edit_entry(mishu, entry, _cleaned(entry_data(place="西城区")))
    services.cancel_entry(mishu, entry, "领导另有安排")
    entry.refresh_from_db()
    assert ScheduleEntry.objects.filter(pk=entry.pk).exists()  # never deleted
    assert entry.cancel_reason == "领导另有安排" and entry.cancelled_at is not None
    actions = list(entry.changes.values_list("action", "actor__username"))
    assert actions == [("add", "mishu"), ("edit", "mishu"), ("cancel", "mishu")]
    edit = entry.changes.get(action="edit")
    assert edit.detail["changed"]["place"] == ["东城区", "西城区"]


def test_the_office_enters_for_any_leader(api_client_for, entry_data):
    response = api_client_for("director").post("/api/v1/schedule", entry_data(leader="vmayor3"), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["entry"]["title"] == "调研城市更新项目"


@pytest.mark.parametrize("who", ["fgw_staff", "fgw_head", "mishu_v1", "admin", "secadmin", "auditor", "vmayor2"])
def test_who_may_not_enter_the_mayors_schedule(who, api_client_for, client_for, vmayor1_secretary, entry_data):
    response = api_client_for(who).post("/api/v1/schedule", entry_data(), format="json")
    assert response.status_code in (401, 403), response.content
    page = client_for(who).post("/meetings/schedule/new/", entry_data())
    assert page.status_code == 403
    assert not ScheduleEntry.objects.exists()


def test_a_secretary_may_not_edit_or_cancel_another_leaders_entry(demo_office, vmayor1_secretary, client_for, entry_data):
    entry = services.add_entry(demo_office["mishu"], _cleaned(entry_data())).entry
    client = client_for("mishu_v1")
    assert client.post(f"/meetings/schedule/{entry.pk}/edit/", entry_data(title="改")).status_code in (403, 404)
    assert client.post(f"/meetings/schedule/{entry.pk}/cancel/", {"reason": "x"}).status_code in (403, 404)
    with pytest.raises(services.PermissionDenied):
        services.cancel_entry(vmayor1_secretary, entry, "x")
    entry.refresh_from_db()
    assert entry.title == "调研城市更新项目" and entry.cancelled_at is None


def test_overlap_is_flagged_not_refused(client_for, api_client_for, entry_data):
    api = api_client_for("mishu")
    assert api.post("/api/v1/schedule", entry_data(), format="json").status_code == 201
    second = api.post("/api/v1/schedule", entry_data(title="会见客商", starts_at=at(7, 10), ends_at=at(7, 12)),
                      format="json")
    assert second.status_code == 201
    body = second.json()
    assert body["entry"]["conflict"] is True and [c["title"] for c in body["conflicts"]] == ["调研城市更新项目"]
    third = client_for("mishu").post("/meetings/schedule/new/", entry_data(title="专题会议", starts_at=at(7, 10, 30)),
                                     follow=True)
    assert "时间冲突" in third.content.decode()
    assert ScheduleEntry.objects.count() == 3
    day = at(7, 0)[:10]
    page = client_for("mishu").get(f"/meetings/schedule/?date={day}").content.decode()
    assert "schedule-conflicts" in page and "冲突" in page
    # the afternoon of the same day does not clash
    later = api.post("/api/v1/schedule", entry_data(starts_at=at(7, 15), ends_at=at(7, 16)), format="json")
    assert later.json()["conflicts"] == []


def test_leaving_the_city_is_reported_to_the_general_office(api_client_for, entry_data,
                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client_for("mishu").post("/api/v1/schedule", entry_data(
            title="赴省政府汇报工作", place="省城", category="travel", leaves_city=True), format="json")
    assert response.status_code == 201, response.content
    entry = ScheduleEntry.objects.get()
    office = office_unit(OfficeRole.GENERAL_OFFICE)
    report = TravelReport.objects.get(entry=entry)
    assert report.office == office and report.reported_by.username == "mishu"
    assert entry.changes.filter(action=ScheduleChange.Action.REPORT).exists()
    notices = Message.objects.filter(title__contains="离市报备")
    assert notices.exists()
    assert all(office.pk in m.recipient.unit_ids() for m in notices)


def test_a_trip_after_its_start_is_refused(api_client_for, client_for, entry_data):
    data = entry_data(category="travel", leaves_city=True, starts_at=at(-1, 9), ends_at=at(-1, 18))
    response = api_client_for("mishu").post("/api/v1/schedule", data, format="json")
    assert response.status_code == 400
    assert "出发前报备" in response.json()["error"]["message"]
    page = client_for("mishu").post("/meetings/schedule/new/", data)
    assert page.status_code == 200 and "出发前报备" in page.content.decode()
    assert not ScheduleEntry.objects.exists() and not TravelReport.objects.exists()


@pytest.mark.parametrize("change", [
    {"starts_at": ["2026-12-08 09:00"]},
    {"starts_at": "yesterday"},
    {"starts_at": "0001-01-01 09:00"},
    {"ends_at": None},
    {"title": ""},
    {"title": ["a", "b"]},
    {"category": "party"},
    {"leader": "fgw_staff"},
    {"leader": 5},
    {"leaves_city": "maybe"},
])
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(change, api_client_for, entry_data):
    data = entry_data(**change)
    if change.get("ends_at") is None and "ends_at" in change:
        data.pop("ends_at")
    response = api_client_for("mishu").post("/api/v1/schedule", data, format="json")
    assert response.status_code == 400, response.content
    message = response.json()["error"]["message"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert not ScheduleEntry.objects.exists()


def test_ends_before_start_is_refused(api_client_for, entry_data):
    response = api_client_for("mishu").post("/api/v1/schedule", entry_data(ends_at=at(7, 8)), format="json")
    assert response.status_code == 400
    assert "结束时间应晚于开始时间" in response.json()["error"]["message"]


@pytest.mark.parametrize("query", ["from=2026-13-01", "from=abc", "to=1900-01-01", "from=2026-12-10&to=2026-12-01",
                                   "from=2026-01-01&to=2027-06-01", "leader=nobody"])
def test_bad_query_is_400(query, api_client_for):
    response = api_client_for("mishu").get(f"/api/v1/schedule?{query}")
    assert response.status_code == 400
    assert response.json()["error"]["message"]


def test_bad_week_format_is_400(api_client_for):
    response = api_client_for("mishu").get("/api/v1/schedule/week?format=pdf")
    assert response.status_code == 400
    assert "docx" in response.json()["error"]["message"]


def test_edit_and_cancel_pages_keep_the_record(client_for, demo_office, entry_data):
    entry = services.add_entry(demo_office["mishu"], _cleaned(entry_data())).entry
    client = client_for("mishu")
    assert client.get(f"/meetings/schedule/{entry.pk}/edit/").status_code == 200
    response = client.post(f"/meetings/schedule/{entry.pk}/edit/", entry_data(title="调研城市更新重点项目"))
    assert response.status_code == 302
    assert client.post(f"/meetings/schedule/{entry.pk}/cancel/", {"reason": ""}).status_code == 302
    entry.refresh_from_db()
    assert entry.title == "调研城市更新重点项目" and entry.cancelled_at is None  # no reason, not cancelled
    client.post(f"/meetings/schedule/{entry.pk}/cancel/", {"reason": "行程调整"})
    page = client.get(f"/meetings/schedule/{entry.pk}/").content.decode()
    assert "行程调整" in page and "事项：调研城市更新项目 → 调研城市更新重点项目" in page  # the old title is kept
    entry.refresh_from_db()
    assert entry.cancelled_at is not None
    assert client.post(f"/meetings/schedule/{entry.pk}/edit/", entry_data()).status_code == 403
