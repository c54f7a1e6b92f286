"""Fixtures shared by every app's tests.

- `demo_office`: the demo office of DEMO.md (units, people, posts, portfolios, delegation),
  seeded into the test database; returns {username: User}.
- `client_for("mayor")`: a Django test Client already logged in as that demo user.
- `api_client_for("mayor")`: a DRF APIClient carrying a Bearer token for that demo user.

Keep this file to fixtures many apps need; app-specific fixtures go in the app's tests folder.
"""

from __future__ import annotations

import pytest

DEMO_PASSWORD = "Shuniu@2026"

_hash_cache: dict[str, str] = {}


def _make_password_once(password, salt=None, hasher="default"):
    """Real (Argon2) hashing, but one hash per distinct password: seeding ~80 accounts with a
    fresh Argon2 hash each would cost seconds per test. Logins still verify Argon2 for real."""
    from django.contrib.auth.hashers import make_password

    if salt is not None or hasher != "default" or password is None:
        return make_password(password, salt, hasher)
    if password not in _hash_cache:
        _hash_cache[password] = make_password(password)
    return _hash_cache[password]


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """Per-process caches of configuration rows (催办规则) must not carry a rolled-back test's rows
    into the next test."""
    yield
    from shuniu.core.caching import clear_all

    clear_all()


@pytest.fixture
def demo_office(db, monkeypatch):
    """Seed the demo office; returns every account by username."""
    from shuniu.org import demo
    from shuniu.org.models import User

    with monkeypatch.context() as patch:
        patch.setattr("django.contrib.auth.base_user.make_password", _make_password_once)
        demo.seed(password=DEMO_PASSWORD)
    return {user.username: user for user in User.objects.all()}


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
