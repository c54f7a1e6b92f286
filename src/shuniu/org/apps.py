from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "shuniu.org"
    verbose_name = "组织机构"

    def ready(self) -> None:
        from . import hooks  # noqa: F401  (menu entry and demo seeder, core.registry)
