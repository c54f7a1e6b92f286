"""Reading the organisation: the unit tree, who holds which post, who is in charge of what."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, OuterRef, Prefetch, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import LEADER_ROLES, OFFICE_LEADER_ROLES, Delegation, Membership, Portfolio, Role, Unit, User


def unit_tree() -> list[dict]:
    """The whole tree as nested dicts, in display order, from one query."""
    units = list(Unit.objects.filter(is_active=True).order_by("sort_order", "code"))
    children = defaultdict(list)
    for unit in units:
        children[unit.parent_id].append(unit)

    def build(unit):
        return {"unit": unit, "children": [build(child) for child in children[unit.pk]]}

    return [build(root) for root in children[None]]


def office_units(role: str):
    """The units that play `role` (OfficeRole) in the office, and the units below them."""
    ids: set[int] = set()
    for unit in Unit.objects.filter(office_role=role, is_active=True):
        ids |= unit.descendant_ids()
    return Unit.objects.filter(pk__in=ids)


def office_unit(role: str) -> Unit | None:
    """The one unit marked with `role` (the first by display order if several are)."""
    return Unit.objects.filter(office_role=role, is_active=True).order_by("sort_order", "code").first()


def _rank_of_role():
    """Posts in the order Role declares them (leader, director, …, head, handler, liaison)."""
    return Case(*[When(role=role, then=Value(rank)) for rank, role in enumerate(Role.values)], default=Value(99))


def members_of(unit: Unit):
    return (
        Membership.objects.filter(unit=unit, is_active=True, person__is_active=True)
        .select_related("person", "serves")
        .order_by(_rank_of_role(), "person__username")
    )


def search_units(q: str = "", kinds=(), limit: int = 20):
    """Active units whose name or 简称 contains `q` (or whose code is `q`), in display order."""
    units = Unit.objects.filter(is_active=True)
    if kinds:
        units = units.filter(kind__in=kinds)
    q = q.strip()
    if q:
        units = units.filter(Q(name__icontains=q) | Q(short_name__icontains=q) | Q(code=q.lower()))
    return units.order_by("sort_order", "code")[:limit]


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
        .order_by(_rank_of_role(), "person__username")
    )
    portfolios = defaultdict(list)
    for item in Portfolio.objects.select_related("unit").order_by("unit__sort_order"):
        portfolios[item.leader_id].append(item)
    return [{"post": post, "portfolio": portfolios[post.person_id]} for post in leader_posts]


def leaders_in_charge_of(unit: Unit) -> list[User]:
    return [p.leader for p in Portfolio.objects.filter(unit=unit).select_related("leader")]


# --- Administration (三员分立): every change here writes its audit row in the same transaction ----


def _audit_admin_change(by, request, target: str, detail: str) -> None:
    from shuniu.core import audit
    from shuniu.core.models import AuditEvent

    audit.record(AuditEvent.Action.ADMIN_CHANGE, request=request, user=by, target=target, detail=detail)


def _account_target(account: User) -> str:
    return f"人员 {account.username}（{account.name}）"


def revoke_api_tokens(account: User) -> int:
    from knox.models import AuthToken

    count, _ = AuthToken.objects.filter(user=account).delete()
    return count


@transaction.atomic
def deactivate_account(account: User, *, by: User, request=None) -> bool:
    """停用: the account can no longer log in, and its open sessions and API tokens stop working."""
    if not account.is_active:
        return False
    account.is_active = False
    account.save(update_fields=["is_active"])
    revoke_api_tokens(account)
    _audit_admin_change(by, request, _account_target(account), "停用账户")
    return True


@transaction.atomic
def activate_account(account: User, *, by: User, request=None) -> bool:
    if account.is_active:
        return False
    account.is_active = True
    account.save(update_fields=["is_active"])
    _audit_admin_change(by, request, _account_target(account), "启用账户")
    return True


def _recent_login_failures():
    from axes.models import AccessAttempt

    attempts = AccessAttempt.objects.all()
    if settings.AXES_COOLOFF_TIME:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    return attempts


def with_login_failures(accounts):
    """Annotate `login_failures`: failed logins counted towards the lockout (django-axes), as of now."""
    failures = (
        _recent_login_failures()
        .filter(username=OuterRef("username"))
        .values("username")
        .annotate(total=Sum("failures_since_start"))
        .values("total")
    )
    return accounts.annotate(login_failures=Coalesce(Subquery(failures), 0))


def is_locked(account: User) -> bool:
    """Whether the account is locked by repeated login failures, as of now."""
    failures = getattr(account, "login_failures", None)
    if failures is None:
        failures = (
            _recent_login_failures().filter(username=account.username).aggregate(total=Sum("failures_since_start"))["total"]
            or 0
        )
    return failures >= settings.AXES_FAILURE_LIMIT


@transaction.atomic
def unlock_account(account: User, *, by: User, request=None) -> int:
    """解锁: forget the account's failed login attempts, so it may log in again at once."""
    from axes.utils import reset

    count = reset(username=account.username)
    _audit_admin_change(by, request, _account_target(account), f"解除登录锁定（清除失败记录{count}条）")
    return count


def validate_unit_parent(unit: Unit, parent: Unit | None) -> None:
    """A unit cannot sit under itself or under one of its own sub-units."""
    if parent is None or unit.pk is None:
        return
    if parent.pk in unit.descendant_ids():
        raise ValidationError({"parent": "上级单位不能是本单位或其下级单位。"})


def validate_membership(person: User | None, role: str, serves: User | None) -> None:
    errors = {}
    if person is not None and person.admin_role:
        errors["person"] = "系统管理员、安全保密管理员和安全审计员不得担任业务职务。"
    if serves is not None:
        if role != Role.SECRETARY:
            errors["serves"] = "只有秘书可以指定服务领导。"
        elif person is not None and serves.pk == person.pk:
            errors["serves"] = "服务领导不能是本人。"
    if errors:
        raise ValidationError(errors)


def validate_portfolio(leader: User | None) -> None:
    if leader is None:
        return
    is_leader = Membership.objects.filter(
        person=leader, is_active=True, role__in=[*LEADER_ROLES, *OFFICE_LEADER_ROLES]
    ).exists()
    if not (leader.is_active and not leader.admin_role and is_leader):
        raise ValidationError({"leader": "分管领导须为在岗的政府领导或办公室领导。"})


def validate_delegation(
    principal: User | None, delegate: User | None, start_date: datetime.date | None, end_date: datetime.date | None
) -> None:
    errors = {}
    for field, person in (("principal", principal), ("delegate", delegate)):
        if person is not None and (person.admin_role or not person.is_active):
            errors[field] = "授权双方须为在岗的业务人员。"
    if principal is not None and delegate is not None and principal.pk == delegate.pk:
        errors["delegate"] = "不能授权给本人。"
    if start_date and end_date and end_date < start_date:
        errors["end_date"] = "截止日期不能早于起始日期。"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def revoke_delegation(delegation: Delegation, *, by: User, request=None) -> bool:
    """撤销授权: kept on record with the time it was revoked, never deleted."""
    if delegation.revoked_at is not None:
        return False
    delegation.revoked_at = timezone.now()
    delegation.save(update_fields=["revoked_at"])
    _audit_admin_change(by, request, f"授权 {delegation}", "撤销授权")
    return True
