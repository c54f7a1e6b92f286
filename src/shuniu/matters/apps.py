from django.apps import AppConfig


class MattersConfig(AppConfig):
    name = "shuniu.matters"
    verbose_name = "事项"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import hooks  # noqa: F401  (menu entries, home panel, demo seeder: core.registry)
        from .models import KindPolicy
        from .workflow import KIND_POLICIES

        post_save.connect(KIND_POLICIES.clear, sender=KindPolicy, dispatch_uid="kindpolicy-saved")
        post_delete.connect(KIND_POLICIES.clear, sender=KindPolicy, dispatch_uid="kindpolicy-deleted")
