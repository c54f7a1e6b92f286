"""A person opens the office in Chromium, logs in and lands on a styled Chinese home page."""

import pytest

pytestmark = pytest.mark.browser


def test_mayor_logs_in_and_sees_the_chinese_home_page(
    page, live_server, login, seeded_office, screenshot_dir
):
    login(page, live_server, "mayor")

    assert page.url == f"{live_server.url}/"
    assert page.title() == "首页 · 枢纽"
    posts = page.locator("#my-posts")
    assert "市人民政府" in posts.inner_text()
    assert "主要领导" in posts.inner_text()
    assert page.locator("#sn-user").inner_text() == "李正华"
    nav = page.locator("#sn-nav")
    assert nav.get_by_role("link", name="首页").is_visible()
    assert nav.get_by_role("button", name="退出").is_visible()
    page.screenshot(path=screenshot_dir / "home-mayor.png", full_page=True)
    # Bootstrap's stylesheet was served from static/vendor: the top bar is a flex row, not a list.
    assert page.locator("nav.navbar").evaluate("el => getComputedStyle(el).display") == "flex"


def test_wrong_password_shows_the_chinese_error_and_stays_on_login(
    page, live_server, login, seeded_office, screenshot_dir
):
    login(page, live_server, "mayor", password="Wrong@2026")
    page.screenshot(path=screenshot_dir / "login-wrong-password.png", full_page=True)

    assert page.url.startswith(f"{live_server.url}/login/")
    assert page.get_by_role("alert").inner_text().strip() == "用户名或密码错误。"
    assert page.locator("#sn-user").count() == 0


def test_footer_language_switcher_turns_the_login_page_into_english(page, live_server, screenshot_dir):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("语言").select_option("en")
    page.get_by_role("button", name="切换").click()
    page.wait_for_load_state("domcontentloaded")

    assert page.url == f"{live_server.url}/login/"
    assert page.get_by_label("Username").is_visible()
    assert page.get_by_role("button", name="Log in").is_visible()
    page.screenshot(path=screenshot_dir / "login-english.png", full_page=True)
