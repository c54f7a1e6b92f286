"""Admin building blocks every app's `admin.py` uses, and the audit log's read-only page.

- `RulesPermissionsMixin`: a ModelAdmin (or inline) asks the rules registry (`org/rules.py`)
  — never Django's model permissions — whether the user may view, add, change or delete.
- `AuditedAdminMixin`: every addition, change and deletion made through the admin also
  writes an AuditEvent(ADMIN_CHANGE) row with the administrator, their IP and what changed.
"""

from __future__ import annotations

from django.contrib import admin

from . import audit
from .models import AuditEvent


class RulesPermissionsMixin:
    """Set `view_perm`, `add_perm`, `change_perm`, `delete_perm` to rule names; None refuses everyone.

    The view permission is implied by the change permission, as in Django."""

    view_perm: str | None = None
    add_perm: str | None = None
    change_perm: str | None = None
    delete_perm: str | None = None

    @staticmethod
    def _allowed(request, perm: str | None, obj=None) -> bool:
        return bool(perm) and request.user.has_perm(perm, obj)

    def has_module_permission(self, request):
        return any(self._allowed(request, perm) for perm in (self.view_perm, self.add_perm, self.change_perm))

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, self.view_perm, obj) or self.has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        # `obj` is the parent object for inlines; plain ModelAdmins are called without it.
        return self._allowed(request, self.add_perm)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, self.change_perm, obj)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, self.delete_perm, obj)


def _target(obj) -> str:
    """“人员 李正华（org.user#5 mayor）”: readable, and still exact once names change."""
    key = f"{obj._meta.label_lower}#{obj.pk}"
    if hasattr(obj, "get_username"):
        key += f" {obj.get_username()}"
    return f"{obj._meta.verbose_name} {obj}（{key}）"


class AuditedAdminMixin:
    """Mirror the admin's own change log into the security audit log."""

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        audit.record(AuditEvent.Action.ADMIN_CHANGE, request=request, target=_target(obj), detail=_describe("新增", entry))
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        audit.record(AuditEvent.Action.ADMIN_CHANGE, request=request, target=_target(obj), detail=_describe("修改", entry))
        return entry

    def log_deletions(self, request, queryset):
        entries = super().log_deletions(request, queryset)
        for obj in queryset:
            audit.record(AuditEvent.Action.ADMIN_CHANGE, request=request, target=_target(obj), detail="删除")
        return entries


def _describe(verb: str, entry) -> str:
    """The admin's change message in words (“已修改 涉密等级。”), after the verb."""
    message = entry.get_change_message() if hasattr(entry, "get_change_message") else ""
    return f"{verb}：{message}" if message else verb


class ShuniuModelAdmin(RulesPermissionsMixin, AuditedAdminMixin, admin.ModelAdmin):
    """The base for every ModelAdmin in Shuniu."""


@admin.register(AuditEvent)
class AuditEventAdmin(RulesPermissionsMixin, admin.ModelAdmin):
    """Read-only for the audit administrator; nobody may add, change or delete audit rows."""

    view_perm = "core.view_audit"
    list_display = ("at", "username", "ip", "action", "target", "detail_label")
    list_filter = ("action",)
    search_fields = ("username", "ip", "target", "detail")
    date_hierarchy = "at"
    list_per_page = 50
    fields = ("at", "user", "username", "ip", "action", "target", "detail")
    readonly_fields = fields
    list_select_related = ("user",)

    @admin.display(description="说明")
    def detail_label(self, event):
        return event.detail_display
