"""What org plugs into the shell (core.registry): its menu entry and the demo office's people."""

from shuniu.core.registry import add_nav, add_seeder

add_nav("组织机构", "org:units", perm="org.browse", order=900)
add_seeder("org", "shuniu.org.demo.seed")
