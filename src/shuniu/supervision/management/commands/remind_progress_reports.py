"""`shuniu remind_progress_reports`: remind the liaison officers whose progress report is due."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from shuniu.supervision.services import remind_progress_reports


class Command(BaseCommand):
    help = "提醒进展反馈已到期（含逾期）督办事项的承办单位联络员报送进展，并记入办理记录；同一天重复执行不会重复提醒。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按指定日期（YYYY-MM-DD）检查，默认今天")

    def handle(self, *args, **options):
        today = None
        if options.get("date"):
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("日期格式不正确，应为YYYY-MM-DD") from None
        sent = remind_progress_reports(today)
        self.stdout.write(f"已发送进展反馈提醒 {sent} 条。")
