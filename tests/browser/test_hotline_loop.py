"""12345 热线 clicked through in Chromium: a citizen writes on the public portal and gets a query
code; the hotline operator dispatches it to the environment bureau; the bureau accepts and
replies; the operator approves the reply; the citizen reads it by code and rates it."""

import pytest

from tests.browser.conftest import pick_unit

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def words_loaded():
    """The live server runs in this process: load jieba's dictionary (a few seconds on a busy machine,
    once per process) before the browser's 15-second waits start, not inside the citizen's submit."""
    from shuniu.hotline.text import tokens

    tokens(TITLE)

TITLE = "滨江小区旁工地夜间施工噪音扰民"
CONTENT = "滨江小区旁的建筑工地连续一周晚上十一点以后仍在施工，打桩声很大，严重影响居民休息，请有关部门查处。"
REPLY = "经现场核查，该工地未取得夜间施工许可，已责令其立即停止夜间施工，并将加强夜间巡查。"


def submit(page, transition: str, button: str, **fields) -> None:
    """Fill the transition's form on the ticket's page and press its button (labelled as the transition)."""
    form = page.locator(f"#do-{transition}")
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    form.get_by_role("button", name=button).click()
    page.wait_for_load_state("domcontentloaded")


def test_a_citizens_message_goes_round_the_whole_loop(page, live_server, login, seeded_office, screenshot_dir):
    # The citizen, without an account, on a phone-sized screen.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/public/")
    page.get_by_role("link", name="我要留言").first.click()
    page.get_by_label("诉求类型").select_option("complaint")
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("内容").fill(CONTENT)
    page.get_by_role("textbox", name="姓名").fill("王建华")
    page.get_by_label("联系电话").fill("13912345678")
    page.get_by_label("同意公开我的留言和答复（姓名、电话将隐去）").check()
    page.get_by_role("button", name="提交").click()
    page.wait_for_load_state("domcontentloaded")
    code = page.locator("#query-code").inner_text().strip()
    assert len(code) == 10
    assert "前答复您" in page.locator("#receipt").inner_text()
    page.screenshot(path=screenshot_dir / "hotline-portal-receipt.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})

    # The hotline operator finds it among the tickets waiting to be dispatched and sends it to hbj.
    login(page, live_server, "rexian")
    page.goto(f"{live_server.url}/hotline/?tab=todo")
    page.locator("#hotline-tickets").get_by_role("link", name=TITLE).click()
    page.wait_for_load_state("domcontentloaded")
    ticket_url = page.url
    assert "/matters/" in ticket_url
    assert page.locator("#matter-status").inner_text() == "已受理"
    assert code in page.locator("#hotline-ticket").inner_text()
    pick_unit(page, "主办单位", "生态环境局")
    submit(page, "dispatch", "派单")
    assert page.locator("#matter-status").inner_text() == "已派单"
    page.get_by_role("button", name="退出").click()

    # The environment bureau accepts and replies.
    login(page, live_server, "hbj_staff")
    page.goto(ticket_url)
    assert page.locator("#do-approve_reply").count() == 0
    submit(page, "accept", "签收")
    assert page.locator("#matter-status").inner_text() == "办理中"
    submit(page, "reply", "答复", reply=REPLY)
    assert page.locator("#matter-status").inner_text() == "答复待审核"
    page.get_by_role("button", name="退出").click()

    # The hotline office reviews and approves the reply.
    login(page, live_server, "rexian")
    page.goto(ticket_url)
    submit(page, "approve_reply", "审核通过", comment="答复规范，同意反馈来信人。")
    assert page.locator("#matter-status").inner_text() == "已答复"
    assert REPLY in page.locator("#ticket-public-reply").inner_text()
    page.get_by_role("button", name="退出").click()

    # The citizen reads the reply by code and the last four digits, and rates it.
    page.goto(f"{live_server.url}/public/track/")
    page.get_by_label("查询码").fill(code)
    page.get_by_label("联系电话后四位").fill("5678")
    page.get_by_role("button", name="查询").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("#public-status").inner_text() == "已答复"
    assert page.locator("#public-reply").inner_text().strip() == REPLY
    assert "王建华" not in page.content() and "13912345678" not in page.content()
    page.get_by_label("满意", exact=True).check()
    page.get_by_label("评价意见（可选）").fill("处理很及时，谢谢。")
    page.get_by_role("button", name="提交评价").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("#rated").inner_text() == "感谢您的评价！"
    assert page.locator("#my-rating").inner_text() == "您的评价：满意"
    page.screenshot(path=screenshot_dir / "hotline-portal-rated.png", full_page=True)

    # The answer is published with the citizen's name and phone masked.
    page.goto(f"{live_server.url}/public/answers/")
    answer = page.locator("article", has_text=TITLE)
    assert "王**（139****5678）" in answer.inner_text()
