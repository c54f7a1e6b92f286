import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("workdays_check", *args, stdout=out)
    return out.getvalue()


def test_2026_is_known_and_lists_national_day_and_its_tiaoxiu_days():
    output = run("2026")
    assert "2026年：已掌握（chinesecalendar 内置数据）" in output
    assert "2026-10-01 星期四 国庆节" in output
    assert "2026-10-10 星期六 国庆节调休上班" in output
    assert "2026-02-14 星期六 春节调休上班" in output
    assert "调休上班日期（6天）" in output


def test_2027_without_data_is_reported_unknown():
    output = run("2027")
    assert "2027年：未掌握" in output
    assert "放假日期（0天）" in output


def test_entered_days_are_listed_and_marked(enter_days):
    enter_days(2027, {dt.date(2027, 1, 1): ("holiday", "元旦")}, complete=True)
    output = run("2027")
    assert "2027年：已掌握（系统管理员录入）" in output
    assert "2027-01-01 星期五 元旦（管理员录入）" in output


def test_bad_year_is_refused_in_chinese():
    with pytest.raises(CommandError, match="年度“明年”无效"):
        run("明年")
