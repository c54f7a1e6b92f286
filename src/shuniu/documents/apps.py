from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "shuniu.documents"
    verbose_name = "公文"

    def ready(self) -> None:
        from . import rules, workflow  # noqa: F401  (registers doc_out and doc_in with the engine)
