"""The module navigation. A module appears once its URL exists and the user may use it."""

from django.urls import NoReverseMatch, reverse

# (label, url name, permission or None)
MODULES = [
    ("首页", "home", None),
    ("我的待办", "matters:inbox", "core.use_business"),
    ("事项查询", "matters:list", "core.use_business"),
    ("督查督办", "supervision:list", "core.use_business"),
    ("12345热线", "hotline:list", "core.use_business"),
    ("信访", "petitions:list", "core.use_business"),
    ("公文", "documents:list", "core.use_business"),
    ("统计", "matters:stats", "core.use_business"),
    ("组织机构", "org:units", "org.browse"),
    ("审计日志", "core:audit", "core.view_audit"),
]


def navigation_for(user, path: str) -> list[dict]:
    items = []
    for label, url_name, perm in MODULES:
        if perm and not user.has_perm(perm):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"label": label, "url": url, "active": False})
    # Highlight the most specific module the page belongs to (/matters/inbox/ is 我的待办, not 事项查询).
    matches = [item for item in items if (path == "/" if item["url"] == "/" else path.startswith(item["url"]))]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["active"] = True
    if user.has_perm("core.use_admin"):
        items.append({"label": "系统管理", "url": reverse("admin:index"), "active": path.startswith("/admin/")})
    return items
