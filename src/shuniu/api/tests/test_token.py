"""POST /api/v1/auth/token: the token, the Chinese errors, the lockout (API.md)."""

import datetime
import re

from axes.models import AccessAttempt
from django.utils import timezone
from rest_framework.test import APIClient

from shuniu.core.models import AuditEvent

URL = "/api/v1/auth/token"
PASSWORD = "Shuniu@2026"
LOCKED = {"code": "account_locked", "message": "登录失败次数过多，账户已被锁定30分钟。请稍后再试，或联系系统管理员解锁。"}
WRONG = {"code": "invalid_credentials", "message": "用户名或密码错误"}


def token(username="jtj_staff", password=PASSWORD, client=None, **extra):
    return (client or APIClient()).post(URL, {"username": username, "password": password}, format="json", **extra)


def test_right_password_gets_a_token_and_an_expiry_in_shanghai_time(demo_office):
    response = token()
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token", "expiry"} and len(body["token"]) >= 32
    assert body["expiry"].endswith("+08:00")
    expiry = datetime.datetime.fromisoformat(body["expiry"])
    assert datetime.timedelta(hours=9) < expiry - timezone.now() <= datetime.timedelta(hours=10)


def test_the_token_works_as_bearer(demo_office):
    issued = token().json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issued}")
    assert client.get("/api/v1/org/units").status_code == 200


def test_issuing_a_token_is_audited_as_a_login_with_ip(demo_office):
    token(REMOTE_ADDR="10.3.3.3")
    rows = set(AuditEvent.objects.values_list("action", "username", "ip", "detail"))
    assert ("login", "jtj_staff", "10.3.3.3", "通过接口登录") in rows
    assert ("token_issued", "jtj_staff", "10.3.3.3", "") in rows


def test_wrong_password_is_401_with_the_chinese_message(demo_office):
    response = token(password="Wrong#2026", REMOTE_ADDR="10.3.3.4")
    assert response.status_code == 401
    assert response.json() == {"error": WRONG}
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert (event.username, event.ip, event.detail) == ("jtj_staff", "10.3.3.4", "通过接口登录失败")


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(demo_office):
    response = token(username="nobody", password="Wrong#2026")
    assert response.status_code == 401 and response.json() == {"error": WRONG}


def test_deactivated_account_gets_no_token(demo_office):
    staff = demo_office["jtj_staff"]
    staff.is_active = False
    staff.save()
    assert token().status_code == 401


def test_fifth_failure_locks_the_account_with_429(demo_office):
    for _ in range(4):
        assert token(password="Wrong#2026").status_code == 401
    response = token(password="Wrong#2026")
    assert response.status_code == 429
    assert response.json() == {"error": LOCKED}
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOCKED_OUT, username="jtj_staff").exists()


def test_locked_account_gets_no_token_even_with_the_right_password(demo_office):
    for _ in range(5):
        token(password="Wrong#2026")
    response = token()
    assert response.status_code == 429
    assert response.json() == {"error": LOCKED}


def test_locked_account_gets_a_token_again_after_the_cool_off(demo_office):
    for _ in range(5):
        token(password="Wrong#2026")
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=31))
    assert token().status_code == 200


def test_a_token_resets_the_failure_count(demo_office):
    for _ in range(4):
        token(password="Wrong#2026")
    assert token().status_code == 200
    for _ in range(4):
        assert token(password="Wrong#2026").status_code == 401


def test_web_and_api_failures_share_one_count(demo_office):
    from django.test import Client

    web = Client()
    for _ in range(3):
        web.post("/login/", {"username": "jtj_staff", "password": "Wrong#2026"})
    token(password="Wrong#2026")
    assert token(password="Wrong#2026").status_code == 429


def test_missing_fields_are_400_with_chinese_field_messages(db):
    response = APIClient().post(URL, {"username": "jtj_staff"}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"] == {"password": ["该字段是必填项。"]}
    assert re.search(r"[\u4e00-\u9fff]", error["message"])


def test_malformed_json_is_400_in_the_error_shape(db):
    response = APIClient().post(URL, data='{"username": "jtj_staff", ', content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"error": {"code": "parse_error", "message": "请求内容不是有效的JSON"}}


def test_get_is_not_allowed_on_the_token_endpoint(db):
    response = APIClient().get(URL)
    assert response.status_code == 405
    assert response.json()["error"] == {"code": "method_not_allowed", "message": "不支持该请求方法"}
