from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "shuniu.portal"
    verbose_name = "公众门户"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from shuniu.hotline.models import Policy

        from .services import POLICY

        post_save.connect(POLICY.clear, sender=Policy, dispatch_uid="portal-policy-saved")
        post_delete.connect(POLICY.clear, sender=Policy, dispatch_uid="portal-policy-deleted")
