"""Who may register petitions and who sees petitioners' personal data in lists.

Registration (登记) is the petition section's work (信访科 staff, and the office's leaders); a
department never registers a petition, it receives one through `dispatch`. Lists show petitioners'
names, phones and ID numbers in full only to the petition section; everyone else who may see the
petition gets them masked (the petition's own page shows them to whoever may view it).
"""

import rules

from shuniu.org.models import OFFICE_LEADER_ROLES, Role
from shuniu.org.rules import is_business_user

OWNER_UNIT = "xfk"


@rules.predicate
def is_petition_section(user) -> bool:
    return is_business_user(user) and user.has_role(Role.HANDLER, Role.HEAD, unit_code=OWNER_UNIT)


@rules.predicate
def in_petition_section(user) -> bool:
    return is_business_user(user) and OWNER_UNIT in user.unit_codes()


@rules.predicate
def is_petition_registrar(user) -> bool:
    return is_business_user(user) and (is_petition_section(user) or user.has_role(*OFFICE_LEADER_ROLES))


rules.add_perm("petitions.register", is_petition_registrar)
rules.add_perm("petitions.see_personal_data_in_lists", in_petition_section)
