"""Configuration rows read on every request or transition, kept per process for a short time.

`ProcessCache(ttl, load)` answers `get(key)` from memory for `ttl` seconds after loading it with
`load(key)`. Connect `clear` to the model's post_save/post_delete: the process that saves a change
uses it at once, other worker processes within `ttl`. Use it only for settings a short delay in
other processes cannot hurt (deadline rules, chasing spans) — never for permissions."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

_ALL: list[ProcessCache] = []


class ProcessCache:
    def __init__(self, ttl: float, load: Callable[[Hashable], Any]):
        self.ttl, self.load = ttl, load
        self._items: dict[Hashable, tuple[float, Any]] = {}
        self._lock = threading.Lock()
        _ALL.append(self)

    def get(self, key: Hashable = None) -> Any:
        now = time.monotonic()
        hit = self._items.get(key)
        if hit is None or hit[0] <= now:
            value = self.load(key)
            with self._lock:
                self._items[key] = hit = (now + self.ttl, value)
        return hit[1]

    def clear(self, *_args, **_kwargs) -> None:
        """Forget everything (signature of a signal receiver)."""
        with self._lock:
            self._items.clear()


def clear_all() -> None:
    """Every process cache (tests: a rolled-back test's rows must not reach the next test)."""
    for cache in _ALL:
        cache.clear()
