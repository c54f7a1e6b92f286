"""Periodic progress reports: the next one is due a cycle after dispatch and after each report;
`remind_progress_reports` tells the unit's liaison officer once a day and journals it."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from shuniu.matters.models import Assignment, Entry
from shuniu.notify.models import Message
from shuniu.org.models import Membership
from shuniu.supervision.services import remind_progress_reports
from shuniu.workdays.services import add_months

from .conftest import aware, clock


def lead(item) -> Assignment:
    return item.assignments.get(role="lead")


@pytest.mark.parametrize("cycle, extra, expected", [
    ("weekly", {}, datetime.timedelta(days=7)),
    ("custom", {"report_interval_days": 10}, datetime.timedelta(days=10)),
])
def test_dispatch_with_a_cycle_sets_the_leads_next_report(make_item, cycle, extra, expected):
    item = make_item(assist=["cgj"], report_cycle=cycle, **extra)
    assert lead(item).next_report_due == timezone.localdate() + expected
    assert item.assignments.get(unit__code="cgj").next_report_due is None


def test_a_monthly_cycle_is_due_the_same_day_next_month(make_item):
    with clock(aware(2026, 1, 31, 10, 0)):
        item = make_item(report_cycle="monthly")
    assert lead(item).next_report_due == add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)


def test_without_a_cycle_no_report_is_scheduled(make_item):
    assert lead(make_item(report_cycle="none")).next_report_due is None


def test_a_report_by_the_lead_moves_the_next_one_on(make_item, act):
    with clock(aware(2026, 3, 2, 9, 0)):
        item = make_item(assist=["cgj"], report_cycle="weekly")
        act(item, "accept", "jtj_staff")
        act(item, "accept", "cgj_staff")
    with clock(aware(2026, 3, 11, 9, 0)):
        act(item, "report_progress", "jtj_liaison", {"comment": "已完成调研"})
        act(item, "report_progress", "cgj_staff", {"comment": "配合完成站点调整"})
    assert lead(item).next_report_due == datetime.date(2026, 3, 18)
    assert item.assignments.get(unit__code="cgj").next_report_due is None


def test_liaison_officers_of_units_whose_report_is_due_are_reminded_once_a_day(
        make_item, act, users, django_capture_on_commit_callbacks):
    with clock(aware(2026, 3, 2, 9, 0)):
        due = make_item(report_cycle="weekly", title="推进城区公交线网优化调整")
        not_yet = make_item(lead="hbj", report_cycle="monthly", title="开展重点河流入河排污口排查整治")
        in_review = make_item(lead="zjj", report_cycle="weekly", title="改造老旧小区80个")
        act(in_review, "accept", "zjj_staff")
        act(in_review, "request_close", "zjj_head", {"reply": "已完成"})
    with django_capture_on_commit_callbacks(execute=True):
        sent = remind_progress_reports(datetime.date(2026, 3, 10))
    assert sent == 1
    entry = Entry.objects.get(action="remind_report")
    assert entry.matter == due and entry.assignment == lead(due) and entry.actor is None
    assert entry.data == {"unit": "jtj", "due": "2026-03-09"}
    assert "应于3月9日报送，现已逾期" in entry.comment
    reminded = set(Message.objects.filter(title__contains="进展反馈").values_list("recipient__username", flat=True))
    assert reminded == {"jtj_liaison"}
    assert not Entry.objects.filter(action="remind_report", matter__in=[not_yet, in_review]).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_progress_reports(datetime.date(2026, 3, 10)) == 0  # already reminded today


def test_a_unit_without_a_liaison_officer_is_reminded_as_a_whole(make_item, django_capture_on_commit_callbacks):
    Membership.objects.filter(unit__code="jtj", role="liaison").update(is_active=False)
    with clock(aware(2026, 3, 2, 9, 0)):
        make_item(report_cycle="weekly")
    with django_capture_on_commit_callbacks(execute=True):
        remind_progress_reports(datetime.date(2026, 3, 9))
    recipients = set(Message.objects.filter(title__startswith="进展反馈提醒").values_list("recipient__username", flat=True))
    assert recipients == {"jtj_head", "jtj_staff"}


def test_the_management_command_reminds_for_a_given_day(make_item, capsys):
    with clock(aware(2026, 3, 2, 9, 0)):
        make_item(report_cycle="weekly")
    call_command("remind_progress_reports", "--date", "2026-03-09")
    assert "已发送进展反馈提醒 1 条" in capsys.readouterr().out
    assert Entry.objects.filter(action="remind_report").count() == 1


def test_the_periodic_task_is_scheduled_daily():
    from celery import current_app

    from shuniu.supervision import tasks

    entry = current_app.conf.beat_schedule["supervision.remind_progress_reports"]
    assert entry["task"] == tasks.remind_progress_reports.name
