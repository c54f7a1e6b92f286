"""领导日程 pages: the week view (leaders × days), entering/editing/cancelling an entry, the 周安排
exports and the per-leader iCalendar feed. Thin: parse, call schedule_services, render."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from shuniu.core.permissions import require_perm
from shuniu.matters.exports import quote_filename

from . import schedule_export as export
from . import schedule_services as services
from .models import ScheduleEntry
from .rules import keeps_schedule_of, sees_details_of
from .schedule_forms import ScheduleForm, leaders

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _monday(request) -> datetime.date:
    try:
        from shuniu.core.inputs import parse_window_date

        day = parse_window_date(request.GET.get("date")) or timezone.localdate()
    except ValueError:
        day = timezone.localdate()
    return services.week_start(day)


def _warn_conflicts(request, saved: services.Saved) -> None:
    for other in saved.conflicts:
        start = timezone.localtime(other.starts_at)
        end = timezone.localtime(other.ends_at)
        messages.warning(request, f"时间冲突：{saved.entry.leader.name}同志在{start:%m月%d日 %H:%M}—{end:%H:%M}"
                                  f"已有安排“{other.title}”，请核对。")


@require_perm("meetings.view_schedule")
def week(request):
    monday = _monday(request)
    grid = services.week_grid(request.user, monday, list(leaders()))
    return render(request, "meetings/schedule_week.html", {
        "grid": grid, "title": export.title_for(grid["start"], grid["end"]),
        "previous": monday - datetime.timedelta(days=7), "next": monday + datetime.timedelta(days=7),
        "headings": [export.day_heading(d) for d in grid["days"]],
    })


def _keepable_leaders(user):
    return [leader for leader in leaders() if keeps_schedule_of(user, leader)]


@require_perm("meetings.keep_schedule")
def new_entry(request):
    choices = _keepable_leaders(request.user)
    if request.method == "POST":
        form = ScheduleForm(request.POST)
        if form.is_valid():
            if not keeps_schedule_of(request.user, form.cleaned_data["leader"]):
                raise PermissionDenied
            saved = services.add_entry(request.user, form.cleaned_data)
            messages.success(request, "日程已录入。" + ("离开本市的安排已向市政府办公室报备。" if saved.entry.leaves_city else ""))
            _warn_conflicts(request, saved)
            day = timezone.localtime(saved.entry.starts_at).date()
            return redirect(f"{reverse('meetings:schedule')}?date={day.isoformat()}")
    else:
        initial = {"leader": choices[0].username} if len(choices) == 1 else {}
        form = ScheduleForm(initial=initial)
    return render(request, "meetings/schedule_form.html", {"form": form, "leaders": choices, "entry": None})


def _entry_for(request, pk: int) -> ScheduleEntry:
    entry = get_object_or_404(ScheduleEntry.objects.select_related("leader", "created_by"), pk=pk)
    if not sees_details_of(request.user, entry.leader):
        raise Http404
    return entry


@require_perm("meetings.view_schedule")
def entry_detail(request, pk: int):
    entry = _entry_for(request, pk)
    return render(request, "meetings/schedule_entry.html", {
        "entry": entry,
        "changes": [(c, services.change_text(c)) for c in entry.changes.select_related("actor")],
        "conflicts": services.overlapping(entry) if not entry.is_cancelled else [],
        "keeps": keeps_schedule_of(request.user, entry.leader),
        "report": getattr(entry, "travel_report", None),
    })


@require_perm("meetings.keep_schedule")
def edit_entry(request, pk: int):
    entry = _entry_for(request, pk)
    if not keeps_schedule_of(request.user, entry.leader) or entry.is_cancelled:
        raise PermissionDenied
    choices = _keepable_leaders(request.user)
    if request.method == "POST":
        form = ScheduleForm(request.POST, entry=entry)
        if form.is_valid():
            saved = services.edit_entry(request.user, entry, form.cleaned_data)
            messages.success(request, "日程已修改，修改记录已留存。")
            _warn_conflicts(request, saved)
            return redirect("meetings:schedule_entry", pk=entry.pk)
    else:
        local = {name: timezone.localtime(getattr(entry, name)).strftime("%Y-%m-%d %H:%M") for name in ("starts_at", "ends_at")}
        form = ScheduleForm(entry=entry, initial={
            "leader": entry.leader.username, "title": entry.title, "place": entry.place, "category": entry.category,
            "leaves_city": entry.leaves_city, "note": entry.note, **local})
    return render(request, "meetings/schedule_form.html", {"form": form, "leaders": choices, "entry": entry})


@require_POST
@require_perm("meetings.keep_schedule")
def cancel_entry(request, pk: int):
    entry = _entry_for(request, pk)
    try:
        services.cancel_entry(request.user, entry, request.POST.get("reason", ""))
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "日程已取消，取消记录已留存。")
    return redirect("meetings:schedule_entry", pk=entry.pk)


@require_perm("meetings.view_schedule")
def week_export(request, fmt: str):
    if fmt not in ("docx", "xlsx"):
        raise Http404
    monday = _monday(request)
    grid = services.week_grid(request.user, monday, list(leaders()))
    name = export.title_for(grid["start"], grid["end"])
    if fmt == "docx":
        body, mime = export.week_docx(grid), DOCX
    else:
        body, mime = export.week_xlsx(grid), XLSX
    response = HttpResponse(body, content_type=mime)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote_filename(f'{name}.{fmt}')}"
    return response


def feed(request, token: str):
    """A leader's iCalendar (no session: the secret token is the key). What the leader's staff see."""
    leader = services.leader_for_token(token)
    if leader is None:
        raise Http404
    today = timezone.localdate()
    items = services.entries_in(leader, today - datetime.timedelta(days=31), today + datetime.timedelta(days=366), leader)
    response = HttpResponse(export.feed_ics(leader, items, request.get_host()), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@require_perm("meetings.view_schedule")
def feed_link(request, username: str):
    """The feed address, shown to the leader and their own staff only."""
    leader = get_object_or_404(leaders(), username=username)
    if not sees_details_of(request.user, leader):
        raise Http404
    if request.method == "POST":
        services.rotate_feed_token(leader)
        messages.success(request, "订阅地址已更换，原地址即时失效。")
        return redirect("meetings:schedule_feed_link", username=leader.username)
    url = request.build_absolute_uri(reverse("meetings:schedule_feed", args=[services.feed_token(leader)]))
    return render(request, "meetings/schedule_feed.html", {"leader": leader, "url": url})
