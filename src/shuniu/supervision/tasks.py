"""Background work of 督查督办: the daily progress-report reminder (进展反馈提醒, scheduled in settings)."""

from celery import shared_task


@shared_task(name="supervision.remind_progress_reports")
def remind_progress_reports() -> int:
    from .services import remind_progress_reports as remind

    return remind()

