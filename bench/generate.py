"""Fill a fresh database with N matters of every registered kind.

    python -m bench.generate --quick            # SQLite var/bench/shuniu.sqlite3, 100 000 matters
    python -m bench.generate --full --n 1000000 # PostgreSQL shuniu_bench (dropped and re-created)

What is written — the engine's own tables, exactly as the engine would have left them:
- `Matter`: kinds mixed as in a city-wide deployment (12345 tickets dominate), received over the last
  three years with weekday/hour seasonality, routed to the unit that really handles the problem,
  deadlines from each kind's `handle` rule on the working-day calendar, handling times skewed around
  the deadline (about one in nine closes late) and a backlog of stalled matters (~5 % open at the end,
  about half of those overdue). Chinese titles and contents.
- `Assignment` (主办, sometimes 协办, sometimes a 退回 and re-dispatch), `Entry` (the journal: creation,
  one line per transition taken, progress reports, extension requests, reminders, automatic chases and
  escalations — several per matter), `Party` (owner section and every assigned unit), `Todo` (the inbox
  rows of open matters), `StatBucket` (the rollup, computed here exactly as `stats.rebuild_bucket`
  would), `SerialCounter`, and a kind's one-to-one detail table when its columns are simple enough to
  fill generically.
- Deadline fields are in the steady state of a system whose sweep has been running: SLA flags, 临期提醒,
  the last 自动催办 within the last chase interval, 升级督办 for long-overdue work.

PostgreSQL: secondary indexes are dropped, rows are streamed with COPY by several worker processes (FK
triggers off through `session_replication_role = replica` — the rows are consistent by construction),
then indexes are rebuilt and the tables vacuumed and analysed. SQLite: one transaction of bulk INSERTs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import multiprocessing
import os
import random
import sqlite3
import sys
import time
from bisect import bisect
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from . import env
from .kinds import ACCEPT, DISPATCH, REPLY, KindPlan
from .text import Text

CHUNK = 10_000
RANDOM_PAGE_COST = os.environ.get("SHUNIU_BENCH_RANDOM_PAGE_COST", "1.1")
YEARS = 3
PER_MATTER = {"entry": 32, "assignment": 4, "party": 6, "todo": 6, "clock": 2}
TABLES = ("matter", "assignment", "entry", "party", "todo", "clock")
LOCAL = 8 * 3600  # Asia/Shanghai, no daylight saving
DAY = 86400
TOD = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(DAY)]
ROLE_LABEL = {"lead": "主办", "assist": "协办", "joint": "会办"}
URGENCY = (("normal", 2), ("urgent", 1), ("very_urgent", 0))
URGENCY_CUM = list(accumulate([0.86, 0.11, 0.03]))
SYSTEM = "系统"


def log(message: str) -> None:
    print(f"[generate {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- The frozen world every worker shares ------------------------------------------------------


@dataclass
class World:
    n: int
    seed: int
    now: int
    backend: str
    plans: list[KindPlan]
    plan_cum: list[float]
    units: dict[str, int]
    unit_names: dict[int, str]
    assignees: list[int]
    assignee_cum: list[float]
    counties: list[int]
    people: dict[int, list[tuple[int, str, str]]]  # unit id → [(user id, name, role)]
    director: tuple[int, str, int]
    day_first: int
    day_cum: list[float]
    dues: dict[tuple[str, int], tuple[int, bool]]  # (rule, local day) → (due ts, uncertain)
    thresholds: dict[str, tuple[int, int, int]]  # kind → (soon, chase_before, escalate_before)
    shapes: dict[str, tuple[list[str], list]]  # table → (final columns, extra defaults)
    tables: dict[str, str]
    details: dict[str, tuple[str, list[str], list]]  # kind → (table, columns, column makers)


def local_day(ts: int) -> int:
    return (ts + LOCAL) // DAY


class Clock:
    """Epoch seconds → the text each backend stores (UTC)."""

    def __init__(self, backend: str):
        self.suffix = "+00" if backend == "postgresql" else ""
        self.days: dict[int, str] = {}

    def __call__(self, ts: int | None) -> str | None:
        if ts is None:
            return None
        day = ts // DAY
        prefix = self.days.get(day)
        if prefix is None:
            prefix = self.days[day] = (dt.date(1970, 1, 1) + dt.timedelta(days=day)).isoformat() + " "
        return prefix + TOD[ts % DAY] + self.suffix


# --- One chunk of matters ----------------------------------------------------------------------


class Chunk:
    """Rows for matters [start, end) — deterministic for a given seed and chunk."""

    def __init__(self, world: World, start: int, end: int):
        self.w = world
        self.rng = random.Random(world.seed * 1_000_003 + start)
        self.text = Text(self.rng)
        self.clock = Clock(world.backend)
        self.start, self.end = start, end
        self.rows: dict[str, list] = {t: [] for t in TABLES}
        self.details: dict[str, list] = {}
        self.stats: dict[tuple, list[int]] = {}
        self.serials: dict[tuple[str, int], int] = {}
        self.open = 0

    # time of the i-th matter: days weighted (weekends and the calendar's rest days are quieter),
    # office hours busier; ids grow with time as in a real table.
    def received(self, i: int) -> int:
        w, rng = self.w, self.rng
        day = w.day_first + bisect(w.day_cum, (i + rng.random()) / w.n * w.day_cum[-1])
        hour = rng.choice(HOURS)
        ts = day * DAY - LOCAL + hour * 3600 + rng.randrange(3600)
        if ts >= w.now:
            ts = w.now - rng.randrange(1, 4 * 3600)
        return ts

    def person(self, unit_id: int, prefer: str = "") -> tuple[int, str, int]:
        people = self.w.people.get(unit_id)
        if not people:
            uid, name, unit = self.w.director
            return uid, name, unit
        if prefer:
            for uid, name, role in people:
                if role == prefer:
                    return uid, name, unit_id
        uid, name, _role = self.rng.choice(people)
        return uid, name, unit_id

    def other_unit(self, avoid: set[int]) -> int:
        w = self.w
        for _ in range(10):
            unit = w.assignees[bisect(w.assignee_cum, self.rng.random() * w.assignee_cum[-1])]
            if unit not in avoid:
                return unit
        return next(u for u in w.assignees if u not in avoid)

    def build(self) -> Chunk:
        for i in range(self.start, self.end):
            self.matter(i)
        return self

    def matter(self, i: int) -> None:  # noqa: C901 — one matter's whole life, kept in one place
        w, rng, text, clock = self.w, self.rng, self.text, self.clock
        now = w.now
        mid = i + 1
        plan = w.plans[bisect(w.plan_cum, rng.random() * w.plan_cum[-1])]
        recv = self.received(i)
        rday = local_day(recv)
        year = (dt.date(1970, 1, 1) + dt.timedelta(days=rday)).year
        title, content, routed = text.for_kind(plan.kind, plan.label)
        owner = w.units.get(plan.owner_code) or w.director[2]
        lead = w.units.get(routed)
        if lead is None or rng.random() < 0.12:
            lead = self.other_unit(set())
        if plan.kind == "hotline" and rng.random() < 0.3 and w.counties:
            lead = rng.choice(w.counties)  # 属地: district and county governments take a share of tickets
        u = rng.random()
        urgency, rank = URGENCY[bisect(URGENCY_CUM, u * URGENCY_CUM[-1])]
        secrecy = 1 if rng.random() < plan.secret_share else 0
        category = plan.pick_category(rng)
        hours = plan.extras.get("hours")
        due, uncertain = (recv + hours * 3600, False) if hours else w.dues.get((plan.handle_rule, rday), (None, False))
        span = (due - recv) if due else 15 * DAY
        # Handling time: log-normal around 55 % of the time limit; a stalled tail runs far beyond it.
        handling = span * math.exp(rng.gauss(math.log(0.55), 0.5))
        if rng.random() < 0.07:
            handling = span * rng.uniform(1.5, 150.0)
        handling = max(600.0, handling)
        path = plan.pick_path(rng)
        steps = len(path)
        first = rng.uniform(0.005, 0.06)
        times = [recv + int(handling * (first + (1 - first) * (k / (steps - 1)) ** 1.3)) if steps > 1
                 else recv + int(handling) for k in range(steps)]
        by_owner = self.person(owner)
        creator = None if plan.kind == "hotline" and rng.random() < 0.2 else by_owner

        entries = self.rows["entry"]
        eid = mid * PER_MATTER["entry"]
        assignments: list[list] = []  # [id, unit, role, status, assigned, accepted, replied, finished, reply, reason, ext]
        status = plan.initial
        action, label = plan.creation
        actor = creator or (None, SYSTEM, None)
        entries.append((eid, mid, None, clock(recv), actor[0], actor[1], actor[2], action, label, "", status,
                        text.comment(), "{}"))
        eid += 1
        aid = mid * PER_MATTER["assignment"]
        rating = ""
        closed_at = None
        last = recv
        version = 1
        lead_unit = None

        def write(step_name, step_label, at, who, frm, to, comment, data, assignment=None):
            nonlocal eid
            entries.append((eid, mid, assignment, clock(at), who[0], who[1], who[2], step_name, step_label, frm, to,
                            comment, json.dumps(data, ensure_ascii=False) if data else "{}"))
            eid += 1

        def comment_for(step):
            kind = step.text
            return (text.reply() if kind == "reply" else text.reason() if kind == "reason"
                    else text.progress() if kind == "progress" else text.comment())

        for k, step in enumerate(path):
            at = times[k]
            if at > now:
                break
            who = by_owner
            assignment_id = None
            data = None
            if step.role == DISPATCH:
                if plan.returns is not None and plan.returns.target == step.source and rng.random() < 0.03:
                    wrong = self.other_unit({lead})
                    assignments.append([aid, wrong, "lead", "returned", at, None, None, None, "", text.reason(), ""])
                    write(step.name, step.label, at, who, step.source, step.target, text.comment(),
                          {"units": [{"unit": w.unit_names[wrong], "role": "lead"}]}, aid)
                    back = min(now - 60, at + rng.randrange(1800, DAY))
                    write(plan.returns.name, plan.returns.label, back, self.person(wrong, "head"), step.target,
                          step.source, assignments[-1][9], {"unit": w.unit_names[wrong]}, aid)
                    aid += 1
                    version += 2
                    at = back + rng.randrange(600, 4 * 3600)
                    if at > now:
                        last = back
                        break
                    for j in range(k + 1, steps):
                        times[j] = max(times[j], at + (j - k) * 600)
                units = [(lead, "lead")]
                if rng.random() < 0.22:
                    units.append((self.other_unit({lead}), "assist"))
                    if rng.random() < 0.3:
                        units.append((self.other_unit({lead, units[1][0]}), "assist"))
                for unit, role in units:
                    assignments.append([aid, unit, role, "pending", at, None, None, None, "", "", ""])
                    aid += 1
                lead_unit = lead
                data = {"units": [{"unit": w.unit_names[u], "role": r} for u, r in units]}
                assignment_id = None
            elif step.role in (ACCEPT, REPLY):
                target = next((a for a in assignments if a[2] == "lead" and a[3] == ("pending" if step.role == ACCEPT else "accepted")), None)
                if target is not None:
                    who = self.person(target[1], "handler" if step.role == ACCEPT else "head")
                    assignment_id = target[0]
                    data = {"unit": w.unit_names[target[1]]}
                    for a in assignments:
                        if a[3] in ("pending", "accepted") and (a is target or a[2] != "lead"):
                            if step.role == ACCEPT and a[3] == "pending":
                                a[3], a[5] = "accepted", at
                            elif step.role == REPLY:
                                a[3], a[6] = "replied", at
                                a[8] = text.reply() if a is target else ""
            comment = comment_for(step)
            if step.rating:
                rating = plan.pick_rating(rng)
                data = {"rating": rating}
            write(step.name, step.label, at, who, step.source, step.target,
                  comment if step.role != REPLY else next((a[8] for a in assignments if a[0] == assignment_id), comment),
                  data, assignment_id)
            version += 1
            status = step.target
            last = at
            if step.closes or k == steps - 1:
                closed_at = at
                for a in assignments:
                    if a[3] in ("pending", "accepted", "replied"):
                        a[3], a[7] = "done", at
                tail = plan.tails.get(status)
                if tail is not None and rng.random() < 0.97:
                    after = at + rng.randrange(3600, 5 * DAY)
                    if after <= now:
                        if tail.rating:
                            rating = plan.pick_rating(rng)
                        write(tail.name, tail.label, after, by_owner, tail.source, tail.target, text.comment(),
                              {"rating": rating} if tail.rating else None)
                        version += 1
                        status = tail.target
                        last = after
                break
            # a progress report or an extension request while the lead unit is handling it
            lead_a = next((a for a in assignments if a[2] == "lead" and a[3] == "accepted"), None)
            if lead_a is not None:
                until = min(times[k + 1] if k + 1 < steps else now, now)
                if plan.progress is not None and rng.random() < 0.25 and until - at > 120:
                    write(plan.progress.name, plan.progress.label, rng.randrange(at + 60, until),
                          self.person(lead_a[1], "handler"), status, status, text.progress(),
                          {"unit": w.unit_names[lead_a[1]]}, lead_a[0])
                    version += 1
                if plan.extension is not None and until == now and rng.random() < 0.04 and until - at > 120:
                    days = rng.choice((5, 10, 15))
                    reason = "涉及多个部门协调，现场整改需要一定周期，申请延期办理。"
                    lead_a[10] = (days, reason)
                    write(plan.extension.name, plan.extension.label, rng.randrange(at + 60, until),
                          self.person(lead_a[1], "head"), status, status, reason,
                          {"unit": w.unit_names[lead_a[1]], "days": days}, lead_a[0])
                    version += 1

        is_open = closed_at is None
        if is_open:
            self.open += 1
        # Deadline fields as the sweep leaves them; reminders, chases and escalations in the journal.
        soon, chase_before, escalate_before = w.thresholds[plan.kind]
        sla = ""
        m_reminded = m_chased = m_escalated = None
        m_chases = 0
        arows = self.rows["assignment"]
        due_text = clock(due)
        for a in assignments:
            a_id, unit, role, a_status, assigned, accepted, replied, finished, reply, reason, ext = a
            a_sla, reminded, chased, chases, escalated = "", None, None, 0, None
            active = a_status in ("pending", "accepted")
            if active and due is not None:
                if due < now:
                    a_sla = "overdue"
                    reminded = max(assigned, due - (soon - now))
                    overdue_days = (now - due) // DAY
                    chases = max(1, overdue_days * 5 // 7)
                    chased = rng.randrange(chase_before - 600, now - 60) if chase_before - 600 < now - 60 else now - 60
                    chased = max(chased, due)
                    if due < escalate_before:
                        escalated = min(now - 60, due + (now - escalate_before))
                    if role == "lead":
                        m_reminded, m_chased, m_chases, m_escalated = reminded, chased, chases, escalated
                    data = {"unit": w.unit_names[unit], "due_at": due_text}
                    write("remind", "临期提醒", reminded, (None, SYSTEM, None), status, status,
                          f"请注意：该事项将于{due_text[:16]}到期，请抓紧办理。", data, a_id)
                    for n in range(min(chases, 3), 0, -1):
                        at = chased - (n - 1) * DAY
                        if at > due:
                            write("auto_chase", "自动催办", at, (None, SYSTEM, None), status, status,
                                  "该事项已超过办理时限，请立即办理并反馈。", data, a_id)
                    if escalated:
                        write("escalate", "升级督办", escalated, (None, SYSTEM, None), status, status,
                              "该事项超期未办结，已提请督查科督办。", data, a_id)
                elif due <= soon:
                    a_sla = "due_soon"
                    reminded = min(now - 60, max(assigned, due - (soon - now)))
                    if role == "lead":
                        m_reminded = reminded
                    write("remind", "临期提醒", reminded, (None, SYSTEM, None), status, status,
                          f"请注意：该事项将于{due_text[:16]}到期，请抓紧办理。",
                          {"unit": w.unit_names[unit], "due_at": due_text}, a_id)
                else:
                    a_sla = "normal"
            ext_status, ext_days, ext_reason = ("requested", ext[0], ext[1]) if ext else ("", None, "")
            arows.append((a_id, mid, unit, role, a_status, due_text, uncertain, a_sla, clock(assigned), by_owner[0],
                          clock(accepted), clock(replied), clock(finished), reply, reason, ext_status, ext_days,
                          ext_reason, 0, clock(reminded), clock(chased), chases, clock(escalated), None))
        if is_open and due is not None:
            sla = "overdue" if due < now else "due_soon" if due <= soon else "normal"
            if not any(a[3] in ("pending", "accepted") for a in assignments):
                # a clock no unit holds: the owner section is reminded, chased and escalated (sweep._act_owner)
                data = {"unit": w.unit_names[owner], "due_at": due_text}
                if sla == "due_soon":
                    m_reminded = min(now - 60, max(recv, due - (soon - now)))
                    write("remind", "临期提醒", m_reminded, (None, SYSTEM, None), status, status,
                          f"请注意：该事项将于{due_text[:16]}到期。", data)
                elif sla == "overdue":
                    m_reminded = max(recv, due - (soon - now))
                    m_chases = max(1, (now - due) // DAY * 5 // 7)
                    m_chased = max(due, rng.randrange(chase_before - 600, now - 60))
                    write("remind", "临期提醒", m_reminded, (None, SYSTEM, None), status, status,
                          f"请注意：该事项将于{due_text[:16]}到期。", data)
                    for n in range(min(m_chases, 3), 0, -1):
                        at = m_chased - (n - 1) * DAY
                        if at > due:
                            write("auto_chase", "自动催办", at, (None, SYSTEM, None), status, status,
                                  "该事项已超过时限，请立即办理。", data)
                    if due < escalate_before:
                        m_escalated = min(now - 60, due + (now - escalate_before))
                        write("escalate", "升级督办", m_escalated, (None, SYSTEM, None), status, status,
                              "该事项超期未办，已提请督办。", data)

        closed_on_time = None if is_open else (due is None or closed_at <= due)
        if not is_open and not rating and rng.random() < 0.55:
            rating = plan.pick_rating(rng)
        serial_year = year
        self.serials[(plan.prefix, serial_year)] = max(self.serials.get((plan.prefix, serial_year), 0), mid)
        self.rows["matter"].append((
            mid, plan.kind, f"{plan.prefix}{serial_year}-{mid:06d}", title, content, status, category, urgency,
            secrecy, owner, lead_unit, None, None, creator[0] if creator else None, clock(recv), due_text, uncertain,
            clock(closed_at), is_open, closed_on_time, sla, rating, clock(m_reminded), clock(m_chased), m_chases,
            clock(m_escalated), version, clock(recv), clock(last if is_open else closed_at),
        ))
        if plan.clock is not None and due is not None:
            self.clocks(plan, mid, recv, due, due_text, uncertain, closed_at, is_open)
        parties = self.rows["party"]
        pid = mid * PER_MATTER["party"]
        parties.append((pid, mid, owner, None, "owner"))
        seen = {(owner, "owner")}
        for a in assignments:
            if (a[1], a[2]) not in seen:
                pid += 1
                seen.add((a[1], a[2]))
                parties.append((pid, mid, a[1], None, a[2]))
        if is_open or plan.custom_holders:
            self.todos(mid, plan, status, is_open, owner, lead_unit, assignments, due_text, rank, secrecy, last)
        # the rollup row this matter counts in (stats.rebuild_bucket's rules)
        key = (rday, plan.kind, lead_unit, category)
        bucket = self.stats.get(key)
        if bucket is None:
            bucket = self.stats[key] = [0, 0, 0, 0, 0, 0, 0]
        bucket[0] += 1
        if not is_open:
            bucket[1] += 1
            bucket[2] += 1 if closed_on_time else 0
            bucket[6] += closed_at - recv
        elif due is not None and due < now:
            bucket[3] += 1
        if rating:
            bucket[4] += 1
            bucket[5] += 1 if rating in plan.satisfied else 0
        if plan.kind in w.details:
            self.detail(plan.kind, mid, recv, lead_unit or lead, owner, by_owner[0], title, content)

    def clocks(self, plan, mid, recv, due, due_text, uncertain, closed_at, is_open) -> None:
        """The kind's handling clock (running while open, stopped when closed) and, once closed, the
        window that opens then (e.g. 复查申请, 30 days) — as the engine leaves them (matters/clocks.py)."""
        rows, clock = self.rows["clock"], self.clock
        cid = mid * PER_MATTER["clock"]
        no_pause = 0 if self.w.backend == "sqlite" else dt.timedelta(0)  # DurationField: microseconds in SQLite
        (name, label, amount, unit), window = plan.extras["clocks"]
        rows.append((cid, mid, name, label, False, unit, amount, clock(recv), due_text, uncertain, clock(closed_at),
                     "running" if is_open else "stopped", no_pause, ""))
        if window is not None and not is_open:
            name, label, amount, unit = window
            ends = closed_at + amount * DAY  # the rest-day roll-over does not matter to the sweep: windows are skipped
            rows.append((cid + 1, mid, name, label, True, unit, amount, clock(closed_at), clock(ends), False, None,
                         "running", no_pause, ""))

    def todos(self, mid, plan, status, is_open, owner, lead_unit, assignments, due_text, rank, secrecy, since) -> None:
        """The kind's own `holders` (or `services.default_holders`) run on a stand-in of the matter;
        a kind whose holders need more than the matter and its assignments gets the default rule."""
        rows = self.rows["todo"]
        tid = mid * PER_MATTER["todo"]
        since_text = self.clock(since)
        if plan.custom_holders:
            holders = stand_in_holders(plan, mid, status, is_open, owner, lead_unit, assignments, due_text)
            if holders is not None:
                for h in holders[: PER_MATTER["todo"]]:
                    rows.append((tid, mid, h.unit_id, h.person_id, ",".join(h.roles), h.task[:60], h.due_at, rank,
                                 secrecy, since_text))
                    tid += 1
                return
        if not is_open:
            return
        held = False
        extension = False
        for a in assignments:
            if a[3] in ("pending", "accepted"):
                task = f"{'签收' if a[3] == 'pending' else '办理'}（{ROLE_LABEL[a[2]]}）"
                rows.append((tid, mid, a[1], None, "", task, due_text, rank, secrecy, since_text))
                tid += 1
                held = True
                extension |= bool(a[10])
        if extension:
            rows.append((tid, mid, owner, None, "", "审批延期申请", due_text, rank, secrecy, since_text))
            tid += 1
        if status in plan.owner_tasks:
            rows.append((tid, mid, owner, None, "", plan.owner_tasks[status][:60], due_text, rank, secrecy, since_text))
        elif not held and not plan.owner_tasks:
            rows.append((tid, mid, owner, None, "", plan.states.get(status, status)[:60], due_text, rank, secrecy, since_text))

    def detail(self, kind, mid, recv, unit, owner, person, title="", content="") -> None:
        _table, _columns, makers = self.w.details[kind]
        values = {"matter": mid, "recv": recv, "unit": unit, "owner": owner, "person": person}
        rng = self.rng
        row = []
        for maker in makers:
            kind_of, value = maker
            if kind_of == "const":
                row.append(value)
            elif kind_of == "choice":
                row.append(self.rng.choice(value))
            elif kind_of == "unique":
                row.append(f"{value}{mid:X}")
            elif kind_of == "time":
                row.append(self.clock(recv))
            elif kind_of == "date":
                row.append((dt.date(1970, 1, 1) + dt.timedelta(days=local_day(recv))).isoformat())
            elif kind_of == "text":
                row.append(self.text.comment()[:value] if value else self.text.comment())
            elif kind_of == "name":
                row.append(self.text.person())
            elif kind_of == "phone":
                row.append(f"1{rng.choice('35789')}{rng.randrange(10**9):09d}")
            elif kind_of == "keywords":
                row.append(keywords(kind, self.text.parts))
            else:
                row.append(values[kind_of])
        self.details.setdefault(kind, []).append(tuple(row))


class _Rows(list):
    """Just enough of a queryset for a kind's `holders` to read a matter's assignments."""

    def _match(self, row, key, value) -> bool:
        name, _sep, op = key.partition("__")
        actual = getattr(row, name)
        if op == "in":
            return actual in value
        if op:
            raise LookupError(key)
        return actual == value

    def filter(self, *args, **kwargs):
        if args:
            raise LookupError("Q objects")
        return _Rows(r for r in self if all(self._match(r, k, v) for k, v in kwargs.items()))

    def exclude(self, **kwargs):
        return _Rows(r for r in self if not all(self._match(r, k, v) for k, v in kwargs.items()))

    def order_by(self, *fields):
        return self

    def all(self):
        return self

    def exists(self) -> bool:
        return bool(self)

    def first(self):
        return self[0] if self else None

    def count(self) -> int:
        return len(self)

    def select_related(self, *fields):
        return self


class _StandInAssignment:
    __slots__ = ("id", "pk", "unit_id", "role", "status", "due_at", "extension")

    def __init__(self, row, due_text):
        self.id = self.pk = row[0]
        self.unit_id, self.role, self.status, self.due_at = row[1], row[2], row[3], due_text
        self.extension = "requested" if row[10] else ""

    def get_role_display(self) -> str:
        return ROLE_LABEL[self.role]


class _StandInMatter:
    def __init__(self, plan, mid, status, is_open, owner, lead_unit, assignments, due_text):
        self.pk = self.id = mid
        self.kind, self.status, self.is_open = plan.kind, status, is_open
        self.owner_unit_id, self.lead_unit_id, self.due_at = owner, lead_unit, due_text
        self.status_label = plan.states.get(status, status)
        self.assignments = _Rows(_StandInAssignment(a, due_text) for a in assignments)
        self.review_steps = _Rows()


def stand_in_holders(plan, mid, status, is_open, owner, lead_unit, assignments, due_text):
    from shuniu.matters.workflow import get_workflow

    try:
        return list(get_workflow(plan.kind).holders(
            _StandInMatter(plan, mid, status, is_open, owner, lead_unit, assignments, due_text)))
    except Exception:  # the kind's rule needs data the stand-in lacks: use the default rule
        return None


HOURS = [h for h, n in ((0, 1), (7, 2), (8, 6), (9, 10), (10, 10), (11, 8), (12, 4), (13, 5), (14, 9), (15, 9),
                        (16, 8), (17, 5), (18, 3), (19, 3), (20, 3), (21, 2), (22, 1)) for _ in range(n)]


# --- Building the world (in the parent, with Django) ---------------------------------------------


def build_world(n: int, seed: int, now: int, backend: str) -> World:
    from django.apps import apps
    from django.utils import timezone

    from shuniu.matters import models as m
    from shuniu.matters.sweep import _shift
    from shuniu.matters.workflow import all_workflows
    from shuniu.org.models import Membership, Unit
    from shuniu.workdays.services import DeadlineRule, compute_deadline, day_info

    from . import kinds

    workflows = all_workflows()
    if not workflows:
        raise SystemExit("no kind is registered (shuniu.matters.workflow.all_workflows() is empty)")
    plans = [kinds.plan(w) for w in workflows]
    log("kinds registered now:\n" + kinds.describe(plans))

    units = dict(Unit.objects.values_list("code", "pk"))
    unit_names = {pk: code for code, pk in units.items()}
    kinds_of = dict(Unit.objects.values_list("pk", "kind"))
    assignees = [pk for pk, kind in kinds_of.items() if kind in (Unit.Kind.DEPARTMENT, Unit.Kind.COUNTY)]
    counties = [pk for pk in assignees if kinds_of[pk] == Unit.Kind.COUNTY]
    busy = {"cgj": 6, "zjj": 5, "jtj": 4, "hbj": 3, "scj": 3, "rsj": 3, "swj": 2, "gaj": 2, "mzj": 2, "wjw": 2}
    assignee_cum = list(accumulate(busy.get(unit_names[pk], 1) for pk in assignees))
    people: dict[int, list] = {}
    for unit_id, uid, name, role in Membership.objects.filter(is_active=True, person__is_active=True).values_list(
        "unit_id", "person_id", "person__name", "role"
    ).order_by("unit_id", "person_id"):
        people.setdefault(unit_id, []).append((uid, name, role))
    director = Membership.objects.filter(role="office_director").values_list("person_id", "person__name", "unit_id").first()

    today = timezone.localtime(dt.datetime.fromtimestamp(now, dt.UTC)).date()
    first = today - dt.timedelta(days=365 * YEARS)
    day_first = (first - dt.date(1970, 1, 1)).days
    weights = []
    for offset in range((today - first).days + 1):
        day = first + dt.timedelta(days=offset)
        info = day_info(day)
        weight = 1.0 if info.workday else 0.4
        weights.append(weight * (1 + 0.25 * offset / (365 * YEARS)))  # volume grows year on year
    day_cum = list(accumulate(weights))

    dues: dict = {}
    for p in plans:
        if p.handle_rule == "-":
            continue  # no time limit: matters of this kind carry none
        rule = DeadlineRule.parse(p.handle_rule)
        if rule.unit == "hours":
            p.extras["hours"] = rule.amount
            continue
        if any(key[0] == p.handle_rule for key in dues):
            continue
        for offset in range(len(weights)):
            day = first + dt.timedelta(days=offset)
            deadline = compute_deadline(timezone.make_aware(dt.datetime.combine(day, dt.time(12))), rule)
            dues[(p.handle_rule, day_first + offset)] = (int(deadline.due_at.timestamp()), deadline.uncertain)
    moment = dt.datetime.fromtimestamp(now, dt.UTC)
    thresholds = {
        p.kind: (int(_shift(moment, p.reminder_before, +1).timestamp()), int(_shift(moment, p.chase_every, -1).timestamp()),
                 int(_shift(moment, p.escalate_after, -1).timestamp()))
        for p in plans
    }

    mine = {
        "matter": ["id", "kind", "serial", "title", "content", "status", "category", "urgency", "secrecy", "owner_unit_id",
                   "lead_unit_id", "parent_id", "source_id", "created_by_id", "received_at", "due_at", "due_uncertain",
                   "closed_at", "is_open", "closed_on_time", "sla", "rating", "reminded_at", "chased_at", "chase_count",
                   "escalated_at", "version", "created_at", "updated_at"],
        "assignment": ["id", "matter_id", "unit_id", "role", "status", "due_at", "due_uncertain", "sla", "assigned_at",
                       "assigned_by_id", "accepted_at", "replied_at", "finished_at", "reply", "return_reason", "extension",
                       "extension_days", "extension_reason", "extension_count", "reminded_at", "chased_at", "chase_count",
                       "escalated_at", "next_report_due"],
        "entry": ["id", "matter_id", "assignment_id", "at", "actor_id", "actor_name", "actor_unit_id", "action",
                  "action_label", "from_status", "to_status", "comment", "data"],
        "party": ["id", "matter_id", "unit_id", "person_id", "relation"],
        "todo": ["id", "matter_id", "unit_id", "person_id", "roles", "task", "due_at", "urgency_rank", "secrecy", "since"],
        "clock": ["id", "matter_id", "name", "label", "window", "unit", "amount", "started_at", "due_at", "due_uncertain",
                  "stopped_at", "state", "paused_total", "note"],
    }
    models = {"matter": m.Matter, "assignment": m.Assignment, "entry": m.Entry, "party": m.Party, "todo": m.Todo,
              "clock": m.Clock}
    from shuniu.matters.clocks import parse_rule

    for p in plans:  # (name, label, amount, unit) of the clocks written for the kind's matters
        p.extras["clocks"] = [(c[0], c[1], *parse_rule(c[2])) if c else None for c in (p.clock, p.window)]
    shapes, tables = {}, {}
    for name, model in models.items():
        tables[name] = model._meta.db_table
        columns = [f.column for f in model._meta.concrete_fields]
        missing = [c for c in mine[name] if c not in columns]
        if missing:
            raise SystemExit(f"{model.__name__} no longer has columns {missing}: update bench/generate.py")
        extras = []
        for f in model._meta.concrete_fields:
            if f.column in mine[name]:
                continue
            if not f.has_default() and not f.null:
                raise SystemExit(f"{model.__name__}.{f.name} is required and has no default: update bench/generate.py")
            value = f.get_default() if f.has_default() else None
            extras.append((f.column, _plain(value)))
        shapes[name] = (mine[name] + [c for c, _ in extras], [v for _, v in extras])

    from django.db import connection

    existing = set(connection.introspection.table_names())
    details = {}
    for p in plans:
        if not p.detail_model:
            continue
        try:
            model = apps.get_model(p.detail_model)
        except LookupError:
            continue
        if model._meta.db_table not in existing:
            log(f"detail table {p.detail_model}: not filled (the table does not exist yet — no migration)")
            continue
        filler = detail_makers(model)
        if filler is None:
            log(f"detail table {p.detail_model}: not filled (a required column needs real data)")
            continue
        details[p.kind] = (model._meta.db_table, *filler)

    plan_cum = list(accumulate(p.weight for p in plans))
    return World(
        n=n, seed=seed, now=now, backend=backend, plans=plans, plan_cum=plan_cum, units=units, unit_names=unit_names,
        assignees=assignees, assignee_cum=assignee_cum, counties=counties, people=people, director=director,
        day_first=day_first, day_cum=day_cum, dues=dues, thresholds=thresholds, shapes=shapes, tables=tables,
        details=details,
    )


_TOKENS: dict[str, list[str]] = {}


def keywords(kind: str, parts: tuple[str, ...]) -> str:
    """A kind's own word list for duplicate detection (hotline: `hotline.text.tokens`, jieba), made
    from the pieces the generated title and text were built of, each piece segmented once."""
    try:
        from importlib import import_module

        tokens = import_module(f"shuniu.{kind}.text").tokens
    except (ImportError, AttributeError):
        return ""
    seen: dict[str, None] = {}
    for part in parts:
        words = _TOKENS.get(part)
        if words is None:
            words = _TOKENS[part] = tokens(part)
        for word in words:
            seen.setdefault(word, None)
    return " ".join(seen)


def _plain(value):
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if callable(value):
        return _plain(value())
    return value


def detail_makers(model):
    """How to fill each column of a kind's detail table generically, or None when one column needs
    data only the kind's own service could invent (a required link to another business row)."""
    from django.db import models as dm

    from shuniu.matters.models import Matter
    from shuniu.org.models import Unit, User

    columns, makers = [], []
    for f in model._meta.concrete_fields:
        columns.append(f.column)
        if f.is_relation:
            target = f.related_model
            if target is Matter and (f.primary_key or f.unique):
                makers.append(("matter", None))
            elif f.null:
                makers.append(("const", None))
            elif target is Unit:
                makers.append(("unit", None))
            elif target is User:
                makers.append(("person", None))
            else:
                return None
        elif f.primary_key:
            makers.append(("matter", None))
        elif f.choices:
            makers.append(("choice", [value for value, _label in f.flatchoices if value not in ("", None)] or [""]))
        elif f.unique:
            if not isinstance(f, dm.CharField | dm.TextField):
                return None
            makers.append(("unique", ""))
        elif f.has_default() and not ("phone" in f.name or f.name == "keywords"):
            makers.append(("const", _plain(f.get_default())))
        elif f.null:
            makers.append(("const", None))
        elif isinstance(f, dm.DateTimeField):
            makers.append(("time", None))
        elif isinstance(f, dm.DateField):
            makers.append(("date", None))
        elif isinstance(f, dm.CharField | dm.TextField) and "name" in f.name and not f.blank:
            makers.append(("name", None))
        elif isinstance(f, dm.CharField | dm.TextField) and "phone" in f.name:
            makers.append(("phone", None))
        elif f.name == "keywords":
            makers.append(("keywords", None))
        elif isinstance(f, dm.CharField | dm.TextField):
            makers.append(("text", f.max_length or 0) if not f.blank else ("const", ""))
        elif isinstance(f, dm.BooleanField):
            makers.append(("const", False))
        elif isinstance(f, dm.IntegerField | dm.FloatField | dm.DecimalField):
            makers.append(("const", 1))
        else:
            return None
    return columns, makers


# --- Writing --------------------------------------------------------------------------------------


def shaped(world: World, name: str, rows: list) -> tuple[list[str], list]:
    columns, extras = world.shapes[name]
    if extras:
        tail = tuple(extras)
        rows = [row + tail for row in rows]
    return columns, rows


class PgSink:
    def __init__(self, conninfo: str):
        import psycopg

        self.conn = psycopg.connect(conninfo)
        with self.conn.cursor() as cur:
            cur.execute("SET session_replication_role = replica")
            cur.execute("SET synchronous_commit = off")
        self.conn.commit()

    def write(self, batches: list[tuple[str, list[str], list]]) -> None:
        with self.conn.transaction(), self.conn.cursor() as cur:
            for table, columns, rows in batches:
                if not rows:
                    continue
                with cur.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(row)


class SqliteSink:
    def __init__(self, path: str):
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA foreign_keys=OFF")
        self.conn.execute("PRAGMA synchronous=OFF")
        self.conn.execute("PRAGMA journal_mode=MEMORY")
        self.conn.execute("PRAGMA cache_size=-262144")
        self.conn.execute("BEGIN")

    def write(self, batches) -> None:
        for table, columns, rows in batches:
            if rows:
                marks = ", ".join("?" * len(columns))
                self.conn.executemany(f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({marks})', rows)

    def commit(self) -> None:
        self.conn.execute("COMMIT")
        self.conn.execute("PRAGMA journal_mode=WAL")  # as the project runs it


def batches_of(world: World, chunk: Chunk) -> list:
    out = []
    for name in TABLES:
        columns, rows = shaped(world, name, chunk.rows[name])
        out.append((world.tables[name], columns, rows))
    for kind, rows in chunk.details.items():
        table, columns, _makers = world.details[kind]
        out.append((table, columns, rows))
    return out


_WORLD: World | None = None
_SINK = None


def _worker_init(world: World, conninfo: str) -> None:
    global _WORLD, _SINK
    _WORLD, _SINK = world, PgSink(conninfo)


def _worker_run(span: tuple[int, int]) -> tuple[dict, dict, dict[str, int], int]:
    chunk = Chunk(_WORLD, *span).build()
    batches = batches_of(_WORLD, chunk)
    _SINK.write(batches)
    counts = {table: len(rows) for table, _c, rows in batches}
    return chunk.stats, chunk.serials, counts, chunk.open


# --- The database around the load -------------------------------------------------------------


def pg_conninfo(url: str) -> tuple[str, str, str]:
    """(conninfo of the bench database, conninfo of the maintenance database `postgres`)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    return url, urlunsplit(parts._replace(path="/postgres")), name


def recreate_pg_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    _bench, admin, name = pg_conninfo(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' "
                             "LC_CTYPE 'C.UTF-8'").format(sql.Identifier(name)))
        # The usual setting for a database on SSD (docs/performance.md): with the default 4 the planner
        # prices scattered heap reads so high that it walks every open matter by deadline instead of
        # the kind/unit index for deep list pages.
        conn.execute(sql.SQL("ALTER DATABASE {} SET random_page_cost = {}").format(
            sql.Identifier(name), sql.Literal(RANDOM_PAGE_COST)))


def sqlite_path(url: str) -> str:
    return url.split("sqlite:///", 1)[1]


def prepare(mode: str) -> None:
    """A fresh database with the schema and the demo office's organisation."""
    url = env.database_url()
    if env.is_postgres():
        log(f"re-creating PostgreSQL database {pg_conninfo(url)[2]} (template0, C.UTF-8)")
        recreate_pg_database(url)
    else:
        path = Path(sqlite_path(url))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        log(f"fresh SQLite file {path}")
    import django

    django.setup()
    from django.core.management import call_command

    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    log(f"schema migrated in {time.monotonic() - started:.1f}s")
    seed_org()


def seed_org() -> None:
    """The demo office (units, people, posts). One real Argon2 hash shared by every account."""
    from unittest import mock

    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from shuniu.org import demo

    cache: dict[str, str] = {}

    def once(password, salt=None, hasher="default"):
        if password not in cache:
            cache[password] = make_password(password)
        return cache[password]

    with mock.patch("django.contrib.auth.base_user.make_password", once), transaction.atomic():
        demo.seed(password=os.environ.get("SHUNIU_DEMO_PASSWORD", "Shuniu@2026"))


def pg_secondary_indexes(conn, tables: list[str]) -> list[tuple[str, str, str]]:
    """(table, drop statement, create statement) for every non-primary index of `tables`."""
    rows = conn.execute(
        """
        SELECT t.relname, i.relname, pg_get_indexdef(i.oid), c.conname, pg_get_constraintdef(c.oid)
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
        LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid
        WHERE t.relname = ANY(%s) AND NOT x.indisprimary
        """,
        (tables,),
    ).fetchall()
    out = []
    for table, index, indexdef, constraint, constraintdef in rows:
        if constraint:
            out.append((table, f'ALTER TABLE "{table}" DROP CONSTRAINT "{constraint}"',
                        f'ALTER TABLE "{table}" ADD CONSTRAINT "{constraint}" {constraintdef}'))
        else:
            out.append((table, f'DROP INDEX "{index}"', indexdef))
    return out


def sqlite_secondary_indexes(conn, tables: list[str]) -> list[tuple[str, str, str]]:
    rows = conn.execute(
        f"SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({', '.join('?' * len(tables))})", tables,
    ).fetchall()
    return [(table, f'DROP INDEX "{name}"', sql) for table, name, sql in rows]


def run_parallel(statements: list[str], conninfo: str, workers: int) -> None:
    """Run DDL statements (index builds) on `workers` connections at once, biggest tables first."""
    import threading

    import psycopg

    queue = list(statements)
    lock = threading.Lock()
    errors: list[BaseException] = []

    def work():
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute("SET maintenance_work_mem = '1GB'")
            conn.execute("SET max_parallel_maintenance_workers = 0")
            while True:
                with lock:
                    if not queue or errors:
                        return
                    statement = queue.pop(0)
                try:
                    conn.execute(statement)
                except BaseException as error:  # surfaced after the threads join
                    errors.append(error)
                    return

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


# --- Main -----------------------------------------------------------------------------------------


def generate(mode: str, n: int, seed: int = 2026, workers: int | None = None) -> dict:
    env.configure(mode)
    started = time.monotonic()
    prepare(mode)
    from django.db import connection, connections

    from shuniu.matters.models import SerialCounter, StatBucket

    now = int(time.time())
    backend = "postgresql" if env.is_postgres() else "sqlite"
    world = build_world(n, seed, now, backend)
    if "hotline" in world.details and any(m[0] == "keywords" for m in world.details["hotline"][2]) and n > CHUNK:
        warm = time.monotonic()
        keywords("hotline", tuple(Text.hotline_parts()))
        log(f"hotline keywords (jieba) cached for {len(_TOKENS):,} text pieces in {time.monotonic() - warm:.0f}s")
    bulk = [world.tables[t] for t in TABLES]
    bulk += [table for table, _c, _m in world.details.values()]
    spans = [(s, min(n, s + CHUNK)) for s in range(0, n, CHUNK)]
    stats: dict[tuple, list[int]] = {}
    serials: dict[tuple[str, int], int] = {}
    counts: dict[str, int] = {}
    open_total = 0

    def merge(chunk_stats, chunk_serials, chunk_counts, chunk_open):
        nonlocal open_total
        for key, values in chunk_stats.items():
            bucket = stats.get(key)
            if bucket is None:
                stats[key] = values
            else:
                for index, value in enumerate(values):
                    bucket[index] += value
        for key, value in chunk_serials.items():
            serials[key] = max(serials.get(key, 0), value)
        for table, count in chunk_counts.items():
            counts[table] = counts.get(table, 0) + count
        open_total += chunk_open

    load_started = time.monotonic()
    if backend == "postgresql":
        import psycopg

        url = env.database_url()
        with psycopg.connect(url, autocommit=True) as conn:
            indexes = pg_secondary_indexes(conn, bulk)
            for _table, drop, _create in indexes:
                conn.execute(drop)
        connections.close_all()
        workers = workers or max(2, os.cpu_count() or 2)
        log(f"loading {n:,} matters with COPY in {workers} processes ({len(spans)} chunks of {CHUNK:,})")
        context = multiprocessing.get_context("fork")
        done = 0
        with context.Pool(workers, initializer=_worker_init, initargs=(world, url)) as pool:
            for result in pool.imap_unordered(_worker_run, spans):
                merge(*result)
                done += 1
                if done % max(1, len(spans) // 20) == 0 or done == len(spans):
                    elapsed = time.monotonic() - load_started
                    log(f"  {min(n, done * CHUNK):>12,} matters  {elapsed:7.1f}s  "
                        f"{min(n, done * CHUNK) / elapsed:,.0f} matters/s")
        load_seconds = time.monotonic() - load_started
        index_started = time.monotonic()
        log(f"rebuilding {len(indexes)} indexes")
        order = {world.tables["entry"]: 0, world.tables["matter"]: 1}
        run_parallel([create for _t, _d, create in sorted(indexes, key=lambda i: order.get(i[0], 2))], url, 2)
        index_seconds = time.monotonic() - index_started
        with psycopg.connect(url, autocommit=True) as conn:
            for name in TABLES:
                table = world.tables[name]
                conn.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                             f"(SELECT COALESCE(MAX(id), 1) FROM \"{table}\"))")
    else:
        path = sqlite_path(env.database_url())
        connections.close_all()
        sink = SqliteSink(path)
        indexes = sqlite_secondary_indexes(sink.conn, bulk)
        for _table, drop, _create in indexes:
            sink.conn.execute(drop)
        log(f"loading {n:,} matters with bulk INSERT ({len(spans)} chunks of {CHUNK:,})")
        for span in spans:
            chunk = Chunk(world, *span).build()
            batches = batches_of(world, chunk)
            sink.write(batches)
            merge(chunk.stats, chunk.serials, {t: len(r) for t, _c, r in batches}, chunk.open)
        load_seconds = time.monotonic() - load_started
        index_started = time.monotonic()
        for _table, _drop, create in indexes:
            sink.conn.execute(create)
        sink.commit()
        sink.conn.close()
        index_seconds = time.monotonic() - index_started

    # the rollup and the serial counters, through the ORM (small)
    from django.db import transaction

    day0 = dt.date(1970, 1, 1)
    with transaction.atomic():
        StatBucket.objects.all().delete()
        StatBucket.objects.bulk_create(
            (StatBucket(day=day0 + dt.timedelta(days=day), kind=kind, unit_id=unit, category=category, received=v[0],
                        closed=v[1], closed_on_time=v[2], overdue_open=v[3], rated=v[4], satisfied=v[5],
                        handling_seconds=v[6])
             for (day, kind, unit, category), v in stats.items()),
            batch_size=5000,
        )
        for (prefix, year), last in serials.items():
            SerialCounter.objects.update_or_create(prefix=prefix, year=year, defaults={"last": last})
    counts["matters_statbucket"] = len(stats)
    analyse_started = time.monotonic()
    if backend == "postgresql":
        import psycopg

        connections.close_all()
        with psycopg.connect(env.database_url(), autocommit=True) as conn:
            conn.execute("SET maintenance_work_mem = '1GB'")
            conn.execute("VACUUM (ANALYZE)")
            size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        size = os.path.getsize(sqlite_path(env.database_url()))
    analyse_seconds = time.monotonic() - analyse_started
    total = time.monotonic() - started
    summary = {
        "n": n, "open": open_total, "rows": counts, "seconds": round(total, 1), "load_seconds": round(load_seconds, 1),
        "index_seconds": round(index_seconds, 1), "analyse_seconds": round(analyse_seconds, 1), "bytes": size,
        "now": now, "kinds": [p.kind for p in world.plans],
    }
    log(f"done: {n:,} matters ({open_total:,} open), rows {counts}, "
        f"{size / 1e9:.2f} GB, {total:.0f}s (load {load_seconds:.0f}s, indexes {index_seconds:.0f}s, "
        f"analyse {analyse_seconds:.0f}s)")
    from django.conf import settings

    Path(settings.DATA_DIR, "generated.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    return summary


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Fill the benchmark database with generated matters.")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--quick", action="store_true", help="SQLite var/bench, 100 000 matters")
    group.add_argument("--full", action="store_true", help="PostgreSQL shuniu_bench, 10 000 000 matters")
    parser.add_argument("--n", type=int, help="number of matters")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workers", type=int, help="COPY processes (PostgreSQL)")
    args = parser.parse_args(argv)
    mode = "quick" if args.quick else "full"
    n = args.n or (100_000 if args.quick else 10_000_000)
    generate(mode, n, args.seed, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
