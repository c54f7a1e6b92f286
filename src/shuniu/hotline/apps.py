from django.apps import AppConfig


class HotlineConfig(AppConfig):
    name = "shuniu.hotline"
    verbose_name = "12345热线"

    def ready(self) -> None:
        # The kind's workflow (registered with the engine); its menu, home panel, demo seeder, stats (core.registry).
        from . import hooks, workflow  # noqa: F401
