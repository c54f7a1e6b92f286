"""The audit log, for the audit administrator (安全审计员) only."""

from django.core.paginator import Paginator
from django.shortcuts import render

from .models import AuditEvent
from .permissions import require_perm


@require_perm("core.view_audit")
def audit_log(request):
    events = AuditEvent.objects.select_related("user")
    action = request.GET.get("action", "")
    if action in AuditEvent.Action.values:
        events = events.filter(action=action)
    username = request.GET.get("username", "").strip()
    if username:
        events = events.filter(username__icontains=username)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit.html",
        {"page": page, "actions": AuditEvent.Action.choices, "action": action, "username": username},
    )
