"""The portal's limits hold across worker processes in any configuration: without Redis the counter
is in the database, so four processes share one 10/hour limit instead of each keeping its own."""

import multiprocessing

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings

from shuniu.portal import throttles

PROCESSES = 4
ATTEMPTS_EACH = 15


def _worker(start, results):
    from django.core.cache import caches
    from django.db import connections

    # A forked child must not use the parent's database connection (or its cache client).
    for connection in connections.all(initialized_only=True):
        connection.connection = None
    caches["limits"].close()
    start.wait()
    request = RequestFactory().post("/public/message/", REMOTE_ADDR="203.0.113.7")
    allowed = sum(throttles.check(request, throttles.SubmitThrottle) is None for _ in range(ATTEMPTS_EACH))
    connections.close_all()
    results.put(allowed)


def test_the_limits_cache_is_shared_not_per_process():
    backend = settings.CACHES["limits"]["BACKEND"]
    assert backend.endswith(("DatabaseCache", "RedisCache"))
    assert backend.endswith("RedisCache") == bool(settings.REDIS_URL)


@pytest.mark.django_db(transaction=True)
@override_settings(SHUNIU_PORTAL_RATES={"portal_submit": "10/hour"})
def test_ten_an_hour_lets_exactly_ten_through_across_processes():
    from django.core.cache import caches
    from django.db import connections

    caches["limits"].clear()
    connections.close_all()  # the children open their own
    context = multiprocessing.get_context("fork")
    start, results = context.Event(), context.Queue()
    workers = [context.Process(target=_worker, args=(start, results)) for _ in range(PROCESSES)]
    for worker in workers:
        worker.start()
    start.set()
    allowed = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert all(worker.exitcode == 0 for worker in workers)
    assert sum(allowed) == 10, allowed
    caches["limits"].clear()
