"""`shuniu seed_demo`: load the demo office (DEMO.md). Idempotent: a second run changes nothing.

Each app registers its own loader (core.registry.add_seeder, in its hooks.py); they run in the
order their `after=` asks for, each in its own transaction, the `last=` ones at the end."""

import os

from django.core.management.base import BaseCommand
from django.db import transaction

from shuniu.core import registry

DEFAULT_PASSWORD = "Shuniu@2026"


class Command(BaseCommand):
    help = "载入演示机关（单位、人员、分管、各业务演示数据）；重复执行不会产生重复数据。"

    def handle(self, *args, **options):
        password = os.environ.get("SHUNIU_DEMO_PASSWORD") or DEFAULT_PASSWORD
        for seeder in registry.seeders():
            with transaction.atomic():
                registry.run_seeder(seeder, password=password, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
        self.stdout.write(f"演示账号密码：{'（来自 SHUNIU_DEMO_PASSWORD）' if os.environ.get('SHUNIU_DEMO_PASSWORD') else password}")
        self.stdout.write("登录名：admin secadmin auditor mayor vmayor1-4 director deputy_director mishu duban xinxi "
                          "jiyao xinfang rexian gongkai zhiban dangan，以及各部门 <代码>_head / _staff / _liaison（如 jtj_staff）")
        self.stdout.write(f"访问地址：{demo_url()}")


def demo_url() -> str:
    """Where `make demo` serves the office: the PORT it was given (the Makefile exports it)."""
    port = (os.environ.get("PORT") or "8000").strip()
    return f"http://127.0.0.1:{port if port.isascii() and port.isdigit() else '8000'}/"
