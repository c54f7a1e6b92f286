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


def test_list_rows_built_directly_equal_what_the_declared_fields_give(make_item, demo_office, api_client_for):
    """The list's hand-built rows carry exactly the declared fields' keys and values (dates in the
    office's time zone), for open, overdue, closed and unassigned matters alike."""
    import datetime

    from django.utils import timezone
    from rest_framework import serializers

    from shuniu.matters.api import MatterSerializer

    overdue = make_item(title="推进城区公交线网优化")
    Matter.objects.filter(pk=overdue.pk).update(due_at=timezone.now() - datetime.timedelta(days=3))
    closed = make_item(title="推进老旧小区改造")
    services.perform(closed, "accept", demo_office["jtj_staff"], {})
    services.perform(closed, "request_close", demo_office["jtj_head"], {"reply": "已完成"})
    services.perform(closed, "approve_close", demo_office["duban"], {"comment": "同意"})
    make_item(title="推进背街小巷整治")
    rows = {row["id"]: row for row in api_client_for("director").get("/api/v1/matters/").json()["items"]}
    assert rows[overdue.pk]["overdue"] is True and rows[closed.pk]["closed_at"]
    for matter in Matter.objects.select_related("lead_unit"):
        generic = serializers.ModelSerializer.to_representation(MatterSerializer(), matter)
        assert MatterSerializer(matter).data == generic
        if matter.pk in rows:
            assert rows[matter.pk] == generic


def test_inbox_rows_built_directly_equal_what_the_declared_fields_give(make_item, demo_office, api_client_for):
    from rest_framework import serializers

    from shuniu.matters.api import TodoSerializer

    make_item(title="推进城区公交线网优化")
    items = api_client_for("jtj_staff").get("/api/v1/inbox").json()["items"]
    todos = list(services.inbox(demo_office["jtj_staff"]))
    assert items and len(items) == len(todos)
    for item, todo in zip(items, todos, strict=True):
        assert item == serializers.Serializer.to_representation(TodoSerializer(), todo)
