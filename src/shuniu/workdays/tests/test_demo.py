import datetime as dt
from io import StringIO

import pytest

from shuniu.workdays import demo
from shuniu.workdays.models import SpecialDay, YearArrangement

pytestmark = pytest.mark.django_db


def test_demo_invents_no_holiday_and_reports_what_is_missing():
    out = StringIO()
    demo.seed(password="Shuniu@2026", stdout=out)
    assert not YearArrangement.objects.exists()
    assert not SpecialDay.objects.exists()
    assert "2004—2026年" in out.getvalue()


def test_coverage_report_names_next_year_when_it_is_not_entered():
    assert "2027年节假日安排尚未录入" in demo.coverage_report(today=dt.date(2026, 11, 21))
    assert "尚未录入" not in demo.coverage_report(today=dt.date(2025, 11, 21))
