"""Background work of 督查督办: the daily progress-report reminder (进展反馈提醒)."""

from celery import current_app, shared_task
from celery.schedules import crontab


@shared_task(name="supervision.remind_progress_reports")
def remind_progress_reports() -> int:
    from .services import remind_progress_reports as remind

    return remind()


# Every morning at 8:30 (Asia/Shanghai). django_celery_beat copies this entry into its table at
# start-up, where an administrator may change the time.
current_app.conf.beat_schedule.setdefault("supervision.remind_progress_reports", {
    "task": "supervision.remind_progress_reports",
    "schedule": crontab(hour=8, minute=30),
})
