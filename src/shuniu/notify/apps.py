from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "shuniu.notify"
    verbose_name = "消息通知"
