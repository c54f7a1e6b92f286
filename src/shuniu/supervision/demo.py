"""Demo 督查督办: about 200 items registered over the last 12 months across the departments and
counties, in every state — waiting to be accepted, in progress with periodic progress reports,
overdue and chased, in 办结审核, closed on time and closed late, returned for re-dispatch — with a
work-report task broken down to the districts, and the 督查通报 of the last two quarters.

Every item lives its life through the services (so journals, deadlines and statistics are real);
each step runs with the clock set to the moment it happened (`core.history.clock_at`). Notifications of that
history are not sent; at the end the deadline states are brought up to now and today's progress
report reminders go out. Idempotent: an item whose title exists is skipped, and a quarter's
通报 is issued once.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from shuniu.core.history import clock_at
from shuniu.matters import services as engine
from shuniu.matters.models import Matter
from shuniu.matters.sweep import update_sla
from shuniu.notify.services import suppressed
from shuniu.org.models import Portfolio, Unit, User
from shuniu.workdays.services import add_working_days, compute_deadline, is_workday

from . import demo_data as data
from .models import Bulletin, ReportCycle, Source
from .services import break_down, create_item, issue_bulletin, remind_progress_reports
from .workflow import WORKFLOW

SEED = 20260101
SOURCE_REF = {
    "meeting": "市政府第{n}次常务会议纪要",
    "instruction": "市领导批示件（{year}）第{n}号",
    "work_report": "{year}年《政府工作报告》重点任务分解第{n}项",
    "practical_project": "{year}年市政府为民办实事项目第{n}项",
    "superior": "省政府督查室交办件（省督〔{year}〕{n}号）",
    "proposal": "市十七届人大{session}次会议代表建议第{n}号",
}


class _Life:
    """One item's story: a sequence of (moment, action) run in order with the clock set."""

    def __init__(self, rng: random.Random, now: datetime.datetime, people: dict[str, User]):
        self.rng, self.now, self.people = rng, now, people

    def at_work(self, day: datetime.date) -> datetime.datetime:
        hour, minute = self.rng.randint(8, 16), self.rng.choice((0, 10, 15, 20, 30, 40, 45, 50))
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))

    def later(self, moment: datetime.datetime, working_days: int) -> datetime.datetime:
        """Office hours `working_days` working days after `moment` (0: the same or the next working day)."""
        day = timezone.localtime(moment).date()
        day = add_working_days(day, working_days)[0] if working_days > 0 else _working_day_on_or_after(day)
        candidate = self.at_work(day)
        return candidate if candidate > moment else moment + datetime.timedelta(minutes=self.rng.randint(20, 90))

    def do(self, moment: datetime.datetime, matter: Matter, name: str, user: str, payload: dict) -> Matter:
        if moment >= self.now:
            raise _NotYet  # the story has reached today: the item stays as it is
        with clock_at(moment):
            return engine.perform(matter, name, self.people[user], payload)


class _NotYet(Exception):
    pass


def _working_day_on_or_after(day: datetime.date) -> datetime.date:
    return day if is_workday(day) else add_working_days(day, 1)[0]


def _people() -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(is_active=True)}


def _plan(rng: random.Random, now: datetime.datetime) -> list[dict]:
    """Which item is registered when, by whom, with which units, cycle and deadline."""
    today = timezone.localdate(now)
    entries = []
    counters: dict[str, int] = {}
    for unit, tasks in data.TASKS.items():
        for code, title in tasks:
            entries.append((unit, data.SOURCE_CODES[code], title))
    rng.shuffle(entries)
    plan = []
    span = 360
    for index, (unit, source, title) in enumerate(entries):
        # Somewhat more items in recent months, as the year's work picks up.
        days_ago = int(span * (1 - index / len(entries)) ** 1.2) + rng.randint(0, 1)
        day = _working_day_on_or_after(today - datetime.timedelta(days=max(days_ago, 1)))
        day = min(day, today)
        counters[source] = counters.get(source, 0) + 1
        assists = rng.sample(data.RELATED[unit], k=rng.choice((0, 0, 1, 1, 2)))
        cycle = ReportCycle.NONE
        if source in ("work_report", "practical_project"):
            cycle = ReportCycle.MONTHLY
        elif source in ("instruction", "superior") and rng.random() < 0.4:
            cycle = ReportCycle.WEEKLY
        elif rng.random() < 0.1:
            cycle = ReportCycle.CUSTOM
        due_days = None
        if source == "work_report":
            due_days = rng.choice((60, 90, 120))
        elif source == "practical_project":
            due_days = rng.choice((90, 120, 150))
        elif source == "proposal":
            due_days = 90  # 代表建议 are answered within three months of 交办
        plan.append({
            "unit": unit, "source": source, "title": title, "day": day, "assists": assists, "cycle": cycle,
            "due_days": due_days, "n": counters[source],
        })
    return plan


def _outcome(rng: random.Random, received: datetime.datetime, due: datetime.datetime, now: datetime.datetime) -> str:
    age = (now - received).days
    if due < now:
        outcome = rng.choices(
            ["closed_on_time", "closed_late", "overdue", "review_late", "extended_closed", "reopened_closed"],
            weights=[58, 14, 12, 4, 6, 6],
        )[0]
        # 督查科 decides closure within days, and items long overdue have mostly been finished since.
        if outcome == "review_late" and now - due > datetime.timedelta(days=20):
            outcome = "closed_late"
        if outcome == "overdue" and now - due > datetime.timedelta(days=150):
            outcome = "closed_late"
        return outcome
    if age <= 7:
        return rng.choice(["assigned", "assigned", "in_progress"])
    return rng.choices(["in_progress", "closed_early", "review"], weights=[70, 15, 15])[0]


def _live(life: _Life, spec: dict, matter: Matter, outcome: str) -> None:
    rng, now = life.rng, life.now
    unit = spec["unit"]
    staff, head, liaison = f"{unit}_staff", f"{unit}_head", f"{unit}_liaison"
    received = matter.received_at
    due = matter.due_at
    cursor = received
    if outcome == "assigned":
        return
    if outcome == "returned":
        life.do(life.later(cursor, 1), matter, "return", staff, {"reason": rng.choice(data.RETURN_REASONS)})
        return
    cursor = life.later(cursor, rng.randint(0, 2))
    matter = life.do(cursor, matter, "accept", staff, {"comment": "已签收，将抓紧办理。"})
    for assist in spec["assists"]:
        cursor = life.later(cursor, rng.randint(0, 1))
        life.do(cursor, matter, "accept", f"{assist}_staff", {})
    if spec["source"] in ("instruction", "superior") and rng.random() < 0.3:
        leader = _leader_for(life, unit)
        cursor = life.later(cursor, 1)
        life.do(cursor, matter, "instruct", leader, {"comment": rng.choice(data.INSTRUCTIONS)})

    # When the lead unit finishes (asks for 办结审核), by outcome.
    handle_days = max((due - received).days, 5)
    if outcome in ("closed_on_time", "closed_early", "reopened_closed"):
        finish = received + datetime.timedelta(days=rng.randint(max(handle_days // 3, 3), max(handle_days - 4, 4)))
    elif outcome == "extended_closed":
        finish = due + datetime.timedelta(days=rng.randint(3, 12))  # within the 15 working days granted
    elif outcome in ("review", "review_late"):
        finish = now - datetime.timedelta(days=rng.randint(1, 3))
    elif outcome == "closed_late":
        finish = due + datetime.timedelta(days=rng.randint(3, 25))
    else:  # in_progress / overdue: still working
        finish = now
    finish = life.later(min(finish, now - datetime.timedelta(days=1)), 0)

    # Along the way: progress reports at the item's cycle (or now and then), an extension asked a few
    # days before the deadline, and 督查科's chase two working days after an item fell overdue.
    step = {ReportCycle.WEEKLY: 7, ReportCycle.MONTHLY: 30, ReportCycle.CUSTOM: 14}.get(spec["cycle"], 20)
    events = []
    for k in range(1, 5):
        moment = cursor + datetime.timedelta(days=step * k)
        if moment >= finish - datetime.timedelta(days=1):
            break
        if not (spec["cycle"] == ReportCycle.WEEKLY and k > 3 and rng.random() < 0.5):
            events.append((life.later(moment, 0), "report", k))
    if outcome == "extended_closed":
        events.append((life.later(due - datetime.timedelta(days=4), 0), "extend", 0))
    if outcome in ("overdue", "closed_late", "review_late"):
        events.append((life.later(due, 2), "chase", 0))
    for moment, kind, k in sorted(events, key=lambda e: e[0]):
        if moment >= finish:
            continue
        cursor = max(moment, cursor + datetime.timedelta(minutes=5))
        if kind == "report":
            text = rng.choice(data.PROGRESS).format(pct=min(10 + k * 20, 90))
            life.do(cursor, matter, "report_progress", rng.choice((staff, liaison)), {"comment": text})
        elif kind == "chase":
            life.do(cursor, matter, "chase", "duban", {"comment": data.CHASE})
        else:
            life.do(cursor, matter, "request_extension", staff, {"days": 15, "reason": rng.choice(data.EXTENSION_REASONS)})
            cursor = life.later(cursor, 1)
            matter = life.do(cursor, matter, "approve_extension", "duban", {"comment": "同意延期，请在延长期限内办结。"})
    if outcome in ("in_progress", "overdue"):
        return

    title = matter.title
    cursor = max(finish, cursor + datetime.timedelta(minutes=5))
    life.do(cursor, matter, "request_close", head, {"reply": rng.choice(data.CLOSE_REPLIES).format(title=title)})
    if outcome in ("review", "review_late"):
        return
    if outcome == "reopened_closed":
        cursor = life.later(cursor, 1)
        life.do(cursor, matter, "reject_close", "duban", {"comment": rng.choice(data.REJECT_OPINIONS)})
        cursor = life.later(cursor, rng.randint(1, 3))
        life.do(cursor, matter, "request_close", head, {"reply": "已按审核意见补充完善佐证材料，现重新申请办结。"})
    review_at = life.later(cursor, rng.randint(1, 2))
    if outcome in ("closed_on_time", "closed_early", "extended_closed", "reopened_closed"):
        matter.refresh_from_db(fields=["due_at"])
        review_at = min(review_at, matter.due_at - datetime.timedelta(minutes=30)) if matter.due_at else review_at
        review_at = max(review_at, cursor + datetime.timedelta(minutes=10))
    life.do(min(review_at, now - datetime.timedelta(hours=1)), matter, "approve_close", "duban", {"comment": "经审核，同意办结。"})


def _leader_for(life: _Life, unit_code: str) -> str:
    portfolio = Portfolio.objects.filter(unit__code=unit_code).select_related("leader").first()
    return portfolio.leader.username if portfolio else "mayor"


def _item_data(spec: dict, received: datetime.datetime, unit_names: dict[str, str]) -> dict:
    year = received.year
    ref = SOURCE_REF[spec["source"]].format(n=spec["n"], year=year, session="三" if year % 2 else "四")
    assists = "、".join(unit_names[a] for a in spec["assists"])
    content = (f"根据{ref}，{spec['title']}。请{unit_names[spec['unit']]}牵头" + (f"，{assists}配合" if assists else "")
               + "，制定工作方案，明确责任人和时间节点，按期办结并报送办理情况。")
    payload = {
        "title": spec["title"], "content": content, "source": spec["source"], "source_ref": ref,
        "lead_unit": spec["unit"], "assist_units": spec["assists"], "report_cycle": spec["cycle"],
    }
    if spec["cycle"] == ReportCycle.CUSTOM:
        payload["report_interval_days"] = 14
    if spec["source"] == Source.INSTRUCTION:
        leader = Portfolio.objects.filter(unit__code=spec["unit"]).values_list("leader__username", flat=True).first()
        payload["instructed_by"] = "mayor" if leader is None or spec["n"] % 3 == 0 else leader
    if spec["due_days"]:
        due, _ = add_working_days(timezone.localtime(received).date(), spec["due_days"] * 5 // 7)
        payload["due_date"] = due.isoformat()
    return payload


def seed(password: str, stdout=None) -> None:
    now = timezone.now()
    rng = random.Random(SEED)
    people = _people()
    life = _Life(rng, now, people)
    existing = set(Matter.objects.filter(kind="supervision").values_list("title", flat=True))
    unit_names = dict(Unit.objects.values_list("code", "name"))
    plan = _plan(rng, now)
    returned = {id(spec) for spec in plan[-12:-9]}  # a few recent items sent back by the lead unit
    created = 0
    with suppressed():
        for spec in plan:
            outcome_rng = random.Random(f"{SEED}-{spec['title']}")
            life.rng = outcome_rng
            if spec["title"] in existing:
                continue
            received = life.at_work(spec["day"])
            if received >= now:
                received = now - datetime.timedelta(hours=2)
            with transaction.atomic():
                with clock_at(received):
                    matter = create_item(people["duban"], _item_data(spec, received, unit_names), received_at=received)
                due = matter.due_at or compute_deadline(received, "20 working days").due_at
                outcome = "returned" if id(spec) in returned else _outcome(outcome_rng, received, due, now)
                try:
                    _live(life, spec, matter, outcome)
                except _NotYet:
                    pass
            created += 1
        created += _breakdown_example(life, people, existing)
        _bulletins(people, now)
    update_sla(WORKFLOW, now)
    reminders = remind_progress_reports()
    if stdout:
        total = Matter.objects.filter(kind="supervision").count()
        stdout.write(f"督查督办：新增 {created} 项，共 {total} 项督办事项；今日进展反馈提醒 {reminders} 条。")


def _breakdown_example(life: _Life, people: dict[str, User], existing: set[str]) -> int:
    unit, title = data.BREAKDOWN_PARENT
    if title in existing:
        return 0
    now = life.now
    start = now - datetime.timedelta(days=75)
    received = life.at_work(timezone.localtime(start).date())
    year_end = datetime.date(timezone.localtime(received).year, 12, 31)
    due_date = max(year_end, timezone.localtime(received).date() + datetime.timedelta(days=150))
    with transaction.atomic():
        with clock_at(received):
            parent = create_item(people["duban"], {
                "title": title, "source": Source.WORK_REPORT, "lead_unit": unit, "report_cycle": ReportCycle.MONTHLY,
                "source_ref": f"{received.year}年《政府工作报告》重点任务分解第1项", "due_date": due_date.isoformat(),
                "content": "统筹推进城乡道路、供排水、停车设施等基础设施补短板项目，由各区县分别组织实施，市发展改革委牵头调度。",
            }, received_at=received)
        moment = life.later(received, 1)
        parent = life.do(moment, parent, "accept", f"{unit}_staff", {"comment": "已签收，拟分解至各区县组织实施。"})
        moment = life.later(moment, 2)
        with clock_at(moment):
            children = break_down(parent, people["duban"], [
                {"title": child_title, "lead_unit": child_unit, "due_date": due_date.isoformat()}
                for child_unit, child_title in data.BREAKDOWN_CHILDREN
            ])
        try:
            _children_life(life, parent, children, moment)
        except _NotYet:
            pass
    return 1 + len(children)


def _children_life(life: _Life, parent: Matter, children: list[Matter], moment: datetime.datetime) -> None:
    """The districts accept and report; the first one has finished and been closed."""
    now, unit = life.now, data.BREAKDOWN_PARENT[0]
    for index, child in enumerate(children):
        child_unit = child.lead_unit.code
        moment = life.later(moment, 1)
        life.do(moment, child, "accept", f"{child_unit}_staff", {})
        report = life.later(moment, 20)
        life.do(report, child, "report_progress", f"{child_unit}_liaison",
                {"comment": data.PROGRESS[(index + 2) % len(data.PROGRESS)].format(pct=40 + index * 15)})
        if index == 0:
            close = life.later(report, 10)
            if close < now - datetime.timedelta(days=2):
                life.do(close, child, "request_close", f"{child_unit}_head", {"reply": f"{child.title}已完成，相关项目均已竣工验收。"})
                life.do(life.later(close, 1), child, "approve_close", "duban", {"comment": "经审核，同意办结。"})
    life.do(life.later(moment, 15), parent, "report_progress", f"{unit}_liaison",
            {"comment": "已将任务分解至东城区、西城区和临江县，建立月调度机制，东城区已率先完成年度任务。"})


def _bulletins(people: dict[str, User], now: datetime.datetime) -> None:
    """督查通报 for the last two complete quarters, each issued five working days after it ended."""
    today = timezone.localdate(now)
    quarter_start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    quarters = []
    for _ in range(2):
        end = quarter_start - datetime.timedelta(days=1)
        quarter_start = end.replace(month=(end.month - 1) // 3 * 3 + 1, day=1)
        quarters.insert(0, (quarter_start, end))
    for quarter_start, end in quarters:
        if Bulletin.objects.filter(date_from=quarter_start, date_to=end).exists():
            continue
        issued_on, _ = add_working_days(end, 5)
        moment = timezone.make_aware(datetime.datetime.combine(issued_on, datetime.time(10, 0)))
        if moment >= now:
            continue
        with clock_at(moment):
            issue_bulletin(people["duban"], quarter_start, end, issued_on=issued_on)


