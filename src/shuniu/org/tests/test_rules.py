"""三员分立: each administrator may do their own job and is refused every other one."""

import pytest

PERMS = [
    "core.use_admin",
    "org.manage_accounts",
    "org.manage_units",
    "org.view_accounts",
    "org.view_units",
    "org.manage_roles",
    "org.manage_clearances",
    "core.view_audit",
    "core.use_business",
    "org.browse",
]

EXPECTED = {
    "admin": {"core.use_admin", "org.manage_accounts", "org.manage_units", "org.view_accounts", "org.view_units",
              "org.browse"},
    "secadmin": {"core.use_admin", "org.view_accounts", "org.view_units", "org.manage_roles", "org.manage_clearances",
                 "org.browse"},
    "auditor": {"core.use_admin", "core.view_audit", "org.browse"},
    "mayor": {"core.use_business", "org.browse"},
    "jtj_staff": {"core.use_business", "org.browse"},
    "director": {"core.use_business", "org.browse"},
}


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_each_account_holds_exactly_its_own_permissions(demo_office, username):
    user = demo_office[username]
    held = {perm for perm in PERMS if user.has_perm(perm)}
    assert held == EXPECTED[username]


def test_nobody_in_the_demo_is_a_superuser(demo_office):
    assert not any(user.is_superuser for user in demo_office.values())


@pytest.mark.parametrize("username", ["admin", "secadmin", "auditor"])
def test_three_administrators_are_refused_business_content_even_with_a_post(demo_office, username):
    from shuniu.org.models import Membership, Role, Unit

    user = demo_office[username]
    # A post given by mistake does not turn an administrator into a business user.
    Membership.objects.create(person=user, unit=Unit.objects.get(code="jtj"), role=Role.HANDLER)
    assert not user.has_perm("core.use_business")


@pytest.mark.parametrize("other", ["secadmin", "auditor"])
def test_system_admin_may_not_manage_the_other_administrators_accounts(demo_office, other):
    admin = demo_office["admin"]
    assert admin.has_perm("org.manage_accounts", demo_office["mayor"])
    assert not admin.has_perm("org.manage_accounts", demo_office[other])


def test_deactivated_administrator_loses_every_permission(demo_office):
    auditor = demo_office["auditor"]
    auditor.is_active = False
    auditor.save()
    assert not auditor.has_perm("core.view_audit")
    assert not auditor.has_perm("core.use_admin")


def test_anonymous_visitor_holds_no_permission(db):
    from django.contrib.auth.models import AnonymousUser

    assert not any(AnonymousUser().has_perm(perm) for perm in PERMS)
