"""Who may register supervision items: the supervision section (督查科) and the office's leaders."""

import rules

from shuniu.org.models import OFFICE_LEADER_ROLES, Role
from shuniu.org.rules import is_business_user


@rules.predicate
def is_supervision_staff(user) -> bool:
    return is_business_user(user) and (
        user.has_role(Role.HANDLER, Role.HEAD, unit_code="dck") or user.has_role(*OFFICE_LEADER_ROLES)
    )


rules.add_perm("supervision.create_item", is_supervision_staff)
