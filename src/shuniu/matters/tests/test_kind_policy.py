"""催办规则: the office sets its own reminder, chase and escalation spans per kind."""

import datetime

from django.utils import timezone

from shuniu.matters.models import Assignment, KindPolicy, Matter
from shuniu.matters.sweep import sweep


def test_defaults_come_from_the_kinds_declaration(make_item):
    from shuniu.matters.workflow import get_workflow

    workflow = get_workflow("supervision")
    assert (workflow.span("reminder_before"), workflow.span("escalate_after")) == ("1 working days", "3 working days")


def test_a_longer_reminder_span_makes_an_item_due_soon_earlier(make_item):
    item = make_item()
    due = timezone.now() + datetime.timedelta(days=6)
    Matter.objects.filter(pk=item.pk).update(due_at=due)
    Assignment.objects.filter(matter=item).update(due_at=due)
    assert sweep().reminded == 0
    KindPolicy.objects.create(kind="supervision", reminder_before="10个工作日")
    assert sweep().reminded == 1
    item.refresh_from_db()
    assert item.sla == "due_soon"


def test_a_shorter_escalation_span_escalates_sooner(make_item):
    item = make_item()
    overdue = timezone.now() - datetime.timedelta(hours=3)
    Matter.objects.filter(pk=item.pk).update(due_at=overdue)
    Assignment.objects.filter(matter=item).update(due_at=overdue)
    KindPolicy.objects.create(kind="supervision", escalate_after="2小时")
    assert sweep().escalated == 1


def test_only_the_system_administrator_sets_the_rules_and_bad_rules_are_refused(client_for):
    assert client_for("secadmin").get("/admin/matters/kindpolicy/").status_code in (302, 403)
    assert client_for("duban").get("/admin/matters/kindpolicy/").status_code in (302, 403)
    admin = client_for("admin")
    response = admin.post("/admin/matters/kindpolicy/add/", {"kind": "supervision", "reminder_before": "很快"})
    assert response.status_code == 200 and "无法识别期限" in response.content.decode()
    assert not KindPolicy.objects.exists()
    response = admin.post("/admin/matters/kindpolicy/add/", {"kind": "supervision", "reminder_before": "2个工作日"})
    assert response.status_code == 302
    assert KindPolicy.objects.get().reminder_before == "2个工作日"
