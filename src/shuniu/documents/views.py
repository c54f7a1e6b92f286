"""公文 pages: the lists (发文/收文), 拟稿 and 修改文稿, 收文登记, versions (清稿, 修改痕迹), the
GB/T 9704 download, the 阅办卡 and statistics.

A document's own page is the engine's `/matters/<id>/` (with `documents/_outgoing_detail.html` or
`_incoming_detail.html`), where every step of the chain is a transition form. Thin: parse, call
services, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from shuniu.core.inputs import parse_id, query_period
from shuniu.core.permissions import require_perm
from shuniu.matters import batch, exports
from shuniu.matters import services as engine
from shuniu.matters.models import Matter
from shuniu.matters.rules import can_view, visible_matters
from shuniu.org.models import Unit

from . import rendering, services, stats, versions
from . import states as S
from .api import file_response
from .forms import IncomingForm, OutgoingForm
from .models import DocType, NumberSeries


def _doc_number(matter) -> str:
    detail = getattr(matter, "outgoing" if matter.kind == "doc_out" else "incoming", None)
    return getattr(detail, "doc_number", "") or ""


DOC_COLUMNS = {
    "doc_out": [exports.MATTER_COLUMNS[1], ("发文字号", 20, _doc_number), exports.MATTER_COLUMNS[2],
                ("拟稿单位", 22, lambda m: str(m.outgoing.drafting_unit or "") if hasattr(m, "outgoing") else ""),
                *exports.MATTER_COLUMNS[4:]],
    "doc_in": [exports.MATTER_COLUMNS[1], ("来文字号", 20, _doc_number), exports.MATTER_COLUMNS[2],
               *exports.MATTER_COLUMNS[3:]],
}

KINDS = {"out": ("doc_out", "发文", S.OUT_STATES), "in": ("doc_in", "收文", S.IN_STATES)}


def _document_or_404(request, pk, kind: str | None = None) -> Matter:
    matter = get_object_or_404(Matter.objects.select_related("owner_unit", "lead_unit"), pk=pk,
                               kind__in=[kind] if kind else ["doc_out", "doc_in"])
    if not can_view(request.user, matter):
        raise Http404("公文不存在或您无权查看")
    services.note_read(matter, request.user, request)
    return matter


def _errors_to_form(form, error: engine.EngineError) -> None:
    for field, errors in error.fields.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


@require_perm("core.use_business")
def document_list(request):
    tab = request.GET.get("tab") if request.GET.get("tab") in KINDS else "out"
    kind, label, states = KINDS[tab]
    matters = visible_matters(request.user, Matter.objects.filter(kind=kind))
    status = request.GET.get("status", "")
    if status in states:
        matters = matters.filter(status=status)
    q = (request.GET.get("q") or "").strip()[:100]
    if q:
        if kind == "doc_out":
            matters = matters.filter(title__icontains=q) | matters.filter(outgoing__doc_number__icontains=q)
        else:
            matters = matters.filter(title__icontains=q) | matters.filter(incoming__doc_number__icontains=q)
    related = ["outgoing", "outgoing__drafting_unit"] if kind == "doc_out" else ["incoming", "owner_unit"]
    matters = matters.select_related(*related).order_by("-received_at", "-id")
    if exports.wants_xlsx(request):
        return exports.list_response(request, matters, title=f"{label}列表", columns=DOC_COLUMNS[kind])
    page = Paginator(matters, 30).get_page(request.GET.get("page"))
    return render(request, "documents/list.html", {
        "page": page, "tab": tab, "label": label, "states": states, "status": status, "q": q,
        "can_draft": request.user.has_perm("documents.draft_outgoing"),
        "can_register": request.user.has_perm("documents.register_incoming"),
        # 收文 are handled by units (承办签收, 催办); a 发文 has no batch step.
        "batch": batch.available_actions(request.user) if kind == "doc_in" else {},
    })


def document_page(request, pk):
    """A stable address for a document: its matter page."""
    return redirect("matters:detail", pk=pk)


def _draft_context(form, **extra):
    if extra.get("fixed"):
        for name in services.FIXED_AFTER_SUBMIT:
            form.fields[name].disabled = True
    return {"form": form, "series": NumberSeries.objects.filter(is_active=True).select_related("issuer"),
            "units": Unit.objects.filter(is_active=True).order_by("sort_order"), "doc_types": DocType.choices, **extra}


@require_perm("documents.draft_outgoing")
def new_outgoing(request):
    if request.method == "POST":
        form = OutgoingForm(request.POST)
        try:
            matter = services.create_outgoing(request.user, request.POST, request.FILES or None)
        except engine.EngineError as error:
            form.is_valid()
            _errors_to_form(form, error)
            messages.error(request, error.message)
            return render(request, "documents/draft_form.html", _draft_context(form, creating=True), status=400)
        messages.success(request, f"已保存文稿（{matter.serial}），核对无误后请送审。")
        return redirect("matters:detail", pk=matter.pk)
    initial = {"doc_type": request.GET.get("doc_type") or DocType.NOTICE, "issuer_units": "szfb", "sealed": "true"}
    return render(request, "documents/draft_form.html", _draft_context(OutgoingForm(initial=initial), creating=True))


@require_perm("core.use_business")
def edit_outgoing(request, pk):
    matter = _document_or_404(request, pk, "doc_out")
    if not services.may_edit(request.user, matter):
        messages.error(request, "您不是当前环节的办理人，或公文已编号，不能修改文稿。")
        return redirect("matters:detail", pk=pk)
    fixed = matter.status != S.DRAFT
    if request.method == "POST":
        form = OutgoingForm(request.POST)
        try:
            version = services.edit_outgoing(matter.pk, request.user, request.POST,
                                             version=request.POST.get("version") or None)
        except engine.EngineError as error:
            form.is_valid()
            _errors_to_form(form, error)
            messages.error(request, error.message)
            return render(request, "documents/draft_form.html",
                          _draft_context(form, matter=matter, fixed=fixed), status=400)
        messages.success(request, f"已保存为第{version.number}稿。")
        return redirect("matters:detail", pk=pk)
    form = OutgoingForm(initial=services.current_values(matter.outgoing))
    return render(request, "documents/draft_form.html", _draft_context(form, matter=matter, fixed=fixed))


@require_perm("documents.register_incoming")
def new_incoming(request):
    if request.method == "POST":
        form = IncomingForm(request.POST)
        try:
            matter = services.register_incoming(request.user, request.POST, request.FILES or None)
        except engine.EngineError as error:
            form.is_valid()
            _errors_to_form(form, error)
            messages.error(request, error.message)
            return render(request, "documents/incoming_form.html", {"form": form}, status=400)
        messages.success(request, f"已签收登记，收文编号{matter.serial}，发文字号规范为“{matter.incoming.doc_number or '无'}”。")
        return redirect("matters:detail", pk=matter.pk)
    form = IncomingForm(initial={"received_at": timezone.localtime().strftime("%Y-%m-%d %H:%M")})
    return render(request, "documents/incoming_form.html", {"form": form})


@require_perm("core.use_business")
def version_list(request, pk):
    matter = _document_or_404(request, pk, "doc_out")
    items = list(matter.outgoing.versions.select_related("created_by"))
    return render(request, "documents/versions.html", {
        "matter": matter, "doc": matter.outgoing, "versions": items,
        "default_from": items[-2].number if len(items) > 1 else 1, "default_to": items[-1].number if items else 1,
    })


@require_perm("core.use_business")
def clean_copy(request, pk, number):
    """清稿: one version as clean text."""
    matter = _document_or_404(request, pk, "doc_out")
    version = get_object_or_404(matter.outgoing.versions, number=number)
    return render(request, "documents/clean_copy.html", {
        "matter": matter, "version": version, "paragraphs": [p for p in version.body.splitlines() if p.strip()],
        "elements": [(label, version.elements.get(key)) for key, label in versions.ELEMENT_LABELS.items()
                     if version.elements.get(key) not in (None, "")],
    })


@require_perm("core.use_business")
def diff(request, pk):
    """修改痕迹: the marked changes between any two versions."""
    matter = _document_or_404(request, pk, "doc_out")
    doc = matter.outgoing
    a, b = parse_id(request.GET.get("from", "")), parse_id(request.GET.get("to", ""))
    if a is None or b is None:
        messages.error(request, "请选择要比较的两个版本。")
        return redirect("documents:versions", pk=pk)
    old = doc.versions.filter(number=a).first()
    new = doc.versions.filter(number=b).first()
    if old is None or new is None:
        messages.error(request, "所选版本不存在。")
        return redirect("documents:versions", pk=pk)
    return render(request, "documents/diff.html", {"matter": matter, "old": old, "new": new,
                                                   "change": versions.compare(old, new)})


@require_perm("core.use_business")
def download(request, pk, fmt):
    matter = _document_or_404(request, pk)
    try:
        result = rendering.render_for(matter, fmt)
    except rendering.RenderError as error:
        messages.error(request, error.message)
        return redirect("matters:detail", pk=pk)
    if result is None:
        messages.info(request, "PDF正在生成，请稍后再点击下载。")
        return redirect("matters:detail", pk=pk)
    return file_response(*result)


@require_perm("core.use_business")
def card(request, pk):
    """阅办卡: the printable page."""
    matter = _document_or_404(request, pk, "doc_in")
    return render(request, "documents/card.html", {"matter": matter, "card": rendering.card_data(matter)})


@require_perm("core.use_business")
def card_docx(request, pk):
    matter = _document_or_404(request, pk, "doc_in")
    return file_response(rendering.card_docx(matter), rendering.DOCX_TYPE, f"阅办卡-{matter.serial}.docx")


@require_perm("core.use_business")
def stats_page(request):
    today = timezone.localdate()
    group_by = request.GET.get("group_by") if request.GET.get("group_by") in stats.GROUPS else "unit"
    date_from, date_to, problem = query_period(request.GET, today.replace(month=1, day=1), today)
    if problem:
        messages.error(request, f"{problem}，已按今年以来统计。")
    return render(request, "documents/stats.html", {
        "report": stats.report(request.user, date_from, date_to, group_by), "groups": stats.GROUPS,
        "group_by": group_by, "date_from": date_from, "date_to": date_to,
    })

