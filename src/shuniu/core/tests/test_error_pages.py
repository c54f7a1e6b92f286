"""Error pages speak Chinese, and never show a stack trace."""

from django.test import Client


def test_unknown_page_answers_404_in_chinese(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "您访问的页面不存在。" in response.content.decode()


def test_csrf_failure_answers_in_chinese(client_for):
    client = client_for("mayor")
    client.handler.enforce_csrf_checks = True
    response = client.post("/logout/")
    assert response.status_code == 403
    assert "页面已过期或请求来源无法验证，请刷新页面后重试。" in response.content.decode()
    assert client.get("/").status_code == 200  # still signed in


def test_health_check_needs_no_login(db):
    response = Client().get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"


def test_refused_access_is_logged_in_one_line_without_traceback(client_for, caplog):
    with caplog.at_level("WARNING", logger="django.request"):
        response = client_for("jtj_staff").get("/core/audit/")
    assert response.status_code == 403
    refusals = [r for r in caplog.records if r.name == "django.request" and getattr(r, "status_code", None) == 403]
    assert refusals, "the refusal is still logged"
    assert all(r.exc_info is None and not r.exc_text for r in refusals)
    assert "Traceback" not in caplog.text


def test_favicon_is_served_not_404(client_for):
    from django.contrib.staticfiles import finders

    response = Client().get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/shuniu/favicon.svg"
    assert finders.find("shuniu/favicon.svg"), "the icon is vendored, not fetched"
    page = client_for("mayor").get("/").content.decode()
    assert '<link rel="icon" type="image/svg+xml" href="/static/shuniu/favicon.svg">' in page
