"""Background work of the engine. Eager (in-process) without a broker; Celery workers in production."""

from celery import shared_task


@shared_task(name="matters.refresh_stats")
def refresh_stats() -> int:
    from .stats import refresh_dirty

    return refresh_dirty()


@shared_task(name="matters.sweep_deadlines")
def sweep_deadlines() -> str:
    from .stats import refresh_dirty
    from .sweep import sweep

    result = sweep()
    refresh_dirty()
    return str(result)
