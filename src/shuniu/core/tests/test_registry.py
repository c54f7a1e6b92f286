"""A kind plugs in through core.registry: the menu, the home page and the demo loader read it,
nobody is offered a menu link they cannot open, and each person's home leads with their own work."""

import re

import pytest

from shuniu.core import registry
from shuniu.org.demo import NAMED

PERSONAS = [*NAMED, "jtj_head", "jtj_staff", "jtj_liaison"]


@pytest.mark.parametrize("username", PERSONAS)
def test_every_menu_link_opens_for_the_person_it_is_offered_to(client_for, username):
    client = client_for(username)
    response = client.get("/")
    assert response.status_code == 200
    links = [item["url"] for item in response.context["nav_items"]]
    assert links, username
    for url in links:
        assert client.get(url).status_code == 200, (username, url)


def _position(page: str, marker: str) -> int:
    return page.index(marker) if marker in page else -1


@pytest.mark.parametrize(("username", "panel"), [
    ("rexian", "panel-hotline"),
    ("xinfang", "panel-petitions"),
    ("duban", "panel-supervision"),
    ("jiyao", "panel-documents"),
    ("mishu", "panel-documents"),
])
def test_home_page_leads_with_the_persons_own_module(client_for, username, panel):
    page = client_for(username).get("/").content.decode()
    assert 0 <= _position(page, f'id="{panel}"') < _position(page, 'id="inbox"')


def test_a_department_handler_sees_only_the_inbox_panel(client_for):
    page = client_for("jtj_staff").get("/").content.decode()
    assert 'id="inbox"' in page
    assert not re.search(r'id="panel-', page)


def test_a_panel_links_only_what_the_person_may_use(client_for):
    page = client_for("rexian").get("/").content.decode()
    assert 'href="/hotline/desk/"' in page
    assert 'href="/supervision/new/"' not in page


def test_the_statistics_page_lists_the_kinds_statistics_pages(client_for):
    page = client_for("duban").get("/matters/stats/").content.decode()
    assert 'id="kind-stats"' in page and 'href="/hotline/metrics/"' in page and 'href="/supervision/bulletin/"' in page
    page = client_for("jtj_staff").get("/matters/stats/").content.decode()
    assert 'href="/supervision/bulletin/"' not in page  # 督查通报 is for the supervising section and the leaders


def test_seeders_run_after_what_they_need_and_the_last_ones_at_the_end(monkeypatch):
    monkeypatch.setattr(registry, "_SEEDERS", {})
    registry.add_seeder("summary", "x.summary", last=True)
    registry.add_seeder("b", "x.b", after=("a",))
    registry.add_seeder("a", "x.a", after=("base",))
    registry.add_seeder("base", "x.base")
    assert [s.name for s in registry.seeders()] == ["base", "a", "b", "summary"]
    registry.add_seeder("base", "x.base", after=("b",))
    with pytest.raises(ValueError, match="循环依赖"):
        registry.seeders()


def test_the_demo_loader_runs_every_registered_seeder():
    names = [s.name for s in registry.seeders()]
    assert names[:2] == ["org", "workdays"] and names[-1] == "matters"
    assert len(names) == len(set(names)) >= 3
