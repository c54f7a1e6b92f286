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


# Accounts, the unit tree and the working-day table: the system administrator.
rules.add_perm("org.manage_accounts", is_system_admin)
rules.add_perm("org.manage_units", is_system_admin)
rules.add_perm("workdays.manage_calendar", is_system_admin)
# Roles, posts, portfolios, delegations and secrecy clearances: the security administrator.
rules.add_perm("org.manage_roles", is_security_admin)
rules.add_perm("org.manage_clearances", is_security_admin)
# The audit log: the audit administrator, and nobody else.
rules.add_perm("core.view_audit", is_audit_admin)
# Business content (matters of every kind, documents, statistics): business users only.
rules.add_perm("core.use_business", is_business_user)
# The directory of units and people is open to every signed-in account.
rules.add_perm("org.browse", rules.is_authenticated)
