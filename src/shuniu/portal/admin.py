"""系统管理 › 公众留言登记: the portal's intake queue. Read-only, without the message's content;
failed submissions can be put back in the queue (an audited change)."""

from django.contrib import admin, messages

from shuniu.core.admin import ShuniuModelAdmin

from . import services
from .models import Submission


@admin.register(Submission)
class SubmissionAdmin(ShuniuModelAdmin):
    view_perm = "portal.view_submissions"
    change_perm = None  # nothing is edited by hand; the action below needs its own rule
    add_perm = None
    delete_perm = None
    list_display = ("query_code", "channel", "status", "received_at", "due_at", "attempts", "retry_at",
                    "ticket_serial", "registered_at")
    list_filter = ("status", "channel")
    search_fields = ("query_code",)
    date_hierarchy = "received_at"
    list_per_page = 50
    list_select_related = ("matter",)
    ordering = ("-id",)
    fields = ("query_code", "channel", "status", "received_at", "due_at", "due_uncertain", "attempts", "error",
              "retry_at", "claimed_until", "ticket_serial", "registered_at")
    readonly_fields = fields
    actions = ["retry"]

    @admin.display(description="热线工单编号")
    def ticket_serial(self, obj):
        return obj.matter.serial if obj.matter_id else ""

    def has_retry_permission(self, request):
        return request.user.has_perm("portal.retry_submissions")

    @admin.action(description="重新登记所选的登记失败留言", permissions=["retry"])
    def retry(self, request, queryset):
        failed = list(queryset.filter(status=Submission.Status.FAILED))
        count = services.retry(failed)
        for submission in failed:
            self.log_change(request, submission, "重新登记")
        if count:
            self.message_user(request, f"已将{count}条留言重新排入登记队列。", messages.SUCCESS)
        else:
            self.message_user(request, "所选留言中没有登记失败的留言。", messages.WARNING)
