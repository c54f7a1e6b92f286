"""The main menu, read from the registry (core.registry.add_nav). A link appears once its URL
exists and the user may open it."""

from django.urls import NoReverseMatch, reverse

from . import registry


def navigation_for(user, path: str) -> list[dict]:
    items = []
    for entry in registry.nav_entries():
        if not entry.shown_to(user):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": entry.label, "url": url, "active": False})
    # Highlight the most specific module the page belongs to (/matters/inbox/ is 我的待办, not 事项查询).
    matches = [item for item in items if (path == "/" if item["url"] == "/" else path.startswith(item["url"]))]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["active"] = True
    if user.has_perm("core.use_admin"):
        items.append({"label": "系统管理", "url": reverse("admin:index"), "active": path.startswith("/admin/")})
    return items
