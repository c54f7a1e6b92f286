"""Helpers for the test suite (imported by conftest.py and by tests; never by the application).

- `CheapArgon2PasswordHasher`: real Argon2id with the cheapest parameters, so ~80 demo accounts hash
  in milliseconds. conftest.py puts it first in PASSWORD_HASHERS for the tests only; production
  keeps Django's Argon2PasswordHasher and its parameters (settings.py).
- `seed_demo_office()`: the demo office of DEMO.md, seeded once per test database (per xdist worker)
  and again after a transactional test has flushed the database.
- `demo_accounts()`: {username: User} read fresh for each test.
- `make_unit()`, `make_person()`: small factories for a test that needs one unit or one person
  outside the demo office.
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher

DEMO_PASSWORD = "Shuniu@2026"
CHEAP_ARGON2 = "shuniu.testing.CheapArgon2PasswordHasher"


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with the smallest parameters argon2-cffi accepts. The hash still starts with
    `argon2$argon2id$` and logins still verify it for real; only the cost is gone."""

    time_cost = 1
    memory_cost = 8  # KiB, the minimum for parallelism 1
    parallelism = 1


def seed_demo_office() -> None:
    """Seed the demo office (idempotent: an office already there is left as it is)."""
    from shuniu.core.caching import clear_all
    from shuniu.org import demo

    demo.seed(password=DEMO_PASSWORD)
    clear_all()


def demo_office_present() -> bool:
    from shuniu.org.models import User

    return User.objects.filter(username="mayor").exists()


def demo_accounts() -> dict:
    """{username: User} of every account, fresh from the database (a test may change its copies)."""
    from shuniu.org.models import User

    return {user.username: user for user in User.objects.all()}


def make_unit(code: str, name: str | None = None, *, kind: str = "department", parent=None, **fields):
    """A unit below 市人民政府 (`szf`) unless `parent` (a Unit or a code) says otherwise."""
    from shuniu.org.models import Unit

    if parent is None or isinstance(parent, str):
        parent = Unit.objects.filter(code=parent or "szf").first()
    return Unit.objects.create(code=code, name=name or f"测试单位{code}", kind=kind, parent=parent, **fields)


def make_person(username: str, name: str | None = None, *, unit=None, role: str = "handler",
                title: str = "", password: str = DEMO_PASSWORD, **fields):
    """An active account, with a post in `unit` (a Unit or a code) when given."""
    from shuniu.org.models import Membership, Unit, User

    user = User(username=username, name=name or username, **fields)
    user.set_password(password)
    user.save()
    if unit is not None:
        if isinstance(unit, str):
            unit = Unit.objects.get(code=unit)
        Membership.objects.create(person=user, unit=unit, role=role, title=title)
    return user
