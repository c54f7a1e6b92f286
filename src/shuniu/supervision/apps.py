from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "shuniu.supervision"
    verbose_name = "督查督办"
