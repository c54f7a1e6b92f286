"""系统管理 for the organisation, split by 三员分立 (rules in `org/rules.py`):

- the system administrator (系统管理员) creates accounts, edits their personal details,
  deactivates them, resets passwords and unlocks locked accounts, and keeps the unit tree;
- the security administrator (安全保密管理员) sets secrecy clearances, posts and roles,
  portfolios (分管) and delegations (授权), and sees everything else read-only;
- the audit administrator (安全审计员) sees none of this.

Nobody edits `admin_role` here, and nobody sees a password hash.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, UserCreationForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from shuniu.core.admin import AuditedAdminMixin, RulesPermissionsMixin, ShuniuModelAdmin

from . import services
from .models import Delegation, Membership, Portfolio, Unit, User

# Groups and Django's model permissions are not used: every decision is a rule.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)


def _apply_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form's fields (or to the form when the field is absent)."""
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)


# --- Accounts -------------------------------------------------------------------------


class AccountCreationForm(UserCreationForm):
    """A new account always starts with a password that passes the complexity rules."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "name", "phone", "email")


class AccountChangeForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("username", "name", "phone", "email", "is_active", "clearance")


class AccountPasswordResetForm(AdminPasswordChangeForm):
    """重置密码: always a new usable password; the account's API tokens stop working."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields.pop("usable_password", None)
        self.fields["password1"].required = True
        self.fields["password2"].required = True
        self.fields["password1"].label = "新密码"
        self.fields["password2"].label = "确认新密码"

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            services.revoke_api_tokens(user)
        return user


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ("person", "unit", "role", "title", "serves", "is_primary", "is_active")

    def clean(self):
        cleaned = super().clean()
        person = cleaned.get("person") or (self.instance.person if self.instance.person_id else None)
        try:
            services.validate_membership(person, cleaned.get("role", ""), cleaned.get("serves"))
        except ValidationError as error:
            _apply_errors(self, error)
        return cleaned


class MembershipInline(RulesPermissionsMixin, admin.TabularInline):
    model = Membership
    form = MembershipForm
    fk_name = "person"
    fields = ("unit", "role", "title", "serves", "is_primary", "is_active")
    autocomplete_fields = ("unit", "serves")
    extra = 0
    view_perm = "org.view_accounts"
    add_perm = change_perm = delete_perm = "org.manage_roles"

    def has_change_permission(self, request, obj=None):
        # Inlines are asked with the parent account; a post's rule does not depend on it.
        return self._allowed(request, self.change_perm)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, self.delete_perm)


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    form = AccountChangeForm
    add_form = AccountCreationForm
    change_password_form = AccountPasswordResetForm
    list_display = ("username", "name", "admin_role", "clearance", "is_active", "locked")
    list_filter = ("is_active", "admin_role", "clearance")
    search_fields = ("username", "name", "phone", "email")
    ordering = ("username",)
    filter_horizontal = ()
    inlines = [MembershipInline]
    actions = ["deactivate_accounts", "activate_accounts", "unlock_accounts"]
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "name", "phone", "email", "password1", "password2")}),)

    # -- permissions: asked of the rules only ------------------------------------------
    def has_module_permission(self, request):
        return request.user.has_perm("org.view_accounts")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("org.view_accounts")

    def has_add_permission(self, request):
        return request.user.has_perm("org.manage_accounts")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("org.manage_accounts", obj) or request.user.has_perm("org.manage_clearances", obj)

    def has_delete_permission(self, request, obj=None):
        # Accounts are deactivated, never deleted: the audit log and the journals keep naming them.
        return False

    def has_manage_accounts_permission(self, request):
        return request.user.has_perm("org.manage_accounts")

    # -- what each administrator sees and may edit -------------------------------------
    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        first = ("username", "password_link") if request.user.has_perm("org.manage_accounts", obj) else ("username",)
        return (
            (None, {"fields": first}),
            ("个人信息", {"fields": ("name", "phone", "email")}),
            ("账户状态与权限", {"fields": ("is_active", "locked", "clearance", "admin_role")}),
            ("重要日期", {"fields": ("last_login", "date_joined")}),
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        readonly = {"password_link", "locked", "admin_role", "last_login", "date_joined"}
        if not request.user.has_perm("org.manage_accounts", obj):
            readonly |= {"username", "name", "phone", "email", "is_active"}
        if not request.user.has_perm("org.manage_clearances", obj):
            readonly.add("clearance")
        return tuple(sorted(readonly))

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_queryset(self, request):
        return services.with_login_failures(super().get_queryset(request))

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.path == reverse("admin:autocomplete"):
            # Posts, portfolios and delegations are for active business accounts only.
            queryset = queryset.filter(is_active=True, admin_role="")
        return queryset, may_have_duplicates

    @admin.display(description="密码")
    def password_link(self, obj):
        url = reverse("admin:auth_user_password_change", args=[obj.pk])
        return format_html('<a class="button" href="{}">重置密码</a>', url)

    @admin.display(description="登录锁定", boolean=True)
    def locked(self, obj):
        return services.is_locked(obj)

    # -- saving ---------------------------------------------------------------------------
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            services.revoke_api_tokens(obj)

    def user_change_password(self, request, id, form_url=""):
        account = self.get_object(request, unquote(id))
        if account is not None and not request.user.has_perm("org.manage_accounts", account):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    # -- actions --------------------------------------------------------------------------
    def _each_manageable(self, request, queryset):
        refused = []
        for account in queryset:
            if request.user.has_perm("org.manage_accounts", account):
                yield account
            else:
                refused.append(account.username)
        if refused:
            self.message_user(
                request, f"以下账户属于三员，系统管理员无权处理：{'、'.join(refused)}。", messages.WARNING
            )

    @admin.action(description="停用所选账户", permissions=["manage_accounts"])
    def deactivate_accounts(self, request, queryset):
        count = 0
        for account in self._each_manageable(request, queryset):
            if account.pk == request.user.pk:
                continue
            count += services.deactivate_account(account, by=request.user, request=request)
        self.message_user(request, f"已停用{count}个账户。", messages.SUCCESS)

    @admin.action(description="启用所选账户", permissions=["manage_accounts"])
    def activate_accounts(self, request, queryset):
        count = sum(
            services.activate_account(account, by=request.user, request=request)
            for account in self._each_manageable(request, queryset)
        )
        self.message_user(request, f"已启用{count}个账户。", messages.SUCCESS)

    @admin.action(description="解除所选账户的登录锁定", permissions=["manage_accounts"])
    def unlock_accounts(self, request, queryset):
        unlocked = []
        for account in self._each_manageable(request, queryset):
            services.unlock_account(account, by=request.user, request=request)
            unlocked.append(account.username)
        self.message_user(request, f"已解除{len(unlocked)}个账户的登录锁定：{'、'.join(unlocked)}。", messages.SUCCESS)


# --- The unit tree ------------------------------------------------------------------------


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ("code", "name", "short_name", "kind", "parent", "office_role", "sort_order", "is_active")

    def clean(self):
        cleaned = super().clean()
        try:
            services.validate_unit_parent(self.instance, cleaned.get("parent"))
        except ValidationError as error:
            _apply_errors(self, error)
        return cleaned


@admin.register(Unit)
class UnitAdmin(ShuniuModelAdmin):
    form = UnitForm
    view_perm = "org.view_units"
    add_perm = change_perm = "org.manage_units"
    list_display = ("code", "name", "short_name", "kind", "parent", "office_role", "sort_order", "is_active")
    list_filter = ("kind", "office_role", "is_active")
    search_fields = ("code", "name", "short_name")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)


# --- Posts, portfolios, delegations: the security administrator ---------------------------


@admin.register(Membership)
class MembershipAdmin(ShuniuModelAdmin):
    form = MembershipForm
    view_perm = "org.view_accounts"
    add_perm = change_perm = delete_perm = "org.manage_roles"
    list_display = ("person", "unit", "role", "title", "serves", "is_active")
    list_filter = ("role", "is_active", "unit__kind")
    search_fields = ("person__username", "person__name", "unit__code", "unit__name", "title")
    autocomplete_fields = ("person", "unit", "serves")
    list_select_related = ("person", "unit", "serves")


class PortfolioForm(forms.ModelForm):
    class Meta:
        model = Portfolio
        fields = ("leader", "unit", "area")

    def clean(self):
        cleaned = super().clean()
        try:
            services.validate_portfolio(cleaned.get("leader"))
        except ValidationError as error:
            _apply_errors(self, error)
        return cleaned


@admin.register(Portfolio)
class PortfolioAdmin(ShuniuModelAdmin):
    form = PortfolioForm
    view_perm = add_perm = change_perm = delete_perm = "org.manage_roles"
    list_display = ("leader", "unit", "area")
    list_filter = ("leader",)
    search_fields = ("leader__name", "leader__username", "unit__name", "unit__code", "area")
    autocomplete_fields = ("leader", "unit")
    list_select_related = ("leader", "unit")


class DelegationForm(forms.ModelForm):
    class Meta:
        model = Delegation
        fields = ("principal", "delegate", "start_date", "end_date", "reason")

    def clean(self):
        cleaned = super().clean()
        try:
            services.validate_delegation(
                cleaned.get("principal"), cleaned.get("delegate"), cleaned.get("start_date"), cleaned.get("end_date")
            )
        except ValidationError as error:
            _apply_errors(self, error)
        return cleaned


@admin.register(Delegation)
class DelegationAdmin(ShuniuModelAdmin):
    """Delegations are revoked, not deleted, so the record of who acted for whom stays."""

    form = DelegationForm
    view_perm = add_perm = change_perm = "org.manage_roles"
    list_display = ("principal", "delegate", "start_date", "end_date", "reason", "state")
    list_filter = ("start_date",)
    search_fields = ("principal__name", "principal__username", "delegate__name", "delegate__username", "reason")
    autocomplete_fields = ("principal", "delegate")
    readonly_fields = ("created_at", "revoked_at")
    list_select_related = ("principal", "delegate")
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.revoked_at is not None:
            return False
        return super().has_change_permission(request, obj)

    def has_manage_roles_permission(self, request):
        return request.user.has_perm("org.manage_roles")

    @admin.display(description="状态")
    def state(self, obj):
        today = timezone.localdate()
        if obj.revoked_at:
            return "已撤销"
        if obj.end_date < today:
            return "已到期"
        if obj.start_date > today:
            return "未开始"
        return "生效中"

    @admin.action(description="撤销所选授权", permissions=["manage_roles"])
    def revoke(self, request, queryset):
        count = sum(services.revoke_delegation(d, by=request.user, request=request) for d in queryset)
        self.message_user(request, f"已撤销{count}项授权。", messages.SUCCESS)
