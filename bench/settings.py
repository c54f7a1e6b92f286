"""The project's own settings, plus one bare JSON view (the intake benchmark's baseline) in the URLs.

Everything else — middleware, database, authentication, throttling — is exactly `shuniu.settings`, so
the bare view and the real endpoints run in the same server configuration."""

from shuniu.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
