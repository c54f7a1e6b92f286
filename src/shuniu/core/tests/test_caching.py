"""Per-process copies of configuration rows: reused for their time, reloaded after it or when cleared."""

from shuniu.core import caching


def test_a_value_is_loaded_once_within_its_time_and_again_after_it(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(caching.time, "monotonic", lambda: clock[0])
    loads = []
    cache = caching.ProcessCache(60.0, lambda key: loads.append(key) or f"{key}-{len(loads)}")
    assert cache.get("hotline") == cache.get("hotline") == "hotline-1"
    assert cache.get("petition") == "petition-2"  # each key on its own
    clock[0] += 59.9
    assert cache.get("hotline") == "hotline-1"
    clock[0] += 0.2
    assert cache.get("hotline") == "hotline-3"
    cache.clear()
    assert cache.get("hotline") == "hotline-4"
    caching.clear_all()
    assert cache.get("petition") == "petition-5"
