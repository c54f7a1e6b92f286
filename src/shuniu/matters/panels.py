"""A kind's home panel, the same shape for every kind: how much of the caller's 我的待办 is of this
kind, with the kind's own entry points (those the caller may open). A kind registers it in its
`hooks.py` with `core.registry.add_panel(..., home_of=...)`."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from . import services

TEMPLATE = "matters/_kind_panel.html"


def kind_panel(request, *, name: str, title: str, kinds: tuple[str, ...], links: list[tuple[str, str, str | None]]) -> dict:
    """`links`: (label, url name, permission or None); a link the caller may not use is left out."""
    user = request.user
    shown = []
    for label, url_name, perm in links:
        if perm and not user.has_perm(perm):
            continue
        try:
            shown.append({"label": label, "url": reverse(url_name)})
        except NoReverseMatch:
            continue
    count = services.inbox(user).filter(matter__kind__in=kinds).count()
    return {"id": f"panel-{name}", "title": title, "links": shown, "count": count}


def staff_of(*kinds: str):
    """`home_of` for a kind's panel: the people of the section that runs matters of these kinds
    (a 12345 desk's operators, a 信访 section …): their home page leads with the kind."""
    from .workflow import get_workflow

    def test(user) -> bool:
        if not user.is_authenticated or not user.is_business_user:
            return False
        ids = user.unit_ids()
        return any((section := get_workflow(kind).owner_section()) is not None and section.pk in ids for kind in kinds)

    return test
