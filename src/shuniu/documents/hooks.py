"""What 公文 plugs into the shell (core.registry): menu entry, home panel for the drafting and
registering sections, demo seeder, statistics page and what it offers to search."""

from shuniu.core.registry import (
    add_kind_hooks,
    add_nav,
    add_panel,
    add_permission_labels,
    add_seeder,
    add_stats_page,
)
from shuniu.matters.panels import TEMPLATE, kind_panel, staff_of

from .workflow import INCOMING, OUTGOING

add_nav("公文", "documents:list", perm="core.use_business", order=60)


def panel(request):
    return kind_panel(request, name="documents", title="公文", kinds=(OUTGOING.kind, INCOMING.kind), links=[
        ("拟稿", "documents:new_outgoing", "documents.draft_outgoing"),
        ("来文登记", "documents:new_incoming", "documents.register_incoming"),
        ("公文列表", "documents:list", "core.use_business"),
        ("公文统计", "documents:stats", "core.use_business"),
    ])


add_panel("documents", TEMPLATE, panel, home_of=staff_of(OUTGOING.kind, INCOMING.kind), order=60)
add_seeder("documents", "shuniu.documents.demo.seed", after=("org", "workdays", "supervision"))
add_stats_page("公文统计", "documents:stats", perm="core.use_business", order=60)
for workflow in (OUTGOING, INCOMING):
    add_kind_hooks(workflow.kind, search_fields=("title", "serial"))

add_permission_labels({
"documents.draft_outgoing": "拟制发文",
    "documents.register_incoming": "登记收文",
    "documents.manage_config": "配置公文参数",
})
