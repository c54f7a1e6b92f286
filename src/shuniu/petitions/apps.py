from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "shuniu.petitions"
    verbose_name = "信访"

    def ready(self) -> None:
        # The kind's workflow (registered with the engine); its menu, home panel, demo seeder, stats (core.registry).
        from . import hooks, workflow  # noqa: F401
