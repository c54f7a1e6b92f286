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
