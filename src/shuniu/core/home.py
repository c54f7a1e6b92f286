"""Panels on a business user's home page, each supplied by the module that owns the data."""

from django.utils.module_loading import import_string

# Dotted paths of callables taking the request and returning a panel dict (or None).
PANEL_PROVIDERS: list[str] = [
    "shuniu.matters.views.inbox_panel",
]


def home_panels(request) -> list:
    panels = []
    for path in PANEL_PROVIDERS:
        panel = import_string(path)(request)
        if panel:
            panels.append(panel)
    return panels
