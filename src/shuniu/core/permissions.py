"""View decorators that ask the rules registry (org/rules.py, matters/rules.py) — the one place."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def require_perm(perm: str):
    """Login required, then `perm` (a rules permission) or 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                from . import audit
                from .models import AuditEvent

                audit.record(AuditEvent.Action.DENIED, request=request, target=request.path, detail=perm)
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# What the audit log and the admin pages call each permission (a denied access names the
# permission it lacked). The lower layers' labels are here; each kind adds its own from its hooks.py
# (core.registry.add_permission_labels). Every permission registered with `rules.add_perm` has a
# label; a test holds that, so a new permission without one fails.
PERMISSION_LABELS = {
    "core.use_admin": "进入系统管理",
    "core.use_business": "使用业务功能",
    "core.view_audit": "查阅审计日志",
    "org.manage_accounts": "管理用户账号",
    "org.manage_units": "管理单位机构",
    "org.view_accounts": "查看用户账号",
    "org.view_units": "查看单位机构",
    "org.manage_roles": "管理角色、岗位与授权",
    "org.manage_clearances": "管理涉密等级",
    "org.browse": "查阅通讯录",
    "workdays.manage_calendar": "维护工作日历",
    "matters.view_matter": "查看事项",
    "matters.configure": "配置事项规则",
}


def permission_label(perm: str) -> str:
    """The Chinese name of a permission; an unknown one is shown as 未命名权限 rather than its code."""
    return PERMISSION_LABELS.get(perm, "未命名权限")
