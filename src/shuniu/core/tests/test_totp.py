"""Optional two-factor authentication: an account with a confirmed TOTP device needs a valid code."""

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from shuniu.core.models import AuditEvent

PASSWORD = "Shuniu@2026"


@pytest.fixture
def device(demo_office):
    return TOTPDevice.objects.create(user=demo_office["jiyao"], name="手机", confirmed=True)


def code(device: TOTPDevice, offset: int = 0) -> str:
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift + offset)
    return f"{value:0{device.digits}d}"


def web_login(client, **extra):
    return client.post("/login/", {"username": "jiyao", "password": PASSWORD, **extra})


def test_web_login_without_the_code_asks_for_it(device):
    client = Client()
    response = web_login(client)
    assert response.status_code == 200
    assert "该账户已启用双因素认证，请输入动态口令。" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_web_login_with_a_wrong_code_is_refused_and_audited(device):
    client = Client()
    response = web_login(client, otp_token=code(device, offset=-20))
    assert "动态口令错误或已过期。" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED, username="jiyao").exists()


def test_web_login_with_a_valid_code_succeeds_and_the_session_is_verified(device):
    client = Client()
    response = web_login(client, otp_token=code(device))
    assert response.status_code == 302
    assert client.session["otp_device_id"] == device.persistent_id


def test_unconfirmed_device_is_not_required(demo_office):
    TOTPDevice.objects.create(user=demo_office["jiyao"], name="未确认", confirmed=False)
    assert web_login(Client()).status_code == 302


def test_wrong_codes_count_towards_the_lockout(device):
    client = Client()
    for _ in range(5):
        response = web_login(client, otp_token=code(device, offset=-20))
    assert response.status_code == 429


def token(client, **extra):
    return client.post("/api/v1/auth/token", {"username": "jiyao", "password": PASSWORD, **extra}, format="json")


def test_api_token_without_the_code_is_refused(device):
    response = token(APIClient())
    assert response.status_code == 401
    assert response.json()["error"] == {"code": "otp_required", "message": "该账户已启用双因素认证，请提供动态口令 otp_token"}


def test_api_token_with_a_wrong_code_is_refused(device):
    response = token(APIClient(), otp_token=code(device, offset=-20))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "otp_invalid"


def test_api_token_with_a_valid_code_is_issued(device):
    response = token(APIClient(), otp_token=code(device))
    assert response.status_code == 200
    assert response.json()["token"]
