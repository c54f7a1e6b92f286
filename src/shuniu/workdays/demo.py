"""The working-day calendar in the demo office.

No holiday is seeded: dates enter the table only from the State Council's published notice
(国务院办公厅关于××年部分节假日安排的通知), and the demo must not invent any. The seeder reports
how far the calendar reaches, so whoever loads the demo sees why deadlines running into a year
nobody has entered yet are flagged 待核对.
"""

from __future__ import annotations

from django.utils import timezone

from . import services


def coverage_report(today=None) -> str:
    today = today or timezone.localdate()
    years = sorted(services.known_years())
    spans, start = [], None
    for index, year in enumerate(years):
        start = year if start is None else start
        if index + 1 == len(years) or years[index + 1] != year + 1:
            spans.append(f"{start}年" if start == year else f"{start}—{year}年")
            start = None
    report = f"工作日历：已掌握{'、'.join(spans)}的节假日安排。"
    missing = [year for year in (today.year, today.year + 1) if year not in years]
    if missing:
        listed = "、".join(f"{year}年" for year in missing)
        report += (
            f"{listed}节假日安排尚未录入，涉及的截止时间按周六、周日休息推算并标注待核对；"
            "国务院公布后请系统管理员在“系统管理 › 年度节假日安排”中录入。"
        )
    return report


def seed(password: str, stdout=None) -> None:
    if stdout:
        stdout.write(coverage_report())
