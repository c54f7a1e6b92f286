"""我的待办: open work for the caller's units and person, most urgent first; 已办; 我发起的."""

import datetime

from django.utils import timezone

from shuniu.matters import services
from shuniu.matters.models import Matter, Todo


def test_assigned_units_get_the_work_and_it_leaves_when_done(make_item, demo_office):
    item = make_item(lead="jtj", assist=["cgj"])
    jtj = [t.task for t in services.inbox(demo_office["jtj_staff"])]
    assert jtj == ["签收（主办）"]
    assert [t.task for t in services.inbox(demo_office["cgj_liaison"])] == ["签收（协办）"]
    assert list(services.inbox(demo_office["hbj_staff"])) == []
    services.perform(item, "accept", demo_office["jtj_staff"], {})
    assert [t.task for t in services.inbox(demo_office["jtj_head"])] == ["办理（主办）"]
    services.perform(item, "request_close", demo_office["jtj_head"], {"reply": "已完成"})
    assert list(services.inbox(demo_office["jtj_staff"])) == []
    assert [t.matter_id for t in services.inbox(demo_office["duban"])] == [item.pk]
    services.perform(item, "approve_close", demo_office["duban"], {})
    assert not Todo.objects.filter(matter=item).exists()


def test_most_urgent_first_then_nearest_deadline(make_item, demo_office):
    later = make_item(title="较晚到期")
    sooner = make_item(title="较早到期")
    urgent = make_item(title="特急事项", urgency="very_urgent")
    Matter.objects.filter(pk=sooner.pk).update(due_at=timezone.now() + datetime.timedelta(days=1))
    for m in (later, sooner, urgent):
        m.refresh_from_db()
        services.rebuild_todos(m)
    Todo.objects.filter(matter=sooner).update(due_at=timezone.now() + datetime.timedelta(days=1))
    titles = [t.matter.title for t in services.inbox(demo_office["jtj_staff"])]
    assert titles == ["特急事项", "较早到期", "较晚到期"]


def test_done_and_started_tabs(make_item, demo_office):
    item = make_item()
    services.perform(item, "accept", demo_office["jtj_staff"], {})
    assert list(services.done_by(demo_office["jtj_staff"])) == [item]
    assert list(services.started_by(demo_office["duban"])) == [item]
    assert list(services.started_by(demo_office["jtj_staff"])) == []


def test_inbox_page_and_api(make_item, client_for, api_client_for):
    item = make_item()
    page = client_for("jtj_staff").get("/matters/inbox/")
    assert page.status_code == 200 and item.serial in page.content.decode()
    home = client_for("jtj_staff").get("/")
    assert item.title in home.content.decode()
    response = api_client_for("jtj_staff").get("/api/v1/inbox")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["items"][0]["matter"]["serial"] == item.serial
    assert body["items"][0]["task"] == "签收（主办）"
