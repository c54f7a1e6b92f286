from django.apps import AppConfig


class HotlineConfig(AppConfig):
    name = "shuniu.hotline"
    verbose_name = "12345热线"

    def ready(self) -> None:
        from . import workflow  # noqa: F401  (registers the kind with the engine)
