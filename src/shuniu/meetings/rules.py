"""Who may do what with the leaders' schedule (领导日程).

- enter, edit and cancel a leader's entries: that leader's own secretaries (秘书 whose post
  `serves` the leader) and the office's leaders (办公室主任、副主任);
- see an entry's details: the leader, their own secretaries and the office's leaders;
- everybody else with business access sees only that the leader is busy (“有安排”);
- 三员 and department staff have no say over anybody's schedule.
"""

from __future__ import annotations

import rules

from shuniu.org.models import LEADER_ROLES, OFFICE_LEADER_ROLES, Membership, Role
from shuniu.org.rules import is_business_user


def served_leader_ids(user) -> set[int]:
    """The leaders this person serves as 秘书 (read once per user object)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if not hasattr(user, "_served_leader_ids"):
        user._served_leader_ids = set(Membership.objects.filter(
            person=user, role=Role.SECRETARY, is_active=True, serves__isnull=False,
        ).values_list("serves_id", flat=True))
    return user._served_leader_ids


@rules.predicate
def is_office_leader(user) -> bool:
    return is_business_user(user) and user.has_role(*OFFICE_LEADER_ROLES)


@rules.predicate
def is_leader(user) -> bool:
    return is_business_user(user) and user.has_role(*LEADER_ROLES)


@rules.predicate
def is_leaders_secretary(user) -> bool:
    return is_business_user(user) and bool(served_leader_ids(user))


@rules.predicate
def keeps_schedule_of(user, leader) -> bool:
    """May enter, edit and cancel `leader`'s entries."""
    if leader is None or not is_business_user(user):
        return False
    return user.has_role(*OFFICE_LEADER_ROLES) or leader.pk in served_leader_ids(user)


@rules.predicate
def sees_details_of(user, leader) -> bool:
    """Sees what `leader`'s entries are (not only that the leader is busy)."""
    if leader is None or not is_business_user(user):
        return False
    return user.pk == leader.pk or keeps_schedule_of(user, leader)


@rules.predicate
def keeps_entry(user, entry) -> bool:
    return entry is not None and keeps_schedule_of(user, entry.leader)


rules.add_perm("meetings.view_schedule", is_business_user)
rules.add_perm("meetings.keep_schedule", is_office_leader | is_leaders_secretary)
rules.add_perm("meetings.keep_schedule_of", keeps_schedule_of)
rules.add_perm("meetings.view_schedule_details", sees_details_of)
rules.add_perm("meetings.change_schedule_entry", keeps_entry)
