"""Celery application.

With a broker (REDIS_URL or CELERY_BROKER_URL) tasks go to Celery workers and beat runs the
schedule. Without one (the embedded install) the task class below hands `.delay()` and
`.apply_async()` to the process's in-process worker thread (core/worker.py) once the caller's
transaction commits, so no task runs inside a request; where no worker runs (tests, management
commands) the task runs in place, eagerly, as Celery's always-eager mode does."""

import os
import uuid

from celery import Celery
from celery import Task as CeleryTask

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shuniu.settings")


class Task(CeleryTask):
    def apply_async(self, args=None, kwargs=None, task_id=None, producer=None, link=None, link_error=None,
                    shared=True, **options):
        if self.app.conf.task_always_eager:
            from django.db import transaction

            from shuniu.core import worker

            runner = worker.active()
            if runner is not None:
                countdown = options.get("countdown") or 0
                transaction.on_commit(lambda: runner.enqueue(self.name, args, kwargs, countdown))
                return self.AsyncResult(task_id or str(uuid.uuid4()))
        return super().apply_async(args, kwargs, task_id, producer, link, link_error, shared, **options)


app = Celery("shuniu", task_cls=Task)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
