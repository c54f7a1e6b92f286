"""What 领导日程 plugs into the shell (core.registry): menu entry, home panel for secretaries (their
leader's week), demo seeder and permission labels. The 会议 kind will add its own here."""

from shuniu.core.registry import add_nav, add_panel, add_permission_labels, add_seeder

from .rules import is_leaders_secretary, served_leader_ids

add_nav("领导日程", "meetings:schedule", perm="meetings.view_schedule", order=35)


def schedule_panel(request):
    from . import schedule_services as services
    from .schedule_forms import leaders

    user = request.user
    served = [leader for leader in leaders() if leader.pk in served_leader_ids(user)]
    if not served:
        return None
    monday = services.week_start(request_date())
    grid = services.week_grid(user, monday, served)
    rows = []
    for row in grid["rows"]:
        items = [item for cell in row["cells"] for item in cell if not item["cancelled"]]
        rows.append({"leader": row["leader"], "items": items})
    return {"id": "panel-schedule", "title": "领导本周日程", "rows": rows, "conflicts": grid["conflicts"]}


def request_date():
    from django.utils import timezone

    return timezone.localdate()


add_panel("schedule", "meetings/_schedule_panel.html", schedule_panel, home_of=is_leaders_secretary, order=35)
add_seeder("meetings_schedule", "shuniu.meetings.demo.seed", after=("org", "workdays"))

add_permission_labels({
    "meetings.view_schedule": "查看领导日程（他人日程仅见“有安排”）",
    "meetings.keep_schedule": "录入领导日程",
    "meetings.keep_schedule_of": "编排某位领导的日程",
    "meetings.view_schedule_details": "查看某位领导的日程详情",
    "meetings.change_schedule_entry": "修改、取消领导日程",
})
