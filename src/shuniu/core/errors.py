"""The error a service raises to refuse a request with a status, a code and a Chinese message.

It lives in core so that the engine and the kinds can raise it without importing the API layer;
`shuniu.api.errors` re-exports it and turns it into the API's error shape (API.md)."""

from __future__ import annotations

from rest_framework import exceptions


class ApiError(exceptions.APIException):
    """Raise from a view or service call to answer with a given status, code and Chinese message."""

    def __init__(self, status_code: int, code: str, message: str, fields: dict | None = None):
        self.status_code = status_code
        self.code = code
        self.message = message
        self.fields = fields or {}
        super().__init__(detail=message, code=code)
