"""The organisation: units, people, posts (memberships with a role), leaders' portfolios
(分管), secretaries serving a leader, delegation while a leader is away (授权), and the
three separated administrators (三员分立)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Secrecy(models.IntegerChoices):
    """密级, ordered so that a clearance covers every level at or below it."""

    NONE = 0, "非密"
    SECRET = 1, "秘密"
    CONFIDENTIAL = 2, "机密"
    TOP_SECRET = 3, "绝密"


class AdminRole(models.TextChoices):
    """三员: each administrator does one job and is refused the others'."""

    NONE = "", "无"
    SYSTEM = "system", "系统管理员"
    SECURITY = "security", "安全保密管理员"
    AUDIT = "audit", "安全审计员"


class Role(models.TextChoices):
    PRINCIPAL_LEADER = "principal_leader", "主要领导"
    DEPUTY_LEADER = "deputy_leader", "分管领导"
    OFFICE_DIRECTOR = "office_director", "办公室主任"
    OFFICE_DEPUTY_DIRECTOR = "office_deputy_director", "办公室副主任"
    SECRETARY = "secretary", "秘书"
    HEAD = "head", "负责人"
    HANDLER = "handler", "经办人"
    LIAISON = "liaison", "联络员"
    DUTY_OFFICER = "duty_officer", "值班员"


LEADER_ROLES = (Role.PRINCIPAL_LEADER, Role.DEPUTY_LEADER)
OFFICE_LEADER_ROLES = (Role.OFFICE_DIRECTOR, Role.OFFICE_DEPUTY_DIRECTOR)


class OfficeRole(models.TextChoices):
    """The part a unit plays in the office itself, set by the system administrator. The engine and
    every kind ask for "the supervising office" or "the general office" by this role, never by a code."""

    NONE = "", "—"
    GENERAL_OFFICE = "general_office", "政府办公厅（室）"
    SUPERVISING = "supervising", "督查机构"


class Unit(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", "人民政府"
        OFFICE = "office", "办公室"
        SECTION = "section", "科室"
        DEPARTMENT = "department", "部门"
        COUNTY = "county", "县区"
        OTHER = "other", "其他"

    code = models.SlugField("代码", max_length=32, unique=True)
    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=30, blank=True)
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级单位", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)
    office_role = models.CharField(
        "办公厅职能", max_length=20, choices=OfficeRole.choices, default="", blank=True,
        help_text="本单位在办公厅（室）中承担的职能：督查机构接收升级督办，政府办公厅（室）及其科室可查看全部统计",
    )

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def ancestors(self) -> list[Unit]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    def descendant_ids(self) -> set[int]:
        """Ids of this unit and every unit below it (the tree is small: one query per level)."""
        found, frontier = {self.pk}, [self.pk]
        while frontier:
            frontier = list(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            found.update(frontier)
        return found


class User(AbstractUser):
    """A person with an account. `first_name`/`last_name` are unused: Chinese names are one field."""

    name = models.CharField("姓名", max_length=50)
    phone = models.CharField("手机号码", max_length=20, blank=True)
    clearance = models.IntegerField("涉密等级", choices=Secrecy.choices, default=Secrecy.NONE)
    admin_role = models.CharField("管理员类别", max_length=10, choices=AdminRole.choices, default="", blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = "人员"
        verbose_name_plural = "人员"
        ordering = ["username"]

    def __str__(self) -> str:
        return self.name or self.username

    def get_full_name(self) -> str:
        return self.name or self.username

    def get_short_name(self) -> str:
        return self.name or self.username

    @property
    def is_system_admin(self) -> bool:
        return self.admin_role == AdminRole.SYSTEM

    @property
    def is_security_admin(self) -> bool:
        return self.admin_role == AdminRole.SECURITY

    @property
    def is_audit_admin(self) -> bool:
        return self.admin_role == AdminRole.AUDIT

    @property
    def is_business_user(self) -> bool:
        """三员 accounts never see business content, whatever memberships they might be given."""
        return self.is_active and not self.admin_role

    def active_memberships(self):
        return self.memberships.filter(is_active=True).select_related("unit")

    # --- Organisation facts, read once per user object (one request) ------------------------
    # Every permission check asks these; they come from one query of the person's active posts,
    # one of today's delegations and one of the portfolio, however many checks a request makes.
    # `forget_org_facts()` drops them (after changing this person's posts in the same request).

    def posts(self) -> list[tuple[int, str, str, bool, int]]:
        """Active posts as (unit_id, role, unit code, is_primary, id), primary post first."""
        if not hasattr(self, "_post_rows"):
            rows = self.memberships.filter(is_active=True).values_list("unit_id", "role", "unit__code", "is_primary", "id")
            self._post_rows = sorted(rows, key=lambda r: (not r[3], r[4]))
        return self._post_rows

    def forget_org_facts(self) -> None:
        for name in ("_post_rows", "_acting_ids", "_portfolio"):
            self.__dict__.pop(name, None)

    def unit_ids(self) -> set[int]:
        return {row[0] for row in self.posts()}

    def unit_codes(self) -> set[str]:
        return {row[2] for row in self.posts()}

    def roles(self) -> set[str]:
        return {row[1] for row in self.posts()}

    def primary_unit_id(self) -> int | None:
        posts = self.posts()
        return posts[0][0] if posts else None

    def has_role(self, *roles: str, unit_code: str | None = None) -> bool:
        return any(role in roles and (unit_code is None or code == unit_code) for _u, role, code, _p, _i in self.posts())

    def has_role_in(self, unit_id: int, *roles: str) -> bool:
        """Holds one of `roles` in the unit `unit_id`."""
        return any(u == unit_id and role in roles for u, role, _c, _p, _i in self.posts())

    def acting_ids(self) -> list[int]:
        """This person and every leader who delegated to them today (授权)."""
        if not hasattr(self, "_acting_ids"):
            today = timezone.localdate()
            self._acting_ids = [
                self.pk, *Delegation.objects.active_on(today).filter(delegate=self).values_list("principal_id", flat=True)
            ]
        return self._acting_ids

    def portfolio_unit_ids(self, on: datetime.date | None = None) -> set[int]:
        """Units in this leader's portfolio, plus those of leaders who delegated to them today."""
        if on is not None and on != timezone.localdate():
            leaders = [self.pk, *Delegation.objects.active_on(on).filter(delegate=self).values_list("principal_id", flat=True)]
            return set(Portfolio.objects.filter(leader_id__in=leaders).values_list("unit_id", flat=True))
        if not hasattr(self, "_portfolio"):
            self._portfolio = set(Portfolio.objects.filter(leader_id__in=self.acting_ids()).values_list("unit_id", flat=True))
        return self._portfolio


class Membership(models.Model):
    """A post: a person's role in a unit (任职). A person may hold several."""

    person = models.ForeignKey(User, verbose_name="人员", on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField("角色", max_length=30, choices=Role.choices)
    title = models.CharField("职务", max_length=50, blank=True)
    serves = models.ForeignKey(
        User,
        verbose_name="服务领导",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="secretaries",
        help_text="秘书所服务的领导",
    )
    is_primary = models.BooleanField("主要任职", default=True)
    is_active = models.BooleanField("在岗", default=True)

    class Meta:
        verbose_name = "任职"
        verbose_name_plural = "任职"
        constraints = [models.UniqueConstraint(fields=["person", "unit", "role"], name="membership_unique_role")]
        indexes = [models.Index(fields=["unit", "role"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.unit} · {self.title or self.get_role_display()}"


class Portfolio(models.Model):
    """分管: a leader is in charge of a unit."""

    leader = models.ForeignKey(User, verbose_name="领导", on_delete=models.CASCADE, related_name="portfolio")
    unit = models.ForeignKey(Unit, verbose_name="分管单位", on_delete=models.CASCADE, related_name="leaders")
    area = models.CharField("分管领域", max_length=100, blank=True)

    class Meta:
        verbose_name = "分管"
        verbose_name_plural = "分管"
        constraints = [models.UniqueConstraint(fields=["leader", "unit"], name="portfolio_unique")]

    def __str__(self) -> str:
        return f"{self.leader} 分管 {self.unit}"


class DelegationQuerySet(models.QuerySet):
    def active_on(self, on: datetime.date):
        return self.filter(start_date__lte=on, end_date__gte=on, revoked_at__isnull=True)


class Delegation(models.Model):
    """授权: while `principal` is away, `delegate` acts in their place between the dates."""

    principal = models.ForeignKey(User, verbose_name="授权人", on_delete=models.CASCADE, related_name="delegations_given")
    delegate = models.ForeignKey(User, verbose_name="被授权人", on_delete=models.CASCADE, related_name="delegations_received")
    start_date = models.DateField("起始日期")
    end_date = models.DateField("截止日期")
    reason = models.CharField("事由", max_length=200, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = "授权"
        verbose_name_plural = "授权"
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="delegation_dates_ordered"),
            models.CheckConstraint(condition=~Q(principal=models.F("delegate")), name="delegation_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.principal} → {self.delegate}（{self.start_date}至{self.end_date}）"
