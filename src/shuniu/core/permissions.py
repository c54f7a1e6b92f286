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
# permission it lacked). Every permission registered with `rules.add_perm` has a label here; a
# test holds that, so a new permission without one fails.
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
    "documents.draft_outgoing": "拟制发文",
    "documents.register_incoming": "登记收文",
    "documents.manage_config": "配置公文参数",
    "hotline.register_ticket": "登记12345工单",
    "hotline.manage_knowledge": "维护知识库",
    "hotline.view_knowledge": "查阅知识库",
    "hotline.view_metrics": "查看热线考核指标",
    "hotline.view_policy": "查看热线办理规则",
    "hotline.change_policy": "修改热线办理规则",
    "petitions.register": "登记信访件",
    "petitions.see_personal_data_in_lists": "在列表中查看信访人个人信息",
    "portal.view_submissions": "查看公众留言登记情况",
    "portal.retry_submissions": "重新登记公众留言",
    "supervision.create_item": "立项督查事项",
    "supervision.issue_bulletin": "编发督查通报",
    "supervision.view_bulletin": "查阅督查通报",
    "supervision.view_portfolio": "查看分管督查事项",
}


def permission_label(perm: str) -> str:
    """The Chinese name of a permission; an unknown one is shown as 未命名权限 rather than its code."""
    return PERMISSION_LABELS.get(perm, "未命名权限")
