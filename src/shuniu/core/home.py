"""Panels on a business user's home page, each registered by the app that owns the data
(core.registry.add_panel). The panels whose home it is for this person come first."""

from . import registry


def home_panels(request) -> list:
    user = request.user
    placed = [(panel, panel.place_for(user)) for panel in registry.panels()]
    ordered = [p for p, place in placed if place == "home"] + [p for p, place in placed if place == "shown"]
    panels = []
    for panel in ordered:
        context = panel.context(request)
        if context is not None:
            panels.append({"template": panel.template, "name": panel.name, **context})
    return panels
