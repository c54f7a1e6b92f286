"""The organisation browser: unit tree, people, leaders' portfolios."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from shuniu.core.permissions import require_perm

from . import services
from .models import Unit


@require_perm("org.browse")
def unit_tree(request):
    return render(request, "org/units.html", {"tree": services.unit_tree()})


@require_perm("org.browse")
def unit_search(request):
    """The unit pickers' search: `?q=交通&kinds=department,county` → units by name (value = code)."""
    kinds = [k for k in request.GET.get("kinds", "").split(",") if k in Unit.Kind.values]
    units = services.search_units(request.GET.get("q", "").replace("\x00", "")[:50], kinds)
    response = JsonResponse({"results": [{"value": u.code, "text": u.name, "short": u.short_name} for u in units]})
    response["Cache-Control"] = "no-store"
    return response


@require_perm("org.browse")
def unit_detail(request, code):
    unit = get_object_or_404(Unit, code=code)
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "members": services.members_of(unit),
            "children": unit.children.filter(is_active=True),
            "leaders": services.leaders_in_charge_of(unit),
        },
    )


@require_perm("org.browse")
def people(request):
    q = request.GET.get("q", "").strip()[:50]
    unit_code = request.GET.get("unit", "").strip()[:32]
    page = Paginator(services.search_people(q, unit_code), 50).get_page(request.GET.get("page"))
    template = "org/_people_rows.html" if request.htmx else "org/people.html"
    return render(request, template, {"page": page, "q": q, "unit_code": unit_code})


@require_perm("org.browse")
def leaders(request):
    return render(request, "org/leaders.html", {"leaders": services.leaders_with_portfolios()})
