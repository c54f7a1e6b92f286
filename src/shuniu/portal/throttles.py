"""Per-IP rate limits for the public portal, in the `limits` cache every worker process shares:
Redis when REDIS_URL is set, else Django's database cache (never per-process memory). Each check
reads and writes its counter under an exclusive lock (a Redis lock; on the database a transaction
that PostgreSQL serialises with an advisory lock and SQLite with BEGIN IMMEDIATE), so concurrent
workers cannot both take the last place. The API and the HTML forms share one counter per scope,
so switching between them gains nothing.

Rates are "N/second|minute|hour|day"; the defaults below can be overridden with the setting
`SHUNIU_PORTAL_RATES` (a dict of scope → rate)."""

from __future__ import annotations

import threading
import zlib
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from rest_framework.throttling import SimpleRateThrottle

DEFAULT_RATES = {
    "portal_submit": "10/hour",  # new messages
    "portal_lookup": "30/minute",  # tracking by query code
    "portal_feedback": "10/hour",  # ratings
    "portal_browse": "120/minute",  # the public list of answers
}
MAX_REQUEST_BYTES = 16 * 1024 * 1024  # three 5 MB attachments and the text


def rate_for(scope: str) -> str:
    return {**DEFAULT_RATES, **getattr(settings, "SHUNIU_PORTAL_RATES", {})}[scope]


_local_lock = threading.Lock()


@contextmanager
def exclusive(cache, key: str):
    """Hold `key` alone across processes while its history is read and written back."""
    if isinstance(cache, DatabaseCache):
        alias = router.db_for_write(cache.cache_model_class)
        with transaction.atomic(using=alias):
            connection = connections[alias]
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(key.encode())])
            # SQLite: the transaction began IMMEDIATE (settings), which already excludes other writers.
            yield
        return
    client = getattr(getattr(cache, "_cache", None), "get_client", None)
    if client is not None:  # Redis
        with client(key, write=True).lock(f"{cache.make_key(key)}:lock", timeout=10, blocking_timeout=10):
            yield
        return
    with _local_lock:  # a per-process cache (tests with a locmem override): one lock is enough
        yield


class PortalThrottle(SimpleRateThrottle):
    scope = "portal_browse"

    @property
    def cache(self):
        return caches["limits"]

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        with exclusive(self.cache, self.key):
            return super().allow_request(request, view)

    def get_rate(self):
        return rate_for(self.scope)

    def get_ident(self, request):
        """The client's address: REMOTE_ADDR, or with N trusted proxies in front (SHUNIU_PROXY_COUNT)
        the N-th address from the right of X-Forwarded-For. A client cannot pick its own identity."""
        proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", 0) or 0
        remote = request.META.get("REMOTE_ADDR", "")
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if proxies and forwarded:
            return forwarded[-min(proxies, len(forwarded))]
        return remote

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class SubmitThrottle(PortalThrottle):
    scope = "portal_submit"


class LookupThrottle(PortalThrottle):
    scope = "portal_lookup"


class FeedbackThrottle(PortalThrottle):
    scope = "portal_feedback"


class BrowseThrottle(PortalThrottle):
    scope = "portal_browse"


def check(request, throttle_class) -> int | None:
    """For the HTML forms: None if allowed, else the seconds to wait."""
    throttle = throttle_class()
    if throttle.allow_request(request, None):
        return None
    wait = throttle.wait()
    return int(wait or 1)


def content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
