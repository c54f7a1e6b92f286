"""督查督办 pages: the item list, 立项, 分解, 督查通报 and the leaders' portfolio view.

An item's own page is the engine's `/matters/<id>/` (with `supervision/_detail.html`). Thin:
parse, call services, render; permissions come from rules.py and matters/rules.py."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from shuniu.core import audit
from shuniu.core.inputs import parse_id, parse_window_date
from shuniu.core.models import AuditEvent
from shuniu.core.permissions import require_perm
from shuniu.matters import batch, exports
from shuniu.matters import services as engine
from shuniu.matters.exports import quote_filename
from shuniu.matters.models import Assignment, Matter
from shuniu.matters.rules import can_view, sees_everything, visible_matters
from shuniu.org.models import LEADER_ROLES, Unit, User

from . import bulletin as bulletins
from . import forms, services
from .models import Bulletin, ReportCycle, Source
from .rules import is_supervision_staff
from .workflow import WORKFLOW

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BREAKDOWN_ROWS = 8


def _handling_units():
    return Unit.objects.filter(is_active=True, kind__in=[Unit.Kind.DEPARTMENT, Unit.Kind.COUNTY]).order_by("sort_order", "code")


def _supervision_items(user):
    return visible_matters(user, Matter.objects.filter(kind="supervision"))


# --- 列表 ------------------------------------------------------------------------------------


@require_perm("core.use_business")
def item_list(request):
    params = request.GET
    now = timezone.now()
    items = _supervision_items(request.user)
    if params.get("source") in Source.values:
        items = items.filter(category=params["source"])
    unit = Unit.objects.filter(code=params.get("unit")).first() if params.get("unit") else None
    if unit is not None:
        items = items.filter(lead_unit=unit)
    q = (params.get("q") or "").strip()[:100]
    if q:
        items = items.filter(Q(title__icontains=q) | Q(serial__iexact=q))
    overdue = params.get("overdue") in ("1", "true", "on")
    if overdue:
        items = items.filter(is_open=True, due_at__lt=now)
    counts = dict(items.order_by().values_list("status").annotate(n=Count("id")))
    state_counts = [(value, label, counts.get(value, 0)) for value, label in WORKFLOW.states.items()]
    overdue_count = items.filter(is_open=True, due_at__lt=now).count()
    total = sum(counts.values())
    status = params.get("status")
    if status in WORKFLOW.states:
        items = items.filter(status=status)
    items = items.select_related("lead_unit").order_by("-received_at", "-id")
    if exports.wants_xlsx(request):
        return exports.list_response(request, items, title="督查事项")
    page = Paginator(items, 30).get_page(params.get("page"))
    labels = dict(Source.choices)
    for matter in page:
        matter.source_label = labels.get(matter.category, matter.category)
    return render(request, "supervision/list.html", {
        "page": page, "params": params, "sources": Source.choices, "units": _handling_units(),
        "state_counts": state_counts, "overdue_count": overdue_count, "total": total, "status": status or "",
        "overdue": overdue, "may_create": request.user.has_perm("supervision.create_item"),
        "batch": batch.available_actions(request.user),
    })


# --- 立项 ------------------------------------------------------------------------------------


def _form_data(post) -> dict:
    data = {key: post.get(key) for key in post if key not in ("csrfmiddlewaretoken", "assist_units")}
    data["assist_units"] = [code for code in post.getlist("assist_units") if code and code != post.get("lead_unit")]
    return data


@require_perm("supervision.create_item")
def new_item(request):
    if request.method == "POST":
        form = forms.ItemForm(_form_data(request.POST), by=request.user)
        if form.is_valid():
            try:
                matter = services.create_item(request.user, _form_data(request.POST))
            except engine.EngineError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, f"已立项并交办：{matter.serial}。")
                return redirect("matters:detail", pk=matter.pk)
        else:
            messages.error(request, services.invalid(form).message)
        status = 400
    else:
        initial = {key: request.GET[key] for key in ("title", "source", "source_ref", "source_matter") if request.GET.get(key)}
        form = forms.ItemForm(initial=initial, by=request.user)
        status = 200
    source_matter = None
    raw_source = form["source_matter"].value()
    if parse_id(raw_source) is not None:
        candidate = Matter.objects.filter(pk=parse_id(raw_source)).first()
        source_matter = candidate if candidate and can_view(request.user, candidate) else None
    return render(request, "supervision/new.html", {
        "form": form, "units": _handling_units(), "source_matter": source_matter,
        "leaders": User.objects.filter(is_active=True, memberships__role__in=LEADER_ROLES, memberships__is_active=True)
        .distinct().order_by("username"),
        "selected_assists": request.POST.getlist("assist_units") if request.method == "POST" else [],
        "custom_cycle": ReportCycle.CUSTOM,
    }, status=status)


# --- 分解 ------------------------------------------------------------------------------------


def _parent_or_404(request, pk) -> Matter:
    parent = get_object_or_404(Matter.objects.select_related("lead_unit", "supervision"), pk=pk, kind="supervision")
    if not can_view(request.user, parent):
        raise Http404("督办事项不存在或您无权查看")
    return parent


@require_perm("supervision.create_item")
def breakdown(request, pk):
    parent = _parent_or_404(request, pk)
    rows = [{"title": "", "content": "", "lead_unit": "", "assist_units": [], "due_date": ""} for _ in range(BREAKDOWN_ROWS)]
    status = 200
    if request.method == "POST":
        rows = [{
            "title": request.POST.get(f"title_{i}", "").strip(),
            "content": request.POST.get(f"content_{i}", "").strip(),
            "lead_unit": request.POST.get(f"lead_unit_{i}", "").strip(),
            "assist_units": [c for c in request.POST.getlist(f"assist_units_{i}") if c],
            "due_date": request.POST.get(f"due_date_{i}", "").strip(),
        } for i in range(BREAKDOWN_ROWS)]
        children = [{k: v for k, v in row.items() if v not in ("", [])} for row in rows if row["title"] or row["lead_unit"]]
        try:
            created = services.break_down(parent, request.user, children)
        except engine.EngineError as error:
            messages.error(request, error.message)
            status = error.status
        else:
            messages.success(request, f"已分解为{len(created)}项子事项并交办。")
            return redirect("matters:detail", pk=parent.pk)
    return render(request, "supervision/breakdown.html", {
        "parent": parent, "rows": rows, "units": _handling_units(),
        "parent_due": timezone.localtime(parent.due_at).date() if parent.due_at else None,
    }, status=status)


# --- 督查通报 ---------------------------------------------------------------------------------


def _period(params) -> tuple[datetime.date, datetime.date, str]:
    """The chosen period; a quick choice (本月/上月/本季度/本年) or two dates; this year by default."""
    today = timezone.localdate()
    preset = params.get("preset", "")
    if preset == "month":
        return today.replace(day=1), today, preset
    if preset == "last_month":
        end = today.replace(day=1) - datetime.timedelta(days=1)
        return end.replace(day=1), end, preset
    if preset == "quarter":
        return today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1), today, preset
    try:
        date_from = parse_window_date(params["from"]) if params.get("from") else today.replace(month=1, day=1)
        date_to = parse_window_date(params["to"]) if params.get("to") else today
    except ValueError:
        raise engine.Invalid("日期不正确：请按YYYY-MM-DD填写1949年至2100年之间实际存在的日期") from None
    return date_from, date_to, ""


@require_perm("supervision.view_bulletin")
def bulletin_page(request):
    report, error = None, ""
    today = timezone.localdate()
    date_from, date_to, preset = today.replace(month=1, day=1), today, ""
    try:
        date_from, date_to, preset = _period(request.GET)
        bulletins.check_period(date_from, date_to)
        report = bulletins.build_report(date_from, date_to)
    except engine.EngineError as exc:
        error = exc.message
        messages.error(request, error)
    return render(request, "supervision/bulletin.html", {
        "report": report, "date_from": date_from, "date_to": date_to, "preset": preset,
        "title": bulletins.bulletin_title(date_from, date_to) if report else "",
        "issued": Bulletin.objects.select_related("created_by").prefetch_related("entries__actor")[:20],
        "may_issue": request.user.has_perm("supervision.issue_bulletin"),
        "state_labels": bulletins.STATE_LABELS,
    }, status=400 if error else 200)


@require_perm("supervision.view_bulletin")
def bulletin_xlsx(request):
    try:
        date_from, date_to, _preset = _period(request.GET)
        bulletins.check_period(date_from, date_to)
    except engine.EngineError as error:
        messages.error(request, error.message)
        return redirect("supervision:bulletin")
    report = bulletins.build_report(date_from, date_to)
    # The ranking is the office's published figures; the list of items only shows what the reader may see.
    visible = set(_supervision_items(request.user).filter(pk__in=[i.matter_id for i in report.items]).values_list("pk", flat=True))
    report.items = [i for i in report.items if i.matter_id in visible]
    audit.record(AuditEvent.Action.EXPORT, request=request, target="督查督办事项办理情况统计表", detail=f"{date_from}至{date_to}")
    response = HttpResponse(bulletins.render_xlsx(report), content_type=XLSX)
    name = f"{bulletins.period_label(date_from, date_to)}督查督办事项办理情况统计表.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote_filename(name)}"
    return response


@require_POST
@require_perm("supervision.issue_bulletin")
def bulletin_issue(request):
    """生成督查通报: a draft without a number (the same period's draft is regenerated)."""
    try:
        date_from, date_to, _preset = _period(request.POST)
        draft = services.draft_bulletin(request.user, date_from, date_to)
    except engine.EngineError as error:
        messages.error(request, error.message)
        return redirect("supervision:bulletin")
    messages.success(request, "已生成督查通报草稿，请下载审核；审核无误后点击“印发”编号。")
    return redirect(f"{reverse('supervision:bulletin')}?from={date_from}&to={date_to}#issued-{draft.pk}")


@require_POST
@require_perm("supervision.issue_bulletin")
def bulletin_number(request, pk):
    """印发: the draft takes its 发文字号, once."""
    try:
        issued = services.issue_drafted_bulletin(request.user, get_object_or_404(Bulletin, pk=pk))
    except engine.EngineError as error:
        messages.error(request, error.message)
        return redirect("supervision:bulletin")
    messages.success(request, f"督查通报已印发，文号{issued.doc_number}。")
    return redirect(f"{reverse('supervision:bulletin')}#issued-{issued.pk}")


@require_POST
@require_perm("supervision.issue_bulletin")
def bulletin_void(request, pk):
    """作废文号 with the reason given."""
    try:
        voided = services.void_bulletin(request.user, get_object_or_404(Bulletin, pk=pk), request.POST.get("reason", ""))
    except engine.EngineError as error:
        messages.error(request, error.message)
        return redirect("supervision:bulletin")
    messages.success(request, f"文号{voided.doc_number}已作废。")
    return redirect(f"{reverse('supervision:bulletin')}#issued-{voided.pk}")


@require_perm("supervision.view_bulletin")
def bulletin_docx(request, pk):
    issued = get_object_or_404(Bulletin, pk=pk)
    report = bulletins.Report.from_dict(issued.data)
    audit.record(AuditEvent.Action.EXPORT, request=request, target=issued.doc_number, detail=issued.title)
    # A draft carries no number and no date yet; its file name says it is a draft.
    content = bulletins.render_docx(report, issued.doc_number, issued.issued_on or timezone.localdate())
    response = HttpResponse(content, content_type=DOCX)
    name = f"{issued.doc_number}{issued.title}.docx" if issued.doc_number else f"{issued.title}（草稿）.docx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote_filename(name)}"
    return response


# --- 分管领域 ---------------------------------------------------------------------------------


@require_perm("supervision.view_portfolio")
def portfolio(request):
    """The items led by the units in the leader's portfolio (分管), unit by unit, by deadline state.
    The principal leader, the office's leaders and 督查科 see every unit."""
    user = request.user
    now = timezone.now()
    threshold = engine.reminder_threshold(now, WORKFLOW)
    whole_office = sees_everything(user) or is_supervision_staff(user)
    unit_ids = None if whole_office else user.portfolio_unit_ids()
    if unit_ids is not None and not unit_ids:
        raise PermissionDenied
    items = Matter.objects.filter(kind="supervision", lead_unit__isnull=False, secrecy__lte=user.clearance)
    if unit_ids is not None:
        items = items.filter(lead_unit_id__in=unit_ids)
    year_start = timezone.make_aware(datetime.datetime.combine(timezone.localdate().replace(month=1, day=1), datetime.time.min))
    items = items.filter(Q(is_open=True) | Q(closed_at__gte=year_start)).select_related("lead_unit").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.filter(role=Assignment.Role.LEAD, status__in=Assignment.ACTIVE),
                 to_attr="open_leads"))
    groups: dict[int, dict] = {}
    for matter in items.order_by("due_at", "id"):
        group = groups.setdefault(matter.lead_unit_id, {
            "unit": matter.lead_unit, "normal": 0, "due_soon": 0, "overdue": 0, "closed": 0, "closed_late": 0, "open": [],
        })
        if not matter.is_open:
            group["closed"] += 1
            group["closed_late"] += 0 if matter.closed_on_time else 1
            continue
        if matter.due_at is not None and matter.due_at < now:
            matter.portfolio_state = "overdue"
        elif matter.due_at is not None and matter.due_at <= threshold:
            matter.portfolio_state = "due_soon"
        else:
            matter.portfolio_state = "normal"
        group[matter.portfolio_state] += 1
        group["open"].append(matter)
    ordered = sorted(groups.values(), key=lambda g: (-g["overdue"], -g["due_soon"], g["unit"].sort_order))
    totals = {key: sum(g[key] for g in ordered) for key in ("normal", "due_soon", "overdue", "closed", "closed_late")}
    scope = "全市各单位" if whole_office else "、".join(
        Unit.objects.filter(pk__in=unit_ids).order_by("sort_order").values_list("name", flat=True))
    return render(request, "supervision/portfolio.html", {"groups": ordered, "totals": totals, "scope": scope,
                                                          "year": timezone.localdate().year})
