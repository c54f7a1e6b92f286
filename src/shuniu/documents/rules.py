"""Who may draft, register and act on documents. The engine's predicates (matters/rules.py) do the
rest: the review chain (部门审核、核稿、会签、签发、批办) is ReviewSteps, so `is_current_reviewer`
— which honours delegation (授权) — decides who may act at each step."""

from __future__ import annotations

import rules

from shuniu.matters.rules import in_owner_unit, is_office_leader
from shuniu.org.models import OfficeRole, Role, Unit
from shuniu.org.rules import is_business_user, is_system_admin
from shuniu.org.services import office_unit

# Posts that speak for a unit on documents (not leaders, not the duty officer).
UNIT_STAFF_ROLES = (Role.HEAD, Role.HANDLER, Role.LIAISON, Role.SECRETARY)


def general_office() -> Unit | None:
    """政府办公厅（室）: the unit the system administrator marked with that office role (org.Unit.office_role)."""
    return office_unit(OfficeRole.GENERAL_OFFICE)


def office_section_ids() -> set[int]:
    office = general_office()
    if office is None:
        return set()
    return set(Unit.objects.filter(parent=office, is_active=True).values_list("pk", flat=True))


def drafting_unit_for(user) -> Unit | None:
    """The office section a person drafts in (拟稿单位): their post in a section of the office."""
    sections = office_section_ids()
    membership = (user.memberships.filter(is_active=True, unit_id__in=sections)
                  .order_by("-is_primary", "id").select_related("unit").first())
    return membership.unit if membership else None


def registering_unit_for(user) -> Unit | None:
    """The unit whose incoming documents a person registers: their own department or county, or
    for the office's sections the office's 机要室 (it keeps the office's 收文)."""
    membership = (user.memberships.filter(is_active=True, role__in=UNIT_STAFF_ROLES)
                  .exclude(unit__kind__in=[Unit.Kind.GOVERNMENT, Unit.Kind.OFFICE])
                  .order_by("-is_primary", "id").select_related("unit").first())
    if membership is None:
        return None
    if membership.unit.kind == Unit.Kind.SECTION:
        from .workflow import INCOMING  # the section that keeps 收文 (机要室): the workflow's owner

        return INCOMING.owner_section() or membership.unit
    return membership.unit


@rules.predicate
def can_draft(user) -> bool:
    """拟稿: staff of the office's sections (秘书科 …)."""
    if not is_business_user(user):
        return False
    return drafting_unit_for(user) is not None


@rules.predicate
def can_register_incoming(user) -> bool:
    return is_business_user(user) and registering_unit_for(user) is not None


@rules.predicate
def is_owner_staff(user, matter) -> bool:
    """The section or unit that runs the document (拟稿科室 / 收文单位); for the office's own
    sections, the office's directors too."""
    if in_owner_unit(user, matter):
        return True
    return bool(matter.owner_unit.parent_id and matter.owner_unit.parent.office_role == OfficeRole.GENERAL_OFFICE
                and is_office_leader(user, matter))


SECRETS_ROOM_CODE = "jys"  # 机要室: numbers, prints and issues the office's classified 发文


@rules.predicate
def is_secrets_room_clerk(user, matter) -> bool:
    """机要室's part in the outgoing chain: a classified 发文 (秘密 and above), from 编号 on —
    编号, 印制, 核发 (and 退回复核 from those steps). Nothing earlier, nothing non-classified."""
    from . import states as S

    if not is_business_user(user) or not matter.secrecy or matter.secrecy > user.clearance:
        return False
    if matter.status not in (S.NUMBERING, S.PRINTING, S.ISSUING):
        return False
    return Unit.objects.filter(code=SECRETS_ROOM_CODE, pk__in=user.unit_ids()).exists()


@rules.predicate
def is_unread_reader(user, matter) -> bool:
    """A leader to whom the document was circulated (传阅) and who has not read it yet."""
    if not is_business_user(user) or not hasattr(matter, "incoming"):
        return False
    return matter.incoming.circulations.filter(reader_id__in=user.acting_ids(), read_at__isnull=True).exists()


rules.add_perm("documents.draft_outgoing", can_draft)
rules.add_perm("documents.register_incoming", can_register_incoming)

# 发文字号 series and sign-off rules are configuration: the system administrator's (三员分立).
# Counters are never edited by hand — that is what keeps numbering gapless.
rules.add_perm("documents.manage_config", is_system_admin)
