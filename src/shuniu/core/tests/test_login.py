"""Logging in and out through the web form, and what the audit log keeps of it."""

import pytest
from django.test import Client

from shuniu.core.models import AuditEvent

PASSWORD = "Shuniu@2026"


def test_login_page_is_in_chinese(client, db):
    page = client.get("/login/").content.decode()
    assert '<html lang="zh-hans">' in page
    for text in ("用户名", "密码", "动态口令", "登 录", "政府办公厅（室）综合业务平台"):
        assert text in page


def test_home_sends_an_anonymous_visitor_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/login/?next=/"


@pytest.mark.parametrize(
    ("username", "texts"),
    [
        ("mayor", ["市人民政府", "主要领导", "市长", "我的待办"]),
        ("jtj_staff", ["交通运输局", "经办人", "科员"]),
        ("mishu", ["秘书一科", "秘书", "服务领导：李正华"]),
        ("vmayor2", ["分管单位", "交通运输局", "自然资源和规划局", "住房和城乡建设局", "城市管理局", "水务局"]),
    ],
)
def test_demo_user_logs_in_and_sees_their_units_and_roles(demo_office, username, texts):
    client = Client()
    response = client.post("/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    page = client.get("/").content.decode()
    for text in texts:
        assert text in page, text


def test_login_and_logout_are_audited_with_user_and_ip(demo_office):
    client = Client(REMOTE_ADDR="10.8.0.15")
    client.post("/login/", {"username": "jtj_staff", "password": PASSWORD})
    client.post("/logout/")
    rows = list(AuditEvent.objects.order_by("id").values_list("action", "username", "ip"))
    assert rows == [("login", "jtj_staff", "10.8.0.15"), ("logout", "jtj_staff", "10.8.0.15")]
    assert AuditEvent.objects.first().at is not None


def test_wrong_password_says_so_in_chinese_and_is_audited_with_ip(demo_office):
    client = Client(REMOTE_ADDR="10.8.0.16")
    response = client.post("/login/", {"username": "jtj_staff", "password": "Wrong#2026"})
    assert response.status_code == 200
    assert "用户名或密码错误。" in response.content.decode()
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert (event.username, event.ip, event.user) == ("jtj_staff", "10.8.0.16", None)


def test_unknown_user_gets_the_same_message_as_a_wrong_password(demo_office, client):
    response = client.post("/login/", {"username": "nobody", "password": "Wrong#2026"})
    assert "用户名或密码错误。" in response.content.decode()


def test_deactivated_account_cannot_log_in(demo_office, client):
    staff = demo_office["jtj_staff"]
    staff.is_active = False
    staff.save()
    response = client.post("/login/", {"username": "jtj_staff", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_login_returns_to_a_safe_next_page_only(demo_office):
    client = Client()
    response = client.post("/login/", {"username": "mayor", "password": PASSWORD, "next": "/org/"})
    assert response["Location"] == "/org/"
    client = Client()
    response = client.post("/login/", {"username": "mayor", "password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_login_form_is_protected_against_csrf(demo_office):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "mayor", "password": PASSWORD})
    assert response.status_code == 403
    assert "页面已过期或请求来源无法验证，请刷新页面后重试。" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # With the token from the page, the same login succeeds.
    client.get("/login/")
    token = client.cookies["csrftoken"].value
    response = client.post("/login/", {"username": "mayor", "password": PASSWORD, "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_logout_is_post_only(client_for):
    client = client_for("mayor")
    assert client.get("/logout/").status_code == 405
    assert client.get("/").status_code == 200
    response = client.post("/logout/", follow=True)
    assert "您已安全退出。" in response.content.decode()
    assert client.get("/").status_code == 302


def test_signed_in_user_visiting_login_goes_home(client_for):
    response = client_for("mayor").get("/login/")
    assert response.status_code == 302 and response["Location"] == "/"


def test_logout_form_is_in_the_page_shell(client_for):
    page = client_for("mayor").get("/").content.decode()
    assert 'action="/logout/"' in page and 'method="post"' in page
