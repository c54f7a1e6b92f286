"""发文字号: 机关代字 + 〔year〕 + sequence + 号, e.g. 市政办发〔2026〕12号 — full year in 六角括号,
no 第, no zero padding (GB/T 9704-2012 §7.2.4).

Numbers are gapless per series and year: one is taken only at the 编号 step, inside that step's
transaction (a failed step rolls the counter back with it), and a document that already holds a
number keeps it however often it goes back and forth. Concurrent allocations queue on a row lock
of the series (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions serialise too).
"""

from __future__ import annotations

from django.db import transaction

from .models import DocType, NumberCounter, NumberSeries


def format_number(code: str, year: int, seq: int) -> str:
    return f"{code}〔{year}〕{seq}号"


def allocate(series: NumberSeries, year: int) -> int:
    """Take the next number of `series` in `year`. Call inside the transaction that records it."""
    with transaction.atomic():
        # The series row always exists, so locking it serialises allocators even in a year whose
        # counter row is still to be created.
        NumberSeries.objects.select_for_update().get(pk=series.pk)
        counter, _created = NumberCounter.objects.get_or_create(series=series, year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
        return counter.last


def series_for(issuer, doc_type: str) -> NumberSeries | None:
    """The issuer's series for this type: one listing the type, else the issuer's general series."""
    candidates = list(NumberSeries.objects.filter(issuer=issuer, is_active=True).order_by("id"))
    for series in candidates:
        if doc_type in (series.doc_types or []):
            return series
    for series in candidates:
        if not series.doc_types:
            return series
    return None


def default_series_codes() -> list[tuple[str, str, list[str]]]:
    """The demo office's series: (issuer unit code, 机关代字, types)."""
    return [
        ("szf", "市政发", []),
        ("szf", "市政函", [DocType.LETTER.value]),
        ("szf", "市政纪要", [DocType.MINUTES.value]),
        ("szfb", "市政办发", []),
        ("szfb", "市政办函", [DocType.LETTER.value]),
        ("szfb", "市政办纪要", [DocType.MINUTES.value]),
    ]


def ensure_default_series() -> int:
    """Create the demo office's series that are missing (idempotent); returns how many were made."""
    from shuniu.org.models import Unit

    made = 0
    for unit_code, code, doc_types in default_series_codes():
        unit = Unit.objects.filter(code=unit_code).first()
        if unit is None or NumberSeries.objects.filter(code=code).exists():
            continue
        NumberSeries.objects.create(code=code, issuer=unit, doc_types=doc_types)
        made += 1
    return made
