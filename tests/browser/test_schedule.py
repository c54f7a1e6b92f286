"""领导日程 in Chromium: the mayor's secretary enters an entry and finds it in the week view."""

import datetime

import pytest
from django.utils import timezone

pytestmark = pytest.mark.browser

TITLE = "调研火车站片区综合整治"


def test_the_secretary_adds_an_entry_and_sees_it_in_the_week(page, live_server, login, seeded_office, screenshot_dir):
    day = timezone.localdate() + datetime.timedelta(days=2)

    login(page, live_server, "mishu")
    page.goto(f"{live_server.url}/meetings/schedule/new/")
    page.get_by_label("领导").select_option("mayor")
    page.get_by_label("类别").select_option("research")
    page.get_by_label("开始时间").fill(f"{day.isoformat()} 09:00")
    page.get_by_label("结束时间").fill(f"{day.isoformat()} 11:30")
    page.get_by_label("事项").fill(TITLE)
    page.get_by_label("地点").fill("火车站片区")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state("domcontentloaded")

    assert "/meetings/schedule/" in page.url
    assert "日程已录入" in page.content()
    row = page.locator("#schedule-week tr[data-leader=mayor]")
    assert TITLE in row.inner_text()
    assert "火车站片区" in row.inner_text()
    page.screenshot(path=str(screenshot_dir / "schedule-week.png"), full_page=True)
