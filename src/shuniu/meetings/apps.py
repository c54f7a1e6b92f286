from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "shuniu.meetings"
    verbose_name = "会议与领导日程"

    def ready(self) -> None:
        # Menu, home panel, demo seeder and permission labels (core.registry); the rules predicates.
        from . import hooks, rules  # noqa: F401
