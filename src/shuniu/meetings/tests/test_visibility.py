"""Who sees what of a leader's schedule: details for the leader, their own staff and the office;
only “有安排” for everybody else — in the week page, the API, the 周安排 exports and the iCal feed."""

import io

import pytest
from docx import Document
from icalendar import Calendar
from openpyxl import load_workbook

from shuniu.meetings import schedule_services as services
from shuniu.meetings.schedule_forms import ScheduleForm

from .conftest import at

pytestmark = pytest.mark.django_db
SECRET_TITLE = "会见来访客商代表团"


@pytest.fixture
def mayors_entry(demo_office, entry_data):
    form = ScheduleForm(entry_data(title=SECRET_TITLE, place="市政府贵宾室", category="reception"))
    assert form.is_valid(), form.errors
    return services.add_entry(demo_office["mishu"], form.cleaned_data).entry


def _week(entry):
    return at(7, 0)[:10]


@pytest.mark.parametrize("who", ["mayor", "mishu", "director", "deputy_director"])
def test_the_leader_their_staff_and_the_office_see_details(who, mayors_entry, api_client_for, client_for):
    rows = api_client_for(who).get(f"/api/v1/schedule?from={_week(mayors_entry)}&leader=mayor").json()
    assert [r["title"] for r in rows] == [SECRET_TITLE] and rows[0]["place"] == "市政府贵宾室"
    page = client_for(who).get(f"/meetings/schedule/?date={_week(mayors_entry)}").content.decode()
    assert SECRET_TITLE in page


@pytest.mark.parametrize("who", ["fgw_staff", "vmayor1", "mishu_v1", "duban"])
def test_others_see_only_busy(who, mayors_entry, api_client_for, client_for, vmayor1_secretary):
    rows = api_client_for(who).get(f"/api/v1/schedule?from={_week(mayors_entry)}&leader=mayor").json()
    assert len(rows) == 1
    assert rows[0]["title"] == "有安排" and rows[0]["place"] == "" and rows[0]["id"] is None
    assert SECRET_TITLE not in str(rows)
    client = client_for(who)
    page = client.get(f"/meetings/schedule/?date={_week(mayors_entry)}").content.decode()
    assert "有安排" in page and SECRET_TITLE not in page
    assert client.get(f"/meetings/schedule/{mayors_entry.pk}/").status_code == 404
    week = api_client_for(who).get(f"/api/v1/schedule/week?date={_week(mayors_entry)}").json()
    assert SECRET_TITLE not in str(week) and any(e["title"] == "有安排" for e in week["entries"])


@pytest.mark.parametrize("who", ["admin", "secadmin", "auditor"])
def test_the_three_administrators_see_nothing(who, mayors_entry, api_client_for, client_for):
    assert api_client_for(who).get("/api/v1/schedule").status_code in (401, 403)
    assert client_for(who).get("/meetings/schedule/").status_code == 403


def _docx_text(body: bytes) -> str:
    doc = Document(io.BytesIO(body))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _xlsx_text(body: bytes) -> str:
    ws = load_workbook(io.BytesIO(body)).active
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)


@pytest.mark.parametrize("fmt,read", [("docx", _docx_text), ("xlsx", _xlsx_text)])
def test_week_export_opens_with_the_usual_title_and_hides_details_from_others(fmt, read, mayors_entry,
                                                                              api_client_for, client_for):
    day = _week(mayors_entry)
    staff = api_client_for("mishu").get(f"/api/v1/schedule/week?date={day}&format={fmt}")
    assert staff.status_code == 200
    text = read(staff.content)
    assert "市政府领导同志周安排（" in text and "月" in text
    assert "李正华" in text and "周国强" in text and SECRET_TITLE in text
    other = read(api_client_for("fgw_staff").get(f"/api/v1/schedule/week?date={day}&format={fmt}").content)
    assert SECRET_TITLE not in other and "有安排" in other
    page = read(client_for("fgw_staff").get(f"/meetings/schedule/week.{fmt}?date={day}").content)
    assert SECRET_TITLE not in page and "有安排" in page


def test_ical_feed_is_the_leaders_own_and_needs_no_session(mayors_entry, demo_office, entry_data, client):
    other = ScheduleForm(entry_data(leader="vmayor1", title="副市长的调研"))
    assert other.is_valid()
    services.add_entry(demo_office["director"], other.cleaned_data)
    cancelled = ScheduleForm(entry_data(title="已取消的会议", starts_at=at(8, 9), ends_at=at(8, 10)))
    assert cancelled.is_valid()
    services.cancel_entry(demo_office["mishu"], services.add_entry(demo_office["mishu"], cancelled.cleaned_data).entry,
                          "会议延期")
    token = services.feed_token(demo_office["mayor"])
    response = client.get(f"/meetings/schedule/feed/{token}.ics")  # an anonymous phone
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = [c for c in Calendar.from_ical(response.content).walk("VEVENT")]
    assert [str(e["summary"]) for e in events] == [SECRET_TITLE]
    assert str(events[0]["location"]) == "市政府贵宾室"
    assert client.get("/meetings/schedule/feed/not-a-token.ics").status_code == 404


def test_only_the_leaders_staff_see_the_feed_address(mayors_entry, client_for):
    assert client_for("mishu").get("/meetings/schedule/feed-link/mayor/").status_code == 200
    assert client_for("fgw_staff").get("/meetings/schedule/feed-link/mayor/").status_code == 404


def test_replacing_the_feed_address_stops_the_old_one(mayors_entry, demo_office, client_for, client):
    old = services.feed_token(demo_office["mayor"])
    assert client_for("fgw_staff").post("/meetings/schedule/feed-link/mayor/").status_code == 404
    assert services.feed_token(demo_office["mayor"]) == old
    assert client_for("mishu").post("/meetings/schedule/feed-link/mayor/").status_code == 302
    new = services.feed_token(demo_office["mayor"])
    assert new != old
    assert client.get(f"/meetings/schedule/feed/{old}.ics").status_code == 404
    assert client.get(f"/meetings/schedule/feed/{new}.ics").status_code == 200
