"""Pages of the hotline office: the ticket list, the operator's desk (接听登记), the knowledge base
and the metrics. Thin: parse, call services, render. Ticket pages themselves are the engine's
generic matter page (/matters/<id>/) with `hotline/_detail.html` included."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from shuniu.core import audit
from shuniu.core.inputs import is_id, query_period
from shuniu.core.models import AuditEvent
from shuniu.core.permissions import require_perm
from shuniu.matters import batch, exports
from shuniu.matters.exports import quote_filename
from shuniu.matters.models import Matter, Urgency
from shuniu.matters.rules import can_view, visible_matters
from shuniu.matters.services import EngineError
from shuniu.org.models import Unit

from . import metrics, services
from .forms import ArticleForm, TicketForm, normalize_phone
from .models import CATEGORY_ROUTES, Article, Category, Channel, Policy, TicketType
from .workflow import KIND, WORKFLOW

TABS = {
    "todo": ("待分办", Q(status="registered")),
    "handling": ("办理中", Q(status__in=["dispatched", "in_progress"])),
    "review": ("待审核", Q(status="reply_review")),
    "revisit": ("待回访", Q(status="answered")),
    "overdue": ("已超期", Q(is_open=True, sla="overdue")),
    "all": ("全部", Q()),
}


@require_perm("core.use_business")
def ticket_list(request):
    params = request.GET
    tab = params.get("tab") if params.get("tab") in TABS else "all"
    tickets = visible_matters(request.user, Matter.objects.filter(kind=KIND)).filter(TABS[tab][1])
    for name, field in (("channel", "ticket__channel"), ("type", "ticket__type"), ("category", "category")):
        if params.get(name):
            tickets = tickets.filter(**{field: params[name]})
    if params.get("unit"):
        tickets = tickets.filter(lead_unit__code=params["unit"])
    q = (params.get("q") or "").strip()[:100]
    if q:
        phone = normalize_phone(q)
        tickets = tickets.filter(Q(serial=q.upper()) | Q(title__icontains=q) | Q(ticket__phone=phone)
                                 | Q(ticket__query_code=q.upper()))
    tickets = tickets.select_related("ticket", "lead_unit").order_by("-received_at", "-id")
    if exports.wants_xlsx(request):
        return exports.list_response(request, tickets, title=f"12345热线工单（{TABS[tab][0]}）")
    page = Paginator(tickets, 30).get_page(params.get("page"))
    return render(request, "hotline/list.html", {
        "page": page, "tab": tab, "tabs": {k: v[0] for k, v in TABS.items()}, "params": params,
        "channels": Channel.choices, "types": TicketType.choices, "categories": Category.choices,
        "units": Unit.objects.filter(is_active=True, kind__in=["department", "county"]).order_by("sort_order"),
        "may_register": request.user.has_perm("hotline.register_ticket"),
        "states": WORKFLOW.states, "batch": batch.available_actions(request.user),
    })


def _desk_context(request, form, **extra):
    return {
        "form": form,
        "units": Unit.objects.filter(is_active=True, kind__in=["department", "county"]).order_by("sort_order"),
        "routes": {str(k): v for k, v in CATEGORY_ROUTES.items()}, "policy": Policy.current(),
        "urgencies": Urgency.choices, **extra,
    }


@require_perm("hotline.register_ticket")
def desk(request):
    """接听登记: the operator types the caller's number first (history appears), then the request;
    registers it, answers it from the knowledge base (直接办结) or dispatches it at once."""
    last = None
    if is_id(request.GET.get("last")):
        last = Matter.objects.filter(pk=request.GET["last"], kind=KIND).select_related("ticket", "lead_unit").first()
        if last is not None and not can_view(request.user, last):
            last = None
    if request.method != "POST":
        return render(request, "hotline/desk.html", _desk_context(request, TicketForm(initial={"channel": "phone"}),
                                                                  last=last))
    form = TicketForm(request.POST)
    action = request.POST.get("action", "register")
    article = None
    if is_id(request.POST.get("article", "")):
        article = Article.objects.filter(pk=request.POST["article"], is_published=True).first()
    try:
        matter = services.take_call(
            request.user, request.POST, action=action, reply=request.POST.get("reply", ""),
            lead_unit=request.POST.get("lead_unit", ""), article=article,
        )
    except EngineError as error:
        form.is_valid()
        for field, errors in error.fields.items():
            if field in form.fields and field not in form.errors:
                for message in errors:
                    form.add_error(field, message)
        messages.error(request, error.message)
        return render(request, "hotline/desk.html", _desk_context(
            request, form, reply=request.POST.get("reply", ""), lead_unit=request.POST.get("lead_unit", ""),
            article_id=article.pk if article else ""), status=400)
    ticket = matter.ticket
    done = {"answer": "已直接办结", "dispatch": f"已派单至{matter.lead_unit.name if matter.lead_unit else ''}"}.get(action, "已登记")
    messages.success(request, f"{matter.serial}{done}，查询码 {ticket.query_code}。")
    duplicates = services.duplicates_of(matter) if matter.is_open else []
    if duplicates:
        messages.warning(request, "疑似重复件：" + "、".join(d.matter.serial for d in duplicates) + "，可在工单页面归并。")
    return redirect(f"{request.path}?last={matter.pk}")


@require_perm("hotline.register_ticket")
def caller_history(request):
    """htmx: the caller's earlier tickets as the operator types the number."""
    phone = normalize_phone(request.GET.get("phone", ""))
    tickets = services.caller_history(phone, request.user) if len(phone) >= 7 else []
    return render(request, "hotline/_caller_history.html", {"tickets": tickets, "phone": phone})


@require_perm("hotline.view_knowledge")
def knowledge_suggestions(request):
    """htmx: knowledge-base answers for what the operator is typing."""
    query = " ".join(request.GET.get(name, "") for name in ("title", "q")).strip()
    articles = services.search_knowledge(query, request.GET.get("category", ""), limit=5) if query else []
    return render(request, "hotline/_knowledge_suggestions.html", {"articles": articles, "query": query})


@require_perm("hotline.view_knowledge")
def knowledge_list(request):
    query = (request.GET.get("q") or "").strip()
    category = request.GET.get("category", "")
    may_manage = request.user.has_perm("hotline.manage_knowledge")
    if query:
        articles = services.search_knowledge(query, category, limit=100, published_only=not may_manage)
    else:
        articles = Article.objects.all() if may_manage else Article.objects.filter(is_published=True)
        if category:
            articles = articles.filter(category=category)
    page = Paginator(articles, 30).get_page(request.GET.get("page"))
    return render(request, "hotline/knowledge_list.html", {
        "page": page, "query": query, "category": category, "categories": Category.choices, "may_manage": may_manage,
    })


@require_perm("hotline.view_knowledge")
def knowledge_detail(request, pk):
    article = get_object_or_404(Article, pk=pk)
    may_manage = request.user.has_perm("hotline.manage_knowledge")
    if not article.is_published and not may_manage:
        raise Http404("知识库条目不存在")
    return render(request, "hotline/knowledge_detail.html", {"article": article, "may_manage": may_manage})


@require_perm("hotline.manage_knowledge")
def knowledge_edit(request, pk=None):
    article = get_object_or_404(Article, pk=pk) if pk else None
    form = ArticleForm(request.POST or None, instance=article)
    if request.method == "POST":
        if form.is_valid():
            article = services.save_article(form, request.user)
            messages.success(request, f"知识库条目“{article.title}”已保存。")
            return redirect("hotline:knowledge_detail", pk=article.pk)
        messages.error(request, "请按提示修改后再保存。")
    return render(request, "hotline/knowledge_form.html", {"form": form, "article": article},
                  status=400 if request.method == "POST" else 200)


def _metrics_params(request):
    group_by = request.GET.get("group_by") if request.GET.get("group_by") in metrics.GROUPS else "unit"
    today = timezone.localdate()
    date_from, date_to, problem = query_period(request.GET, today.replace(month=1, day=1), today)
    if problem:
        messages.error(request, f"{problem}，已按今年以来统计。")
    return group_by, date_from, date_to


@require_perm("hotline.view_metrics")
def metrics_page(request):
    group_by, date_from, date_to = _metrics_params(request)
    rows = metrics.query(user=request.user, date_from=date_from, date_to=date_to, group_by=group_by)
    return render(request, "hotline/metrics.html", {
        "rows": rows, "total": metrics.total(rows), "group_by": group_by, "groups": metrics.GROUPS,
        "date_from": date_from, "date_to": date_to,
    })


@require_perm("hotline.view_metrics")
def metrics_xlsx(request):
    group_by, date_from, date_to = _metrics_params(request)
    rows = metrics.query(user=request.user, date_from=date_from, date_to=date_to, group_by=group_by)
    content = metrics.workbook(rows, group_by=group_by, date_from=date_from, date_to=date_to)
    audit.record(AuditEvent.Action.EXPORT, request=request, target="12345热线考核指标", detail=f"{date_from}至{date_to}")
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote_filename('12345热线考核指标')}-{date_from}-{date_to}.xlsx"
    )
    return response
