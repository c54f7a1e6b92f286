from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "shuniu.portal"
    verbose_name = "公众门户"
