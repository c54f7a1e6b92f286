"""Reading the organisation: the unit tree, who holds which post, who is in charge of what."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch, Q

from .models import Membership, Portfolio, Role, Unit, User


def unit_tree() -> list[dict]:
    """The whole tree as nested dicts, in display order, from one query."""
    units = list(Unit.objects.filter(is_active=True).order_by("sort_order", "code"))
    children = defaultdict(list)
    for unit in units:
        children[unit.parent_id].append(unit)

    def build(unit):
        return {"unit": unit, "children": [build(child) for child in children[unit.pk]]}

    return [build(root) for root in children[None]]


def members_of(unit: Unit):
    return (
        Membership.objects.filter(unit=unit, is_active=True, person__is_active=True)
        .select_related("person", "serves")
        .order_by("role", "person__username")
    )


def search_people(q: str = "", unit_code: str = ""):
    people = User.objects.filter(is_active=True).prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.filter(is_active=True).select_related("unit"))
    )
    if q:
        people = people.filter(Q(name__icontains=q) | Q(username__icontains=q))
    if unit_code:
        people = people.filter(memberships__unit__code=unit_code, memberships__is_active=True).distinct()
    return people.order_by("username")


def leaders_with_portfolios():
    """The government's leaders, principal first, each with the units in their charge."""
    leader_posts = (
        Membership.objects.filter(role__in=[Role.PRINCIPAL_LEADER, Role.DEPUTY_LEADER], is_active=True)
        .select_related("person", "unit")
        .order_by("role", "person__username")
    )
    portfolios = defaultdict(list)
    for item in Portfolio.objects.select_related("unit").order_by("unit__sort_order"):
        portfolios[item.leader_id].append(item)
    return [{"post": post, "portfolio": portfolios[post.person_id]} for post in leader_posts]


def leaders_in_charge_of(unit: Unit) -> list[User]:
    return [p.leader for p in Portfolio.objects.filter(unit=unit).select_related("leader")]
