"""Logging filters (settings.LOGGING).

A refused access (403) is an expected answer, not a fault: Django's `django.request` logger
writes it with the PermissionDenied traceback attached, so every refusal filled the log with a
stack trace. The refusal itself is recorded in the audit log (越权访问被拒绝); the server log keeps
one line ("Forbidden (Permission denied): /path") and no traceback."""

import logging


class ForbiddenWithoutTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
