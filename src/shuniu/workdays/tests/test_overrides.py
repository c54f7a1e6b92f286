"""The administrator's table takes precedence over chinesecalendar and makes unknown years known.

The 2027 dates below are test fixtures standing in for whatever the State Council publishes."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from shuniu.workdays import services
from shuniu.workdays.models import SpecialDay, YearArrangement
from shuniu.workdays.services import DayInfo, add_working_days, compute_deadline, day_info, is_year_known

D = dt.date
BJ = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def test_entering_2027_and_marking_it_complete_makes_it_known_and_takes_precedence(enter_days):
    assert not is_year_known(2027)
    enter_days(
        2027,
        {D(2027, 1, 1): ("holiday", "元旦"), D(2027, 1, 9): ("workday", "春节")},
        complete=True,
    )
    assert is_year_known(2027)
    assert 2027 in services.known_years()
    assert day_info(D(2027, 1, 1)) == DayInfo(False, True, "元旦")
    assert day_info(D(2027, 1, 9)) == DayInfo(True, True, "调休上班")
    assert day_info(D(2027, 1, 10)) == DayInfo(False, True, "周末")

    deadline = compute_deadline(dt.datetime(2026, 12, 31, 9, tzinfo=BJ), "1个工作日")
    assert deadline.due_at == dt.datetime(2027, 1, 4, 23, 59, 59, tzinfo=BJ)
    assert (deadline.uncertain, deadline.note) == (False, "")
    # 1月4日–8日 are the 1st–5th working days, the 调休 Saturday 1月9日 the 6th.
    assert add_working_days(D(2026, 12, 31), 6) == (D(2027, 1, 9), False)


def test_2027_days_entered_but_year_not_complete_are_known_only_where_entered(enter_days):
    enter_days(2027, {D(2027, 1, 1): ("holiday", "元旦")}, complete=False)
    assert not is_year_known(2027)
    assert day_info(D(2027, 1, 1)) == DayInfo(False, True, "元旦")
    assert day_info(D(2027, 1, 4)).known is False
    assert compute_deadline(dt.datetime(2026, 12, 31, 9, tzinfo=BJ), "1个工作日").uncertain is True
    # Calendar days ending on the entered 1月1日 roll to 1月4日, which nobody knows yet.
    rolled = compute_deadline(dt.datetime(2026, 12, 2, tzinfo=BJ), "30日")
    assert rolled.due_at.date() == D(2027, 1, 4)
    assert rolled.uncertain


def test_override_takes_precedence_over_the_library_in_2026(enter_days):
    assert add_working_days(D(2026, 9, 30), 2) == (D(2026, 10, 9), False)
    enter_days(
        2026,
        {D(2026, 10, 9): ("holiday", "国庆节"), D(2026, 10, 10): ("holiday", "国庆节")},
    )
    assert day_info(D(2026, 10, 9)) == DayInfo(False, True, "国庆节")
    assert day_info(D(2026, 10, 10)) == DayInfo(False, True, "国庆节")
    assert add_working_days(D(2026, 9, 30), 2) == (D(2026, 10, 12), False)
    assert services.count_working_days(D(2026, 9, 30), D(2026, 10, 12)) == 2


def test_override_can_turn_a_weekend_into_a_tiaoxiu_working_day(enter_days):
    enter_days(2026, {D(2026, 10, 17): ("workday", "国庆节")})
    assert services.is_workday(D(2026, 10, 17))
    assert add_working_days(D(2026, 10, 16), 1) == (D(2026, 10, 17), False)


def test_deleting_an_override_restores_the_library(enter_days):
    arrangement = enter_days(2026, {D(2026, 10, 9): ("holiday", "国庆节")})
    assert not services.is_workday(D(2026, 10, 9))
    arrangement.days.get().delete()
    assert services.is_workday(D(2026, 10, 9))


def test_unticking_complete_makes_the_year_unknown_again(enter_days):
    arrangement = enter_days(2027, {D(2027, 1, 1): ("holiday", "元旦")}, complete=True)
    assert is_year_known(2027)
    arrangement.complete = False
    arrangement.save()
    assert not is_year_known(2027)


def test_a_committed_change_is_published_to_other_processes(enter_days, django_capture_on_commit_callbacks):
    before = cache.get(services._VERSION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        enter_days(2027, {D(2027, 1, 1): ("holiday", "元旦")}, complete=True)
    assert cache.get(services._VERSION_KEY) not in (None, before)


def test_another_process_change_is_picked_up_through_the_shared_version(db, monkeypatch):
    assert services.is_workday(D(2026, 10, 9))
    arrangement = YearArrangement.objects.create(year=2026)
    # bulk_create sends no signal: this process only learns of it through the shared version,
    # as it would if another process had written the row.
    services.clear_calendar_cache()
    services.is_workday(D(2026, 10, 9))
    SpecialDay.objects.bulk_create(
        [SpecialDay(arrangement=arrangement, date=D(2026, 10, 9), kind="holiday", name="国庆节")]
    )
    assert services.is_workday(D(2026, 10, 9))
    monkeypatch.setattr(services, "_RECHECK_SECONDS", 0.0)
    cache.set(services._VERSION_KEY, "changed-elsewhere")
    assert not services.is_workday(D(2026, 10, 9))


def test_special_day_must_belong_to_its_year_and_a_holiday_needs_a_name(db):
    from django.core.exceptions import ValidationError

    arrangement = YearArrangement.objects.create(year=2027)
    with pytest.raises(ValidationError) as error:
        SpecialDay(arrangement=arrangement, date=D(2026, 12, 31), kind="holiday", name="元旦").full_clean()
    assert "日期不属于2027年" in str(error.value)
    with pytest.raises(ValidationError) as error:
        SpecialDay(arrangement=arrangement, date=D(2027, 1, 1), kind="holiday", name="").full_clean()
    assert "放假日期须填写节日名称" in str(error.value)
