"""Pages of the engine: 我的待办, the matter list, a matter's page with its transitions, statistics.

Thin: parse, call services, render. Permissions come from matters/rules.py."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from shuniu.core import registry
from shuniu.core.convert import ConversionError
from shuniu.core.errors import ApiError
from shuniu.core.inputs import parse_window_date
from shuniu.core.permissions import require_perm
from shuniu.notify import services as notify
from shuniu.org.models import Unit

from . import batch, exports, preview, services, stats
from . import clocks as matter_clocks
from .api import filter_matters
from .models import Attachment, Matter
from .rules import can_view
from .workflow import all_workflows, get_workflow


def _visible_or_404(request, pk) -> Matter:
    matter = get_object_or_404(Matter.objects.select_related("owner_unit", "lead_unit", "created_by"), pk=pk)
    if not can_view(request.user, matter):
        raise Http404("事项不存在或您无权查看")
    return matter


def inbox_panel(request):
    """The home page's 我的待办 panel (registered in matters/hooks.py)."""
    todos = services.inbox(request.user)[:10]
    return {"todos": todos, "count": services.inbox(request.user).count(),
            "messages": notify.latest(request.user, 5)}


@require_perm("core.use_business")
def inbox_page(request):
    tab = request.GET.get("tab", "todo")
    if tab == "done":
        rows, title = services.done_by(request.user).select_related("lead_unit"), "已办事项"
    elif tab == "mine":
        rows, title = services.started_by(request.user).select_related("lead_unit"), "我发起的事项"
    else:
        tab = "todo"
        rows, title = services.inbox(request.user), "我的待办"
    if exports.wants_xlsx(request):
        return exports.list_response(request, rows, title=title, columns=exports.TODO_COLUMNS if tab == "todo" else None)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(request, "matters/inbox.html", {"page": page, "tab": tab, "batch": batch.available_actions(request.user)})


@require_perm("core.use_business")
def matter_list(request):
    try:
        matters = filter_matters(request.user, request.GET).select_related("lead_unit")
    except ApiError as error:
        messages.error(request, error.message)
        matters = Matter.objects.none()
    if exports.wants_xlsx(request):
        return exports.list_response(request, matters, title="事项查询")
    page = Paginator(matters, 30).get_page(request.GET.get("page"))
    kind = request.GET.get("kind", "")
    states = get_workflow(kind).states if kind in {w.kind for w in all_workflows()} else {}
    return render(request, "matters/list.html", {
        "page": page, "kinds": all_workflows(), "states": states, "params": request.GET,
        "batch": batch.available_actions(request.user),
    })


@require_perm("core.use_business")
def detail(request, pk):
    matter = _visible_or_404(request, pk)
    services.note_read(matter, request.user, request)
    return render(request, "matters/detail.html", _detail_context(request, matter))


@require_perm("core.use_business")
def print_view(request, pk):
    """打印: the kind's printed form (workflow.print_template) or the generic 处理单, with print CSS."""
    matter = _visible_or_404(request, pk)
    services.note_read(matter, request.user, request)
    context = _detail_context(request, matter, with_forms=False)
    context["print_template"] = context["workflow"].print_template or "matters/_print_generic.html"
    context["printed_at"] = timezone.now()
    response = render(request, "matters/print.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _detail_context(request, matter, failed=None, failed_form=None, with_forms=True):
    workflow = get_workflow(matter.kind)
    forms = []
    for transition in services.available_transitions(matter, request.user) if with_forms else []:
        if failed == transition.name:
            form = failed_form
        else:
            # Ids carry the transition name: several forms on one page must not share `id_comment`.
            form = transition.form(auto_id=f"id_{transition.name}_%s") if transition.form else None
        forms.append({"transition": transition, "form": form, "open": failed == transition.name})
    detail_obj = None
    if workflow.detail_model:
        detail_obj = apps.get_model(workflow.detail_model).objects.filter(matter=matter).first()
    return {
        "matter": matter,
        "workflow": workflow,
        "detail": detail_obj,
        "detail_template": workflow.detail_template,
        "assignments": matter.assignments.select_related("unit").order_by("role", "id"),
        "review_steps": matter.review_steps.select_related("unit", "person", "decided_by").order_by("round", "seq", "id"),
        "entries": _labelled(workflow, matter.entries.select_related("actor_unit").prefetch_related("attachments").order_by("at", "id")),
        "attachments": matter.attachments.order_by("uploaded_at"),
        "transition_forms": forms,
        "children": matter.children.order_by("id") if matter.pk else [],
        "clocks": matter_clocks.rows(matter) if workflow.clocks else [],
        "unit_choices": Unit.objects.filter(is_active=True, kind__in=["department", "county"]).order_by("sort_order"),
    }


def _labelled(workflow, entries):
    entries = list(entries)
    for entry in entries:
        entry.from_label = workflow.state_label(entry.from_status) if entry.from_status else ""
        entry.to_label = workflow.state_label(entry.to_status)
    return entries


@require_POST
@require_perm("core.use_business")
def do_transition(request, pk, name):
    matter = _visible_or_404(request, pk)
    try:
        services.perform(matter, name, request.user, request.POST, request.FILES, version=request.POST.get("version") or None)
    except services.Invalid as error:
        transition = get_workflow(matter.kind).transition(name)
        form = transition.form(request.POST, auto_id=f"id_{name}_%s") if transition and transition.form else None
        if form is not None:
            form.is_valid()
            for field, errors in error.fields.items():
                if field in form.fields and field not in form.errors:
                    for e in errors:
                        form.add_error(field, e)
        messages.error(request, error.message)
        matter.refresh_from_db()
        return render(request, "matters/detail.html", _detail_context(request, matter, name, form), status=400)
    except services.EngineError as error:
        messages.error(request, error.message)
        status = error.status
        if status == 404:
            raise Http404(error.message)
        matter.refresh_from_db()
        return render(request, "matters/detail.html", _detail_context(request, matter), status=status)
    transition = get_workflow(matter.kind).transition(name)
    messages.success(request, f"已{transition.label}。")
    return redirect("matters:detail", pk=pk)


@require_POST
@require_perm("core.use_business")
def batch_action(request):
    """批量签收 / 批量催办 from a list's checkboxes; the result page names every item."""
    back = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}) or not back.startswith("/"):
        back = reverse("matters:inbox")
    action = request.POST.get("action", "")
    try:
        outcomes = batch.run(request.user, action, batch.parse_ids(request.POST.getlist("ids")), request.POST.get("comment", ""))
    except services.EngineError as error:
        messages.error(request, error.message)
        return redirect(back)
    done = sum(1 for o in outcomes if o.done)
    return render(request, "matters/batch_result.html", {
        "outcomes": outcomes, "label": batch.ACTIONS[action], "done": done, "refused": len(outcomes) - done, "back": back,
    })


@require_perm("core.use_business")
def attachment(request, pk, file_id):
    matter = _visible_or_404(request, pk)
    item = get_object_or_404(Attachment, pk=file_id, matter=matter)
    services.note_read(matter, request.user, request)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


@require_perm("core.use_business")
@xframe_options_sameorigin
def attachment_preview(request, pk, file_id):
    """预览: an image or PDF inline, a Word file as PDF when LibreOffice is installed; otherwise a
    page that says so with the download link. Never cached (Cache-Control: no-store)."""
    matter = _visible_or_404(request, pk)
    item = get_object_or_404(Attachment, pk=file_id, matter=matter)
    services.note_read(matter, request.user, request)
    kind, content_type = preview.kind_of(item)
    note = "该类型的文件不能在页面中预览，请下载后查看。"
    response = None
    if kind in ("image", "pdf"):
        response = FileResponse(item.file.open("rb"), content_type=content_type)
    elif kind == "office" and preview.can_convert():
        try:
            response = HttpResponse(preview.office_pdf(item), content_type=content_type)
        except ConversionError:
            note = "文件转换失败，不能在页面中预览，请下载后查看。"
    elif kind == "office":
        note = "服务器未安装LibreOffice，Word文件不能在页面中预览，请下载后查看。"
    if response is None:
        response = render(request, "matters/preview_unavailable.html", {"matter": matter, "item": item, "note": note})
    else:
        response["Content-Disposition"] = f"inline; filename*=UTF-8''{exports.quote_filename(item.name)}"
        if kind == "image":
            response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "no-store"
    return response


STATS_DEFAULT_DAYS = 31


def _stats_params(request):
    kind = request.GET.get("kind") or None
    if kind and kind not in {w.kind for w in all_workflows()}:
        kind = None
    group_by = request.GET.get("group_by") if request.GET.get("group_by") in stats.GROUPS else "unit"
    today = timezone.localdate()  # the office's date (Asia/Shanghai), not the server clock's
    # Unless asked otherwise, the last 31 days (today included): the first load reads a month.
    default_from = today - datetime.timedelta(days=STATS_DEFAULT_DAYS - 1)
    try:
        date_from = parse_window_date(request.GET.get("from", "")) if request.GET.get("from") else default_from
        date_to = parse_window_date(request.GET.get("to", "")) if request.GET.get("to") else today
    except ValueError:
        messages.error(request, f"日期格式不正确或不在1949年至2100年之间，已按近{STATS_DEFAULT_DAYS}天统计。")
        date_from, date_to = default_from, today
    return kind, group_by, date_from, date_to


def kind_stats_pages(user) -> list[dict]:
    """The kinds' own statistics pages (core.registry.add_stats_page) this user may open."""
    pages = []
    for page in registry.stats_pages():
        if page.shown_to(user):
            try:
                pages.append({"label": page.label, "url": reverse(page.url_name)})
            except NoReverseMatch:
                continue
    return pages


@require_perm("core.use_business")
def stats_page(request):
    kind, group_by, date_from, date_to = _stats_params(request)
    rows = stats.query(user=request.user, kind=kind, date_from=date_from, date_to=date_to, group_by=group_by)
    return render(request, "matters/stats.html", {
        "rows": rows, "total": stats.total(rows), "kinds": all_workflows(), "kind": kind or "", "group_by": group_by,
        "date_from": date_from, "date_to": date_to, "groups": {"unit": "按单位", "category": "按分类", "month": "按月份", "kind": "按类别"},
        "kind_pages": kind_stats_pages(request.user),
    })


@require_perm("core.use_business")
def stats_xlsx(request):
    kind, group_by, date_from, date_to = _stats_params(request)
    rows = stats.query(user=request.user, kind=kind, date_from=date_from, date_to=date_to, group_by=group_by)
    content = exports.stats_workbook(rows, kind=kind, group_by=group_by, date_from=date_from, date_to=date_to)
    from shuniu.core import audit
    from shuniu.core.models import AuditEvent

    audit.record(AuditEvent.Action.EXPORT, request=request, target="统计表", detail=f"{kind or '全部'} {date_from}至{date_to}")
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{exports.quote_filename('统计表')}-{date_from}-{date_to}.xlsx"
    return response


@require_perm("core.use_business")
def messages_page(request):
    if request.method == "POST":
        notify.mark_read(request.user)
        return redirect("matters:messages")
    page = Paginator(request.user.messages.order_by("-created_at", "-id"), 30).get_page(request.GET.get("page"))
    return render(request, "matters/messages.html", {"page": page})
