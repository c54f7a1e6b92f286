"""Secure headers, DEBUG off unless asked, and the settings the baseline depends on."""

import os
import subprocess
import sys

from django.conf import settings


def test_pages_carry_the_secure_headers(client, db):
    response = client.get("/login/")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_api_answers_carry_the_secure_headers(client, db):
    response = client.get("/api/v1/org/units")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_login_page_is_not_cached(client, db):
    assert "no-store" in client.get("/login/")["Cache-Control"]


def test_session_cookie_is_http_only_and_same_site(demo_office, client):
    response = client.post("/login/", {"username": "mayor", "password": "Shuniu@2026"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def settings_in_a_fresh_process(tmp_path, **env) -> str:
    environment = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SHUNIU_HTTPS"}}
    environment.update(SHUNIU_DATA_DIR=str(tmp_path), **env)
    code = (
        "from shuniu import settings as s;"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SESSION_IDLE_MINUTES, s.AXES_FAILURE_LIMIT)"
    )
    result = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_debug_is_off_unless_asked(tmp_path):
    assert settings_in_a_fresh_process(tmp_path) == "False False 0 30 5"
    assert settings_in_a_fresh_process(tmp_path, DEBUG="true").startswith("True")


def test_https_deployments_get_secure_cookies_and_hsts(tmp_path):
    assert settings_in_a_fresh_process(tmp_path, SHUNIU_HTTPS="1").startswith("False True 31536000")


def test_idle_minutes_and_lockout_limit_come_from_the_environment(tmp_path):
    output = settings_in_a_fresh_process(tmp_path, SHUNIU_SESSION_IDLE_MINUTES="15", SHUNIU_LOCKOUT_FAILURES="3")
    assert output.endswith("15 3")


def test_passwords_are_hashed_with_argon2_first():
    # The settings module itself: the tests put a cheaper Argon2 in front (shuniu.testing).
    from shuniu import settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_lockout_backend_runs_before_the_password_check():
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
