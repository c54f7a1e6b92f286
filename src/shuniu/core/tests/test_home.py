"""The home page: the user's units and roles, then their inbox; the three administrators get
their role and their entry points instead of business content."""

import datetime

import pytest
from django.utils import timezone

from shuniu.org.models import Delegation


@pytest.mark.parametrize(
    ("username", "role", "duty"),
    [
        ("admin", "系统管理员", "负责账户与机构管理，不能查阅业务内容。"),
        ("secadmin", "安全保密管理员", "负责角色、授权与涉密等级管理，不能查阅业务内容。"),
        ("auditor", "安全审计员", "负责查阅审计日志，不能查阅业务内容。"),
    ],
)
def test_administrator_home_shows_the_admin_role_instead_of_an_inbox(client_for, username, role, duty):
    page = client_for(username).get("/").content.decode()
    assert role in page and duty in page
    assert "管理入口" in page
    assert 'id="inbox"' not in page and "我的待办" not in page
    assert "尚未分配单位" not in page


def test_only_the_auditor_is_offered_the_audit_log(client_for):
    assert 'href="/core/audit/"' in client_for("auditor").get("/").content.decode()
    for username in ("admin", "secadmin", "mayor"):
        assert 'href="/core/audit/"' not in client_for(username).get("/").content.decode()


def test_business_user_home_shows_posts_clearance_and_the_inbox(client_for):
    page = client_for("jtj_head").get("/").content.decode()
    assert "交通运输局" in page and "负责人" in page and "局长" in page
    assert "涉密等级：秘密" in page
    assert "我的待办" in page
    assert 'href="/admin/"' not in page


def test_business_user_navigation_offers_no_administration(client_for):
    page = client_for("mayor").get("/").content.decode()
    assert "系统管理" not in page and "审计日志" not in page
    assert "组织机构" in page


def test_delegations_in_force_or_to_come_are_shown_to_both_sides(client_for):
    assert "受 李正华 授权" in client_for("vmayor1").get("/").content.decode()
    assert "授权 周国强" in client_for("mayor").get("/").content.decode()


def test_ended_and_revoked_delegations_are_not_shown(client_for, demo_office):
    today = timezone.localdate()
    Delegation.objects.all().update(revoked_at=timezone.now())
    Delegation.objects.create(
        principal=demo_office["vmayor3"], delegate=demo_office["vmayor4"],
        start_date=today - datetime.timedelta(days=10), end_date=today - datetime.timedelta(days=5),
    )
    assert "受 李正华 授权" not in client_for("vmayor1").get("/").content.decode()
    assert "受 郑丽娟 授权" not in client_for("vmayor4").get("/").content.decode()


def test_person_without_a_post_is_told_whom_to_ask(client_for, demo_office):
    demo_office["jtj_staff"].memberships.all().delete()
    assert "尚未分配单位，请联系安全保密管理员。" in client_for("jtj_staff").get("/").content.decode()
