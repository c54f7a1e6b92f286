"""The audit log page (/core/audit/): the audit administrator reads it; nobody else does."""

import pytest
from django.test import Client

from shuniu.core import audit
from shuniu.core.models import AuditEvent


@pytest.mark.parametrize("username", ["admin", "secadmin", "mayor", "jtj_staff"])
def test_audit_log_is_refused_to_everyone_but_the_auditor(client_for, username):
    response = client_for(username).get("/core/audit/")
    assert response.status_code == 403
    assert "您没有访问此页面的权限。" in response.content.decode()
    denied = AuditEvent.objects.get(action=AuditEvent.Action.DENIED, username=username)
    assert (denied.target, denied.detail) == ("/core/audit/", "core.view_audit")


def test_anonymous_visitor_is_sent_to_login(client, db):
    response = client.get("/core/audit/")
    assert response.status_code == 302 and response["Location"] == "/login/?next=/core/audit/"


def test_auditor_reads_time_user_ip_and_action(client_for):
    Client(REMOTE_ADDR="10.1.1.7").post("/login/", {"username": "mayor", "password": "Bad#pass1"})
    page = client_for("auditor").get("/core/audit/").content.decode()
    assert "安全审计日志" in page
    assert "mayor" in page and "10.1.1.7" in page and "登录失败" in page


def test_auditor_filters_by_action_and_username(client_for):
    audit.record(AuditEvent.Action.LOGIN, username="jtj_staff")
    audit.record(AuditEvent.Action.LOGIN_FAILED, username="hbj_staff")
    client = client_for("auditor")
    page = client.get("/core/audit/", {"action": "login_failed"}).content.decode()
    assert "hbj_staff" in page and "jtj_staff" not in page
    page = client.get("/core/audit/", {"username": "jtj"}).content.decode()
    assert "jtj_staff" in page and "hbj_staff" not in page


def test_unknown_filter_values_are_ignored_not_an_error(client_for):
    response = client_for("auditor").get("/core/audit/", {"action": "nonsense", "page": "abc"})
    assert response.status_code == 200


def test_every_permission_has_a_chinese_label():
    import rules

    from shuniu.core.permissions import PERMISSION_LABELS

    registered = set(rules.permissions.permissions.keys())
    assert registered, "the rules registry is loaded"
    assert sorted(registered - PERMISSION_LABELS.keys()) == []


def test_audit_page_names_a_refused_permission_in_chinese(client_for):
    assert client_for("admin").get("/core/audit/").status_code == 403
    assert client_for("auditor").get("/core/audit/?action=denied").status_code == 200
    page = client_for("auditor").get("/core/audit/?action=denied").content.decode()
    assert "查阅审计日志" in page
    assert "core.view_audit" not in page
