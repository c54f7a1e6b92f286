"""Who may do what in 督查督办 beyond a single item's transitions (those are in workflow.py).

- 立项、分解、生成督查通报: the supervision section (督查科) and the office's leaders;
- reading 督查通报: those, plus the government's leaders;
- the portfolio page (分管领域督办事项): the government's leaders, the office's leaders and 督查科.
"""

import rules

from shuniu.org.models import LEADER_ROLES, OFFICE_LEADER_ROLES, OfficeRole, Role
from shuniu.org.rules import is_business_user
from shuniu.org.services import office_unit


@rules.predicate
def is_supervision_staff(user) -> bool:
    if not is_business_user(user):
        return False
    if user.has_role(*OFFICE_LEADER_ROLES):
        return True
    section = office_unit(OfficeRole.SUPERVISING)  # the 督查机构 the system administrator designated
    return section is not None and user.has_role_in(section.pk, Role.HANDLER, Role.HEAD)


@rules.predicate
def is_government_leader(user) -> bool:
    return is_business_user(user) and user.has_role(*LEADER_ROLES)


rules.add_perm("supervision.create_item", is_supervision_staff)
rules.add_perm("supervision.issue_bulletin", is_supervision_staff)
rules.add_perm("supervision.view_bulletin", is_supervision_staff | is_government_leader)
rules.add_perm("supervision.view_portfolio", is_supervision_staff | is_government_leader)
