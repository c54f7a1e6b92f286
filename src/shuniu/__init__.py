"""Shuniu (枢纽): the operations hub of a government general office."""

from .celery import app as celery_app

__all__ = ["celery_app"]
