"""`shuniu workdays_check [year]`: a year's holidays and 调休 working days, and whether the year is known."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from shuniu.workdays import services
from shuniu.workdays.models import YearArrangement


class Command(BaseCommand):
    help = "列出某年度的放假和调休上班日期，并说明该年度节假日安排是否已掌握（默认当年）。"

    def add_arguments(self, parser):
        parser.add_argument("year", nargs="?", help="年度，如 2027")

    def handle(self, *args, **options):
        raw = options["year"]
        if raw is None:
            year = timezone.localdate().year
        elif str(raw).isdigit() and 1 <= int(raw) <= 9998:
            year = int(raw)
        else:
            raise CommandError(f"年度“{raw}”无效，请输入四位数年份，如 2027。")

        arrangement = YearArrangement.objects.filter(year=year).first()
        library = services.LIBRARY_FIRST_YEAR <= year <= services.LIBRARY_LAST_YEAR
        if services.is_year_known(year):
            origin = "chinesecalendar 内置数据" if library else "系统管理员录入"
            if library and arrangement is not None and arrangement.days.exists():
                origin += "，另有系统管理员录入的更正"
            self.stdout.write(self.style.SUCCESS(f"{year}年：已掌握（{origin}）。"))
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"{year}年：未掌握。该年度节假日安排尚未完整录入，涉及该年度的截止时间按周六、周日休息推算并标注待核对。"
                    "请系统管理员在“系统管理 › 年度节假日安排”中录入国务院公布的安排并勾选“已完整录入”。"
                )
            )
        if arrangement is not None and arrangement.source:
            self.stdout.write(f"文件依据：{arrangement.source}")

        days = services.special_days(year)
        holidays = [day for day in days if not day.workday]
        workdays = [day for day in days if day.workday]
        self.stdout.write(f"放假日期（{len(holidays)}天）：")
        for day in holidays:
            self.stdout.write(self._line(day, day.name))
        self.stdout.write(f"调休上班日期（{len(workdays)}天）：")
        for day in workdays:
            self.stdout.write(self._line(day, f"{day.holiday}调休上班" if day.holiday else "调休上班"))

    @staticmethod
    def _line(day: services.ListedDay, label: str) -> str:
        entered = "（管理员录入）" if day.entered else ""
        return f"  {day.day:%Y-%m-%d} {services.weekday_name(day.day)} {label}{entered}"
