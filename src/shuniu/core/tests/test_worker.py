"""The in-process worker of the embedded install (core/worker.py): `.delay()` queues instead of
running in the caller, the beat schedule runs when due, and one failing task stops nothing."""

import datetime

import pytest
from celery import shared_task

from shuniu.core import worker

RAN = []


@shared_task(name="tests.note")
def note(value):
    RAN.append(value)


@shared_task(name="tests.broken")
def broken():
    raise RuntimeError("坏任务")


@pytest.fixture
def runner(settings, db):
    RAN.clear()
    settings.CELERY_BEAT_SCHEDULE = {"note": {"task": "tests.note", "schedule": 60}}
    started = worker.start(thread=False)
    started.run_pending()
    yield started
    worker.stop()


def test_delay_queues_for_the_worker_instead_of_running_in_the_caller(runner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        note.delay("甲")
    assert RAN == [] and runner.pending() == ["tests.note"]
    runner.run_pending()
    assert RAN == ["甲"]


def test_nothing_is_queued_before_the_callers_transaction_commits(runner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        note.delay("乙")
        assert runner.pending() == []


def test_a_failing_task_does_not_stop_the_next(runner, caplog):
    runner.enqueue("tests.broken")
    runner.enqueue("tests.note", ("丙",))
    assert runner.run_pending() == 2
    assert RAN == ["丙"] and "tests.broken" in caplog.text


def test_periodic_tasks_run_when_due(runner, monkeypatch):
    assert RAN == []  # not at start: its first interval has not passed
    every, last = runner._beat["tests.note"]
    runner._beat["tests.note"] = (every, last - datetime.timedelta(seconds=61))
    monkeypatch.setattr(note, "run", lambda *args: RAN.append("定时"))
    runner.run_pending()
    assert RAN == ["定时"]
    runner.run_pending()
    assert RAN == ["定时"]  # not again before the next interval


def test_without_a_broker_wsgi_starts_the_worker_once(monkeypatch):
    assert worker.embedded()
    started = []
    monkeypatch.setattr(worker, "start", lambda **kw: started.append(kw) or "w")
    assert worker.start_if_embedded() == "w"
    monkeypatch.setenv("SHUNIU_WORKER", "0")
    assert worker.start_if_embedded() is None
    assert len(started) == 1


def test_only_one_process_runs_the_schedule(runner, monkeypatch):
    """Each gunicorn worker runs a worker; the schedule (the 8:30 reminders…) runs in one only."""
    other = worker.Worker()  # as in a second process: its own lock file descriptor
    other._beat = dict(runner._beat)
    assert runner._holds_schedule() and not other._holds_schedule()
    every, last = other._beat["tests.note"]
    other._beat["tests.note"] = (every, last - datetime.timedelta(seconds=61))
    monkeypatch.setattr(note, "run", lambda *args: RAN.append("定时"))
    other.run_pending()
    assert RAN == []  # not its schedule to run
    runner.stop()  # that process ends: the lock is free
    other.run_pending()
    assert RAN == ["定时"]  # the next one takes the schedule over
    other.stop()
