"""系统管理员 in the admin: accounts and units, nothing about roles, clearances or the audit log."""

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from shuniu.core.models import AuditEvent
from shuniu.org.models import AdminRole, Membership, Secrecy, Unit, User

NEW_PASSWORD = "Qingshan-Lake#57"


def account_form(user: User, **changes) -> dict:
    """The change form of an account as the system administrator submits it (no posts changed)."""
    data = {
        "username": user.username,
        "name": user.name,
        "phone": user.phone,
        "email": user.email,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    if user.is_active:
        data["is_active"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def admin_client(client_for):
    return client_for("admin")


def test_admin_index_offers_accounts_units_and_posts_only(admin_client):
    page = admin_client.get("/admin/").content.decode()
    assert "/admin/org/user/" in page
    assert "/admin/org/unit/" in page
    assert "/admin/org/membership/" in page
    for refused in ("/admin/org/portfolio/", "/admin/org/delegation/", "/admin/core/auditevent/", "/admin/auth/group/"):
        assert refused not in page


def test_system_admin_creates_an_account_with_an_argon2_password(admin_client):
    response = admin_client.post(
        "/admin/org/user/add/",
        {"username": "jtj_new", "name": "新同志", "phone": "13800000000", "email": "", "password1": NEW_PASSWORD,
         "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    account = User.objects.get(username="jtj_new")
    assert account.password.startswith("argon2")
    assert not account.admin_role and not account.is_staff and not account.is_superuser
    assert account.clearance == Secrecy.NONE
    event = AuditEvent.objects.get(action=AuditEvent.Action.ADMIN_CHANGE, target__contains="jtj_new")
    assert event.username == "admin"
    assert event.ip == "127.0.0.1"
    assert event.detail.startswith("新增")


def test_a_simple_password_is_refused_in_chinese_and_no_account_is_made(admin_client):
    response = admin_client.post(
        "/admin/org/user/add/",
        {"username": "jtj_new", "name": "新同志", "password1": "abcdefgh1", "password2": "abcdefgh1"},
    )
    assert response.status_code == 200
    assert "密码必须同时包含字母、数字和特殊符号，当前缺少：特殊符号。" in response.content.decode()
    assert not User.objects.filter(username="jtj_new").exists()


def test_system_admin_edits_personal_details_and_the_change_is_audited(admin_client, demo_office):
    mayor = demo_office["mayor"]
    response = admin_client.post(f"/admin/org/user/{mayor.pk}/change/", account_form(mayor, phone="13912345678"))
    assert response.status_code == 302
    mayor.refresh_from_db()
    assert mayor.phone == "13912345678"
    event = AuditEvent.objects.get(action=AuditEvent.Action.ADMIN_CHANGE, target__contains="李正华")
    assert "手机号码" in event.detail


def test_system_admin_cannot_change_clearance_or_admin_role(admin_client, demo_office):
    staff = demo_office["jtj_staff"]
    admin_client.post(
        f"/admin/org/user/{staff.pk}/change/",
        account_form(staff, clearance=str(Secrecy.TOP_SECRET), admin_role=AdminRole.AUDIT, is_superuser="on"),
    )
    staff.refresh_from_db()
    assert staff.clearance == Secrecy.NONE
    assert staff.admin_role == ""
    assert not staff.is_superuser


def test_account_page_never_shows_a_password_hash(admin_client, demo_office):
    page = admin_client.get(f"/admin/org/user/{demo_office['mayor'].pk}/change/").content.decode()
    assert "argon2" not in page
    assert "重置密码" in page


def test_system_admin_resets_a_password_and_the_old_api_tokens_stop_working(admin_client, api_client_for, demo_office):
    staff = demo_office["jtj_staff"]
    api = api_client_for("jtj_staff")
    response = admin_client.post(
        f"/admin/org/user/{staff.pk}/password/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    request = RequestFactory().post("/login/")
    assert authenticate(request, username="jtj_staff", password=NEW_PASSWORD) == staff
    assert api.get("/api/v1/org/units").status_code == 401
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ADMIN_CHANGE, target__contains="jtj_staff").exists()


def test_a_reset_password_must_pass_the_complexity_rules(admin_client, demo_office):
    staff = demo_office["jtj_staff"]
    old_hash = staff.password
    response = admin_client.post(f"/admin/org/user/{staff.pk}/password/", {"password1": "12345678", "password2": "12345678"})
    assert response.status_code == 200
    assert "当前缺少：字母、特殊符号" in response.content.decode()
    staff.refresh_from_db()
    assert staff.password == old_hash


@pytest.mark.parametrize("other", ["secadmin", "auditor"])
def test_system_admin_cannot_reset_the_other_administrators_passwords(admin_client, demo_office, other):
    account = demo_office[other]
    old_hash = account.password
    response = admin_client.post(
        f"/admin/org/user/{account.pk}/password/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 403
    assert "您没有访问此页面的权限" in response.content.decode()
    account.refresh_from_db()
    assert account.password == old_hash
    # The attempt itself is on record for the auditor.
    denied = AuditEvent.objects.get(action=AuditEvent.Action.DENIED, username="admin")
    assert denied.target == f"/admin/org/user/{account.pk}/password/"


def test_system_admin_cannot_edit_the_auditor_account(admin_client, demo_office):
    auditor = demo_office["auditor"]
    response = admin_client.post(f"/admin/org/user/{auditor.pk}/change/", account_form(auditor, is_active=None))
    assert response.status_code == 403
    auditor.refresh_from_db()
    assert auditor.is_active


def test_system_admin_deactivates_an_account_and_its_tokens_are_revoked(admin_client, api_client_for, demo_office):
    staff = demo_office["hbj_staff"]
    api = api_client_for("hbj_staff")
    admin_client.post(
        "/admin/org/user/", {"action": "deactivate_accounts", "_selected_action": [staff.pk], "index": "0"}
    )
    staff.refresh_from_db()
    assert not staff.is_active
    assert api.get("/api/v1/org/units").status_code == 401
    event = AuditEvent.objects.get(action=AuditEvent.Action.ADMIN_CHANGE, detail="停用账户")
    assert "hbj_staff" in event.target and event.username == "admin"


def test_deactivating_does_not_reach_the_other_administrators(admin_client, demo_office):
    secadmin = demo_office["secadmin"]
    response = admin_client.post(
        "/admin/org/user/",
        {"action": "deactivate_accounts", "_selected_action": [secadmin.pk], "index": "0"},
        follow=True,
    )
    secadmin.refresh_from_db()
    assert secadmin.is_active
    assert "系统管理员无权处理：secadmin" in response.content.decode()


def test_system_admin_reactivates_an_account(admin_client, demo_office):
    staff = demo_office["hbj_staff"]
    staff.is_active = False
    staff.save()
    admin_client.post("/admin/org/user/", {"action": "activate_accounts", "_selected_action": [staff.pk], "index": "0"})
    staff.refresh_from_db()
    assert staff.is_active
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ADMIN_CHANGE, detail="启用账户").exists()


def test_system_admin_unlocks_a_locked_account(admin_client, demo_office, client):
    from shuniu.org import services

    for _ in range(5):
        client.post("/login/", {"username": "jtj_staff", "password": "wrong-Password#1"})
    staff = User.objects.get(username="jtj_staff")
    assert services.is_locked(staff)
    changelist = admin_client.get("/admin/org/user/?q=jtj_staff").content.decode()
    assert 'alt="True"' in changelist  # the 登录锁定 column

    admin_client.post("/admin/org/user/", {"action": "unlock_accounts", "_selected_action": [staff.pk], "index": "0"})

    assert not services.is_locked(staff)
    event = AuditEvent.objects.get(action=AuditEvent.Action.ADMIN_CHANGE, detail__startswith="解除登录锁定")
    assert "jtj_staff" in event.target and event.username == "admin"
    response = client.post("/login/", {"username": "jtj_staff", "password": "Shuniu@2026"})
    assert response.status_code == 302


def test_nobody_deletes_accounts(admin_client, demo_office):
    staff = demo_office["jtj_staff"]
    assert admin_client.post(f"/admin/org/user/{staff.pk}/delete/", {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=staff.pk).exists()


def test_system_admin_sees_posts_but_cannot_change_them(admin_client, demo_office):
    post = Membership.objects.get(person__username="jtj_staff")
    assert admin_client.get(f"/admin/org/membership/{post.pk}/change/").status_code == 200
    response = admin_client.post(
        f"/admin/org/membership/{post.pk}/change/",
        {"person": post.person_id, "unit": post.unit_id, "role": "head", "title": "局长", "is_active": "on"},
    )
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.role == "handler"
    assert admin_client.get("/admin/org/membership/add/").status_code == 403


@pytest.mark.parametrize(
    "url", ["/admin/org/portfolio/", "/admin/org/delegation/", "/admin/core/auditevent/", "/admin/org/delegation/add/"]
)
def test_system_admin_is_refused_portfolios_delegations_and_the_audit_log(admin_client, url):
    assert admin_client.get(url).status_code == 403


def test_system_admin_edits_a_unit_and_the_change_is_audited(admin_client):
    unit = Unit.objects.get(code="jtj")
    response = admin_client.post(
        f"/admin/org/unit/{unit.pk}/change/",
        {"code": "jtj", "name": "交通运输局", "short_name": "交通局", "kind": "department", "parent": unit.parent_id,
         "sort_order": unit.sort_order, "is_active": "on"},
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.short_name == "交通局"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ADMIN_CHANGE, target__contains="交通运输局").exists()


def test_a_unit_cannot_be_moved_under_its_own_sub_unit(admin_client):
    office = Unit.objects.get(code="szfb")
    section = Unit.objects.get(code="mc1")
    response = admin_client.post(
        f"/admin/org/unit/{office.pk}/change/",
        {"code": "szfb", "name": office.name, "short_name": office.short_name, "kind": "office", "parent": section.pk,
         "sort_order": office.sort_order, "is_active": "on"},
    )
    assert response.status_code == 200
    assert "上级单位不能是本单位或其下级单位" in response.content.decode()
    office.refresh_from_db()
    assert office.parent.code == "szf"


def test_units_are_not_deleted_through_the_admin(admin_client):
    unit = Unit.objects.get(code="das")
    assert admin_client.post(f"/admin/org/unit/{unit.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Unit.objects.filter(code="das").exists()


def test_posts_sent_with_the_account_page_are_ignored_for_the_system_admin(admin_client, demo_office):
    staff = demo_office["jtj_staff"]
    post = Membership.objects.get(person=staff)
    data = account_form(staff)
    data.update({
        "memberships-TOTAL_FORMS": "2",
        "memberships-INITIAL_FORMS": "1",
        "memberships-0-id": post.pk,
        "memberships-0-person": staff.pk,
        "memberships-0-unit": post.unit_id,
        "memberships-0-role": "head",
        "memberships-0-title": "局长",
        "memberships-0-is_active": "on",
        "memberships-1-person": staff.pk,
        "memberships-1-unit": Unit.objects.get(code="szf").pk,
        "memberships-1-role": "principal_leader",
        "memberships-1-title": "市长",
        "memberships-1-is_active": "on",
    })
    admin_client.post(f"/admin/org/user/{staff.pk}/change/", data)
    post.refresh_from_db()
    assert (post.role, post.title) == ("handler", "科员")
    assert list(Membership.objects.filter(person=staff)) == [post]
