"""Who may administer what (三员分立). Every admin page and business view asks these rules;
nothing else decides. Business permissions on matters live in `matters/rules.py`."""

import rules


@rules.predicate
def is_system_admin(user):
    return user.is_authenticated and user.is_active and user.admin_role == "system"


@rules.predicate
def is_security_admin(user):
    return user.is_authenticated and user.is_active and user.admin_role == "security"


@rules.predicate
def is_audit_admin(user):
    return user.is_authenticated and user.is_active and user.admin_role == "audit"


@rules.predicate
def is_business_user(user):
    """Everyone with an account except the three administrators, who never read business content."""
    return user.is_authenticated and user.is_active and not user.admin_role


@rules.predicate
def is_ordinary_account(user, account):
    """The account handled is not one of the three administrators' own. Were the system
    administrator able to reset the auditor's password, separation would be a fiction."""
    return account is None or not account.admin_role


# The admin site (系统管理) opens to the three administrators only; each sees only their own pages.
rules.add_perm("core.use_admin", is_system_admin | is_security_admin | is_audit_admin)
# Accounts (create, deactivate, reset password, unlock) and the unit tree: the system administrator.
rules.add_perm("org.manage_accounts", is_system_admin & is_ordinary_account)
rules.add_perm("org.manage_units", is_system_admin)
rules.add_perm("workdays.manage_calendar", is_system_admin)
# Both account-handling administrators need to look accounts and units up; the auditor does not.
rules.add_perm("org.view_accounts", is_system_admin | is_security_admin)
rules.add_perm("org.view_units", is_system_admin | is_security_admin)
# Roles, posts, portfolios, delegations and secrecy clearances: the security administrator.
rules.add_perm("org.manage_roles", is_security_admin)
rules.add_perm("org.manage_clearances", is_security_admin)
# The audit log: the audit administrator, and nobody else.
rules.add_perm("core.view_audit", is_audit_admin)
# Business content (matters of every kind, 公文, statistics): business users only.
rules.add_perm("core.use_business", is_business_user)
# The directory of units and people is open to every signed-in account.
rules.add_perm("org.browse", rules.is_authenticated)
