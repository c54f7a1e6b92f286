from django.core.management.base import BaseCommand

from shuniu.matters.stats import rebuild_all


class Command(BaseCommand):
    help = "从事项表重建全部统计汇总（一般无需手工执行，事项变化后会自动更新）。"

    def handle(self, *args, **options):
        count = rebuild_all()
        self.stdout.write(f"已重建 {count} 个（类别、日期）统计汇总。")
