from django.apps import AppConfig


class MattersConfig(AppConfig):
    name = "shuniu.matters"
    verbose_name = "事项"
