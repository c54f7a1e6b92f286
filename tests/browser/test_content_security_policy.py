"""Under the Content-Security-Policy the pages still work in Chromium: the API documentation renders,
the two-factor QR code shows, Bootstrap's data: images and the print link work (the page fixture fails
any test whose page had a script, style or image refused)."""

import pytest

pytestmark = pytest.mark.browser


def test_api_documentation_renders_under_the_policy(page, live_server, seeded_office):
    response = page.goto(f"{live_server.url}/api/v1/docs")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.locator(".swagger-ui .info .title").wait_for()
    assert "枢纽" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() > 10


def test_two_factor_qr_code_and_select_arrows_show(page, live_server, login, seeded_office):
    login(page, live_server, "mayor")
    page.goto(f"{live_server.url}/core/account/?setup=1")
    qr = page.get_by_alt_text("动态口令二维码")
    qr.wait_for()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    select = page.locator("#sn-language")
    assert "data:image/svg+xml" in select.evaluate("el => getComputedStyle(el).backgroundImage")


def test_pre_wrapped_text_keeps_its_line_breaks(page, live_server, login, seeded_office):
    """What used to be style="white-space: pre-wrap" is a class in shuniu.css now, and still applies."""
    from shuniu.org.models import User
    from shuniu.supervision.services import create_item

    item = create_item(User.objects.get(username="duban"), {
        "title": "推进城区公交线网优化", "content": "第一条：优化线网。\n第二条：增设站点。", "source": "meeting",
        "lead_unit": "jtj", "assist_units": [], "report_cycle": "none"})
    login(page, live_server, "duban")
    page.goto(f"{live_server.url}/matters/{item.pk}/")
    content = page.locator("dd.sn-pre-wrap").first
    assert content.evaluate("el => getComputedStyle(el).whiteSpace") == "pre-wrap"
    assert content.evaluate("el => el.getClientRects().length > 0 && el.offsetHeight") > 30  # two lines
