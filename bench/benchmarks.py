"""The six benchmarks. Each prints one line per measurement with a `ratio` against a baseline
measured in the same run, and returns a dict for the results file.

Run through `python -m bench.run`; Django is set up by then with the benchmark database.
"""

from __future__ import annotations

import json
import math
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from . import env

PAGE = 50


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p * len(ordered)) - 1))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def verdict(ok: bool | None) -> str:
    return "" if ok is None else ("  [target met]" if ok else "  [target MISSED]")


def say(line: str) -> None:
    print(line, flush=True)


# --- Raw database access for the baselines -------------------------------------------------------


class Raw:
    """A connection of its own (persistent, no ORM, no request cycle) for the baseline queries."""

    def __init__(self):
        url = env.database_url()
        self.pg = env.is_postgres()
        if self.pg:
            import psycopg

            self.conn = psycopg.connect(url, autocommit=True)
        else:
            import sqlite3

            self.conn = sqlite3.connect(url.split("sqlite:///", 1)[1], isolation_level=None)

    def sql(self, text: str) -> str:
        return text if self.pg else text.replace("%s", "?")

    def param(self, value):
        """Datetimes as each backend stores them."""
        import datetime as dt

        if isinstance(value, dt.datetime) and not self.pg:
            return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
        return value

    def all(self, text: str, params=()) -> list:
        cursor = self.conn.cursor()
        cursor.execute(self.sql(text), [self.param(p) for p in params])
        rows = cursor.fetchall()
        cursor.close()
        return rows

    def timed(self, queries: list[tuple[str, tuple]]) -> float:
        started = time.perf_counter()
        for text, params in queries:
            self.all(text, params)
        return time.perf_counter() - started

    def close(self) -> None:
        self.conn.close()


def tables():
    from shuniu.matters.models import Assignment, Entry, Matter, StatBucket, Todo
    from shuniu.org.models import Unit

    return {m.__name__: m._meta.db_table for m in (Matter, Assignment, Entry, Todo, StatBucket, Unit)}


def api_client(username: str):
    from django.test import Client
    from knox.models import AuthToken

    from shuniu.org.models import User

    user = User.objects.get(username=username)
    _instance, token = AuthToken.objects.create(user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}"), user, token


def time_api(client, path: str, params: dict, reps: int, warmup: int = 3) -> tuple[list[float], dict]:
    body = {}
    for _ in range(warmup):
        response = client.get(path, params)
        if response.status_code != 200:
            raise RuntimeError(f"{path} {params} → {response.status_code}: {response.content[:300]!r}")
        body = response.json()
    samples = []
    for _ in range(reps):
        started = time.perf_counter()
        response = client.get(path, params)
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200
    return samples, body


def query_count(client, path: str, params: dict) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(path, params)
    return len(captured.captured_queries)


def explain(client, path: str, params: dict, raw: Raw) -> None:
    """EXPLAIN ANALYZE of every query one API call makes (PostgreSQL), slowest first."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(path, params)
    for query in sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:3]:
        say(f"    -- {query['time']}s: {query['sql'][:400]}")
        if raw.pg and query["sql"].lstrip().upper().startswith("SELECT"):
            for (line,) in raw.all("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"].replace("%", "%%")):
                say(f"       {line}")


def compare(label: str, api: list[float], base: list[float], *, target_ms: float | None, target_ratio: float | None,
            queries: int | None = None, note: str = "") -> dict:
    p50, p95 = percentile(api, 0.5), percentile(api, 0.95)
    b50, b95 = percentile(base, 0.5), percentile(base, 0.95)
    ratio = p95 / b95 if b95 else float("inf")
    ok = None
    if target_ms is not None or target_ratio is not None:
        ok = (target_ms is None or p95 * 1000 <= target_ms) and (target_ratio is None or ratio <= target_ratio)
    targets = " and ".join(t for t in (f"p95 ≤ {target_ms:g} ms" if target_ms else "",
                                        f"ratio ≤ {target_ratio:g}" if target_ratio else "") if t)
    counted = f" ({queries} queries)" if queries else ""
    wanted = f" (target {targets})" if targets else ""
    say(f"{label}: API p50 {ms(p50)} p95 {ms(p95)}{counted} | raw SQL p50 {ms(b50)} "
        f"p95 {ms(b95)} | ratio {ratio:.2f}{wanted}{verdict(ok)}{note}")
    return {"label": label, "p50_ms": round(p50 * 1000, 2), "p95_ms": round(p95 * 1000, 2),
            "raw_p50_ms": round(b50 * 1000, 2), "raw_p95_ms": round(b95 * 1000, 2), "ratio": round(ratio, 2),
            "queries": queries, "ok": ok}


# --- 1. Inbox and the filtered matter list -----------------------------------------------------------


def busiest(kind: str):
    """The lead unit with the most overdue open matters of `kind`, and its staff account."""
    from django.db.models import Count
    from django.utils import timezone

    from shuniu.matters.models import Matter
    from shuniu.org.models import Membership, Unit

    row = (Matter.objects.filter(kind=kind, is_open=True, due_at__lt=timezone.now(), lead_unit__isnull=False)
           .values("lead_unit").annotate(c=Count("id")).order_by("-c").first())
    unit = Unit.objects.get(pk=row["lead_unit"]) if row else Unit.objects.filter(kind="department").first()
    staff = (Membership.objects.filter(unit=unit, is_active=True, role__in=["handler", "head"])
             .order_by("role").values_list("person__username", flat=True).first())
    return unit, staff


def list_sql(t: dict, raw: Raw, user, visible_units: list[int] | None) -> tuple[str, str, str]:
    """The list query as a DBA would write it: same filters, same visibility rule, same order."""
    where = "m.secrecy <= %s AND m.kind = %s AND m.lead_unit_id = %s AND m.is_open AND m.due_at < %s"
    if visible_units is not None:
        units = ", ".join(str(u) for u in visible_units) or "NULL"
        where += (f" AND (EXISTS (SELECT 1 FROM matters_party p WHERE p.matter_id = m.id AND "
                  f"(p.unit_id IN ({units}) OR p.person_id = {int(user.pk)})) OR m.created_by_id = {int(user.pk)} "
                  f"OR m.lead_unit_id IN ({units}))")
    count = f"SELECT COUNT(*) FROM {t['Matter']} m WHERE {where}"
    page = (f"SELECT m.id, m.kind, m.serial, m.title, m.status, m.urgency, m.category, u.code, m.received_at, m.due_at, "
            f"m.due_uncertain, m.closed_at, m.is_open, m.sla FROM {t['Matter']} m LEFT JOIN {t['Unit']} u "
            f"ON u.id = m.lead_unit_id WHERE {where} ORDER BY m.received_at DESC, m.id DESC LIMIT {PAGE} OFFSET %s")
    return count, page, where


def inbox_sql(t: dict, user) -> tuple[str, str, list]:
    """The inbox query as `services.inbox` states it: one clause per unit, the personal clause when
    the person has personal work, secrecy from the inbox row, in urgency/deadline order."""
    from shuniu.matters.models import Todo

    roles_by_unit: dict[int, list[str]] = {}
    for unit_id, role in user.memberships.filter(is_active=True).values_list("unit_id", "role"):
        roles_by_unit.setdefault(unit_id, []).append(role)
    clauses, params = [], []
    for unit_id, roles in roles_by_unit.items():
        clauses.append(f"(t.unit_id = %s AND t.person_id IS NULL AND (t.roles = ''"
                       f"{' OR t.roles LIKE %s' * len(roles)}))")
        params += [unit_id, *(f"%{role}%" for role in roles)]
    acting = user.acting_ids()
    if not roles_by_unit or Todo.objects.filter(person_id__in=acting).exists():
        clauses.append(f"t.person_id IN ({', '.join(str(int(a)) for a in acting)})")
    where = f"({' OR '.join(clauses)}) AND t.secrecy <= %s"
    params.append(user.clearance)
    count = f"SELECT COUNT(*) FROM {t['Todo']} t WHERE {where}"
    page = (f"SELECT t.task, t.due_at, m.id, m.kind, m.serial, m.title, m.status, m.urgency, m.category, u.code, "
            f"m.received_at, m.due_at, m.due_uncertain, m.closed_at, m.is_open, m.sla FROM {t['Todo']} t "
            f"JOIN {t['Matter']} m ON m.id = t.matter_id LEFT JOIN {t['Unit']} u ON u.id = m.lead_unit_id "
            f"WHERE {where} ORDER BY t.urgency_rank, t.due_at NULLS LAST, t.id LIMIT {PAGE} OFFSET %s")
    return count, page, params


def bench_lists(reps: int, do_explain: bool = False) -> list[dict]:
    from django.utils import timezone

    from shuniu.matters.rules import sees_everything
    from shuniu.matters.workflow import all_workflows

    t = tables()
    raw = Raw()
    kinds = [w.kind for w in all_workflows()]
    kind = "hotline" if "hotline" in kinds else kinds[0]
    unit, staff = busiest(kind)
    results = []
    cases = [("director", "office director (sees all)")]
    if staff:
        cases.append((staff, f"{unit.code} staff (visibility rule applies)"))
    for username, who in cases:
        client, user, _token = api_client(username)
        visible = None if sees_everything(user) else sorted(user.unit_ids() | user.portfolio_unit_ids())
        if visible is not None and unit.pk in visible:
            visible = None  # as rules.visible_matters(lead_unit_id=...): one's own unit's matters are all visible
        count_sql, page_sql, _where = list_sql(t, raw, user, visible)
        params = {"kind": kind, "unit": unit.code, "overdue": "true"}
        _s, first = time_api(client, "/api/v1/matters/", params, 1)
        total = first["count"]
        pages = max(1, math.ceil(total / PAGE))
        for page in sorted({1, min(100, pages)}):
            deepest = "" if page in (1, 100) else " (the deepest page)"
            label = f"[1] list {kind}+{unit.code}+overdue, {who}, page {page}{deepest} of {total:,} rows"
            api, _body = time_api(client, "/api/v1/matters/", {**params, "page": page}, reps)
            now = timezone.now()
            base_params = (user.clearance, kind, unit.pk, now)
            base = [raw.timed([(count_sql, base_params), (page_sql, (*base_params, (page - 1) * PAGE))])
                    for _ in range(reps)]
            queries = query_count(client, "/api/v1/matters/", {**params, "page": page})
            results.append(compare(label, api, base, target_ms=50, target_ratio=2, queries=queries))
            if do_explain:
                explain(client, "/api/v1/matters/", {**params, "page": page}, raw)
    # The floor under every API answer: the same client and token, the project's middleware and REST
    # framework settings, no query of the view's own (bench/urls.py).
    client, _user, _token = api_client(staff or "director")
    floor, _body = time_api(client, "/bench/api-floor", {}, reps)
    floor_queries = query_count(client, "/bench/api-floor", {})
    say(f"[1] API floor (Bearer token, permission check, middleware, JSON; no query of its own): p50 "
        f"{ms(percentile(floor, 0.5))} p95 {ms(percentile(floor, 0.95))} ({floor_queries} queries: the token and "
        f"its user) | the part of every API time above that no query can remove")
    results.append({"label": "api floor", "p50_ms": round(percentile(floor, 0.5) * 1000, 2),
                    "p95_ms": round(percentile(floor, 0.95) * 1000, 2), "queries": floor_queries})
    # inbox: the busiest unit's staff, and the hotline office (owner section of the biggest kind)
    from shuniu.matters.workflow import get_workflow
    from shuniu.org.models import Membership

    owner = get_workflow(kind).owner_section()
    owner_code = owner.code if owner else ""
    owner_staff = (Membership.objects.filter(unit__code=owner_code, is_active=True)
                   .values_list("person__username", flat=True).first())
    for username in [u for u in (staff, owner_staff) if u]:
        client, user, _token = api_client(username)
        count_sql, page_sql, base_params = inbox_sql(t, user)
        _s, first = time_api(client, "/api/v1/inbox", {}, 1)
        total = first["count"]
        pages = max(1, math.ceil(total / PAGE))
        for page in sorted({1, min(100, pages)}):
            label = (f"[1] inbox {username}, page {page}"
                     f"{'' if page in (1, 100) else ' (deepest page)'} of {total:,} to-dos")
            api, _body = time_api(client, "/api/v1/inbox", {"page": page}, reps)
            base = [raw.timed([(count_sql, base_params), (page_sql, (*base_params, (page - 1) * PAGE))])
                    for _ in range(reps)]
            queries = query_count(client, "/api/v1/inbox", {"page": page})
            results.append(compare(label, api, base, target_ms=50, target_ratio=2, queries=queries))
            if do_explain:
                explain(client, "/api/v1/inbox", {"page": page}, raw)
    raw.close()
    return results


# --- 2. Statistics ------------------------------------------------------------------------------------


def stats_sql(t: dict, raw: Raw, group_by: str, satisfied: list[str]) -> tuple[str, str]:
    sat = ", ".join(f"'{s}'" for s in satisfied) or "''"
    if raw.pg:
        month_m = "to_char(m.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')"
        month_b = "to_char(b.day, 'YYYY-MM')"
        handling = "EXTRACT(EPOCH FROM m.closed_at - m.received_at)"
    else:
        month_m = "strftime('%Y-%m', m.received_at, '+8 hours')"
        month_b = "strftime('%Y-%m', b.day)"
        handling = "(julianday(m.closed_at) - julianday(m.received_at)) * 86400"
    key_m = month_m if group_by == "month" else "m.lead_unit_id"
    key_b = month_b if group_by == "month" else "b.unit_id"
    full = (f"SELECT {key_m}, COUNT(*), SUM(CASE WHEN NOT m.is_open THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN NOT m.is_open AND m.closed_on_time THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN m.is_open AND m.due_at < %s THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN m.rating <> '' THEN 1 ELSE 0 END), SUM(CASE WHEN m.rating IN ({sat}) THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN NOT m.is_open THEN {handling} ELSE 0 END) FROM {t['Matter']} m GROUP BY 1")
    rollup = (f"SELECT {key_b}, SUM(received), SUM(closed), SUM(closed_on_time), SUM(overdue_open), SUM(rated), "
              f"SUM(satisfied), SUM(handling_seconds) FROM {t['StatBucket']} b GROUP BY 1")
    return full, rollup


def bench_stats(reps: int, full_reps: int, do_explain: bool = False) -> list[dict]:
    from django.utils import timezone

    from shuniu.matters.models import StatBucket
    from shuniu.matters.workflow import all_workflows

    t = tables()
    raw = Raw()
    client, _user, _token = api_client("director")
    satisfied = sorted({s for w in all_workflows() for s in w.satisfied_ratings})
    buckets = StatBucket.objects.count()
    results = []
    for group_by in ("unit", "month"):
        api, body = time_api(client, "/api/v1/stats", {"group_by": group_by}, reps)
        full_sql, rollup_sql = stats_sql(t, raw, group_by, satisfied)
        now = timezone.now()
        full = [raw.timed([(full_sql, (now,))]) for _ in range(full_reps)]
        rollup = [raw.timed([(rollup_sql, ())]) for _ in range(reps)]
        p50, p95 = percentile(api, 0.5), percentile(api, 0.95)
        f50, r50, r95 = percentile(full, 0.5), percentile(rollup, 0.5), percentile(rollup, 0.95)
        ok = p95 * 1000 <= 200
        queries = query_count(client, "/api/v1/stats", {"group_by": group_by})
        say(f"[2] stats by {group_by} ({len(body['items'])} rows from {buckets:,} rollup rows): API p50 {ms(p50)} "
            f"p95 {ms(p95)} ({queries} queries) | raw GROUP BY over all matters p50 {ms(f50)}: ratio {p50 / f50:.3f} | "
            f"raw SUM over the rollup p50 {ms(r50)}: ratio {p50 / r50:.2f} (target p95 ≤ 200 ms){verdict(ok)}")
        results.append({"label": f"stats by {group_by}", "p50_ms": round(p50 * 1000, 2), "p95_ms": round(p95 * 1000, 2),
                        "full_scan_p50_ms": round(f50 * 1000, 1), "rollup_p50_ms": round(r50 * 1000, 2),
                        "rollup_p95_ms": round(r95 * 1000, 2), "ratio_vs_full_scan": round(p50 / f50, 4),
                        "ratio_vs_rollup": round(p50 / r50, 2), "rows": len(body["items"]), "buckets": buckets,
                        "queries": queries, "ok": ok})
        if do_explain:
            explain(client, "/api/v1/stats", {"group_by": group_by}, raw)
    raw.close()
    return results


# --- 4. Transitions -----------------------------------------------------------------------------------


def _hotline_cycle(count: int):
    """Fresh 12345 tickets registered by the hotline office; the timed cycle is
    dispatch → accept → reply, each by the account the engine requires."""
    from shuniu.hotline.services import register_ticket
    from shuniu.org.models import User

    operator = User.objects.get(username="rexian")
    unit, staff = busiest("hotline")
    matters = []
    for index in range(count):
        matters.append(register_ticket(operator, {
            "phone": f"1390000{index:04d}", "name": "李先生", "channel": "phone", "type": "complaint",
            "category": "urban_rural", "title": f"关于人民路{index}号路灯不亮的反映",
            "content": f"市民来电反映：人民路{index}号附近路灯不亮已有一周，夜间出行不便，希望尽快维修。",
        }).pk)
    steps = [("dispatch", "rexian", {"units": [{"unit": unit.code, "role": "lead"}]}),
             ("accept", staff, {"comment": "已签收"}),
             ("reply", staff, {"reply": "经现场核查，路灯线路故障已于当日修复，并已电话告知来电人。"})]
    return matters, steps


def _supervision_cycle(count: int):
    """Fresh 督办 items (立项 includes 交办); the timed cycle is accept → request_close → approve_close."""
    from shuniu.org.models import User
    from shuniu.supervision.services import create_item

    duban = User.objects.get(username="duban")
    unit, _staff = busiest("supervision")
    matters = [create_item(duban, {"title": f"推进第{index}批城市更新项目", "content": "按照市政府常务会议议定事项办理。",
                                   "source": "meeting", "lead_unit": unit.code, "report_cycle": "none"}).pk
               for index in range(count)]
    steps = [("accept", f"{unit.code}_staff", {"comment": "已签收"}),
             ("request_close", f"{unit.code}_head", {"reply": "已按要求完成。"}),
             ("approve_close", "duban", {"comment": "同意办结"})]
    return matters, steps


def queued_tasks(url: str) -> int:
    """Messages waiting in the broker's default queue."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
    try:
        return int(client.llen("celery"))
    finally:
        client.close()


def bench_transitions(count: int, seconds: float, processes: int) -> dict:
    """`processes` workers (as many as the web server's) take transitions at once, each on its own
    matters, for at most `seconds`; then the same number of bare UPDATE + INSERT transactions.
    As in production, tasks (the notifications a transition sends) go to a broker and a Celery
    worker delivers them meanwhile, on the same two cores; without Redis they run eagerly."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from shuniu.matters import services
    from shuniu.matters.workflow import all_workflows
    from shuniu.org.models import User

    kinds = {w.kind for w in all_workflows()}
    setup = _hotline_cycle if "hotline" in kinds else _supervision_cycle
    started = time.perf_counter()
    matters, steps = setup(count + 1)
    prepared = time.perf_counter() - started
    names = "/".join(name for name, _by, _data in steps)
    with CaptureQueriesContext(connection) as captured:  # one matter, queries counted
        for name, username, data in steps:
            services.perform(matters[0], name, User.objects.get(username=username), data)
    queries = len(captured.captured_queries) / len(steps)
    connection.close()
    spec = Path(os.environ["SHUNIU_DATA_DIR"]) / "transitions.json"
    shares = [matters[1 + i::processes] for i in range(processes)]
    problem = broker_ready(BENCH_BROKER)
    child_env = {**os.environ, **({} if problem else {"CELERY_BROKER_URL": BENCH_BROKER})}
    log = Path(os.environ["SHUNIU_DATA_DIR"]) / "transitions-worker.log"
    runs, backlog, drained_in = {}, 0, 0.0
    for variant in ("engine", "bare"):
        start_at = time.time() + 8
        spec.write_text(json.dumps({"steps": steps, "start_at": start_at, "seconds": seconds, "variant": variant,
                                    "shares": shares}, ensure_ascii=False))
        mode = os.environ["SHUNIU_BENCH_MODE"]
        worker = celery_worker(BENCH_BROKER, log) if variant == "engine" and not problem else _no_worker()
        with worker:
            workers = [subprocess.Popen([sys.executable, "-m", "bench.child", "transitions", "--mode", mode,
                                         "--share", str(i), "--spec", str(spec)], cwd=env.ROOT, stdout=subprocess.PIPE,
                                        text=True, env=child_env) for i in range(processes)]
            outs = [json.loads(w.communicate()[0].strip().splitlines()[-1]) for w in workers]
            if variant == "engine" and not problem:
                backlog, waited = queued_tasks(BENCH_BROKER), time.monotonic()
                while queued_tasks(BENCH_BROKER) and time.monotonic() - waited < 120:
                    time.sleep(0.2)
                drained_in = time.monotonic() - waited
        done = sum(o["done"] for o in outs)
        elapsed = max(o["seconds"] for o in outs)
        runs[variant] = (done, elapsed, done / elapsed)
    done, elapsed, rate = runs["engine"]
    _bdone, _belapsed, base_rate = runs["bare"]
    ok = rate >= 500
    tasks = (f"tasks via {BENCH_BROKER} + 1 Celery worker on the same cores; {backlog} notification tasks queued at "
             f"the end, delivered {drained_in:.1f}s later" if not problem else f"NO BROKER ({problem}): tasks eager")
    say(f"[4] transitions ({names}) through services.perform, {processes} processes: {rate:,.0f}/s ({done} in "
        f"{elapsed:.1f}s, {queries:.0f} queries each counted in-process incl. the caller's user row and the notification delivery; {tasks}) | bare UPDATE + INSERT, same "
        f"processes: {base_rate:,.0f}/s | ratio {rate / base_rate:.3f} (target ≥ 500/s){verdict(ok)}")
    return {"label": "transitions", "kinds": names, "per_second": round(rate, 1), "count": done, "processes": processes,
            "queries_each": round(queries, 1), "bare_per_second": round(base_rate, 1),
            "ratio": round(rate / base_rate, 4), "setup_seconds": round(prepared, 1), "ok": ok,
            "broker": "" if problem else BENCH_BROKER, "tasks_queued_at_end": backlog,
            "tasks_drained_seconds": round(drained_in, 1)}


# --- 3 and 6. Intake under gunicorn, and a web worker's memory ----------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def memory_kb(pid: int, field: str = "VmHWM") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


@contextmanager
def gunicorn(workers: int, extra_env: dict[str, str] | None = None):
    port = free_port()
    environment = {**os.environ, "SHUNIU_PROXY_COUNT": "1", **(extra_env or {})}
    command = [str(Path(sys.executable).parent / "gunicorn"), "shuniu.wsgi:application", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--timeout", "60", "--log-level", "warning", "--chdir", str(env.ROOT)]
    process = subprocess.Popen(command, env=environment, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        while len(children(process.pid)) < workers and time.monotonic() < deadline:
            time.sleep(0.2)
        yield process, port
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# The intake benchmark's broker: the machine's Redis, a database of its own, emptied at the start.
BENCH_BROKER = os.environ.get("SHUNIU_BENCH_BROKER", "redis://127.0.0.1:6379/14")


def broker_ready(url: str) -> str:
    """'' if the broker answers (and was emptied), else why not."""
    try:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
        client.flushdb()
        client.close()
        return ""
    except Exception as error:  # no Redis on this machine: the benchmark falls back to eager tasks
        return f"{type(error).__name__}: {error}"


@contextmanager
def celery_worker(broker: str, log: Path):
    """`celery -A shuniu worker`, one task at a time, in its own process for the duration."""
    environment = {**os.environ, "CELERY_BROKER_URL": broker}
    command = [str(Path(sys.executable).parent / "celery"), "-A", "shuniu", "worker", "--concurrency", "1",
               "--loglevel", "WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat",
               "--hostname", f"bench-intake-{os.getpid()}@%h"]
    with open(log, "w") as out:
        process = subprocess.Popen(command, env=environment, cwd=env.ROOT, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        time.sleep(1.0)
        if process.poll() is not None:
            raise RuntimeError(f"celery worker exited at start; see {log}")
        yield process
    finally:
        stop(process)


def intake_counts() -> dict[str, int]:
    """Portal submissions by status (failed ones still to be retried count as backlog)."""
    from django.db import close_old_connections
    from django.db.models import Count

    from shuniu.portal.models import Submission
    from shuniu.portal.services import MAX_ATTEMPTS

    close_old_connections()
    counts = {"pending": 0, "registered": 0, "failed": 0, "gave_up": 0}
    for row in Submission.objects.values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    counts["gave_up"] = Submission.objects.filter(status="failed", attempts__gte=MAX_ATTEMPTS).count()
    counts["backlog"] = counts["pending"] + counts["failed"] - counts["gave_up"]
    return counts


def wait_for_drain(limit: float) -> tuple[float, dict]:
    started = time.monotonic()
    while True:
        counts = intake_counts()
        if counts["backlog"] == 0 or time.monotonic() - started >= limit:
            return time.monotonic() - started, counts
        time.sleep(0.5)


def load(port: int, path: str, payload: str, seconds: float, concurrency: int, limit: int, token: str = "") -> dict:
    command = [sys.executable, "-m", "bench.loadgen", "--port", str(port), "--path", path, "--payload", payload,
               "--seconds", str(seconds), "--concurrency", str(concurrency), "--max", str(limit)]
    if token:
        command += ["--token", token]
    out = subprocess.run(command, check=True, capture_output=True, text=True, cwd=env.ROOT,
                         timeout=seconds + 120).stdout
    return json.loads(out.strip().splitlines()[-1])


def intake_target():
    """POST /api/v1/public/messages when the portal provides it; else a staff endpoint, said so."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("api-public-messages"), "public", "", "POST /api/v1/public/messages"
    except NoReverseMatch:
        pass
    from shuniu.matters.workflow import all_workflows

    if "supervision" in {w.kind for w in all_workflows()}:
        try:
            path = reverse("api-supervision-items")
        except NoReverseMatch:
            path = ""
        if path:
            _client, _user, token = api_client("duban")
            unit, _staff = busiest("supervision")
            body = {"title": "推进城市更新项目", "content": "按照市政府常务会议议定事项办理。", "source": "meeting",
                    "lead_unit": unit.code, "report_cycle": "none"}
            return path, "json:" + json.dumps(body, ensure_ascii=False), token, \
                "POST /api/v1/supervision/items (the public endpoint does not exist yet)"
    raise RuntimeError("neither /api/v1/public/messages nor /api/v1/supervision/items exists")


def bench_intake(seconds: float, concurrency: int, workers: int, limit: int) -> tuple[dict, dict]:
    """The production configuration: gunicorn with a broker, and one Celery worker registering the
    accepted messages as tickets while the load runs. The bare view runs under the same servers."""
    from django.core.management import call_command

    call_command("migrate", "portal", verbosity=0)  # a database generated before the portal had tables
    path, payload, token, what = intake_target()
    staged = path.endswith("public/messages")
    inbox_client_user = busiest("hotline")[1] if staged else "director"
    _c, _u, read_token = api_client(inbox_client_user or "director")
    _c, _u, director_token = api_client("director")
    problem = broker_ready(BENCH_BROKER)
    broker_env = {} if problem else {"CELERY_BROKER_URL": BENCH_BROKER}
    log = Path(os.environ["SHUNIU_DATA_DIR"]) / "intake-worker.log"
    worker = celery_worker(BENCH_BROKER, log) if not problem else _no_worker()
    drain_limit = max(120.0, 20 * seconds)
    with worker, gunicorn(workers, broker_env) as (process, port):
        load(port, "/bench/bare", "bare", min(3.0, seconds), concurrency, limit)  # warm-up
        bare = load(port, "/bench/bare", "bare", seconds, concurrency, limit)
        bare_peak = max(memory_kb(pid) for pid in children(process.pid))
        load(port, path, payload, min(3.0, seconds), concurrency, min(limit, 200), token)  # warm-up, 200 at most
        if staged:
            wait_for_drain(drain_limit)  # the worker starts the measured run with nothing queued
            before = intake_counts()
        started = time.monotonic()
        real = load(port, path, payload, seconds, concurrency, limit, token)
        if staged:
            stopped = time.monotonic() - started
            after = intake_counts()
            drained_in, final = wait_for_drain(drain_limit)
        # the same workers then serve the read endpoints, so the peak covers a realistic mix
        import http.client

        for route, tok in (("/api/v1/inbox", read_token), ("/api/v1/matters/?overdue=true", director_token),
                           ("/api/v1/stats?group_by=unit", director_token),
                           ("/api/v1/stats?group_by=month", director_token)):
            for _ in range(workers * 3):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                conn.request("GET", route, headers={"Authorization": f"Bearer {tok}"})
                conn.getresponse().read()
                conn.close()
        worker_peaks = [memory_kb(pid) for pid in children(process.pid)]
    ratio = real["rps"] / bare["rps"] if bare["rps"] else 0
    ok = ratio >= 0.6
    rejected = {k: v for k, v in real["statuses"].items() if not k.startswith("2")}
    refused = f", refused {rejected}" if rejected else ""
    errors = f", errors {real['errors']}" if real["errors"] else ""
    setup = (f"gunicorn {workers} sync workers + broker {BENCH_BROKER} + 1 Celery worker (concurrency 1)" if not problem
             else f"gunicorn {workers} sync workers, NO BROKER ({problem}): tasks eager, tickets registered in the "
                  f"request")
    say(f"[3] intake {what}: {real['rps']:,.0f} req/s accepted (p50 {real['p50_ms']} ms, p95 {real['p95_ms']} ms, "
        f"{real['ok']:,} accepted{refused}{errors}) | "
        f"bare Django JSON view: {bare['rps']:,.0f} req/s | ratio {ratio:.2f} (target ≥ 0.60; {setup}, "
        f"{concurrency} clients, {seconds:g}s){verdict(ok)}")
    registration = {}
    if staged:
        registered = after["registered"] - before["registered"]
        failed = after["failed"] - before["failed"]
        drained = final["backlog"] == 0
        drain = (f"drained in {drained_in:.1f}s" if drained else
                 f"NOT drained after {drained_in:.0f}s: {final['backlog']:,} left")
        gave_up = f", {final['gave_up']:,} failed for good (see {log.name})" if final["gave_up"] else ""
        failing = f", {failed:,} failed and waiting for a retry" if failed > 0 else ""
        say(f"[3] registration by the worker during the run: {registered:,} tickets in {stopped:.1f}s = "
            f"{registered / stopped:,.1f}/s{failing} | backlog when the load stopped: {after['backlog']:,} "
            f"submissions; {drain} ({(final['registered'] - after['registered']) / max(drained_in, 0.001):,.1f}/s)"
            f"{gave_up}{'' if not problem else ' (eager: registered within each request)'}")
        registration = {"eager": bool(problem), "broker": "" if problem else BENCH_BROKER, "broker_problem": problem,
                        "registered_during_run": registered, "registration_rate": round(registered / stopped, 1),
                        "failed_during_run": failed, "backlog_at_stop": after["backlog"],
                        "drain_seconds": round(drained_in, 1), "drained": drained, "left": final["backlog"],
                        "gave_up": final["gave_up"]}
    peak = max(worker_peaks)
    say(f"[6] web worker peak memory (VmHWM, after intake + inbox/list/stats): {peak / 1024:.0f} MB | same worker after "
        f"the bare view only: {bare_peak / 1024:.0f} MB | ratio {peak / bare_peak:.2f}")
    return ({"label": "intake", "endpoint": what, "rps": real["rps"], "p50_ms": real["p50_ms"], "p95_ms": real["p95_ms"],
             "accepted": real["ok"], "statuses": real["statuses"], "errors": real["errors"], "bare_rps": bare["rps"],
             "ratio": round(ratio, 3), "workers": workers, "clients": concurrency, "seconds": seconds, "ok": ok,
             **registration},
            {"label": "web worker memory", "peak_mb": round(peak / 1024, 1), "bare_peak_mb": round(bare_peak / 1024, 1),
             "ratio": round(peak / bare_peak, 2)})


@contextmanager
def _no_worker():
    yield None


# --- 5 and 6. The deadline sweep ---------------------------------------------------------------------


def child(task: str, *extra: str) -> dict:
    mode = os.environ["SHUNIU_BENCH_MODE"]
    out = subprocess.run([sys.executable, "-m", "bench.child", task, "--mode", mode, *extra], check=True,
                         capture_output=True, text=True, cwd=env.ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def bench_sweep(catch_up: bool) -> list[dict]:
    idle = child("idle")
    results = []
    runs = [("steady state (the 10-minute tick after the generated history)", [])]
    if catch_up:
        runs.append(("catch-up (every reminder, chase and escalation outstanding)", ["--reset"]))
        # The statutory clocks (matters.Clock) that bind a matter's due date are chased through it; this run
        # also chases every running clock on its own, the upper bound of what clocks add to the sweep.
        runs.append(("catch-up, clocks apart (every running clock also chased on its own)", ["--reset", "--clocks-apart"]))
    for label, args in runs:
        run = child("sweep", *args)
        ok = run["seconds"] <= 60
        say(f"[5] deadline sweep, {label}: {run['seconds']:.1f}s over {run['open']:,} open matters = "
            f"{run['open'] / run['seconds']:,.0f} matters/s ({run['result']}; stats refresh {run['refresh_seconds']:.1f}s) | "
            f"bare SQL read of the same rows' SLA states: {run['bare_seconds']:.2f}s | ratio {run['seconds'] / run['bare_seconds']:.1f} "
            f"(target ≤ 60 s){verdict(ok)}")
        say(f"[6] sweep process peak memory (VmHWM), {label.split(' (')[0]}: {run['maxrss_kb'] / 1024:.0f} MB | "
            f"idle Django process: {idle['maxrss_kb'] / 1024:.0f} MB | ratio {run['maxrss_kb'] / idle['maxrss_kb']:.2f}")
        results.append({"label": f"sweep {label.split(' (')[0]}", **run, "ok": ok,
                        "matters_per_second": round(run["open"] / run["seconds"], 1),
                        "idle_maxrss_kb": idle["maxrss_kb"], "memory_ratio": round(run["maxrss_kb"] / idle["maxrss_kb"], 2),
                        "ratio": round(run["seconds"] / run["bare_seconds"], 2)})
    return results

