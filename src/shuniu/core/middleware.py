"""Request-wide rules: idle session timeout, and JSON errors for every /api/ path."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from .models import AuditEvent

IDLE_KEY = "shuniu_last_seen"
# The clock is moved at most once a minute, so a burst of requests does not write the session each time.
TOUCH_SECONDS = 60


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Chinese unless the person chose another language (the language cookie set by the switcher).
    The browser's Accept-Language is ignored: the office works in Chinese whatever the PC's locale."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class IdleTimeoutMiddleware:
    """Ends a logged-in browser session after SESSION_IDLE_MINUTES without a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            last_seen = request.session.get(IDLE_KEY)
            if last_seen is not None and now - int(last_seen) > settings.SESSION_IDLE_MINUTES * 60:
                from . import audit

                audit.record(AuditEvent.Action.SESSION_EXPIRED, request=request, user=user)
                logout(request)
                request.session["idle_logout"] = True
            elif last_seen is None or now - int(last_seen) >= TOUCH_SECONDS:
                request.session[IDLE_KEY] = now
        return self.get_response(request)


def api_error(status: int, code: str, message: str, fields: dict | None = None) -> JsonResponse:
    body = {"error": {"code": code, "message": message}}
    if fields:
        body["error"]["fields"] = fields
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


class ApiErrorMiddleware:
    """Django-level 404/500 on API paths answer in the API's error shape, never an HTML page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/") and response.status_code == 404 and "json" not in response.get(
            "Content-Type", ""
        ):
            return api_error(404, "not_found", "请求的资源不存在")
        return response

    def process_exception(self, request, exception):
        if request.path.startswith("/api/"):
            import logging

            logging.getLogger("shuniu.api").exception("unhandled error on %s", request.path)
            return api_error(500, "server_error", "服务器内部错误，请稍后再试或联系系统管理员")
        return None


CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    # Bootstrap draws its select arrows, check marks and close buttons as data: SVG images, and the
    # two-factor QR code is one too; a data: image cannot run script.
    "img-src 'self' data:",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
])


class SecurityHeadersMiddleware:
    """A Content-Security-Policy on every page the application answers (everything is vendored, so no
    other origin and no inline script or style is needed), and `Cache-Control: no-store` on everything
    it generates: the API, matter pages, attachment downloads — nothing a browser or proxy should keep.
    Static files are answered by WhiteNoise before this and keep their long cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        cache_control = response.headers.get("Cache-Control", "")
        if "no-store" not in cache_control:
            response.headers["Cache-Control"] = "no-store, private"
        return response
