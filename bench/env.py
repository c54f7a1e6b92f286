"""Where a benchmark run keeps its data. Must run before Django is imported.

quick: SQLite in var/bench/shuniu.sqlite3 (never the developer's var/shuniu.sqlite3).
full:  PostgreSQL database `shuniu_bench` on 127.0.0.1:5432 as user postgres (SHUNIU_BENCH_DATABASE_URL
       overrides it), created fresh from template0 with C.UTF-8 collation by the generator.

A developer's REDIS_URL / CELERY_BROKER_URL are ignored, so a run never queues work on someone else's
broker: the benchmark process itself runs tasks eagerly. The intake and transition benchmarks run
their servers and workers in the production configuration instead — a broker of their own
(SHUNIU_BENCH_BROKER, default Redis database 14 on 127.0.0.1, emptied at the start) and a Celery
worker — falling back to eager tasks, and saying so, when Redis is not there.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/shuniu_bench"


def configure(mode: str) -> dict[str, str]:
    """Set the environment for `mode` ("quick" or "full") and return it (also for child processes)."""
    if mode == "quick":
        data_dir = ROOT / "var" / "bench"
        url = f"sqlite:///{data_dir / 'shuniu.sqlite3'}"
    elif mode == "full":
        data_dir = ROOT / "var" / "bench-pg"
        url = os.environ.get("SHUNIU_BENCH_DATABASE_URL") or PG_DEFAULT_URL
    else:
        raise ValueError(mode)
    data_dir.mkdir(parents=True, exist_ok=True)
    values = {
        "SHUNIU_DATA_DIR": str(data_dir),
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "LOG_LEVEL": "ERROR",
        "DEBUG": "0",
        "SHUNIU_BENCH_MODE": mode,
    }
    for name in ("REDIS_URL", "CELERY_BROKER_URL", "SHUNIU_INPROCESS_SCHEDULER"):
        os.environ.pop(name, None)
    os.environ.update(values)
    pythonpath = os.environ.get("PYTHONPATH", "")
    if str(ROOT) not in pythonpath.split(os.pathsep):
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), pythonpath) if p)
    return values


def setup(mode: str) -> None:
    configure(mode)
    import django

    django.setup()


def database_url() -> str:
    return os.environ["DATABASE_URL"]


def is_postgres() -> bool:
    return database_url().startswith(("postgres://", "postgresql://"))
