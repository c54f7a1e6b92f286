from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "shuniu.supervision"
    verbose_name = "督查督办"

    def ready(self) -> None:
        # The kind's workflow (registered with the engine); its menu, home panel, demo seeder, stats (core.registry).
        from . import hooks, workflow  # noqa: F401
