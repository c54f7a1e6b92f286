from celery import shared_task

from .services import deliver_notices


@shared_task(name="notify.deliver")
def deliver(payload: list[dict]) -> int:
    return deliver_notices(payload)
