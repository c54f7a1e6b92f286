"""Who may do what with hotline tickets beyond the engine's own predicates (matters/rules.py).

- The hotline office (市长公开电话办公室, unit `rxb`) and the office's leaders register tickets,
  keep the knowledge base, dispatch, review replies, call back and reopen.
- Every business user may read the knowledge base and the metrics (rows limited to their units).
- The rules in force (`Policy`) are system configuration: the system administrator edits them in
  系统管理, like the working-day calendar.
"""

import rules

from shuniu.matters.rules import in_owner_unit, is_office_leader
from shuniu.org.models import OFFICE_LEADER_ROLES
from shuniu.org.rules import is_business_user, is_system_admin

HOTLINE_UNIT = "rxb"


@rules.predicate
def is_hotline_staff(user) -> bool:
    return is_business_user(user) and (
        HOTLINE_UNIT in user.unit_codes()
        or user.has_role(*OFFICE_LEADER_ROLES)
    )


@rules.predicate
def may_reopen(user, matter) -> bool:
    """重办: the latest rating is one the policy allows to reopen, and reopens are not used up."""
    from .models import Policy

    ticket = getattr(matter, "ticket", None)
    if ticket is None or not matter.rating:
        return False
    policy = Policy.current()
    return matter.rating in policy.reopen_ratings and ticket.reopen_count < policy.max_reopens


hotline_office = in_owner_unit | is_office_leader

rules.add_perm("hotline.register_ticket", is_hotline_staff)
rules.add_perm("hotline.manage_knowledge", is_hotline_staff)
rules.add_perm("hotline.view_knowledge", is_business_user)
rules.add_perm("hotline.view_metrics", is_business_user)
rules.add_perm("hotline.view_policy", is_system_admin)
rules.add_perm("hotline.change_policy", is_system_admin)
