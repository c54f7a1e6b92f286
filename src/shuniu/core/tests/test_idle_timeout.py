"""An idle browser session ends after SESSION_IDLE_MINUTES (30 by default) and the login page says why."""

from types import SimpleNamespace

import pytest

from shuniu.core import middleware
from shuniu.core.middleware import IDLE_KEY
from shuniu.core.models import AuditEvent

NOW = 1_780_000_000  # the middleware's clock, held still: no assertion here depends on how fast the test runs


@pytest.fixture(autouse=True)
def still_clock(monkeypatch):
    monkeypatch.setattr(middleware, "time", SimpleNamespace(time=lambda: NOW))


def idle_for(client, minutes: int) -> None:
    client.get("/")  # the first request after login starts the clock
    session = client.session
    session[IDLE_KEY] = NOW - minutes * 60
    session.save()


def test_session_idle_for_31_minutes_is_logged_out_with_the_reason(client_for):
    client = client_for("mayor")
    idle_for(client, 31)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/login/?next=/"
    assert "您已超过30分钟未操作，请重新登录。" in response.content.decode()
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action=AuditEvent.Action.SESSION_EXPIRED)
    assert event.username == "mayor"


def test_session_idle_for_29_minutes_stays_open(client_for):
    client = client_for("mayor")
    idle_for(client, 29)
    assert client.get("/").status_code == 200
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.SESSION_EXPIRED).exists()


def test_each_request_restarts_the_clock(client_for):
    client = client_for("mayor")
    idle_for(client, 29)
    client.get("/")
    assert client.session[IDLE_KEY] == NOW


def test_idle_limit_is_configurable(client_for, settings):
    settings.SESSION_IDLE_MINUTES = 5
    client = client_for("mayor")
    idle_for(client, 6)
    response = client.get("/org/", follow=True)
    assert "您已超过5分钟未操作，请重新登录。" in response.content.decode()


def test_the_login_page_does_not_repeat_the_reason(client_for):
    client = client_for("mayor")
    idle_for(client, 31)
    client.get("/", follow=True)
    assert "未操作" not in client.get("/login/").content.decode()


def test_idle_api_session_gets_the_api_error_shape(client_for):
    client = client_for("mayor")
    idle_for(client, 31)
    response = client.get("/api/v1/org/units")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_requests_within_a_minute_do_not_rewrite_the_session(client_for):
    client = client_for("mayor")
    client.get("/")
    session = client.session
    session[IDLE_KEY] = NOW - 10
    session.save()
    client.get("/")
    assert client.session[IDLE_KEY] == NOW - 10
