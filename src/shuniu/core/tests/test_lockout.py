"""Lockout after repeated failures (django-axes), through the web login form."""

import datetime

from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from shuniu.core.models import AuditEvent

PASSWORD = "Shuniu@2026"
WRONG = "Wrong#2026"
LOCKED = "登录失败次数过多，账户已被锁定30分钟。请稍后再试，或联系系统管理员解锁。"


def fail(client, username="jtj_staff", times=1):
    return [client.post("/login/", {"username": username, "password": WRONG}) for _ in range(times)][-1]


def test_fifth_failure_locks_the_account_with_a_chinese_message(demo_office):
    client = Client()
    assert fail(client, times=4).status_code == 200
    response = fail(client)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOCKED_OUT, username="jtj_staff").exists()


def test_locked_account_is_refused_even_with_the_right_password(demo_office):
    fail(Client(), times=5)
    client = Client()
    response = client.post("/login/", {"username": "jtj_staff", "password": PASSWORD})
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_account_not_per_address(demo_office):
    client = Client()
    fail(client, times=5)
    response = client.post("/login/", {"username": "hbj_staff", "password": PASSWORD})
    assert response.status_code == 302


def test_account_opens_again_after_the_cool_off(demo_office):
    fail(Client(), times=5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=31))
    response = Client().post("/login/", {"username": "jtj_staff", "password": PASSWORD})
    assert response.status_code == 302


def test_successful_login_resets_the_failure_count(demo_office):
    client = Client()
    fail(client, times=4)
    assert client.post("/login/", {"username": "jtj_staff", "password": PASSWORD}).status_code == 302
    client = Client()
    assert fail(client, times=4).status_code == 200
    assert client.post("/login/", {"username": "jtj_staff", "password": PASSWORD}).status_code == 302


def test_lockout_limit_and_duration_follow_the_settings(demo_office, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=10)
    response = fail(Client(), times=3)
    assert response.status_code == 429
    assert "账户已被锁定10分钟" in response.content.decode()


def test_every_failure_is_audited(demo_office):
    fail(Client(REMOTE_ADDR="10.9.9.9"), times=5)
    failures = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED, username="jtj_staff")
    assert failures.count() == 5
    assert set(failures.values_list("ip", flat=True)) == {"10.9.9.9"}
