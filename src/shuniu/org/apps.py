from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "shuniu.org"
    verbose_name = "组织机构"
