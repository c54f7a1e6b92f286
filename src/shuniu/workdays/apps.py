from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "shuniu.workdays"
    verbose_name = "工作日历"

    def ready(self) -> None:
        from . import hooks, signals  # noqa: F401
