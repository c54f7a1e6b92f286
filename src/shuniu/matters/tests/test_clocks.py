"""The engine's statutory clocks (matters/clocks.py) on a test-only kind: rules in working days, months
and minutes, pauses not counted, restart, the extension limit, the sweep and the API."""

from __future__ import annotations

import datetime
from contextlib import contextmanager
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django import forms

from shuniu.matters import workflow as wf
from shuniu.matters.models import Clock, Entry, Matter
from shuniu.matters.rules import in_owner_unit
from shuniu.matters.services import Context, Invalid, create_matter, finish_creation, perform
from shuniu.matters.sweep import sweep
from shuniu.matters.workflow import ClockSpec, Transition, Workflow
from shuniu.workdays.services import compute_deadline

SH = ZoneInfo("Asia/Shanghai")
T0 = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=SH)  # Monday; no holiday in March 2026
KIND = "clocktest"


@contextmanager
def frozen(moment: datetime.datetime):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


class ClockForm(forms.Form):
    clock = forms.CharField()
    amount = forms.IntegerField(required=False)


def _op(op: str):
    def effect(ctx: Context) -> None:
        name = ctx.data["clock"]
        if op == "extend":
            ctx.clocks.extend(name, ctx.data["amount"])
        else:
            getattr(ctx.clocks, op)(name)

    return effect


def _register_effect(ctx: Context) -> None:
    ctx.clocks.start("answer")


@pytest.fixture
def clock_kind(demo_office):
    """A kind with four clocks: a binding 20-working-day answer (one extension of at most 20 working
    days), a binding 1-month report, a 30-minute first report that does not bind, and a window."""
    workflow = wf.register(Workflow(
        kind=KIND, label="时限测试", serial_prefix="CT", owner_unit="dck",
        states={"open": "办理中", "done": "已办结"}, initial="open", closed_states=("done",),
        clocks=[
            ClockSpec("answer", "答复", "20 working days", max_extensions=1, extension_max="20 working days"),
            ClockSpec("report", "报告", "1个月"),
            ClockSpec("alarm", "首报", "30分钟", binds_due=False, remind_before="10 minutes"),
            ClockSpec("appeal", "申请", "5 days", window=True),
        ],
        transitions=[
            Transition(op, label, ("open",), None, in_owner_unit, form=ClockForm, effect=_op(op))
            for op, label in (("start", "起算"), ("pause", "暂停"), ("resume", "恢复"), ("restart", "重新起算"),
                              ("extend", "延长"), ("stop", "停止"), ("cancel", "撤销"))
        ],
    ))

    def make(at=T0) -> Matter:
        with frozen(at):
            matter, ctx = create_matter(KIND, demo_office["duban"], title="关于某某事项的办理")
            _register_effect(ctx)
            return finish_creation(ctx)

    yield make
    wf._REGISTRY.pop(workflow.kind, None)


@pytest.fixture
def act(demo_office):
    def run(matter, op, clock, at, amount=None) -> Matter:
        with frozen(at):
            data = {"clock": clock} | ({"amount": amount} if amount is not None else {})
            return perform(matter.pk, op, demo_office["duban"], data)

    return run


def clock(matter, name) -> Clock:
    return Clock.objects.filter(matter_id=matter.pk, name=name).latest("started_at", "id")


def test_working_days_clock_sets_the_matter_due_date_and_is_journaled(clock_kind):
    matter = clock_kind()
    due = compute_deadline(T0, "20 working days").due_at
    assert clock(matter, "answer").due_at == due
    assert due.astimezone(SH).date() == datetime.date(2026, 3, 30)  # 20 working days after Mon 2 March
    assert matter.due_at == due
    entry = Entry.objects.get(matter=matter, action="create")
    assert entry.data["clocks"] == [{"op": "start", "name": "answer", "label": "答复", "due_at": due.isoformat()}]


def test_months_clock_ends_on_the_same_day_and_the_earliest_running_clock_binds(clock_kind, act):
    start = datetime.datetime(2026, 3, 31, 9, 0, tzinfo=SH)
    matter = clock_kind(at=start)
    matter = act(matter, "start", "report", start)
    report = clock(matter, "report")
    assert report.unit == Clock.Unit.MONTHS
    assert report.due_at == datetime.datetime(2026, 4, 30, 23, 59, 59, tzinfo=SH)  # no 31 April: the month's end
    # The earliest running binding clock is the matter's due date: the answer (20 working days from
    # 31 March, across 清明) ends on 29 April; once it stops, the report's 30 April binds.
    assert clock(matter, "answer").due_at == datetime.datetime(2026, 4, 29, 23, 59, 59, tzinfo=SH) == matter.due_at
    matter = act(matter, "stop", "answer", start + datetime.timedelta(days=1))
    assert matter.due_at == report.due_at


def test_minutes_clock_is_exact_and_does_not_bind_the_due_date(clock_kind, act):
    matter = clock_kind()
    matter = act(matter, "start", "alarm", T0 + datetime.timedelta(hours=1))
    assert clock(matter, "alarm").due_at == T0 + datetime.timedelta(hours=1, minutes=30)
    assert matter.due_at == clock(matter, "answer").due_at


def test_paused_time_is_not_counted(clock_kind, act, api_client_for):
    matter = clock_kind()
    matter = act(matter, "pause", "answer", T0 + datetime.timedelta(days=1))  # Tue 3 March
    assert clock(matter, "answer").state == Clock.State.PAUSED
    assert matter.due_at is None  # no running clock binds it: nothing to chase while paused
    body = api_client_for("duban").get(f"/api/v1/matters/{matter.pk}").json()
    answer = next(c for c in body["clocks"] if c["name"] == "answer")
    assert answer["paused"] is True and body["overdue"] is False

    # Resumed a week later (Tue 10 March): the five working days Wed–Tue do not count.
    matter = act(matter, "resume", "answer", T0 + datetime.timedelta(days=8))
    answer = clock(matter, "answer")
    assert answer.paused_days == 5
    assert answer.due_at == compute_deadline(T0, "25 working days").due_at
    assert matter.due_at == answer.due_at

    # Minutes are counted exactly: 10 minutes paused, 10 minutes later.
    matter = act(matter, "start", "alarm", T0 + datetime.timedelta(days=9))
    matter = act(matter, "pause", "alarm", T0 + datetime.timedelta(days=9, minutes=5))
    matter = act(matter, "resume", "alarm", T0 + datetime.timedelta(days=9, minutes=15))
    assert clock(matter, "alarm").due_at == T0 + datetime.timedelta(days=9, minutes=40)


def test_restart_counts_again_from_the_new_start(clock_kind, act):
    matter = clock_kind()
    matter = act(matter, "extend", "answer", T0 + datetime.timedelta(days=1), amount=5)
    later = T0 + datetime.timedelta(days=10)  # Thu 12 March: 补正 received
    matter = act(matter, "restart", "answer", later)
    answer = clock(matter, "answer")
    assert (answer.started_at, answer.extensions, answer.extended) == (later, 0, 0)
    assert answer.due_at == compute_deadline(later, "20 working days").due_at
    assert matter.due_at == answer.due_at
    assert Clock.objects.filter(matter=matter, name="answer").count() == 1


def test_extension_beyond_the_limit_is_refused_in_chinese_and_writes_nothing(clock_kind, act):
    matter = clock_kind()
    with pytest.raises(Invalid) as error:
        act(matter, "extend", "answer", T0 + datetime.timedelta(days=1), amount=25)
    assert error.value.message == "“答复”时限延长累计不得超过20个工作日"

    matter = act(matter, "extend", "answer", T0 + datetime.timedelta(days=1), amount=10)
    answer = clock(matter, "answer")
    assert (answer.extensions, answer.extended) == (1, 10)
    assert answer.due_at == compute_deadline(T0, "30 working days").due_at == matter.due_at

    entries = Entry.objects.filter(matter=matter).count()
    with pytest.raises(Invalid) as error:
        act(matter, "extend", "answer", T0 + datetime.timedelta(days=2), amount=1)
    assert error.value.message == "“答复”时限最多只能延长1次，已经延长1次，不能再次延长"
    assert Entry.objects.filter(matter=matter).count() == entries
    assert clock(matter, "answer").extended == 10


def test_sweep_reminds_and_chases_a_clock_of_its_own(clock_kind, act, demo_office):
    matter = clock_kind()
    start = T0 + datetime.timedelta(hours=1)
    matter = act(matter, "start", "alarm", start)

    with frozen(start + datetime.timedelta(minutes=15)):
        assert sweep().reminded == 0  # 15 minutes left; the clock's own reminder span is 10 minutes
    with frozen(start + datetime.timedelta(minutes=25)):
        assert sweep().reminded == 1
        assert sweep().reminded == 0  # once
    reminder = Entry.objects.get(matter=matter, action="remind")
    assert reminder.data["clock"] == "alarm" and "首报时限" in reminder.comment

    with frozen(start + datetime.timedelta(minutes=31)):
        result = sweep()
    assert result.chased == 1
    chase = Entry.objects.get(matter=matter, action="auto_chase")
    assert chase.data == {"unit": "dck", "due_at": clock(matter, "alarm").due_at.isoformat(), "clock": "alarm"}
    assert clock(matter, "alarm").chase_count == 1

    # A stopped clock is chased no more.
    matter = act(matter, "stop", "alarm", start + datetime.timedelta(minutes=40))
    with frozen(start + datetime.timedelta(days=2)):
        assert sweep().chased == 0


def test_a_clock_an_assignment_holds_is_chased_at_that_unit(clock_kind, act):
    from shuniu.matters.models import Assignment
    from shuniu.org.models import Unit

    matter = clock_kind()
    start = T0 + datetime.timedelta(hours=1)
    matter = act(matter, "start", "alarm", start)
    jtj = Unit.objects.get(code="jtj")
    lead = Assignment.objects.create(matter=matter, unit=jtj, role="lead", assigned_at=start)
    Clock.objects.filter(matter=matter, name="alarm").update(assignment=lead)

    with frozen(start + datetime.timedelta(minutes=31)), mock.patch("shuniu.notify.services.queue_notices") as queued:
        assert sweep().chased == 1
    chase = Entry.objects.get(matter=matter, action="auto_chase")
    assert chase.assignment == lead and chase.data["unit"] == "jtj"
    notices = [n for call in queued.call_args_list for n in call.args[0]]
    assert [(n.title, n.unit_id) for n in notices] == [(f"自动催办：{matter.title}", jtj.pk)]


def test_overdue_in_the_api_counts_any_running_clock(clock_kind, act, api_client_for):
    matter = clock_kind()
    start = T0 + datetime.timedelta(hours=1)
    matter = act(matter, "start", "alarm", start)
    client = api_client_for("duban")
    with frozen(start + datetime.timedelta(minutes=20)):
        body = client.get(f"/api/v1/matters/{matter.pk}").json()
    assert body["overdue"] is False
    alarm = next(c for c in body["clocks"] if c["name"] == "alarm")
    assert (alarm["label"], alarm["paused"], alarm["remaining"]) == ("首报", False, 600)

    with frozen(start + datetime.timedelta(minutes=45)):
        body = client.get(f"/api/v1/matters/{matter.pk}").json()
    assert body["due_at"] > start.isoformat()  # the matter's own due date is weeks away …
    assert body["overdue"] is True  # … but a running clock is past due
    alarm = next(c for c in body["clocks"] if c["name"] == "alarm")
    assert alarm["remaining"] == -15 * 60 and alarm["state"] == "overdue"


def test_the_matter_page_lists_the_clocks(clock_kind, act, client_for):
    matter = clock_kind()
    act(matter, "start", "appeal", T0)
    with frozen(T0 + datetime.timedelta(hours=1)):
        html = client_for("duban").get(f"/matters/{matter.pk}/").content.decode()
    assert 'id="clocks"' in html
    for text in ("答复", "20个工作日", "申请", "5日", "期限内"):
        assert text in html
