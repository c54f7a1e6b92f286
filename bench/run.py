"""Generate the data, then run the six benchmarks; one line per measurement, each with a `ratio`.

    python -m bench.run --quick                  # SQLite, 100 000 matters, a few minutes (make bench-quick)
    python -m bench.run --full                   # PostgreSQL shuniu_bench, 10 000 000 matters (make bench-full)
    python -m bench.run --full --n 1000000       # another size
    python -m bench.run --full --reuse           # benchmark the database generated last time

Results also go to var/bench[-pg]/results-<n>.json. Targets (issue 6, for 10M on PostgreSQL) are shown
on each line; nothing here asserts them. The benchmarks change the data (intake adds tickets,
transitions move matters, the sweep chases), so `--reuse` measures a slightly different database.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from . import env

PROFILES = {
    "quick": {"n": 100_000, "reps": 30, "full_reps": 3, "transitions": 240, "seconds": 8.0, "clients": 8},
    "full": {"n": 10_000_000, "reps": 50, "full_reps": 3, "transitions": 400, "seconds": 15.0, "clients": 8},
}
WORKERS = 4  # gunicorn sync workers, as in docs/deploy.md


def machine() -> dict:
    import os

    memory = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = int(line.split()[1]) // 1024
    info = {"nproc": os.cpu_count(), "memory_mb": memory, "python": platform.python_version(),
            "cpu": next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                         if line.startswith("model name")), "")}
    if env.is_postgres():
        import psycopg

        with psycopg.connect(env.database_url()) as conn:
            info["postgresql"] = conn.execute("SHOW server_version").fetchone()[0]
            info["shared_buffers"] = conn.execute("SHOW shared_buffers").fetchone()[0]
    else:
        import sqlite3

        info["sqlite"] = sqlite3.sqlite_version
    return info


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Shuniu benchmarks (issue 6).")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--quick", action="store_true", help="SQLite var/bench, 100 000 matters")
    group.add_argument("--full", action="store_true", help="PostgreSQL shuniu_bench, 10 000 000 matters")
    parser.add_argument("--n", type=int, help="number of matters to generate")
    parser.add_argument("--reuse", action="store_true", help="do not regenerate; use the database as it is")
    parser.add_argument("--only", default="1,2,3,4,5", help="benchmarks to run, e.g. 1,2 (6 runs with 3 and 5)")
    parser.add_argument("--catch-up", action="store_true",
                        help="also run the catch-up sweep (every reminder/chase/escalation outstanding; default "
                             "with --quick only: at millions of matters it runs for many minutes)")
    parser.add_argument("--no-catch-up", action="store_true", help="skip the catch-up sweep")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of the list/inbox/stats queries")
    args = parser.parse_args(argv)
    mode = "quick" if args.quick else "full"
    profile = dict(PROFILES[mode])
    n = args.n or profile["n"]
    env.configure(mode)
    started = time.monotonic()

    generated = None
    data_dir = Path(os.environ["SHUNIU_DATA_DIR"])
    if not args.reuse:
        subprocess.run([sys.executable, "-m", "bench.generate", f"--{mode}", "--n", str(n)], check=True, cwd=env.ROOT)
    stamp = data_dir / "generated.json"
    if stamp.exists():
        generated = json.loads(stamp.read_text())
        n = generated["n"]
    print(f"== Shuniu benchmarks, {mode}: {n:,} matters on {'PostgreSQL' if env.is_postgres() else 'SQLite'}", flush=True)

    import django

    django.setup()
    info = machine()
    print(f"== machine: {info}", flush=True)
    if generated:
        print(f"== data: {generated['n']:,} matters, {generated['open']:,} open, rows {generated['rows']}, "
              f"{generated['bytes'] / 1e9:.2f} GB, generated in {generated['seconds']:.0f}s", flush=True)

    from . import benchmarks as b

    only = set(args.only.split(","))

    def load_average(name: str) -> None:
        one, five, _fifteen = os.getloadavg()
        print(f"== before {name}: load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores",
              flush=True)

    results: dict = {"mode": mode, "n": n, "machine": info, "generated": generated, "started": time.time()}
    if "1" in only:
        load_average("benchmark 1")
        results["lists"] = b.bench_lists(profile["reps"], args.explain)
    if "2" in only:
        load_average("benchmark 2")
        results["stats"] = b.bench_stats(profile["reps"], profile["full_reps"], args.explain)
    if "4" in only:
        load_average("benchmark 4")
        results["transitions"] = b.bench_transitions(profile["transitions"], profile["seconds"] * 2, WORKERS)
    if "3" in only:
        load_average("benchmark 3")
        results["intake"], results["worker_memory"] = b.bench_intake(profile["seconds"], profile["clients"], WORKERS, 50_000)
    if "5" in only:
        load_average("benchmark 5")
        results["sweep"] = b.bench_sweep(catch_up=(args.catch_up or mode == "quick") and not args.no_catch_up)
    results["seconds"] = round(time.monotonic() - started, 1)
    out = data_dir / f"results-{n}.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str))
    print(f"== done in {results['seconds']:.0f}s; results in {out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
