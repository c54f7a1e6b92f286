"""The embedded install (no broker): a citizen's message is answered at once and registered by
the process's worker thread afterwards — never inside the request — and whatever a crashed
process left unregistered is registered as soon as the next process's worker starts."""

import threading
import time

import pytest

from shuniu.core import worker
from shuniu.hotline.models import Ticket
from shuniu.portal.models import Submission

from .conftest import MESSAGE


@pytest.fixture
def embedded():
    """This process's worker, driven by the test instead of its thread."""
    runner = worker.start(thread=False)
    assert runner.run_pending() == len(worker.BACKLOG_TASKS)  # its start-up look at the backlog: nothing there
    yield runner
    worker.stop()


def _post(public, capture, **fields):
    with capture(execute=True):  # the request's transaction commits, as outside a test
        response = public.post("/api/v1/public/messages", {**MESSAGE, **fields}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_a_message_is_answered_before_it_is_registered(public, embedded, django_capture_on_commit_callbacks):
    body = _post(public, django_capture_on_commit_callbacks)
    # The answer went out; nothing was registered inside the request.
    assert Submission.objects.get(query_code=body["code"]).status == Submission.Status.PENDING
    assert not Ticket.objects.exists()
    assert embedded.pending() == ["portal.register_submissions"]

    assert embedded.run_pending() == 1
    assert Ticket.objects.get().query_code == body["code"]
    assert Submission.objects.get().status == Submission.Status.REGISTERED


def test_a_backlog_left_by_a_crash_is_registered_when_the_worker_starts(public, django_capture_on_commit_callbacks):
    worker.start(thread=False)
    first = _post(public, django_capture_on_commit_callbacks)
    second = _post(public, django_capture_on_commit_callbacks, phone="13800001111", title="幸福路路灯不亮")
    worker.stop()  # the process is killed: what its worker had queued is gone
    assert set(Submission.objects.values_list("status", flat=True)) == {Submission.Status.PENDING}

    restarted = worker.start(thread=False)  # the next process
    assert "portal.register_submissions" in restarted.pending()
    restarted.run_pending()
    assert set(Ticket.objects.values_list("query_code", flat=True)) == {first["code"], second["code"]}
    worker.stop()


def test_without_a_worker_the_task_still_runs_where_it_is_called(public, django_capture_on_commit_callbacks):
    """Tests and management commands start no worker: nothing is left waiting for one."""
    assert worker.active() is None
    body = _post(public, django_capture_on_commit_callbacks)
    assert Ticket.objects.get().query_code == body["code"]


@pytest.mark.django_db(transaction=True)
def test_the_worker_thread_registers_on_its_own(public):
    runner = worker.start()
    try:
        response = public.post("/api/v1/public/messages", MESSAGE, format="json")
        assert response.status_code == 201
        code = response.json()["code"]
        for _ in range(100):  # the thread looks at its queue at once; allow a slow machine
            if Ticket.objects.filter(query_code=code).exists():
                break
            time.sleep(0.1)
        assert Ticket.objects.filter(query_code=code).exists()
        assert runner._thread is not None and runner._thread is not threading.current_thread()
    finally:
        worker.stop()
