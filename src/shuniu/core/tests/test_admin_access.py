"""Who gets into 系统管理 at all, and what the audit administrator may do there."""

import pytest
from django.test import RequestFactory

from shuniu.core import audit
from shuniu.core.models import AuditEvent


def test_anonymous_visitor_is_sent_to_our_login_page(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/admin/login/?next=/admin/"
    page = response.content.decode()
    assert 'action="/login/"' in page and 'name="next" value="/admin/"' in page


def test_administrator_logging_in_from_the_admin_lands_in_the_admin(demo_office, client):
    response = client.post("/login/", {"username": "admin", "password": "Shuniu@2026", "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("username", ["mayor", "jtj_staff", "director"])
def test_business_user_is_refused_the_admin_with_a_chinese_page(client_for, username):
    client = client_for(username)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert "您没有访问此页面的权限" in response.content.decode()
    denied = AuditEvent.objects.get(action=AuditEvent.Action.DENIED, username=username)
    assert (denied.target, denied.detail) == ("/admin/", "core.use_admin")


def test_is_staff_alone_does_not_open_the_admin(demo_office, client_for):
    mayor = demo_office["mayor"]
    mayor.is_staff = True
    mayor.save()
    client = client_for(mayor)
    assert client.get("/admin/", follow=True).status_code == 403
    assert client.get("/admin/org/user/").status_code in (302, 403)
    assert "系统管理" not in client.get("/").content.decode()


@pytest.mark.parametrize("username", ["admin", "secadmin", "auditor"])
def test_each_administrator_sees_the_admin_link(client_for, username):
    page = client_for(username).get("/").content.decode()
    assert 'href="/admin/"' in page


@pytest.fixture
def auditor_client(client_for):
    return client_for("auditor")


def test_auditor_sees_only_the_audit_log_in_the_admin(auditor_client):
    page = auditor_client.get("/admin/").content.decode()
    assert "/admin/core/auditevent/" in page
    for refused in ("/admin/org/user/", "/admin/org/unit/", "/admin/org/membership/", "/admin/org/portfolio/",
                    "/admin/org/delegation/"):
        assert refused not in page


def test_auditor_reads_audit_rows_with_time_user_and_ip(auditor_client, demo_office):
    request = RequestFactory(REMOTE_ADDR="10.20.30.40").post("/login/")
    audit.record(AuditEvent.Action.LOGIN_FAILED, request=request, username="jtj_staff", detail="通过网页登录失败")
    page = auditor_client.get("/admin/core/auditevent/").content.decode()
    assert "jtj_staff" in page
    assert "10.20.30.40" in page
    assert "登录失败" in page


def test_nobody_can_add_change_or_delete_audit_rows(auditor_client):
    event = audit.record(AuditEvent.Action.LOGIN, username="mayor", detail="原始记录")
    assert auditor_client.get("/admin/core/auditevent/add/").status_code == 403
    response = auditor_client.post(
        f"/admin/core/auditevent/{event.pk}/change/", {"username": "someone", "detail": "篡改", "action": "login"}
    )
    assert response.status_code == 403
    assert auditor_client.post(f"/admin/core/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert (event.username, event.detail) == ("mayor", "原始记录")


def test_audit_row_page_is_read_only(auditor_client):
    event = audit.record(AuditEvent.Action.LOGIN, username="mayor")
    page = auditor_client.get(f"/admin/core/auditevent/{event.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    assert "/delete/" not in page


@pytest.mark.parametrize("url", ["/admin/org/user/", "/admin/org/unit/", "/admin/org/membership/"])
def test_auditor_is_refused_accounts_units_and_posts(auditor_client, url):
    assert auditor_client.get(url).status_code == 403


@pytest.mark.parametrize("username", ["admin", "secadmin"])
def test_other_administrators_see_no_audit_rows_in_the_admin(client_for, username):
    assert client_for(username).get("/admin/core/auditevent/").status_code == 403


def test_third_party_admin_pages_are_closed_to_everyone(client_for):
    for username in ("admin", "secadmin", "auditor"):
        client = client_for(username)
        for url in ("/admin/otp_totp/totpdevice/", "/admin/knox/authtoken/", "/admin/auth/group/",
                    "/admin/axes/accessattempt/"):
            assert client.get(url).status_code in (403, 404), (username, url)
