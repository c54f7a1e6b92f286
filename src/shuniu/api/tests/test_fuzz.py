"""Schemathesis over every operation of the OpenAPI document: no input answers 5xx (issue #11).

Bounded and slow-ish (a few minutes), so it runs only when asked: `SHUNIU_API_FUZZ=1` (CI does,
on SQLite, after the PostgreSQL suite). SHUNIU_API_FUZZ_EXAMPLES sets the examples per operation."""

from __future__ import annotations

import os

import pytest

if os.environ.get("SHUNIU_API_FUZZ") != "1":
    pytest.skip("API fuzzing runs only with SHUNIU_API_FUZZ=1", allow_module_level=True)

import schemathesis  # noqa: E402
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402

EXAMPLES = int(os.environ.get("SHUNIU_API_FUZZ_EXAMPLES", "25"))


@pytest.fixture
def quiet_connections():
    """Django closes the database connection at the end of each request; inside the test's
    transaction it must stay open (the test client does the same)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(demo_office, quiet_connections):
    from django.core.handlers.wsgi import WSGIHandler

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())


@pytest.fixture
def bearer(demo_office):
    from knox.models import AuthToken

    _instance, token = AuthToken.objects.create(demo_office["director"])
    return {"Authorization": f"Bearer {token}"}


def _fuzz(operation, strategy, headers: dict) -> str | None:
    """Run one operation's examples; the first server error found (shrunk by Hypothesis), or None."""

    @given(case=strategy)
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate, Phase.shrink])
    def run(case):
        response = case.call(headers=headers)
        assert response.status_code < 500, (
            f"{case.method} {case.formatted_path} → {response.status_code}\n"
            f"query={case.query!r} body={getattr(case, 'body', None)!r}\n{response.text[:1000]}"
        )

    try:
        run()
    except AssertionError as error:
        return str(error)
    except Unsatisfiable:  # no invalid data can be made for an operation without inputs
        pass
    return None


@pytest.mark.django_db
def test_no_operation_answers_a_server_error(api_schema, bearer):
    """Every operation, with valid and invalid data (Schemathesis' positive and negative modes):
    zero 5xx. (A loop, not `schema.parametrize`, whose lazy fixture loading pytest 9 does not run.)"""
    failures, operations = [], 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            failure = _fuzz(operation, operation.as_strategy(generation_mode=mode), bearer)
            if failure:
                failures.append(f"[{mode.value}] {failure}")
                break
    assert operations >= 25, "every operation of the OpenAPI document is fuzzed"
    assert failures == [], "\n\n".join(failures)
