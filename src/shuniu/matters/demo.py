"""The last step of `seed_demo`: bring deadline states and statistics up to date for the demo data."""

from django.utils import timezone

from .stats import rebuild_all
from .sweep import update_sla
from .workflow import all_workflows


def seed(password: str, stdout=None) -> None:
    now = timezone.now()
    for workflow in all_workflows():
        update_sla(workflow, now)
    count = rebuild_all()
    if stdout:
        stdout.write(f"统计汇总：已按 {count} 个（类别、日期）重建。")
