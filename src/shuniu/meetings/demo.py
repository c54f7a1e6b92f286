"""Demo 领导日程: a year (half a year back, half ahead) for the mayor and the vice mayors, entered
by the mayor's secretary and the office, with conflicts, cancellations and out-of-city trips."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from shuniu.org.models import OfficeRole, User
from shuniu.org.services import office_unit

from .models import Category, ScheduleChange, ScheduleEntry, TravelReport

SEED = 20261208
LEADERS = ("mayor", "vmayor1", "vmayor2", "vmayor3", "vmayor4")
ITEMS = {
    Category.MEETING: [("市政府常务会议", "市政府第一会议室"), ("专题会议研究重点项目推进", "市政府第三会议室"),
                       ("全市安全生产工作会议", "市会议中心"), ("市长办公会议", "市政府第二会议室")],
    Category.RESEARCH: [("调研城市更新项目", "东城区"), ("调研重点企业复工达产", "经济开发区"),
                        ("调研乡村振兴示范点", "临江县"), ("调研教育医疗民生项目", "西城区")],
    Category.RECEPTION: [("会见来访客商代表团", "市政府贵宾室"), ("接待上级检查组", "市政府第一会议室")],
    Category.TRAVEL: [("赴省政府汇报工作", "省城"), ("出席全省经济工作会议", "省城"), ("赴外地考察招商", "深圳市")],
    Category.DUTY: [("节假日带班", "市政府总值班室")],
}


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone())


def seed(password: str, stdout=None) -> None:
    if ScheduleEntry.objects.exists():
        return
    people = {u.username: u for u in User.objects.filter(username__in=(*LEADERS, "mishu", "director", "deputy_director"))}
    if any(name not in people for name in LEADERS):
        return
    rng = random.Random(SEED)
    today = timezone.localdate()
    now = timezone.now()
    office = office_unit(OfficeRole.GENERAL_OFFICE)
    entries: list[ScheduleEntry] = []
    for offset in range(-182, 183):
        day = today + datetime.timedelta(days=offset)
        for name in LEADERS:
            keeper = people.get("mishu") if name == "mayor" else people.get(rng.choice(("director", "deputy_director")))
            keeper = keeper or people[name]
            if day.weekday() >= 5:
                if rng.random() < 0.08:
                    entries.append(ScheduleEntry(leader=people[name], created_by=keeper, category=Category.DUTY,
                                                 title="节假日带班", place="市政府总值班室",
                                                 starts_at=_at(day, 8, 30), ends_at=_at(day, 17, 30)))
                continue
            slots = [(9, 0, 11, 30), (15, 0, 17, 30)]
            for start_h, start_m, end_h, end_m in slots:
                if rng.random() < 0.35:
                    continue
                category = rng.choice([Category.MEETING] * 4 + [Category.RESEARCH] * 2 + [Category.RECEPTION]
                                      + [Category.TRAVEL] * (1 if rng.random() < 0.15 else 0))
                title, place = rng.choice(ITEMS[category])
                entries.append(ScheduleEntry(
                    leader=people[name], created_by=keeper, category=category, title=title, place=place,
                    leaves_city=category == Category.TRAVEL and place != "东城区",
                    starts_at=_at(day, start_h, start_m), ends_at=_at(day, end_h, end_m)))
            if rng.random() < 0.06:  # a clash the secretary has to sort out
                entries.append(ScheduleEntry(leader=people[name], created_by=keeper, category=Category.RECEPTION,
                                             title="会见来访客商代表团", place="市政府贵宾室",
                                             starts_at=_at(day, 10, 0), ends_at=_at(day, 11, 0)))
    for entry in entries:
        if rng.random() < 0.05:
            entry.cancelled_at = min(entry.starts_at - datetime.timedelta(days=1), now)
            entry.cancel_reason = rng.choice(["会议延期", "行程调整", "领导另有安排"])
    with transaction.atomic():
        ScheduleEntry.objects.bulk_create(entries, batch_size=1000)
        changes, reports = [], []
        for entry in entries:
            changes.append(ScheduleChange(entry=entry, actor=entry.created_by, action=ScheduleChange.Action.ADD,
                                          detail={"after": {"title": entry.title, "place": entry.place}}))
            if entry.cancelled_at:
                changes.append(ScheduleChange(entry=entry, actor=entry.created_by, action=ScheduleChange.Action.CANCEL,
                                              detail={"reason": entry.cancel_reason}))
            if entry.leaves_city:
                reports.append(TravelReport(entry=entry, reported_by=entry.created_by, office=office))
                changes.append(ScheduleChange(entry=entry, actor=entry.created_by, action=ScheduleChange.Action.REPORT,
                                              detail={"office": office.name if office else "",
                                                      "text": f"{entry.leader.name}同志拟离开本市：{entry.title}（{entry.place}）"}))
        ScheduleChange.objects.bulk_create(changes, batch_size=1000)
        TravelReport.objects.bulk_create(reports, batch_size=1000)
    if stdout is not None:
        stdout.write(f"领导日程：{len(entries)} 条")
