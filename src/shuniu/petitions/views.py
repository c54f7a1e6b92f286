"""Pages of the petition kind: the list with its filters, the registration desk (登记) and its 查重.
A petition's own page is the engine's matter page, with `petitions/_detail.html` included.
Thin: parse, call services, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from shuniu.core.permissions import require_perm
from shuniu.matters import batch, exports
from shuniu.matters import services as engine

from . import services, workflow
from .forms import RegisterForm, normalize_phone
from .models import Category, Channel, Petition


def _export_columns(reveal: bool):
    """The list's columns, personal data masked exactly as on screen (services.list_row)."""

    def field(name):
        return lambda p: services.list_row(p, reveal)[name] or ""

    return [
        ("编号", 18, lambda p: p.matter.serial), ("信访事项", 48, lambda p: p.matter.title),
        ("形式", 10, field("channel_label")), ("类别", 14, field("category_label")),
        ("信访人", 12, field("petitioner_name")), ("联系电话", 16, field("petitioner_phone")),
        ("人数", 6, lambda p: p.people_count),
        ("主办单位", 22, lambda p: p.matter.lead_unit.name if p.matter.lead_unit_id else ""),
        ("状态", 12, lambda p: p.matter.status_label),
        ("登记时间", 18, lambda p: exports.local_time(p.matter.received_at)),
        ("当前时限", 18, lambda p: exports.local_time(p.matter.due_at)),
    ]


@require_perm("core.use_business")
def petition_list(request):
    try:
        petitions = services.filter_petitions(request.user, request.GET)
    except engine.Invalid as error:
        messages.error(request, error.message)
        petitions = Petition.objects.none()
    reveal = request.user.has_perm("petitions.see_personal_data_in_lists")
    if exports.wants_xlsx(request):
        return exports.list_response(request, petitions, title="信访事项", columns=_export_columns(reveal))
    page = Paginator(petitions, 30).get_page(request.GET.get("page"))
    rows = [{"petition": p, "matter": p.matter, **services.list_row(p, reveal)} for p in page]
    return render(request, "petitions/list.html", {
        "page": page, "rows": rows, "params": request.GET, "channels": Channel.choices, "categories": Category.choices,
        "states": workflow.WORKFLOW.states, "can_register": request.user.has_perm("petitions.register"),
        "batch": batch.available_actions(request.user),
    })


@require_perm("petitions.register")
def register(request):
    if request.method == "POST":
        form = RegisterForm(request.POST)
        try:
            matter = services.register_petition(request.user, request.POST)
        except engine.EngineError as error:
            form.is_valid()
            for field, errors in error.fields.items():
                if field in form.fields and field not in form.errors:
                    for e in errors:
                        form.add_error(field, e)
            messages.error(request, error.message)
            # The desk corrects the form with the 查重 results still in view, not an empty panel.
            return render(request, "petitions/register.html", {
                "form": form, "matches": _candidates(request.user, request.POST), "closed": workflow.CLOSED,
            }, status=error.status)
        if matter.status == workflow.REFUSED:
            messages.warning(request, f"已登记为{matter.serial}。该信访事项已经复核终结，已决定不再受理并出具告知书。")
        else:
            messages.success(request, f"已登记，编号{matter.serial}。请在15日内转送交办。")
        return redirect("matters:detail", pk=matter.pk)
    return render(request, "petitions/register.html", {"form": RegisterForm(initial={"channel": Channel.VISIT})})


@require_perm("petitions.register")
def check(request):
    """查重 while the desk types: earlier petitions this one may repeat (htmx partial)."""
    data = request.POST if request.method == "POST" else request.GET
    matches = _candidates(request.user, data) or []
    return render(request, "petitions/_matches.html", {"matches": matches, "closed": workflow.CLOSED})


def _candidates(user, data):
    """Earlier petitions the one being typed may repeat; None while too little is typed to search."""
    phone = normalize_phone(data.get("petitioner_phone", ""))[:20]
    id_number = (data.get("petitioner_id_number") or "").strip().upper()[:18]
    title, content = (data.get("title") or "")[:300], (data.get("content") or "")[:20000]
    if not (phone or id_number or len(title + content) >= 10):
        return None
    return services.candidates(user, phone=phone, id_number=id_number, title=title, content=content)
