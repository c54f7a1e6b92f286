"""What 12345热线 plugs into the shell (core.registry): menu entry, home panel for the hotline's
operators, demo seeder, statistics page and what it offers to search."""

from shuniu.core.registry import (
    add_kind_hooks,
    add_nav,
    add_panel,
    add_permission_labels,
    add_seeder,
    add_stats_page,
)
from shuniu.matters.panels import TEMPLATE, kind_panel, staff_of

from .workflow import KIND

add_nav("12345热线", "hotline:list", perm="core.use_business", order=40)


def panel(request):
    return kind_panel(request, name="hotline", title="12345热线", kinds=(KIND,), links=[
        ("受理台", "hotline:desk", "hotline.register_ticket"),
        ("工单列表", "hotline:list", "core.use_business"),
        ("知识库", "hotline:knowledge", "hotline.view_knowledge"),
        ("运行指标", "hotline:metrics", "hotline.view_metrics"),
    ])


add_panel("hotline", TEMPLATE, panel, home_of=staff_of(KIND), order=40)
add_seeder("hotline", "shuniu.hotline.demo.seed", after=("org", "workdays"))
add_stats_page("12345热线运行指标", "hotline:metrics", perm="hotline.view_metrics", order=40)
add_kind_hooks(KIND, search_fields=("title", "serial", "ticket__citizen_name", "ticket__phone", "ticket__keywords"))

add_permission_labels({
    "hotline.register_ticket": "登记12345工单",
    "hotline.manage_knowledge": "维护知识库",
    "hotline.view_knowledge": "查阅知识库",
    "hotline.view_metrics": "查看热线考核指标",
    "hotline.view_policy": "查看热线办理规则",
    "hotline.change_policy": "修改热线办理规则",
})
