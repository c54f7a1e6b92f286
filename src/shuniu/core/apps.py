from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "shuniu.core"
    verbose_name = "基础"

    def ready(self) -> None:
        from . import audit, hooks  # noqa: F401  (login/logout signal receivers; the shell's menu entries)
