"""Browser fixtures: Debian's Chromium driven by Playwright against pytest-django's live server.

No browser is ever downloaded (intranets are offline): Playwright launches /usr/bin/chromium.
Without it the browser tests are skipped on a developer's machine and fail in CI.
"""

import os
from pathlib import Path

import pytest

from shuniu.testing import DEMO_PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"未找到 {CHROMIUM}，浏览器测试需要 Debian 的 chromium 软件包（apt-get install chromium）"
        if os.environ.get("CI", "").lower() not in {"", "0", "false", "no"}:
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop in this thread for as long as the browser lives,
    # and Django refuses ORM calls while a loop exists; the tests' own ORM calls are synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1366, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    # Every page must work under the Content-Security-Policy: any script or style it refused fails the test.
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield page
    context.close()
    assert violations == [], f"内容安全策略拦截：{violations}"


@pytest.fixture
def screenshot_dir(request) -> Path:
    """test-results/ at the repository root (gitignored), shared by every xdist worker."""
    folder = request.config.rootpath / "test-results"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture
def seeded_office(transactional_db):
    """The demo office of DEMO.md in the live server's database: seeded once per session by the root
    conftest.py and again after each transactional test empties the database."""
    from shuniu.testing import demo_office_present

    assert demo_office_present()


def log_in(page, live_server, username: str, password: str = DEMO_PASSWORD) -> None:
    """Fill and submit the real login form, as a person would."""
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登 录").click()
    page.wait_for_load_state("domcontentloaded")


@pytest.fixture
def login():
    """`login(page, live_server, username)` in a test logs that demo account in through the form."""
    return log_in


def pick_unit(page, label: str, name: str) -> None:
    """Choose a unit in a unit picker (Tom Select) by typing part of its name, as a clerk does;
    then the picker shows it as chosen and its list is closed."""
    control = page.get_by_label(label).and_(page.locator("input"))
    box = control.locator("xpath=..")
    for _attempt in range(3):
        box.click()
        control.fill(name)
        page.locator(".ts-dropdown .option:visible", has_text=name).first.click()
        try:
            box.locator(".item", has_text=name).wait_for(timeout=3_000)
            break
        except Exception:  # the list was redrawn under the pointer (results arriving): pick again
            continue
    box.locator(".item", has_text=name).wait_for(timeout=3_000)
