"""add_working_days / count_working_days / is_workday / day_info on chinesecalendar's 2025–2026 data
(国办发明电〔2025〕7号: 元旦1月1日至3日, 1月4日上班; 春节2月15日至23日, 2月14日、28日上班;
国庆节10月1日至7日, 9月20日、10月10日上班)."""

import datetime as dt

import pytest

from shuniu.workdays.services import (
    DayInfo,
    add_working_days,
    count_working_days,
    count_working_days_checked,
    day_info,
    is_workday,
)

D = dt.date
pytestmark = pytest.mark.django_db


def test_2026_national_day_week_is_not_counted():
    assert add_working_days(D(2026, 9, 30), 1) == (D(2026, 10, 8), False)
    assert add_working_days(D(2026, 9, 30), 2) == (D(2026, 10, 9), False)


def test_2026_national_day_tiaoxiu_saturday_october_10_is_a_working_day():
    assert add_working_days(D(2026, 9, 30), 3) == (D(2026, 10, 10), False)
    assert add_working_days(D(2026, 9, 30), 4) == (D(2026, 10, 12), False)
    assert is_workday(D(2026, 10, 10))
    assert day_info(D(2026, 10, 10)) == DayInfo(True, True, "调休上班")


def test_2026_national_day_tiaoxiu_sunday_september_20_is_a_working_day():
    assert add_working_days(D(2026, 9, 19), 1) == (D(2026, 9, 20), False)


def test_2026_spring_festival_runs_february_15_to_23():
    assert [is_workday(D(2026, 2, day)) for day in range(15, 24)] == [False] * 9
    assert day_info(D(2026, 2, 17)) == DayInfo(False, True, "春节")
    assert add_working_days(D(2026, 2, 14), 1) == (D(2026, 2, 24), False)


def test_2026_spring_festival_tiaoxiu_saturdays_count_as_working_days():
    assert add_working_days(D(2026, 2, 13), 1) == (D(2026, 2, 14), False)
    assert add_working_days(D(2026, 2, 13), 5) == (D(2026, 2, 27), False)
    assert add_working_days(D(2026, 2, 13), 6) == (D(2026, 2, 28), False)


def test_ordinary_weekend_is_not_a_working_day():
    assert day_info(D(2026, 10, 17)) == DayInfo(False, True, "周末")
    assert day_info(D(2026, 10, 16)) == DayInfo(True, True, "工作日")
    assert add_working_days(D(2026, 10, 16), 1) == (D(2026, 10, 19), False)


def test_year_boundary_december_2025_to_january_2026_skips_new_year_holiday():
    assert day_info(D(2026, 1, 1)) == DayInfo(False, True, "元旦")
    assert add_working_days(D(2025, 12, 31), 1) == (D(2026, 1, 4), False)
    assert add_working_days(D(2025, 12, 30), 3) == (D(2026, 1, 5), False)


def test_negative_working_days_go_back_for_reminders():
    assert add_working_days(D(2026, 10, 8), -1) == (D(2026, 9, 30), False)
    assert add_working_days(D(2026, 10, 12), -1) == (D(2026, 10, 10), False)
    assert add_working_days(D(2026, 2, 24), -1) == (D(2026, 2, 14), False)
    assert add_working_days(D(2026, 1, 5), -2) == (D(2025, 12, 31), False)


def test_zero_working_days_is_the_day_itself():
    assert add_working_days(D(2026, 10, 3), 0) == (D(2026, 10, 3), False)


def test_count_working_days_excludes_start_and_includes_end():
    assert count_working_days(D(2026, 9, 30), D(2026, 10, 12)) == 4
    assert count_working_days(D(2026, 9, 29), D(2026, 9, 30)) == 1
    assert count_working_days(D(2025, 12, 31), D(2026, 1, 4)) == 1
    assert count_working_days(D(2026, 2, 13), D(2026, 2, 28)) == 6


def test_count_working_days_is_zero_when_end_is_not_after_start():
    assert count_working_days(D(2026, 10, 12), D(2026, 10, 12)) == 0
    assert count_working_days(D(2026, 10, 12), D(2026, 9, 1)) == 0


def test_count_and_add_agree_over_a_whole_year():
    start = D(2025, 12, 31)
    total = count_working_days(start, D(2026, 12, 31))
    for n in range(1, total + 1):
        day, uncertain = add_working_days(start, n)
        assert count_working_days(start, day) == n
        assert add_working_days(day, -n) == (start, False)
        assert not uncertain
    assert day == D(2026, 12, 31)


def test_2027_without_data_falls_back_to_weekends_and_says_so():
    assert day_info(D(2027, 1, 1)) == DayInfo(True, False, "工作日")
    assert day_info(D(2027, 1, 2)) == DayInfo(False, False, "周末")
    assert add_working_days(D(2026, 12, 31), 1) == (D(2027, 1, 1), True)
    assert count_working_days_checked(D(2026, 12, 30), D(2027, 1, 4)) == (3, True)
    assert count_working_days_checked(D(2026, 12, 1), D(2026, 12, 31)) == (22, False)


def test_going_back_from_2027_into_2026_is_uncertain_only_when_2027_days_are_passed():
    assert add_working_days(D(2027, 1, 1), -1) == (D(2026, 12, 31), False)
    assert add_working_days(D(2027, 1, 5), -2) == (D(2027, 1, 1), True)


def test_years_before_the_library_are_unknown_too():
    assert day_info(D(2003, 10, 1)).known is False
    assert add_working_days(D(2003, 12, 1), 1) == (D(2003, 12, 2), True)
    # Passing from 2003 straight into 2004's known 元旦 consults no unknown day.
    assert add_working_days(D(2003, 12, 31), 1) == (D(2004, 1, 2), False)


def test_dates_far_outside_the_held_range_are_still_computed():
    assert add_working_days(D(2150, 1, 2), 1) == (D(2150, 1, 5), True)
    assert count_working_days_checked(D(1999, 12, 30), D(2000, 1, 4)) == (3, True)


def test_a_datetime_counts_as_its_beijing_date():
    utc_evening = dt.datetime(2026, 9, 30, 17, 0, tzinfo=dt.UTC)  # 10月1日 01:00 北京时间
    assert day_info(utc_evening).name == "国庆节"
