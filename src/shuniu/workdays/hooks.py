"""What workdays plugs into the shell (core.registry): the demo calendar."""

from shuniu.core.registry import add_seeder

add_seeder("workdays", "shuniu.workdays.demo.seed", after=("org",))
