"""The deadline sweep: 临期 / 超期 states, reminders before the deadline, 催办 after it,
escalation to the supervising office after the configured span."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from shuniu.matters.models import Assignment, Entry, Matter
from shuniu.matters.sweep import sweep
from shuniu.notify.models import Message
from shuniu.workdays.services import compute_deadline


def _due(item, due_at):
    Matter.objects.filter(pk=item.pk).update(due_at=due_at)
    Assignment.objects.filter(matter=item).update(due_at=due_at)


def test_overdue_item_is_marked_chased_once_and_its_unit_notified(make_item, demo_office, django_capture_on_commit_callbacks):
    item = make_item()
    _due(item, timezone.now() - datetime.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        result = sweep()
    item.refresh_from_db()
    lead = item.assignments.get(unit__code="jtj")
    assert item.sla == "overdue" and lead.sla == "overdue"
    assert result.chased == 1 and lead.chase_count == 1 and item.chase_count == 1
    chase = Entry.objects.get(matter=item, action="auto_chase")
    assert chase.actor is None and chase.actor_name == "系统" and "已超过办理时限" in chase.comment
    recipients = set(Message.objects.filter(level="chase").values_list("recipient__username", flat=True))
    assert recipients == {"jtj_head", "jtj_staff", "jtj_liaison"}
    # Within the chase interval a second sweep does not chase again.
    assert sweep().chased == 0
    assert Entry.objects.filter(matter=item, action="auto_chase").count() == 1


def test_chase_repeats_after_one_working_day(make_item):
    item = make_item()
    _due(item, timezone.now() - datetime.timedelta(days=10))
    first = timezone.now() - datetime.timedelta(days=10)
    sweep(first + datetime.timedelta(hours=1))
    later = compute_deadline(first + datetime.timedelta(hours=1), "2 working days").due_at
    sweep(later)
    assert Entry.objects.filter(matter=item, action="auto_chase").count() == 2


def test_due_soon_item_gets_one_reminder(make_item):
    item = make_item()
    _due(item, timezone.now() + datetime.timedelta(hours=2))
    result = sweep()
    item.refresh_from_db()
    assert item.sla == "due_soon" and result.reminded == 1
    assert Entry.objects.filter(matter=item, action="remind").count() == 1
    assert sweep().reminded == 0


def test_far_deadline_stays_normal_without_messages(make_item):
    item = make_item()
    assert sweep().reminded == 0
    item.refresh_from_db()
    assert item.sla == "normal"
    assert not Entry.objects.filter(matter=item, action__in=["remind", "auto_chase", "escalate"]).exists()


def test_overdue_beyond_three_working_days_is_escalated_to_the_supervising_office(
    make_item, demo_office, django_capture_on_commit_callbacks
):
    item = make_item()
    _due(item, timezone.now() - datetime.timedelta(days=8))
    with django_capture_on_commit_callbacks(execute=True):
        result = sweep()
    assert result.escalated == 1
    item.refresh_from_db()
    assert item.escalated_at is not None
    escalated_to = set(Message.objects.filter(level="escalation").values_list("recipient__username", flat=True))
    assert {"duban", "director"} <= escalated_to and "jtj_staff" in escalated_to
    assert sweep().escalated == 0


def test_closed_items_are_left_alone(make_item, demo_office):
    from shuniu.matters import services

    item = make_item()
    services.perform(item, "accept", demo_office["jtj_staff"], {})
    services.perform(item, "request_close", demo_office["jtj_head"], {"reply": "已完成"})
    services.perform(item, "approve_close", demo_office["duban"], {})
    _due(item, timezone.now() - datetime.timedelta(days=8))
    result = sweep()
    assert (result.chased, result.escalated, result.overdue) == (0, 0, 0)


def test_sweep_management_command_prints_a_chinese_summary(make_item, capsys):
    item = make_item()
    _due(item, timezone.now() - datetime.timedelta(hours=1))
    call_command("sweep_deadlines")
    out = capsys.readouterr().out
    assert "新增超期 1" in out and "自动催办 1" in out


def test_a_clock_no_unit_holds_chases_the_owner_section(make_item, demo_office, django_capture_on_commit_callbacks):
    from shuniu.matters import services

    item = make_item()
    services.perform(item, "return", demo_office["jtj_staff"], {"reason": "非本局职责"})
    Matter.objects.filter(pk=item.pk).update(due_at=timezone.now() - datetime.timedelta(days=8))
    with django_capture_on_commit_callbacks(execute=True):
        result = sweep()
    assert (result.chased, result.escalated) == (1, 1)
    chase = Entry.objects.get(matter=item, action="auto_chase")
    assert chase.data["unit"] == "dck" and "已交办" not in chase.comment and "已立项" in chase.comment
    assert Message.objects.filter(recipient__username="duban", level="chase").exists()
    assert Message.objects.filter(recipient__username="director", level="escalation").exists()
    assert not Message.objects.filter(recipient__username="jtj_staff", level="chase").exists()
    assert sweep().chased == 0
