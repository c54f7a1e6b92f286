"""Shortcuts taken for speed give the same answers: lists filtered by one's own unit, and inbox pages."""

from shuniu.matters import services
from shuniu.matters.models import Matter
from shuniu.matters.rules import visible_matters
from shuniu.org.models import Unit


def test_filtering_by_ones_own_unit_lists_every_matter_that_unit_leads(make_item, demo_office):
    mine = [make_item(lead="jtj", title=f"交通事项{i}") for i in range(3)]
    make_item(lead="hbj", title="环保事项")
    jtj = Unit.objects.get(code="jtj")
    shortcut = visible_matters(demo_office["jtj_staff"], lead_unit_id=jtj.pk)
    assert set(shortcut.values_list("pk", flat=True)) == {m.pk for m in mine}
    full = visible_matters(demo_office["jtj_staff"]).filter(lead_unit=jtj)
    assert set(full.values_list("pk", flat=True)) == {m.pk for m in mine}


def test_another_units_lead_filter_still_shows_only_what_one_takes_part_in(make_item, demo_office, api_client_for):
    shared = make_item(lead="jtj", assist=["hbj"], title="交通环保联合事项")
    make_item(lead="jtj", title="交通独办事项")
    response = api_client_for("hbj_staff").get("/api/v1/matters/", {"unit": "jtj"})
    assert response.status_code == 200
    assert [item["serial"] for item in response.json()["items"]] == [shared.serial]


def test_inbox_api_pages_hold_the_same_rows_in_the_same_order(make_item, demo_office, api_client_for):
    for i in range(5):
        make_item(lead="jtj", title=f"待办{i}", urgency="urgent" if i % 2 else "normal")
    expected = [t.matter.serial for t in services.inbox(demo_office["jtj_staff"])]
    client = api_client_for("jtj_staff")
    pages = [client.get("/api/v1/inbox", {"page": n, "page_size": 2}).json() for n in (1, 2, 3)]
    assert [item["matter"]["serial"] for page in pages for item in page["items"]] == expected
    assert {page["count"] for page in pages} == {5}
    assert Matter.objects.count() == 5
