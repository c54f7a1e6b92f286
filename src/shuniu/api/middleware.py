"""Refusals made once for every page and every API call, before any view runs."""

from __future__ import annotations

from shuniu.core.middleware import api_error

from .parsers import MAX_JSON_BYTES, too_large

NUL_MESSAGE = "请求参数含有空字符（NUL），已拒绝"


class InputGuardMiddleware:
    """A NUL character in any query parameter (name or value) is refused with 400: PostgreSQL
    cannot compare text with NUL and answered a DataError (500) on every filtered list. A JSON body
    announced larger than the API reads is refused with 413 before it is read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            return self.refuse(request)
        if request.path.startswith("/api/") and "json" in request.META.get("CONTENT_TYPE", ""):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > MAX_JSON_BYTES:
                error = too_large()
                return api_error(error.status_code, error.code, error.message)
        return self.get_response(request)

    @staticmethod
    def refuse(request):
        if request.path.startswith("/api/"):
            return api_error(400, "bad_request", NUL_MESSAGE)
        from django.shortcuts import render

        return render(request, "core/error.html", {"status": 400, "message": NUL_MESSAGE + "。"}, status=400)
