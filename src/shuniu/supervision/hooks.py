"""What 督查督办 plugs into the shell (core.registry): menu entry, home panel for the supervising
section, demo seeder, the bulletin as its statistics page and what it offers to search."""

from shuniu.core.registry import (
    add_kind_hooks,
    add_nav,
    add_panel,
    add_permission_labels,
    add_seeder,
    add_stats_page,
)
from shuniu.matters.panels import TEMPLATE, kind_panel, staff_of

from .workflow import WORKFLOW

add_nav("督查督办", "supervision:list", perm="core.use_business", order=30)


def panel(request):
    return kind_panel(request, name="supervision", title="督查督办", kinds=(WORKFLOW.kind,), links=[
        ("新建督办事项", "supervision:new", "supervision.create_item"),
        ("督办事项列表", "supervision:list", "core.use_business"),
        ("督查通报", "supervision:bulletin", "supervision.view_bulletin"),
        ("分管领域", "supervision:portfolio", "supervision.view_portfolio"),
    ])


add_panel("supervision", TEMPLATE, panel, home_of=staff_of(WORKFLOW.kind), order=30)
add_seeder("supervision", "shuniu.supervision.demo.seed", after=("org", "workdays"))
add_stats_page("督查通报", "supervision:bulletin", perm="supervision.view_bulletin", order=30)
add_kind_hooks(WORKFLOW.kind, search_fields=("title", "serial"))

add_permission_labels({
    "supervision.create_item": "立项督查事项",
    "supervision.issue_bulletin": "编发督查通报",
    "supervision.view_bulletin": "查阅督查通报",
    "supervision.view_portfolio": "查看分管督查事项",
})
