from django.core.management.base import BaseCommand

from shuniu.matters.stats import refresh_dirty
from shuniu.matters.sweep import sweep


class Command(BaseCommand):
    help = "扫描全部未办结事项的办理时限：更新临期/超期状态，发送临期提醒、自动催办和升级督办。"

    def handle(self, *args, **options):
        result = sweep()
        refresh_dirty()
        self.stdout.write(f"时限扫描完成：{result}")
