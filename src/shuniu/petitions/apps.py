from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "shuniu.petitions"
    verbose_name = "信访"

    def ready(self) -> None:
        from . import workflow  # noqa: F401  (registers the kind with the engine)
