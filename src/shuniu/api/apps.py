from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "shuniu.api"
    verbose_name = "接口"
