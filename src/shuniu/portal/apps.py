from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "shuniu.portal"
    verbose_name = "公众门户"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from shuniu.core.registry import add_permission_labels
        from shuniu.hotline.models import Policy

        from .services import POLICY

        post_save.connect(POLICY.clear, sender=Policy, dispatch_uid="portal-policy-saved")
        post_delete.connect(POLICY.clear, sender=Policy, dispatch_uid="portal-policy-deleted")
        add_permission_labels({
            "portal.view_submissions": "查看公众留言登记情况",
            "portal.retry_submissions": "重新登记公众留言",
        })
