from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "shuniu.documents"
    verbose_name = "公文"

    def ready(self) -> None:
        # doc_out and doc_in (registered with the engine); menu, home panel, demo seeder, stats (core.registry).
        from . import hooks, rules, workflow  # noqa: F401
