"""What the engine plugs into the shell (core.registry): 我的待办, 事项查询 and 统计 for every
business user, the 我的待办 home panel, and the demo's deadline states (after every kind)."""

from shuniu.core.registry import add_nav, add_panel, add_seeder

add_nav("我的待办", "matters:inbox", perm="core.use_business", order=10)
add_nav("事项查询", "matters:list", perm="core.use_business", order=20)
add_nav("统计", "matters:stats", perm="core.use_business", order=800)


def _inbox_panel(request):
    from .views import inbox_panel

    return inbox_panel(request)


add_panel("inbox", "matters/_inbox_panel.html", _inbox_panel, perm="core.use_business", order=10)
# Always last: deadline states and statistics over everything the kinds' seeders created.
add_seeder("matters", "shuniu.matters.demo.seed", last=True)
