"""Deadline arithmetic on the Chinese working-day calendar.

Where a day's status comes from, first match wins:
1. the administrator's table (`SpecialDay`), which always takes precedence;
2. `chinesecalendar` for the years it covers (2004–2026 in version 1.11.0);
3. otherwise Monday–Friday work, Saturday/Sunday rest. The day is then *unknown* unless an
   administrator marked its year complete (`YearArrangement.complete`), and every result
   that depended on an unknown day carries `uncertain=True` and a Chinese note — never a
   silent guess.

Rules (民法典第二百零一条至第二百零三条; 政府信息公开条例 and the like for working days):
- working days: the start day is not counted; the deadline is 23:59:59 of the N-th working day after it;
- calendar days: 23:59:59 of start + N days; months: the same day N months later (month end if there
  is none); for both, a last day that is a rest day rolls to the next working day (民法典第二百零三条);
- hours: start + N hours exactly.

The calendar is held in process as arrays indexed by day, rebuilt when the table changes
(signals bump a version in Django's cache after commit; see `invalidate_calendar`).
"""

from __future__ import annotations

import bisect
import calendar as _monthcal
import datetime as dt
import functools
import logging
import re
import threading
import time
import unicodedata
import uuid
from array import array
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import chinese_calendar
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

SHANGHAI = ZoneInfo("Asia/Shanghai")
END_OF_DAY = dt.time(23, 59, 59)

LIBRARY_FIRST_YEAR = min(chinese_calendar.holidays).year
LIBRARY_LAST_YEAR = max(chinese_calendar.holidays).year

# The library names holidays in English; these are the names used in State Council notices.
HOLIDAY_NAMES = {holiday.value: holiday.chinese for holiday in chinese_calendar.Holiday} | {
    "Tomb-sweeping Day": "清明节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}
WEEKDAY_NAMES = "一二三四五六日"

WORKING_DAYS, CALENDAR_DAYS, MONTHS, HOURS = "working_days", "calendar_days", "months", "hours"
UNITS = (WORKING_DAYS, CALENDAR_DAYS, MONTHS, HOURS)
UNIT_LABELS = {WORKING_DAYS: "个工作日", CALENDAR_DAYS: "日", MONTHS: "个月", HOURS: "小时"}


# --- Rules -------------------------------------------------------------------------------------

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUMBER = r"(\d+|[零〇一二两三四五六七八九十百]+)"
_PATTERNS = [
    (re.compile(r"^(\d+) ?(?:working|work|business)[ -]?days?$"), WORKING_DAYS),
    (re.compile(r"^(\d+) ?(?:calendar |natural )?days?$"), CALENDAR_DAYS),
    (re.compile(r"^(\d+) ?months?$"), MONTHS),
    (re.compile(r"^(\d+) ?hours?$"), HOURS),
    (re.compile(rf"^{_NUMBER}个?工作日(?:以?内)?$"), WORKING_DAYS),
    (re.compile(rf"^{_NUMBER}(?:个?自然日|个?日历日|日|天)(?:以?内)?$"), CALENDAR_DAYS),
    (re.compile(rf"^{_NUMBER}个月(?:以?内)?$"), MONTHS),
    (re.compile(rf"^{_NUMBER}个?小时(?:以?内)?$"), HOURS),
]


def _parse_number(text: str) -> int | None:
    """Arabic digits, or Chinese numerals below one thousand (十五, 二十, 一百二十)."""
    if text.isascii() and text.isdigit():
        return int(text)
    total, digit, previous_was_digit = 0, 0, False
    for char in text:
        if char in _CN_DIGITS:
            if previous_was_digit and digit:
                return None
            digit, previous_was_digit = _CN_DIGITS[char], True
        elif char == "十":
            total += (digit or 1) * 10
            digit, previous_was_digit = 0, False
        elif char == "百":
            if not digit:
                return None
            total += digit * 100
            digit, previous_was_digit = 0, False
        else:
            return None
    return total + digit


@dataclass(frozen=True)
class DeadlineRule:
    """A time limit as data: "20 working days", "60 calendar days", "3 months", "2 hours"."""

    amount: int
    unit: str

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"期限单位“{self.unit}”无效，应为工作日、日、月或小时。")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 1:
            raise ValueError(f"期限数值“{self.amount}”无效，应为正整数。")

    @classmethod
    def parse(cls, text: str) -> DeadlineRule:
        normalized = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(text))).strip().lower()
        for pattern, unit in _PATTERNS:
            match = pattern.match(normalized)
            if match:
                amount = _parse_number(match.group(1))
                if amount:
                    return cls(amount, unit)
                break
        raise ValueError(f"无法识别期限“{text}”，请按“20个工作日”“60日”“3个月”“2小时”的格式填写。")

    @property
    def label(self) -> str:
        return f"{self.amount}{UNIT_LABELS[self.unit]}"

    def __str__(self) -> str:
        return self.label


@functools.lru_cache(maxsize=256)
def _parse_rule(text: str) -> DeadlineRule:
    """Kinds store their rules as text; the sweep would otherwise parse the same few strings millions of times."""
    return DeadlineRule.parse(text)


@dataclass(frozen=True)
class Deadline:
    due_at: dt.datetime
    uncertain: bool
    note: str = ""


@dataclass(frozen=True)
class DayInfo:
    workday: bool
    known: bool
    name: str


@dataclass(frozen=True)
class ListedDay:
    """One entry of a year's arrangement: a holiday or a 调休 working day."""

    day: dt.date
    workday: bool
    name: str
    holiday: str  # the festival it belongs to (for a 调休 working day, the festival it makes up for)
    entered: bool  # from the administrator's table rather than chinesecalendar


# --- The calendar held in process --------------------------------------------------------------

# Days from the first year to the last are kept in arrays; dates outside are computed one by one.
_ARRAY_FIRST_YEAR = 2000
_ARRAY_LAST_YEAR = 2100


@dataclass(frozen=True)
class _Entry:
    workday: bool
    name: str
    holiday: str


class _Calendar:
    def __init__(self, entries: dict[dt.date, _Entry], complete_years: set[int], version) -> None:
        self.version = version
        self.entries = entries
        self.known_years = frozenset(range(LIBRARY_FIRST_YEAR, LIBRARY_LAST_YEAR + 1)) | frozenset(
            complete_years
        )
        first_year = min([_ARRAY_FIRST_YEAR] + [day.year for day in entries])
        last_year = max([_ARRAY_LAST_YEAR] + [day.year for day in entries])
        self.first = dt.date(first_year, 1, 1).toordinal()
        self.last = dt.date(last_year, 12, 31).toordinal()
        size = self.last - self.first + 1
        self.work = bytearray(size)
        # cum_work[i]: working days in [first, first + i]; cum_unknown[i]: unknown days likewise.
        self.cum_work = array("q", bytes(8 * size))
        self.cum_unknown = array("q", bytes(8 * size))
        working = unknown = 0
        for i in range(size):
            info = self.info(dt.date.fromordinal(self.first + i))
            if info.workday:
                self.work[i] = 1
                working += 1
            if not info.known:
                unknown += 1
            self.cum_work[i] = working
            self.cum_unknown[i] = unknown

    def info(self, day: dt.date) -> DayInfo:
        entry = self.entries.get(day)
        if entry is not None:
            return DayInfo(entry.workday, True, entry.name)
        weekend = day.weekday() >= 5
        if LIBRARY_FIRST_YEAR <= day.year <= LIBRARY_LAST_YEAR:
            if day in chinese_calendar.workdays:
                return DayInfo(True, True, "调休上班")
            if day in chinese_calendar.holidays:
                return DayInfo(False, True, HOLIDAY_NAMES.get(chinese_calendar.holidays[day], "节假日"))
            return DayInfo(not weekend, True, "周末" if weekend else "工作日")
        return DayInfo(not weekend, day.year in self.known_years, "周末" if weekend else "工作日")

    def is_workday(self, day: dt.date) -> bool:
        i = day.toordinal() - self.first
        if 0 <= i < len(self.work):
            return self.work[i] == 1
        return self.info(day).workday

    def add_working_days(self, day: dt.date, n: int) -> tuple[dt.date, bool]:
        if n == 0:
            return day, False
        i = day.toordinal() - self.first
        cum_work, cum_unknown = self.cum_work, self.cum_unknown
        if 0 <= i < len(cum_work):
            if n > 0:
                target = cum_work[i] + n
                if target <= cum_work[-1]:
                    j = bisect.bisect_left(cum_work, target, i + 1)
                    return dt.date.fromordinal(self.first + j), cum_unknown[j] - cum_unknown[i] > 0
            else:
                before = cum_work[i - 1] if i > 0 else 0
                target = before + n + 1
                if target >= 1:
                    j = bisect.bisect_left(cum_work, target, 0, i)
                    unknown_before_j = cum_unknown[j - 1] if j > 0 else 0
                    return dt.date.fromordinal(self.first + j), cum_unknown[i - 1] - unknown_before_j > 0
        return self._add_slowly(day, n)

    def _add_slowly(self, day: dt.date, n: int) -> tuple[dt.date, bool]:
        step = dt.timedelta(days=1 if n > 0 else -1)
        remaining, uncertain = abs(n), False
        try:
            while remaining:
                day += step
                info = self.info(day)
                uncertain = uncertain or not info.known
                if info.workday:
                    remaining -= 1
        except OverflowError:
            raise ValueError("日期超出可计算范围。") from None
        return day, uncertain

    def count_working_days(self, start: dt.date, end: dt.date) -> tuple[int, bool]:
        if end <= start:
            return 0, False
        i, j = start.toordinal() - self.first, end.toordinal() - self.first
        if 0 <= i and j < len(self.cum_work):
            return self.cum_work[j] - self.cum_work[i], self.cum_unknown[j] - self.cum_unknown[i] > 0
        count, uncertain, day = 0, False, start
        while day < end:
            day += dt.timedelta(days=1)
            info = self.info(day)
            count += info.workday
            uncertain = uncertain or not info.known
        return count, uncertain

    def unknown_years(self, first: dt.date, last: dt.date) -> list[int]:
        """The years with at least one unknown day in [first, last]."""
        years = []
        for year in range(first.year, last.year + 1):
            if year in self.known_years:
                continue
            lo, hi = max(first, dt.date(year, 1, 1)), min(last, dt.date(year, 12, 31))
            i, j = lo.toordinal() - self.first, hi.toordinal() - self.first
            if 0 <= i and j < len(self.cum_unknown):
                unknown = self.cum_unknown[j] - (self.cum_unknown[i - 1] if i > 0 else 0) > 0
            else:
                unknown = any(
                    not self.info(lo + dt.timedelta(days=k)).known for k in range((hi - lo).days + 1)
                )
            if unknown:
                years.append(year)
        return years


_VERSION_KEY = "shuniu.workdays.calendar_version"
# How often a process asks the shared cache whether another process changed the table.
_RECHECK_SECONDS = 2.0
_current: _Calendar | None = None
_checked_at = 0.0
_build_lock = threading.Lock()


def _shared_version():
    try:
        return cache.get(_VERSION_KEY)
    except Exception:  # a cache outage must not stop deadlines; the table is re-read next time
        logger.warning("读取工作日历版本失败，沿用本进程缓存。", exc_info=True)
        return _current.version if _current is not None else None


def _build(version) -> _Calendar:
    from .models import SpecialDay, YearArrangement

    entries = {}
    for day, kind, name in SpecialDay.objects.values_list("date", "kind", "name"):
        if kind == SpecialDay.Kind.WORKDAY:
            entries[day] = _Entry(True, "调休上班", name)
        else:
            entries[day] = _Entry(False, name or "放假", name)
    complete = set(YearArrangement.objects.filter(complete=True).values_list("year", flat=True))
    return _Calendar(entries, complete, version)


def _calendar() -> _Calendar:
    global _current, _checked_at
    current, now = _current, time.monotonic()
    if current is not None and now - _checked_at < _RECHECK_SECONDS:
        return current
    with _build_lock:
        version = _shared_version()
        if _current is None or _current.version != version:
            _current = _build(version)
        _checked_at = now
        return _current


def _publish_change() -> None:
    global _current
    _current = None
    try:
        cache.set(_VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:  # other processes then pick the change up when the cache is back
        logger.warning("发布工作日历版本失败。", exc_info=True)


def invalidate_calendar() -> None:
    """Drop this process's copy now; tell the other processes once the change is committed.

    Called by the models' post_save/post_delete signals. Code that writes the table with
    `QuerySet.update()` or `bulk_create()` (which send no signals) must call it itself. A change
    rolled back after being read here stays in this process's copy until the next change or
    `clear_calendar_cache()`; tests that write the table should clear it on teardown.
    """
    clear_calendar_cache()
    transaction.on_commit(_publish_change)


def clear_calendar_cache() -> None:
    """Drop this process's copy only; the next query re-reads the table (used between tests)."""
    global _current
    _current = None


# --- Queries -----------------------------------------------------------------------------------


def day_info(day: dt.date) -> DayInfo:
    """Whether `day` is a working day, whether that is known, and its name (国庆节, 调休上班, 周末, 工作日)."""
    return _calendar().info(_as_date(day))


def is_workday(day: dt.date) -> bool:
    """Working day or not; in a year nobody knows, Monday–Friday (see `day_info(day).known`)."""
    return _calendar().is_workday(_as_date(day))


def known_years() -> frozenset[int]:
    """Years whose every day is known: covered by chinesecalendar or marked complete by an administrator."""
    return _calendar().known_years


def is_year_known(year: int) -> bool:
    return year in _calendar().known_years


def add_working_days(day: dt.date, n: int) -> tuple[dt.date, bool]:
    """The n-th working day after `day` (before it when n < 0); `day` itself is not counted.

    Returns (date, uncertain): uncertain when a day passed over lies in a year nobody knows.
    """
    return _calendar().add_working_days(_as_date(day), n)


def count_working_days_checked(start: dt.date, end: dt.date) -> tuple[int, bool]:
    """Working days in (start, end] and whether any day counted lies in a year nobody knows."""
    return _calendar().count_working_days(_as_date(start), _as_date(end))


def count_working_days(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]: start excluded, end included; 0 when end <= start.

    Use `count_working_days_checked` when the caller must know whether the count is certain.
    """
    return count_working_days_checked(start, end)[0]


def special_days(year: int) -> list[ListedDay]:
    """The year's holidays and 调休 working days as the calendar now has them, the table over the library."""
    listed: dict[dt.date, ListedDay] = {}
    if LIBRARY_FIRST_YEAR <= year <= LIBRARY_LAST_YEAR:
        for day, holiday in chinese_calendar.holidays.items():
            if day.year == year:
                name = HOLIDAY_NAMES.get(holiday, "节假日")
                listed[day] = ListedDay(day, False, name, name, False)
        for day, holiday in chinese_calendar.workdays.items():
            if day.year == year:
                listed[day] = ListedDay(day, True, "调休上班", HOLIDAY_NAMES.get(holiday, ""), False)
    for day, entry in _calendar().entries.items():
        if day.year == year:
            listed[day] = ListedDay(day, entry.workday, entry.name, entry.holiday, True)
    return [listed[day] for day in sorted(listed)]


# --- Deadlines ---------------------------------------------------------------------------------


def compute_deadline(
    start: dt.datetime, rule: DeadlineRule | str, *, roll_over_holiday: bool = True
) -> Deadline:
    """When a time limit that starts at `start` runs out (Asia/Shanghai).

    `roll_over_holiday` (民法典第二百零三条) applies to calendar days and months: a last day that is
    a rest day moves to the end of the next working day.
    """
    if isinstance(rule, str):
        rule = _parse_rule(rule)
    elif not isinstance(rule, DeadlineRule):
        raise ValueError("期限规则格式无效，应为如“20个工作日”的文字或 DeadlineRule。")
    start = _as_aware(start)
    if rule.unit == HOURS:
        return Deadline((start + dt.timedelta(hours=rule.amount)).astimezone(SHANGHAI), False, "")

    cal = _calendar()
    start_day = start.astimezone(SHANGHAI).date()
    if rule.unit == WORKING_DAYS:
        last_day, uncertain = cal.add_working_days(start_day, rule.amount)
        checked_from = start_day + dt.timedelta(days=1)
    else:
        try:
            if rule.unit == CALENDAR_DAYS:
                last_day = start_day + dt.timedelta(days=rule.amount)
            else:
                last_day = add_months(start_day, rule.amount)
        except (OverflowError, ValueError):
            raise ValueError("截止日期超出可计算范围。") from None
        checked_from, uncertain = last_day, False
        if roll_over_holiday:
            info = cal.info(last_day)
            uncertain = not info.known
            if not info.workday:
                last_day, rolled_uncertain = cal.add_working_days(last_day, 1)
                uncertain = uncertain or rolled_uncertain

    due_at = dt.datetime.combine(last_day, END_OF_DAY, tzinfo=SHANGHAI)
    if not uncertain:
        return Deadline(due_at, False, "")
    return Deadline(due_at, True, uncertainty_note(cal.unknown_years(checked_from, last_day)))


def uncertainty_note(years: list[int]) -> str:
    """The Chinese explanation attached to a deadline that passed through years nobody knows."""
    listed = "、".join(f"{year}年" for year in years) or "相关年度"
    if years and max(years) < LIBRARY_FIRST_YEAR:
        return f"{listed}节假日安排未收录，截止时间按周六、周日休息推算，请系统管理员录入该年度安排后核对。"
    return f"{listed}节假日安排尚未录入，截止时间按周六、周日休息推算，请在国务院公布安排后核对。"


def add_months(day: dt.date, n: int) -> dt.date:
    """The same day n months later; the month's last day when it has no such day (1月31日 + 1个月 = 2月末)."""
    years, month_index = divmod(day.month - 1 + n, 12)
    year, month = day.year + years, month_index + 1
    return dt.date(year, month, min(day.day, _monthcal.monthrange(year, month)[1]))


def weekday_name(day: dt.date) -> str:
    return f"星期{WEEKDAY_NAMES[day.weekday()]}"


def _as_date(day) -> dt.date:
    if isinstance(day, dt.datetime):
        return _as_aware(day).astimezone(SHANGHAI).date()
    if isinstance(day, dt.date):
        return day
    raise ValueError("日期格式无效。")


def _as_aware(moment) -> dt.datetime:
    """An aware datetime; a naive one is read as Beijing time, a bare date as its midnight."""
    if isinstance(moment, dt.datetime):
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=SHANGHAI)
    if isinstance(moment, dt.date):
        return dt.datetime.combine(moment, dt.time.min, tzinfo=SHANGHAI)
    raise ValueError("起算时间格式无效，应为日期时间。")
