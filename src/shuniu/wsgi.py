import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shuniu.settings")
application = get_wsgi_application()

# The embedded install (no broker): this process's worker thread runs queued tasks, the periodic
# schedule and, at once, the backlog a previous process left (core/worker.py). Gunicorn and
# `shuniu runserver` both load this module; with a broker nothing starts here.
from shuniu.core import worker  # noqa: E402

worker.start_if_embedded()
