"""安全保密管理员 in the admin: clearances, posts, portfolios and delegations; accounts read-only."""

import datetime

import pytest
from django.utils import timezone

from shuniu.core.models import AuditEvent
from shuniu.org.models import Delegation, Membership, Portfolio, Role, Secrecy, Unit, User

INLINE_NONE = {
    "memberships-TOTAL_FORMS": "0",
    "memberships-INITIAL_FORMS": "0",
    "memberships-MIN_NUM_FORMS": "0",
    "memberships-MAX_NUM_FORMS": "1000",
}


@pytest.fixture
def sec_client(client_for):
    return client_for("secadmin")


def audit_rows(**filters):
    return AuditEvent.objects.filter(action=AuditEvent.Action.ADMIN_CHANGE, username="secadmin", **filters)


def test_admin_index_offers_accounts_posts_portfolios_and_delegations(sec_client):
    page = sec_client.get("/admin/").content.decode()
    for url in ("/admin/org/user/", "/admin/org/membership/", "/admin/org/portfolio/", "/admin/org/delegation/"):
        assert url in page
    assert "/admin/core/auditevent/" not in page


def test_security_admin_sets_a_clearance_and_it_is_audited(sec_client, demo_office):
    staff = demo_office["jtj_staff"]
    response = sec_client.post(
        f"/admin/org/user/{staff.pk}/change/", {"clearance": str(Secrecy.SECRET), **INLINE_NONE}
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.clearance == Secrecy.SECRET
    assert "涉密等级" in audit_rows(target__contains="jtj_staff").get().detail


def test_security_admin_cannot_change_anything_else_on_an_account(sec_client, demo_office):
    staff = demo_office["jtj_staff"]
    sec_client.post(
        f"/admin/org/user/{staff.pk}/change/",
        {"clearance": "0", "username": "renamed", "name": "改名", "phone": "13900000000", "admin_role": "audit",
         **INLINE_NONE},
    )
    staff.refresh_from_db()
    assert (staff.username, staff.name, staff.phone, staff.admin_role, staff.is_active) == (
        "jtj_staff", demo_office["jtj_staff"].name, "", "", True
    )


def test_security_admin_cannot_create_accounts(sec_client):
    response = sec_client.post(
        "/admin/org/user/add/",
        {"username": "intruder", "name": "某人", "password1": "Xinmima#2026", "password2": "Xinmima#2026"},
    )
    assert response.status_code == 403
    assert not User.objects.filter(username="intruder").exists()


def test_security_admin_cannot_set_passwords(sec_client, demo_office):
    staff = demo_office["jtj_staff"]
    old_hash = staff.password
    response = sec_client.post(
        f"/admin/org/user/{staff.pk}/password/", {"password1": "Xinmima#2026", "password2": "Xinmima#2026"}
    )
    assert response.status_code == 403
    staff.refresh_from_db()
    assert staff.password == old_hash


def test_security_admin_sees_no_password_reset_link_and_no_hash(sec_client, demo_office):
    page = sec_client.get(f"/admin/org/user/{demo_office['mayor'].pk}/change/").content.decode()
    assert "重置密码" not in page
    assert "argon2" not in page


def test_security_admin_cannot_deactivate_or_unlock_accounts(sec_client, demo_office):
    staff = demo_office["jtj_staff"]
    for action in ("deactivate_accounts", "unlock_accounts"):
        sec_client.post("/admin/org/user/", {"action": action, "_selected_action": [staff.pk], "index": "0"})
    staff.refresh_from_db()
    assert staff.is_active
    assert not audit_rows().exists()


def test_security_admin_gives_a_post_and_it_is_audited(sec_client, demo_office):
    response = sec_client.post(
        "/admin/org/membership/add/",
        {"person": demo_office["hbj_staff"].pk, "unit": Unit.objects.get(code="hbj").pk, "role": Role.LIAISON,
         "title": "信息员", "is_primary": "", "is_active": "on"},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(person__username="hbj_staff", role=Role.LIAISON).exists()
    assert audit_rows(detail__startswith="新增").exists()


def test_security_admin_changes_a_post_through_the_account_page(sec_client, demo_office):
    staff = demo_office["jtj_staff"]
    post = Membership.objects.get(person=staff)
    response = sec_client.post(
        f"/admin/org/user/{staff.pk}/change/",
        {
            "clearance": "0",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-id": post.pk,
            "memberships-0-person": staff.pk,
            "memberships-0-unit": post.unit_id,
            "memberships-0-role": Role.HEAD,
            "memberships-0-title": "副局长",
            "memberships-0-is_primary": "on",
            "memberships-0-is_active": "on",
        },
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.role, post.title) == (Role.HEAD, "副局长")
    assert "任职" in audit_rows(target__contains="jtj_staff").get().detail


def test_the_three_administrators_cannot_be_given_a_business_post(sec_client, demo_office):
    response = sec_client.post(
        "/admin/org/membership/add/",
        {"person": demo_office["auditor"].pk, "unit": Unit.objects.get(code="jtj").pk, "role": Role.HANDLER,
         "title": "", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "不得担任业务职务" in response.content.decode()
    assert not Membership.objects.filter(person__username="auditor").exists()


def test_only_a_secretary_serves_a_leader(sec_client, demo_office):
    response = sec_client.post(
        "/admin/org/membership/add/",
        {"person": demo_office["xinxi"].pk, "unit": Unit.objects.get(code="xxk").pk, "role": Role.LIAISON,
         "serves": demo_office["mayor"].pk, "is_active": "on"},
    )
    assert "只有秘书可以指定服务领导" in response.content.decode()
    assert not Membership.objects.filter(person__username="xinxi", role=Role.LIAISON).exists()


def test_security_admin_assigns_a_portfolio_to_a_leader(sec_client, demo_office):
    response = sec_client.post(
        "/admin/org/portfolio/add/",
        {"leader": demo_office["vmayor3"].pk, "unit": Unit.objects.get(code="cgj").pk, "area": "城市管理"},
    )
    assert response.status_code == 302
    assert Portfolio.objects.filter(leader__username="vmayor3", unit__code="cgj").exists()
    assert audit_rows(target__contains="分管").exists()


def test_a_portfolio_is_for_leaders_only(sec_client, demo_office):
    response = sec_client.post(
        "/admin/org/portfolio/add/", {"leader": demo_office["jtj_staff"].pk, "unit": Unit.objects.get(code="cgj").pk}
    )
    assert "分管领导须为在岗的政府领导或办公室领导" in response.content.decode()
    assert not Portfolio.objects.filter(leader__username="jtj_staff").exists()


def delegation_form(principal, delegate, start, end, reason="出差"):
    return {"principal": principal.pk, "delegate": delegate.pk, "start_date": start.isoformat(),
            "end_date": end.isoformat(), "reason": reason}


def test_security_admin_records_a_delegation(sec_client, demo_office):
    today = timezone.localdate()
    response = sec_client.post(
        "/admin/org/delegation/add/",
        delegation_form(demo_office["vmayor2"], demo_office["vmayor4"], today, today + datetime.timedelta(days=3)),
    )
    assert response.status_code == 302
    assert demo_office["vmayor4"].portfolio_unit_ids() >= demo_office["vmayor2"].portfolio_unit_ids()
    assert audit_rows(target__contains="授权").exists()


@pytest.mark.parametrize(
    ("principal", "delegate", "days", "message"),
    [
        ("vmayor2", "vmayor2", 3, "不能授权给本人"),
        ("vmayor2", "vmayor4", -1, "截止日期不能早于起始日期"),
        ("vmayor2", "admin", 3, "授权双方须为在岗的业务人员"),
    ],
)
def test_a_wrong_delegation_is_refused_in_chinese(sec_client, demo_office, principal, delegate, days, message):
    today = timezone.localdate()
    before = Delegation.objects.count()
    response = sec_client.post(
        "/admin/org/delegation/add/",
        delegation_form(demo_office[principal], demo_office[delegate], today, today + datetime.timedelta(days=days)),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Delegation.objects.count() == before


def test_security_admin_revokes_a_delegation_which_then_stops_counting(sec_client, demo_office):
    today = timezone.localdate()
    delegation = Delegation.objects.create(
        principal=demo_office["vmayor2"], delegate=demo_office["vmayor4"], start_date=today, end_date=today
    )
    jtj = Unit.objects.get(code="jtj").pk
    assert jtj in demo_office["vmayor4"].portfolio_unit_ids()
    sec_client.post("/admin/org/delegation/", {"action": "revoke", "_selected_action": [delegation.pk], "index": "0"})
    delegation.refresh_from_db()
    assert delegation.revoked_at is not None
    # The next request's user (what a person may do is read once per request)
    assert jtj not in User.objects.get(username="vmayor4").portfolio_unit_ids()
    assert audit_rows(detail="撤销授权").exists()
    # A revoked delegation is kept as it was: neither editable nor deletable.
    assert sec_client.post(f"/admin/org/delegation/{delegation.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Delegation.objects.filter(pk=delegation.pk).exists()


def test_security_admin_sees_units_but_cannot_change_them(sec_client):
    unit = Unit.objects.get(code="jtj")
    assert sec_client.get(f"/admin/org/unit/{unit.pk}/change/").status_code == 200
    response = sec_client.post(
        f"/admin/org/unit/{unit.pk}/change/",
        {"code": "jtj", "name": "改名", "kind": "department", "parent": unit.parent_id, "sort_order": 1, "is_active": "on"},
    )
    assert response.status_code == 403
    unit.refresh_from_db()
    assert unit.name == "交通运输局"
    assert sec_client.get("/admin/org/unit/add/").status_code == 403


def test_security_admin_is_refused_the_audit_log(sec_client):
    assert sec_client.get("/admin/core/auditevent/").status_code == 403


def autocomplete(client, model, field, term):
    response = client.get(
        "/admin/autocomplete/", {"app_label": "org", "model_name": model, "field_name": field, "term": term}
    )
    return response


def test_people_pickers_offer_active_business_accounts_named_with_their_username(sec_client, demo_office):
    demo_office["vmayor3"].is_active = False
    demo_office["vmayor3"].save()
    results = autocomplete(sec_client, "delegation", "delegate", "vmayor").json()["results"]
    assert [r["text"] for r in results] == ["周国强（vmayor1）", "吴建平（vmayor2）", "王志刚（vmayor4）"]
    for username in ("admin", "secadmin", "auditor"):
        assert autocomplete(sec_client, "delegation", "delegate", username).json()["results"] == []


def test_auditor_cannot_look_people_up_through_the_admin(client_for):
    assert autocomplete(client_for("auditor"), "delegation", "delegate", "vmayor").status_code == 403


def test_security_admin_removes_a_portfolio_and_the_deletion_is_audited(sec_client):
    portfolio = Portfolio.objects.get(leader__username="vmayor2", unit__code="jtj")
    response = sec_client.post(f"/admin/org/portfolio/{portfolio.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Portfolio.objects.filter(pk=portfolio.pk).exists()
    event = audit_rows(detail="删除").get()
    assert "吴建平 分管 交通运输局" in event.target
