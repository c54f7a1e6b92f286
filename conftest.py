"""Fixtures shared by every app's tests (docs/testing.md explains the whole arrangement).

- The demo office of DEMO.md (units, people, posts, portfolios, delegation) is seeded ONCE per test
  database, i.e. once per xdist worker, right after the database is created. Every test that uses
  the database sees it; each test runs in a transaction that is rolled back, so the office is the
  same for every test. A transactional test (`transaction=True`, `transactional_db`,
  `live_server`) empties the database when it ends; the office is seeded again before the next one.
- `demo_office`: {username: User}, read fresh for the test.
- `client_for("mayor")`: a Django test Client already logged in as that demo user.
- `api_client_for("mayor")`: a DRF APIClient carrying a Bearer token for that demo user.
- Passwords are hashed with real Argon2id at the cheapest parameters (shuniu.testing).
- Files known to be slow are handed out first, so `-n 2 --dist loadfile` spreads them over both
  workers instead of leaving one worker with a slow file at the end.

Keep this file to fixtures many apps need; app-specific fixtures go in the app's tests folder.
"""

from __future__ import annotations

import pytest

from shuniu.testing import CHEAP_ARGON2, demo_accounts, demo_office_present, seed_demo_office

# The slowest files (`--durations` on this machine), slowest first. Handed out before every other
# file; the rest keep pytest's order. A missing or renamed file here only loses its place.
SLOW_FILES_FIRST = [
    "src/shuniu/org/tests/test_demo.py",  # seeds every kind's demo data, twice
    "src/shuniu/supervision/tests/test_demo.py",
    "tests/browser/test_document_flow.py",
    "tests/browser/test_hotline_loop.py",
    "src/shuniu/petitions/tests/test_demo.py",
    "tests/browser/test_supervision_flow.py",
    "tests/browser/test_login_flow.py",
]

_database = {}  # "blocker": pytest-django's DjangoDbBlocker once the test database exists


@pytest.fixture(scope="session", autouse=True)
def _cheap_argon2():
    """Real Argon2id, cheapest parameters, for the tests only (production: settings.py)."""
    from django.conf import settings
    from django.test import override_settings

    override = override_settings(PASSWORD_HASHERS=[CHEAP_ARGON2, *settings.PASSWORD_HASHERS])
    override.enable()
    yield
    override.disable()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, _cheap_argon2):
    """The test database, with the demo office seeded once (per xdist worker)."""
    with django_db_blocker.unblock():
        seed_demo_office()
    _database["blocker"] = django_db_blocker
    yield
    _database.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test that emptied the database (a transactional test flushes it), seed the office again."""
    result = yield
    blocker = _database.get("blocker")
    if blocker is not None and nextitem is not None:
        with blocker.unblock():
            if not demo_office_present():
                seed_demo_office()
                _clear_rate_limits()
    return result


def _clear_rate_limits() -> None:
    """A flush empties the model tables, not the portal's rate-limit counters (the database cache
    table `shuniu_limits`): a transactional test's submissions from 127.0.0.1 would throttle later
    tests. Only the database cache is cleared; a Redis one is never flushed from a test."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    cache = caches["limits"]
    if isinstance(cache, DatabaseCache):
        cache.clear()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Slow files first (for `--dist loadfile --no-loadscope-reorder`); order inside a file is kept."""
    rank = {path: index for index, path in enumerate(SLOW_FILES_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """Per-process caches of configuration rows (催办规则) must not carry a rolled-back test's rows
    into the next test."""
    yield
    from shuniu.core.caching import clear_all

    clear_all()


@pytest.fixture
def demo_office(db):
    """Every demo account by username (the office itself is seeded once per session)."""
    return demo_accounts()


@pytest.fixture
def client_for(demo_office):
    """`client_for("mayor")` → a Client logged in as that demo user (login itself is not under test)."""
    from django.test import Client

    from shuniu.org.models import User

    def make(user) -> Client:
        if isinstance(user, str):
            user = User.objects.get(username=user)
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def api_client_for(demo_office):
    """`api_client_for("mayor")` → an APIClient sending `Authorization: Bearer <token>`."""
    from knox.models import AuthToken
    from rest_framework.test import APIClient

    from shuniu.org.models import User

    def make(user) -> APIClient:
        if isinstance(user, str):
            user = User.objects.get(username=user)
        _instance, token = AuthToken.objects.create(user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        return client

    return make
