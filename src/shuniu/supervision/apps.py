from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "shuniu.supervision"
    verbose_name = "督查督办"

    def ready(self) -> None:
        from . import workflow  # noqa: F401  (registers the kind with the engine)
