"""Background work of the portal: registering accepted messages as hotline tickets. Queued after
each accepted message and run every minute by beat (settings.CELERY_BEAT_SCHEDULE), so nothing
waits long if a queued task was lost. Eager (in-process) without a broker."""

from celery import shared_task


@shared_task(name="portal.register_submissions")
def register_submissions() -> str:
    from .services import register_pending

    return str(register_pending())
