"""What 信访 plugs into the shell (core.registry): menu entry, home panel for the petition
section, demo seeder and what it offers to search."""

from shuniu.core.registry import add_kind_hooks, add_nav, add_panel, add_permission_labels, add_seeder
from shuniu.matters.panels import TEMPLATE, kind_panel, staff_of

from .workflow import KIND

add_nav("信访", "petitions:list", perm="core.use_business", order=50)


def panel(request):
    return kind_panel(request, name="petitions", title="信访", kinds=(KIND,), links=[
        ("登记信访件", "petitions:register", "petitions.register"),
        ("信访件列表", "petitions:list", "core.use_business"),
    ])


add_panel("petitions", TEMPLATE, panel, home_of=staff_of(KIND), order=50)
add_seeder("petitions", "shuniu.petitions.demo.seed", after=("org", "workdays", "hotline"))
add_kind_hooks(KIND, search_fields=("title", "serial"))

add_permission_labels({
    "petitions.register": "登记信访件",
    "petitions.see_personal_data_in_lists": "在列表中查看信访人个人信息",
})
