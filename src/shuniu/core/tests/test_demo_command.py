"""`make demo` tells the operator where the office is served: the PORT it was started with."""

from shuniu.core.management.commands.seed_demo import demo_url


def test_demo_prints_the_port_it_serves_on(monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    assert demo_url() == "http://127.0.0.1:8123/"


def test_demo_defaults_to_port_8000(monkeypatch):
    monkeypatch.delenv("PORT", raising=False)
    assert demo_url() == "http://127.0.0.1:8000/"
