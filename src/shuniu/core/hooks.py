"""The shell's own menu entries (core.registry)."""

from .registry import add_nav

add_nav("首页", "home", order=0)
add_nav("审计日志", "core:audit", perm="core.view_audit", order=910)
