"""Template helpers of the hotline pages."""

from django import template

from ..models import CATEGORY_ROUTES, Category

register = template.Library()
_CATEGORIES = dict(Category.choices)


@register.filter
def category_label(code: str) -> str:
    return _CATEGORIES.get(code, "未分类") if code else "未分类"


@register.filter
def percent(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


@register.simple_tag
def ticket_ratings(matter) -> list[dict]:
    """Both ratings of the current answer: the office's 回访 and the citizen's 网上评价, each the
    latest of its channel since the last 重办; `counts` marks the one in matter.rating (回访 first)."""
    from shuniu.matters.models import Feedback

    from ..workflow import RATING_SCALE

    since = matter.entries.filter(action="reopen").order_by("-at").values_list("at", flat=True).first()
    rows = Feedback.objects.filter(matter=matter, channel__in=("phone", "web"))
    if since:
        rows = rows.filter(at__gt=since)
    latest = {}
    for feedback in rows.order_by("at", "id"):
        latest[feedback.channel] = feedback
    shown = []
    for channel, label in (("phone", "回访评价"), ("web", "群众网上评价")):
        if channel in latest:
            shown.append({"label": label, "rating": RATING_SCALE.get(latest[channel].rating, latest[channel].rating),
                          "counts": channel == "phone" or "phone" not in latest})
    return shown


@register.inclusion_tag("hotline/_panel.html", takes_context=True)
def hotline_panel(context, matter, ticket):
    """On a ticket's page: duplicate suggestions and knowledge-base answers while it waits in the
    hotline office, and the unit its category normally goes to."""
    from shuniu.matters.rules import can_view
    from shuniu.org.models import Unit

    from ..services import duplicates_of, search_knowledge
    from ..workflow import REGISTERED

    request = context.get("request")
    user = getattr(request, "user", None)
    office = bool(user and user.has_perm("hotline.register_ticket"))
    waiting = matter.status == REGISTERED and office
    route = CATEGORY_ROUTES.get(matter.category)
    return {
        "matter": matter, "ticket": ticket, "office": office,
        "duplicates": [d for d in duplicates_of(matter) if can_view(user, d.matter)] if waiting else [],
        # Questions have standard answers; a complaint is not answered from the knowledge base.
        "articles": search_knowledge(matter.title, limit=3, min_score=5)
        if waiting and ticket.type in ("consult", "help") else [],
        "route": Unit.objects.filter(code=route).first() if waiting and route else None,
    }
