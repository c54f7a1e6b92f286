import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from shuniu.workdays.services import Deadline, DeadlineRule, compute_deadline

BJ = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def at(y, m, d, hh=0, mm=0, ss=0):
    return dt.datetime(y, m, d, hh, mm, ss, tzinfo=BJ)


def test_working_day_deadline_is_end_of_nth_working_day_after_start_across_2026_national_day():
    deadline = compute_deadline(at(2026, 9, 28, 10), "5个工作日")
    assert deadline == Deadline(at(2026, 10, 10, 23, 59, 59), False, "")


def test_working_day_deadline_ignores_the_start_day_even_when_it_is_a_holiday():
    assert compute_deadline(at(2026, 10, 3, 9), DeadlineRule(1, "working_days")).due_at == at(
        2026, 10, 8, 23, 59, 59
    )


def test_20_working_days_over_spring_festival_2026():
    # 2月14日(调休上班), 24–27, 28(调休上班), 3月2–6, 9–13, 16–19 → the 20th is 3月19日.
    assert compute_deadline(at(2026, 2, 13, 16), "20 working days").due_at == at(2026, 3, 19, 23, 59, 59)


def test_calendar_day_deadline_is_end_of_start_plus_n():
    assert compute_deadline(at(2026, 3, 2, 15), "15日").due_at == at(2026, 3, 17, 23, 59, 59)


def test_calendar_days_ending_on_national_day_roll_over_to_next_working_day():
    deadline = compute_deadline(at(2026, 9, 1, 11), "30日")
    assert deadline == Deadline(at(2026, 10, 8, 23, 59, 59), False, "")


def test_calendar_days_roll_over_can_be_switched_off():
    deadline = compute_deadline(at(2026, 9, 1, 11), "30日", roll_over_holiday=False)
    assert deadline.due_at == at(2026, 10, 1, 23, 59, 59)


def test_calendar_days_ending_on_a_weekend_roll_over_to_monday():
    assert compute_deadline(at(2026, 10, 2), "15日").due_at == at(2026, 10, 19, 23, 59, 59)


def test_calendar_days_ending_on_a_tiaoxiu_saturday_do_not_roll_over():
    assert compute_deadline(at(2026, 9, 30), "10日").due_at == at(2026, 10, 10, 23, 59, 59)


def test_months_clamp_to_month_end_january_31_plus_one_month():
    # 2026年2月28日 is a 调休 Saturday: a working day, so no roll-over.
    assert compute_deadline(at(2026, 1, 31, 9), "1个月").due_at == at(2026, 2, 28, 23, 59, 59)
    assert compute_deadline(at(2024, 1, 31, 9), "1 month").due_at == at(2024, 2, 29, 23, 59, 59)


def test_months_ending_on_a_holiday_roll_over():
    assert compute_deadline(at(2026, 7, 1), "3个月").due_at == at(2026, 10, 8, 23, 59, 59)
    assert compute_deadline(at(2026, 7, 1), "3个月", roll_over_holiday=False).due_at == at(
        2026, 10, 1, 23, 59, 59
    )


def test_months_cross_the_year():
    assert compute_deadline(at(2025, 11, 30), "2个月").due_at == at(2026, 1, 30, 23, 59, 59)


def test_hours_are_exact_and_ignore_holidays():
    assert compute_deadline(at(2026, 9, 30, 20, 15), "2小时") == Deadline(at(2026, 9, 30, 22, 15), False, "")
    assert compute_deadline(at(2026, 9, 30, 23), "24 hours").due_at == at(2026, 10, 1, 23)


def test_deadline_is_given_in_beijing_time_whatever_the_start_zone():
    deadline = compute_deadline(dt.datetime(2026, 9, 30, 12, 0, tzinfo=dt.UTC), "2 hours")
    assert deadline.due_at.tzinfo == BJ
    assert deadline.due_at.hour == 22
    # 2026-09-30 17:00 UTC is already 10月1日 in Beijing: the start day is 10月1日.
    late = compute_deadline(dt.datetime(2026, 9, 30, 17, 0, tzinfo=dt.UTC), "1个工作日")
    assert late.due_at == at(2026, 10, 8, 23, 59, 59)


def test_naive_start_is_read_as_beijing_time():
    assert compute_deadline(dt.datetime(2026, 9, 30, 20), "2小时").due_at == at(2026, 9, 30, 22)


def test_2027_without_data_flags_the_deadline_with_a_chinese_note():
    deadline = compute_deadline(at(2026, 12, 25, 10), "20个工作日")
    assert deadline.due_at == at(2027, 1, 22, 23, 59, 59)
    assert deadline.uncertain is True
    assert (
        deadline.note == "2027年节假日安排尚未录入，截止时间按周六、周日休息推算，请在国务院公布安排后核对。"
    )


def test_deadline_entirely_in_2026_is_certain():
    deadline = compute_deadline(at(2026, 12, 1, 10), "20个工作日")
    assert (deadline.due_at, deadline.uncertain, deadline.note) == (at(2026, 12, 29, 23, 59, 59), False, "")


def test_calendar_days_into_2027_are_uncertain_only_because_of_the_roll_over_rule():
    assert compute_deadline(at(2026, 12, 1), "60日").uncertain is True
    assert compute_deadline(at(2026, 12, 1), "60日", roll_over_holiday=False).uncertain is False
    assert compute_deadline(at(2026, 12, 1), "2000小时").uncertain is False


def test_unknown_years_are_all_named():
    deadline = compute_deadline(at(2026, 12, 1), "300个工作日")
    assert deadline.note.startswith("2027年、2028年节假日安排尚未录入")


def test_year_before_the_library_is_reported_as_not_recorded():
    deadline = compute_deadline(at(2003, 9, 25), "10个工作日")
    assert deadline.uncertain
    assert deadline.note.startswith("2003年节假日安排未收录")


def test_bad_rule_text_raises_chinese_value_error():
    with pytest.raises(ValueError, match="无法识别期限“下周”"):
        compute_deadline(at(2026, 9, 1), "下周")


def test_bad_start_raises_chinese_value_error():
    with pytest.raises(ValueError, match="起算时间格式无效"):
        compute_deadline("2026-09-01", "1个工作日")


def test_rule_of_the_wrong_type_raises_chinese_value_error():
    with pytest.raises(ValueError, match="期限规则格式无效"):
        compute_deadline(at(2026, 9, 1), 20)
