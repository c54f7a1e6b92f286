import os
import threading

from django.apps import AppConfig


class MattersConfig(AppConfig):
    name = "shuniu.matters"
    verbose_name = "事项"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import hooks  # noqa: F401  (menu entries, home panel, demo seeder: core.registry)
        from .models import KindPolicy
        from .workflow import KIND_POLICIES

        post_save.connect(KIND_POLICIES.clear, sender=KindPolicy, dispatch_uid="kindpolicy-saved")
        post_delete.connect(KIND_POLICIES.clear, sender=KindPolicy, dispatch_uid="kindpolicy-deleted")
        # The embedded install has no Celery beat: `make run` asks for a small in-process ticker
        # that runs the deadline sweep every SHUNIU_SWEEP_MINUTES. Production uses celery beat.
        if os.environ.get("SHUNIU_INPROCESS_SCHEDULER") == "1" and os.environ.get("RUN_MAIN") == "true":
            minutes = int(os.environ.get("SHUNIU_SWEEP_MINUTES", "10"))
            threading.Thread(target=_tick, args=(minutes * 60,), name="shuniu-sweep", daemon=True).start()


def _tick(seconds: int) -> None:
    import logging
    import time

    from django.db import close_old_connections

    from .tasks import sweep_deadlines

    log = logging.getLogger("shuniu.matters")
    while True:
        time.sleep(seconds)
        try:
            sweep_deadlines()
        except Exception:  # the ticker must survive one bad run; the error is logged
            log.exception("deadline sweep failed")
        finally:
            close_old_connections()
