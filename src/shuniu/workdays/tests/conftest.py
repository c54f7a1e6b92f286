"""The calendar is held in process; each test starts from, and leaves behind, a fresh copy so rows
rolled back at the end of one test are never seen by the next (here or in another app's tests)."""

import datetime as dt

import pytest

from shuniu.workdays import services
from shuniu.workdays.models import SpecialDay, YearArrangement


@pytest.fixture(autouse=True)
def fresh_calendar():
    services.clear_calendar_cache()
    yield
    services.clear_calendar_cache()


@pytest.fixture
def enter_days(db):
    """`enter_days(2027, {date: ("holiday", "元旦")}, complete=True)` — what an administrator types in."""

    def enter(year: int, days: dict[dt.date, tuple[str, str]], complete: bool = False) -> YearArrangement:
        arrangement, _ = YearArrangement.objects.get_or_create(year=year)
        arrangement.complete = complete
        arrangement.save()
        for day, (kind, name) in days.items():
            SpecialDay.objects.create(arrangement=arrangement, date=day, kind=kind, name=name)
        return arrangement

    return enter
