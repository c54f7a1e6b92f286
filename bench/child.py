"""Work measured in a process of its own, so its peak memory (VmHWM) is its own.

    python -m bench.child idle  --mode quick      # Django set up, nothing done (the memory baseline)
    python -m bench.child sweep --mode quick      # the deadline sweep + stats refresh, as the periodic task
    python -m bench.child sweep --mode quick --reset   # first forget every reminder/chase/escalation
    python -m bench.child sweep --mode quick --reset --clocks-apart   # … and chase every running clock on its own

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time

from . import env


def maxrss_kb() -> int:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux keeps ru_maxrss across
    exec, so a child started from a big parent would report the parent's peak."""
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def idle() -> dict:
    """Django set up with every app loaded, nothing done: what the sweep process starts from."""
    return {"maxrss_kb": maxrss_kb()}


def bare_sla_pass(now) -> float:
    """The floor of any sweep: one read of every open matter and active assignment, computing each
    one's 正常/临期/超期 state in SQL and counting those that would change (read-only, so the
    database is left exactly as the sweep left it)."""
    import datetime

    from django.db import connection

    from shuniu.matters.models import Assignment, Matter

    soon = now + datetime.timedelta(days=1)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for table, where in ((Matter._meta.db_table, "is_open"),
                             (Assignment._meta.db_table, "status IN ('pending', 'accepted')")):
            cursor.execute(
                f"SELECT COUNT(*) FROM {table} WHERE {where} AND due_at IS NOT NULL AND sla <> CASE WHEN "
                f"due_at < %s THEN 'overdue' WHEN due_at <= %s THEN 'due_soon' ELSE 'normal' END", [now, soon])
            cursor.fetchone()
    return time.perf_counter() - started


def _clocks_apart() -> None:
    """Declare every binding duty clock non-binding for this process: the sweep then chases every running
    clock on its own as well (what the clocks would cost if no clock were the matter's due date)."""
    import dataclasses

    from shuniu.matters.workflow import all_workflows

    for workflow in all_workflows():
        if workflow.clocks:
            workflow.clocks = [dataclasses.replace(c, binds_due=False) if c.binds else c for c in workflow.clocks]
            workflow._clocks = {c.name: c for c in workflow.clocks}


def sweep(reset: bool, clocks_apart: bool = False) -> dict:
    from django.utils import timezone

    from shuniu.matters.models import Assignment, Clock, Matter
    from shuniu.matters.stats import refresh_dirty
    from shuniu.matters.sweep import sweep as run_sweep

    if reset:
        Assignment.objects.filter(status__in=Assignment.ACTIVE).update(reminded_at=None, chased_at=None,
                                                                      escalated_at=None)
        Matter.objects.filter(is_open=True).update(chased_at=None, escalated_at=None)
        Clock.objects.filter(state=Clock.State.RUNNING).update(reminded_at=None, chased_at=None, escalated_at=None)
    if clocks_apart:
        _clocks_apart()
    open_count = Matter.objects.filter(is_open=True).count()
    started = time.perf_counter()
    result = run_sweep()
    swept = time.perf_counter() - started
    started = time.perf_counter()
    refresh_dirty()
    refreshed = time.perf_counter() - started
    peak = maxrss_kb()
    bare = bare_sla_pass(timezone.now())
    return {"seconds": round(swept + refreshed, 2), "sweep_seconds": round(swept, 2), "refresh_seconds": round(refreshed, 2),
            "open": open_count, "result": str(result), "maxrss_kb": peak, "bare_seconds": round(bare, 3)}


def transitions(share: int, spec_path: str) -> dict:
    """Take the benchmark's transitions on this process's share of the matters (or, for the
    baseline, the same number of bare UPDATE + INSERT transactions), starting at the agreed time."""
    from pathlib import Path

    from django.db import connection, transaction
    from django.utils import timezone

    from shuniu.matters import services
    from shuniu.matters.models import Entry, Matter
    from shuniu.org.models import User

    spec = json.loads(Path(spec_path).read_text())
    ids = spec["shares"][share]
    # Each transition gets its own User object, as each request does: what the engine learns about the
    # caller's posts, delegations and portfolio is asked once per transition, not once per run.
    steps = [(name, User.objects.get(username=username).pk, data) for name, username, data in spec["steps"]]
    update = f"UPDATE {Matter._meta.db_table} SET status = %s, version = version + 1, updated_at = %s WHERE id = %s"
    insert = (f"INSERT INTO {Entry._meta.db_table} (matter_id, at, actor_name, action, action_label, from_status, "
              f"to_status, comment, data) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)")
    Matter.objects.filter(pk=ids[0]).exists()  # connected before the start
    time.sleep(max(0.0, spec["start_at"] - time.time()))
    deadline = time.perf_counter() + spec["seconds"]
    started = time.perf_counter()
    done = 0
    for pk in ids:
        for name, user_id, data in steps:
            if spec["variant"] == "engine":
                services.perform(pk, name, User.objects.get(pk=user_id), data)
            else:
                now = timezone.now()
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute(update, [name, now, pk])
                    cursor.execute(insert, [pk, now, str(user_id), name, name, "a", "b", "", "{}"])
            done += 1
        if time.perf_counter() > deadline:
            break
    return {"done": done, "seconds": round(time.perf_counter() - started, 3)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("task", choices=["idle", "sweep", "transitions"])
    parser.add_argument("--mode", choices=["quick", "full"], required=True)
    parser.add_argument("--reset", action="store_true")
    parser.add_argument("--clocks-apart", action="store_true", help="chase every running clock on its own too")
    parser.add_argument("--share", type=int, default=0)
    parser.add_argument("--spec", default="")
    args = parser.parse_args(argv)
    env.setup(args.mode)
    if args.task == "transitions":
        result = transitions(args.share, args.spec)
    else:
        result = idle() if args.task == "idle" else sweep(args.reset, args.clocks_apart)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
