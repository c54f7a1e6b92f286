"""Panels on a business user's home page, each registered by the app that owns the data
(core.registry.add_panel). The panels whose home it is for this person come first."""

from . import registry


def home_panels(request) -> list:
    user = request.user
    shown = [p for p in registry.panels() if p.shown_to(user)]
    shown.sort(key=lambda p: not p.is_home_of(user))  # stable: registration order otherwise
    panels = []
    for panel in shown:
        context = panel.context(request)
        if context is not None:
            panels.append({"template": panel.template, "name": panel.name, **context})
    return panels
