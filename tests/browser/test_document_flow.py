"""公文 clicked through in Chromium: 秘书科 (mishu) drafts a 通知 for the transport bureau, the office's
deputy director reviews it, the director checks it item by item, the vice-mayor in charge of
transport signs it, mishu rechecks, numbers, prints and issues it, and the transport bureau's clerk
(jtj_staff) signs for it as an incoming document — which the sender then sees in the receipts."""

import re

import pytest

from tests.browser.conftest import pick_unit

pytestmark = pytest.mark.browser

TITLE = "市政府办公室关于做好2026年春运交通运输保障工作的通知"


@pytest.fixture
def series(seeded_office):
    from shuniu.documents.numbering import ensure_default_series

    ensure_default_series()


def submit(page, transition: str, button: str, fill=None, check=()) -> None:
    """Fill the transition's form on the matter page and press its button (labelled as the transition)."""
    form = page.locator(f"#do-{transition}")
    for name, value in (fill or {}).items():
        form.locator(f"[name={name}]").fill(value)
    for name in check:
        form.locator(f"[name={name}]").check()
    form.get_by_role("button", name=button).click()
    page.wait_for_load_state("domcontentloaded")


def switch(page, live_server, login, username: str, url: str) -> None:
    page.get_by_role("button", name="退出").click()
    page.wait_for_load_state("domcontentloaded")
    login(page, live_server, username)
    page.goto(url)


def status(page) -> str:
    return page.locator("#matter-status").inner_text()


def test_a_notice_is_drafted_reviewed_signed_numbered_issued_and_signed_for(
        page, live_server, login, series, screenshot_dir):
    login(page, live_server, "mishu")
    page.goto(f"{live_server.url}/documents/outgoing/new/")
    page.get_by_label("文种").select_option("notice")
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("主送机关").fill("市交通运输局、市公安局")
    page.get_by_label("正文").fill(
        "为切实做好2026年春运期间交通运输保障工作，经市政府同意，现就有关事项通知如下。\n"
        "一、强化运力保障\n交通运输部门要加强客流监测，及时增开班次。\n"
        "二、加强应急值守\n春运期间实行24小时值班和领导带班制度。")
    pick_unit(page, "主办部门", "交通运输局")
    page.get_by_role("button", name="保存文稿").click()
    page.wait_for_load_state("domcontentloaded")
    assert re.search(r"/matters/\d+/$", page.url)
    url = page.url
    assert page.locator("h1").inner_text() == TITLE and status(page) == "拟稿"
    submit(page, "submit", "送审")
    assert status(page) == "部门审核"
    assert page.locator("#do-approve").count() == 0  # the drafter does not review their own draft

    switch(page, live_server, login, "deputy_director", url)
    submit(page, "approve", "审核同意", fill={"comment": "同意，请办公室核稿。"})
    assert status(page) == "办公室核稿"

    switch(page, live_server, login, "director", url)
    submit(page, "review", "核稿", check=("text_ok", "policy_ok"))
    assert "核稿须逐项核对，尚未确认：格式、运转流程" in page.content()
    assert status(page) == "办公室核稿"
    submit(page, "review", "核稿", check=("text_ok", "policy_ok", "format_ok", "process_ok"))
    assert status(page) == "待签发"
    assert "吴建平（待签发）" in page.locator("#signer").inner_text()

    switch(page, live_server, login, "mayor", url)
    assert page.locator("#do-sign_off").count() == 0  # an ordinary notice: the deputy in charge signs

    switch(page, live_server, login, "vmayor2", url)
    submit(page, "sign_off", "签发", fill={"comment": "同意印发。"})
    assert status(page) == "复核"

    switch(page, live_server, login, "mishu", url)
    submit(page, "recheck", "复核")
    assert status(page) == "待编号"
    submit(page, "number", "编号")
    number = page.locator("#doc-number").inner_text()
    assert re.fullmatch(r"市政办发〔\d{4}〕1号", number)
    submit(page, "print", "印制", fill={"copies": "30"})
    submit(page, "issue", "核发")
    assert status(page) == "已核发"
    assert "待签收" in page.locator("#receipts").inner_text()
    page.screenshot(path=screenshot_dir / "document-issued.png", full_page=True)

    page.get_by_role("button", name="退出").click()
    page.wait_for_load_state("domcontentloaded")
    login(page, live_server, "jtj_staff")
    page.goto(f"{live_server.url}/documents/?tab=in")
    page.locator("#document-list").get_by_role("link", name=TITLE).click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator(".badge", has_text="收文").count() == 1 and status(page) == "待签收"
    assert number in page.locator("#incoming-number").inner_text()
    submit(page, "sign", "签收")
    assert status(page) == "待登记"

    switch(page, live_server, login, "mishu", url)
    receipts = page.locator("#receipts tbody tr", has_text="交通运输局").inner_text()
    assert "已签收" in receipts and "已签收" not in page.locator("#receipts tbody tr", has_text="公安局").inner_text()
    page.screenshot(path=screenshot_dir / "document-receipts.png", full_page=True)
