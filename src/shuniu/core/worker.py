"""The in-process worker of the embedded install (no broker, no Celery worker, no beat).

With a broker (REDIS_URL or CELERY_BROKER_URL) Celery workers run the tasks and celery beat the
schedule, and nothing here starts. Without one, every web process runs one daemon thread,
started once from wsgi.py (gunicorn, and `shuniu runserver`, which loads the same WSGI
application): it runs

- the tasks the process queued: `.delay()` / `.apply_async()` of any task hand the task to this
  thread once the caller's transaction commits (the task class in shuniu/celery.py), so a
  request never runs a task itself — a citizen's message is answered at once and registered a
  moment later, not inside some later citizen's request;
- the periodic tasks of settings.CELERY_BEAT_SCHEDULE at their intervals (portal registration
  every minute, the deadline sweep, statistics, 进展反馈提醒 at 8:30);
- at start, the backlog: messages accepted before a crash or restart and not yet registered
  (`portal.register_submissions`), without waiting for the first tick.

Several processes (gunicorn workers) each run a worker and their queued tasks, which are safe to
run side by side (registration claims its rows). The schedule is run by one of them only: the
process holding an exclusive lock on a file beside the data (per database), as a single celery
beat would — otherwise four workers would send the 8:30 reminders four times. When that process
ends, the lock is free and the next worker to look takes the schedule over. What a thread had
queued and not yet run is lost with its process; the periodic tasks take it up (registration
reads the database).

Tests do not start it (tasks then run where they are called, as before); a test that wants it
calls `start(thread=False)` and drives it with `run_pending()`, then `stop()`.
"""

from __future__ import annotations

import datetime
import hashlib
import heapq
import itertools
import logging
import os
import threading
import time
from dataclasses import dataclass, field

logger = logging.getLogger("shuniu.worker")

# Run as soon as the worker starts: whatever an earlier process accepted and left unregistered.
# and the statistics marks left to fold in (so the first statistics page has nothing to rebuild).
BACKLOG_TASKS = ("portal.register_submissions", "matters.refresh_stats")
IDLE_SECONDS = 1.0  # the longest the thread sleeps between two looks at its queue and schedule


@dataclass(order=True)
class _Job:
    due: float
    seq: int
    name: str = field(compare=False)
    args: tuple = field(compare=False, default=())
    kwargs: dict = field(compare=False, default_factory=dict)


class Worker:
    def __init__(self) -> None:
        self.pid = os.getpid()
        self._jobs: list[_Job] = []
        self._seq = itertools.count()
        self._wake = threading.Condition()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._beat: dict[str, tuple[object, datetime.datetime]] = {}
        self._beat_lock: int | None = None  # file descriptor of the held schedule lock

    # --- queue -------------------------------------------------------------------------------

    def enqueue(self, name: str, args=(), kwargs=None, countdown: float = 0.0) -> None:
        job = _Job(time.monotonic() + max(0.0, countdown or 0.0), next(self._seq), name, tuple(args or ()),
                   dict(kwargs or {}))
        with self._wake:
            heapq.heappush(self._jobs, job)
            self._wake.notify()

    def pending(self) -> list[str]:
        with self._wake:
            return [job.name for job in sorted(self._jobs)]

    def _take_due(self) -> _Job | None:
        with self._wake:
            if self._jobs and self._jobs[0].due <= time.monotonic():
                return heapq.heappop(self._jobs)
        return None

    # --- schedule ----------------------------------------------------------------------------

    def _load_schedule(self) -> None:
        from celery.schedules import schedule
        from django.conf import settings

        from shuniu.celery import app

        now = app.now()
        for entry in getattr(settings, "CELERY_BEAT_SCHEDULE", {}).values():
            every = entry["schedule"]
            if isinstance(every, (int, float)):
                every = schedule(datetime.timedelta(seconds=every), app=app)
            elif isinstance(every, datetime.timedelta):
                every = schedule(every, app=app)
            self._beat[entry["task"]] = (every, now)

    def _holds_schedule(self) -> bool:
        """Whether this process runs the schedule: it holds (or now takes) the schedule lock."""
        if self._beat_lock is not None:
            return True
        try:
            import fcntl
        except ImportError:  # not a POSIX system: one process is assumed
            return True
        descriptor = os.open(schedule_lock_path(), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(descriptor)
            return False
        self._beat_lock = descriptor
        return True

    def _release_schedule(self) -> None:
        if self._beat_lock is not None:
            os.close(self._beat_lock)  # closing the descriptor releases the lock
            self._beat_lock = None

    def _queue_due_periodic(self) -> None:
        from shuniu.celery import app

        if not self._beat or not self._holds_schedule():
            return
        for name, (every, last) in list(self._beat.items()):
            due, _next = every.is_due(last)
            if due:
                self._beat[name] = (every, app.now())
                self.enqueue(name)

    # --- running -----------------------------------------------------------------------------

    def run_pending(self) -> int:
        """Run every task due now (periodic ones first queued); returns how many ran."""
        self._queue_due_periodic()
        ran = 0
        while (job := self._take_due()) is not None:
            self._run(job)
            ran += 1
        return ran

    def _run(self, job: _Job) -> None:
        from django.db import close_old_connections

        from shuniu.celery import app

        own_thread = threading.current_thread() is self._thread
        if own_thread:  # as around a request: a connection broken or too old is not reused
            close_old_connections()
        try:
            app.tasks[job.name].run(*job.args, **job.kwargs)
        except Exception:  # one failed task must not stop the worker; the error is logged
            logger.exception("后台任务 %s 执行失败", job.name)
        finally:
            if own_thread:
                close_old_connections()

    def start(self, *, thread: bool = True) -> Worker:
        from shuniu.celery import app

        app.loader.import_default_modules()  # every app's tasks.py (autodiscovery), as a Celery worker does
        self._load_schedule()
        for name in BACKLOG_TASKS:
            self.enqueue(name)
        if thread:
            self._thread = threading.Thread(target=self._loop, name="shuniu-worker", daemon=True)
            self._thread.start()
        return self

    def _loop(self) -> None:
        while not self._stopped.is_set():
            try:
                self.run_pending()
            except Exception:
                logger.exception("后台任务线程出错")
            with self._wake:
                wait = IDLE_SECONDS
                if self._jobs:
                    wait = max(0.0, min(wait, self._jobs[0].due - time.monotonic()))
                if wait:
                    self._wake.wait(wait)
        from django.db import connections

        connections.close_all()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopped.set()
        with self._wake:
            self._wake.notify_all()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        self._release_schedule()


def schedule_lock_path():
    """One lock per database: the schedule of one office runs once, whatever the processes."""
    from django.conf import settings
    from django.db import connection

    database = f"{connection.settings_dict.get('HOST') or ''}/{connection.settings_dict.get('NAME')}"
    digest = hashlib.sha256(database.encode()).hexdigest()[:12]
    return settings.DATA_DIR / f"worker-schedule-{digest}.lock"


_worker: Worker | None = None
_lock = threading.Lock()


def embedded() -> bool:
    """No broker: the web process runs the tasks itself (settings.CELERY_TASK_ALWAYS_EAGER)."""
    from django.conf import settings

    return bool(settings.CELERY_TASK_ALWAYS_EAGER)


def start(*, thread: bool = True) -> Worker:
    """Start this process's worker (once); a forked child (gunicorn --preload) starts its own."""
    global _worker
    with _lock:
        if _worker is None or _worker.pid != os.getpid():
            _worker = Worker().start(thread=thread)
        return _worker


def start_if_embedded() -> Worker | None:
    """Called from wsgi.py. SHUNIU_WORKER=0 turns it off (e.g. a second site on the same database
    whose registration another process does)."""
    if not embedded() or os.environ.get("SHUNIU_WORKER", "1") == "0":
        return None
    return start()


def active() -> Worker | None:
    """This process's running worker, if any (None in tests unless one was started)."""
    worker = _worker
    if worker is None or worker._stopped.is_set():
        return None
    if worker.pid != os.getpid():  # forked after the start: the thread stayed in the parent
        return start()
    return worker


def stop() -> None:
    global _worker
    with _lock:
        if _worker is not None:
            _worker.stop()
        _worker = None
