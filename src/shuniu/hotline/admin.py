"""热线办理规则 in 系统管理: the system administrator keeps the local rules (DOMAIN.md §5 marks
them configurable) — deadlines by urgency, the return window, extension limits, duplicate
detection and the reopen rule. One row; changes are audited and apply to the next action.

Tickets and the knowledge base are business content: the hotline office keeps them in its own
pages (/hotline/), never here (三员 do not read business content)."""

from django.contrib import admin

from shuniu.core.admin import ShuniuModelAdmin

from .models import Policy


@admin.register(Policy)
class PolicyAdmin(ShuniuModelAdmin):
    view_perm = "hotline.view_policy"
    change_perm = "hotline.change_policy"
    add_perm = "hotline.change_policy"
    delete_perm = None
    list_display = ["__str__", "handle_days", "urgent_hours", "very_urgent_hours", "return_window_days",
                    "max_extensions", "extension_max_days", "duplicate_window_days", "reopen_rule", "max_reopens"]
    fieldsets = [
        ("办理时限", {"fields": ["handle_days", "urgent_hours", "very_urgent_hours"],
                  "description": "自受理时起计算；工作日按法定节假日和调休安排计算。"}),
        ("退回与延期", {"fields": ["return_window_days", "max_extensions", "extension_max_days"]}),
        ("重复件", {"fields": ["duplicate_window_days", "duplicate_similarity"]}),
        ("重办", {"fields": ["reopen_rule", "max_reopens"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Policy.objects.exists()

    def changelist_view(self, request, extra_context=None):
        # One row: open it straight away (created with the shipped defaults on first visit).
        from django.shortcuts import redirect

        if self.has_change_permission(request):
            policy, _created = Policy.objects.get_or_create(pk=1)
            return redirect("admin:hotline_policy_change", policy.pk)
        return super().changelist_view(request, extra_context)
