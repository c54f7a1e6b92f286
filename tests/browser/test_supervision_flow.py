"""督查督办 clicked through in Chromium: 督查科 registers an item for the transport bureau, the bureau
accepts it and reports progress, its head asks for closure with the result, 督查科 approves it."""

import datetime

import pytest
from django.utils import timezone

from tests.browser.conftest import pick_unit

pytestmark = pytest.mark.browser

TITLE = "研究解决火车站片区出租车拒载绕路问题"


def submit(page, transition: str, button: str, **fields) -> None:
    """Fill the transition's form on the matter page and press its button (labelled as the transition)."""
    form = page.locator(f"#do-{transition}")
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    form.get_by_role("button", name=button).click()
    page.wait_for_load_state("domcontentloaded")


def test_an_item_goes_from_registration_to_closure(page, live_server, login, seeded_office, screenshot_dir):
    due = timezone.localdate() + datetime.timedelta(days=30)

    login(page, live_server, "duban")
    page.goto(f"{live_server.url}/supervision/new/")
    page.get_by_label("督办事项").fill(TITLE)
    page.get_by_label("具体内容和工作要求").fill("市长批示：请市交通运输局牵头，会同市公安局研究提出整治方案。")
    page.get_by_label("事项来源").select_option("instruction")
    page.get_by_label("来源文号或依据").fill("市领导批示件（2026）第8号")
    pick_unit(page, "主办单位", "交通运输局")
    pick_unit(page, "协办单位", "公安局")
    page.get_by_label("办理时限").fill(due.isoformat())
    page.get_by_label("进展反馈周期").select_option("weekly")
    page.get_by_role("button", name="立项并交办").click()
    page.wait_for_load_state("domcontentloaded")

    assert "/matters/" in page.url
    item_url = page.url
    assert page.locator("h1").inner_text() == TITLE
    assert page.locator("#matter-status").inner_text() == "已交办"
    assert "领导批示" in page.locator("#supervision-detail").inner_text()
    page.get_by_role("button", name="退出").click()

    login(page, live_server, "jtj_staff")
    page.goto(item_url)
    submit(page, "accept", "签收")
    assert page.locator("#matter-status").inner_text() == "办理中"
    submit(page, "report_progress", "进展反馈", comment="已会同公安交警开展联合执法，查处拒载绕路行为12起。")
    reports = page.locator("#progress-reports")
    assert "进展反馈（1次）" in reports.inner_text()
    assert "查处拒载绕路行为12起" in reports.inner_text()
    assert page.locator("#do-request_close").count() == 0  # only the head asks for closure
    page.get_by_role("button", name="退出").click()

    login(page, live_server, "jtj_head")
    page.goto(item_url)
    submit(page, "request_close", "申请办结", reply="已建立火车站片区出租车常态化联合执法机制，拒载绕路投诉明显下降。")
    assert page.locator("#matter-status").inner_text() == "办结审核"
    page.get_by_role("button", name="退出").click()

    login(page, live_server, "duban")
    page.goto(item_url)
    submit(page, "approve_close", "审核办结", comment="经审核，同意办结。")
    assert page.locator("#matter-status").inner_text() == "已办结"
    assert "经审核，同意办结。" in page.locator("#supervision-detail").inner_text()
    page.screenshot(path=screenshot_dir / "supervision-closed.png", full_page=True)

    page.goto(f"{live_server.url}/supervision/?status=closed")
    row = page.locator("#supervision-items tbody tr", has_text=TITLE)
    assert "已办结" in row.inner_text() and "按时办结" in row.inner_text()
