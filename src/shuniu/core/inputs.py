"""What every input is checked against before it reaches a query: ids are ASCII digits of a size a
database column holds, dates fall in a window a government office can mean, and a JSON value has
the type its form field expects (a list is not a title, "maybe" is not a yes)."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.utils import timezone

_ID = re.compile(r"[0-9]{1,18}")  # `'²'.isdigit()` is true; 18 digits always fit a 64-bit column


def is_id(value) -> bool:
    """True for ASCII decimal digits that fit a database integer (not '²', '٣' or 10**30)."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def parse_id(value) -> int | None:
    """The integer in `value` (a str or an int), or None when it is not a usable id."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value < 10**18 else None
    return int(value) if is_id(value) else None


# --- Dates: a window an office document can mean -------------------------------------------

YEAR_MIN, YEAR_MAX = 1949, 2100
DATE_MIN, DATE_MAX = datetime.date(YEAR_MIN, 1, 1), datetime.date(YEAR_MAX, 12, 31)
WINDOW_MESSAGE = f"日期应在{YEAR_MIN}年至{YEAR_MAX}年之间"
DATE_TYPE_MESSAGE = "日期应为YYYY-MM-DD格式的文本"
DATETIME_TYPE_MESSAGE = "时间应为YYYY-MM-DD HH:MM格式的文本"


def in_window(value: datetime.date | datetime.datetime | None) -> bool:
    if value is None:
        return True
    return YEAR_MIN <= value.year <= YEAR_MAX


def parse_window_date(text: str | None) -> datetime.date | None:
    """A query-string date (YYYY-MM-DD) inside the window; raises ValueError otherwise."""
    if not text:
        return None
    value = datetime.date.fromisoformat(text)
    if not in_window(value):
        raise ValueError(WINDOW_MESSAGE)
    return value


PERIOD_INVALID = "日期格式不正确或不在1949年至2100年之间"
PERIOD_REVERSED = "开始日期不能晚于结束日期"


def query_period(params, default_from: datetime.date, default_to: datetime.date):
    """A statistics page's `from`/`to` (each defaulting), or both defaults with the reason why
    (PERIOD_INVALID, PERIOD_REVERSED); the reason is "" when the query was usable."""
    try:
        date_from = parse_window_date(params.get("from")) or default_from
        date_to = parse_window_date(params.get("to")) or default_to
    except ValueError:
        return default_from, default_to, PERIOD_INVALID
    if date_from > date_to:
        return default_from, default_to, PERIOD_REVERSED
    return date_from, date_to, ""


class WindowDateField(forms.DateField):
    """A DateField that refuses numbers, lists and dates outside 1949–2100 with a Chinese message."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str | datetime.date):
            raise forms.ValidationError(DATE_TYPE_MESSAGE, code="invalid")
        try:
            result = super().to_python(value)
        except (OverflowError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not in_window(result):
            raise forms.ValidationError(WINDOW_MESSAGE, code="out_of_window")
        return result


class WindowDateTimeField(forms.DateTimeField):
    """A DateTimeField that refuses numbers, lists and times outside 1949–2100 with a Chinese
    message (year 1 overflowed the duplicate search; year 308 took a local-mean-time offset)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str | datetime.date):
            raise forms.ValidationError(DATETIME_TYPE_MESSAGE, code="invalid")
        if isinstance(value, str):
            # The window is checked on the text's own year, before any time zone arithmetic.
            match = re.match(r"\s*(\d{4})-", value)
            if match and not YEAR_MIN <= int(match.group(1)) <= YEAR_MAX:
                raise forms.ValidationError(WINDOW_MESSAGE, code="out_of_window")
        elif not in_window(value):
            raise forms.ValidationError(WINDOW_MESSAGE, code="out_of_window")
        try:
            result = super().to_python(value)
        except (OverflowError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if result is not None and not in_window(timezone.localtime(result) if timezone.is_aware(result) else result):
            raise forms.ValidationError(WINDOW_MESSAGE, code="out_of_window")
        return result


# --- JSON types for forms ------------------------------------------------------------------

BOOLEAN_TEXT = {"true", "false", "1", "0", "on", "off", ""}
_TYPE_MESSAGES = {
    "text": "应为文本",
    "number": "应为整数",
    "boolean": "应为true或false",
    "list": "应为列表",
    "choice": "应为单个取值，不能是列表或对象",
}


def _kind(field: forms.Field) -> str | None:
    """How a JSON value for `field` must look; None when the field checks its own input."""
    if isinstance(field, forms.FileField):
        return None
    if isinstance(field, forms.BooleanField | forms.NullBooleanField):
        return "boolean"
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return "list"
    if isinstance(field, forms.IntegerField | forms.FloatField | forms.DecimalField):
        return "number"
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.DateField | forms.DateTimeField):
        return "choice"
    if isinstance(field, forms.CharField):
        return "text"
    return None  # a custom field (units, people) accepts lists and objects and checks them itself


def _fits(kind: str, value) -> bool:
    """JSON brings str, numbers, booleans, lists and objects; the wrong ones of those are refused.
    Values of other types come from Python callers (a date, a person) and are left to the form."""
    if value is None:
        return True
    if kind == "boolean":
        if isinstance(value, str):
            return value.strip().lower() in BOOLEAN_TEXT
        return not isinstance(value, list | dict)
    if kind == "list":
        if isinstance(value, list):
            return all(not isinstance(v, list | dict | bool) for v in value)
        return not isinstance(value, dict | bool | int | float)
    # text, numbers and single choices: never a list, an object or a boolean
    return not isinstance(value, list | dict | bool)


def json_type_errors(form_class: type[forms.BaseForm] | None, data) -> dict[str, list[str]]:
    """Fields of a JSON object whose value has the wrong type for `form_class` (name → Chinese message).
    Form-encoded input (a QueryDict) is text by construction and is not checked."""
    if form_class is None or not isinstance(data, dict) or hasattr(data, "getlist"):
        return {}
    errors = {}
    for name, field in form_class.base_fields.items():
        if name not in data:
            continue
        kind = _kind(field)
        if kind is not None and not _fits(kind, data[name]):
            errors[name] = [f"{field.label or name}{_TYPE_MESSAGES[kind]}"]
    return errors
