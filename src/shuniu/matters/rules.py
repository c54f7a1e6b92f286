"""Who may see and act on a matter. The one place: UI views, the API, lists, exports and
attachments all ask `can_view` / `visible_matters` here, and transitions name these predicates
as their guards.

A person sees a matter when they are a business user cleared for its 密级 and one of:
their unit takes part in it (owner section, assigned unit, reviewer); they are on its review
chain or were personally given it; it falls in their leader portfolio (or that of a leader who
delegated to them today); they are a principal leader or an office director; or they created it.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass, field

import rules
from django.db.models import Exists, OuterRef, Q

from shuniu.org.models import OFFICE_LEADER_ROLES, Role
from shuniu.org.rules import is_business_user, is_system_admin

from .models import Assignment, Matter, Party, ReviewStep


def sees_everything(user) -> bool:
    """The principal leader and the office's directors oversee every matter (subject to secrecy)."""
    return user.has_role(Role.PRINCIPAL_LEADER, *OFFICE_LEADER_ROLES)


def visible_matters(user, queryset=None, *, lead_unit_id: int | None = None):
    """The matters `user` may see; with `lead_unit_id`, only those led by that unit. When that unit is
    one of the user's own, every matter it leads is visible, so the party test (a costly subquery
    over millions of rows) is left out — the result is the same."""
    queryset = Matter.objects.all() if queryset is None else queryset
    if not (user.is_authenticated and user.is_business_user):
        return queryset.none()
    queryset = queryset.filter(secrecy__lte=user.clearance)
    if sees_everything(user):
        return queryset
    if lead_unit_id is not None and lead_unit_id in user.unit_ids():
        return queryset.filter(lead_unit_id=lead_unit_id)  # decided without the portfolio's queries
    units = list(user.unit_ids() | user.portfolio_unit_ids())
    if lead_unit_id is not None and lead_unit_id in units:
        return queryset.filter(lead_unit_id=lead_unit_id)
    acting = user.acting_ids()
    party = Party.objects.filter(matter=OuterRef("pk")).filter(Q(unit_id__in=units) | Q(person_id__in=acting))
    # Cheap column tests first: the database stops at the first true one before probing parties.
    return queryset.filter(Q(lead_unit_id__in=units) | Q(created_by=user) | Q(Exists(party)))


@rules.predicate
def can_view(user, matter) -> bool:
    if matter is None or not is_business_user(user) or matter.secrecy > user.clearance:
        return False
    if sees_everything(user) or matter.created_by_id == user.pk:
        return True
    if matter.lead_unit_id is not None and matter.lead_unit_id in user.unit_ids():
        return True  # the common case, answered without asking for the portfolio
    units = user.unit_ids() | user.portfolio_unit_ids()
    if matter.lead_unit_id in units:
        return True
    return matter.parties.filter(Q(unit_id__in=units) | Q(person_id__in=user.acting_ids())).exists()


# --- Guards for transitions (predicates over (user, matter)) -----------------------------


@rules.predicate
def in_owner_unit(user, matter) -> bool:
    return is_business_user(user) and matter.owner_unit_id in user.unit_ids()


@rules.predicate
def is_office_leader(user, matter=None) -> bool:
    return is_business_user(user) and user.has_role(*OFFICE_LEADER_ROLES)


@rules.predicate
def is_principal_leader(user, matter=None) -> bool:
    return is_business_user(user) and user.has_role(Role.PRINCIPAL_LEADER)


@rules.predicate
def is_portfolio_leader(user, matter) -> bool:
    if not is_business_user(user) or matter.lead_unit_id is None:
        return False
    return matter.lead_unit_id in user.portfolio_unit_ids()


@dataclass
class GuardAnswers:
    """What a transition's guard found out while it decided, handed to the effect by `perform`
    (`ctx.assignment`, `ctx.review_step`) so the effect does not ask the database again. Answers
    live for one guard check only: nothing is kept on the matter between calls."""

    # (states, roles) → the caller's assignment the guard accepted
    own_assignments: dict[tuple, Assignment] = field(default_factory=dict)
    review_step: ReviewStep | None = None
    review_step_known: bool = False

    def own_assignment(self, states, roles=None) -> Assignment | None:
        return self.own_assignments.get((tuple(states), tuple(roles or ())))


_ANSWERS: contextvars.ContextVar[GuardAnswers | None] = contextvars.ContextVar("guard_answers", default=None)


def check_guard(guard: rules.Predicate, user, matter) -> GuardAnswers | None:
    """Test `guard` for (user, matter): the answers it found when it allows, None when it refuses."""
    answers = GuardAnswers()
    token = _ANSWERS.set(answers)
    try:
        allowed = guard.test(user, matter)
    finally:
        _ANSWERS.reset(token)
    return answers if allowed else None


def own_assignment(user, matter, states=Assignment.ACTIVE, roles=None) -> Assignment | None:
    """The caller's unit's assignment on this matter in one of `states` (lead first)."""
    if not is_business_user(user):
        return None
    qs = matter.assignments.filter(unit_id__in=user.unit_ids(), status__in=states)
    if roles:
        qs = qs.filter(role__in=roles)
    return qs.select_related("unit").order_by("role", "id").first()  # effects name the unit


def has_assignment(*states: str, roles: tuple[str, ...] | None = None, unit_roles: tuple[str, ...] | None = None):
    """Predicate factory: the caller's unit holds an assignment in `states` (and, if given, the
    caller holds one of `unit_roles` in that unit, e.g. only the head may approve a reply).
    Under `check_guard`, the assignment it accepted is an answer the effect receives."""
    states = states or Assignment.ACTIVE

    @rules.predicate(name=f"has_assignment({','.join(states)})")
    def predicate(user, matter) -> bool:
        assignment = own_assignment(user, matter, states, roles)
        if assignment is None:
            return False
        if unit_roles and not user.has_role_in(assignment.unit_id, *unit_roles):
            return False
        answers = _ANSWERS.get()
        if answers is not None:
            answers.own_assignments[(tuple(states), tuple(roles or ()))] = assignment
        return True

    return predicate


@rules.predicate
def is_current_reviewer(user, matter) -> bool:
    return current_review_step(user, matter) is not None


def current_review_step(user, matter) -> ReviewStep | None:
    """The review step now waiting for this user (in person, as a delegate, or by role in a unit).
    Under `check_guard`, the step found is an answer the effect receives."""
    step = _find_review_step(user, matter)
    answers = _ANSWERS.get()
    if answers is not None:
        answers.review_step, answers.review_step_known = step, True
    return step


def _find_review_step(user, matter) -> ReviewStep | None:
    if not is_business_user(user):
        return None
    steps = matter.review_steps.filter(status=ReviewStep.Status.CURRENT)
    for step in steps:
        if step.person_id:
            if step.person_id in user.acting_ids():
                return step
            continue
        if step.unit_id and step.unit_id in user.unit_ids():
            if not step.role or user.has_role_in(step.unit_id, step.role):
                return step
    return None


rules.add_perm("matters.view_matter", can_view)
# 审核流程 and 催办规则 are system configuration: the system administrator sets them up.
rules.add_perm("matters.configure", is_system_admin)
