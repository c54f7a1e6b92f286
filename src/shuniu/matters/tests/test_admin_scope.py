"""系统管理 is for the 三员, who must not see business content: no kind registers a business
table (a matter, its detail, journal, files, ratings) in the admin site."""

from django.apps import apps
from django.contrib import admin

from shuniu.matters.models import Assignment, Attachment, Entry, Feedback, Matter, Party, ReviewStep, Todo
from shuniu.matters.workflow import all_workflows


def test_no_business_table_is_in_the_admin_site():
    business = {Matter, Assignment, Attachment, Entry, Feedback, Party, ReviewStep, Todo}
    business |= {apps.get_model(w.detail_model) for w in all_workflows() if w.detail_model}
    registered = set(admin.site._registry)
    assert not business & registered, sorted(m.__name__ for m in business & registered)


def test_every_kind_has_its_admin_module():
    import importlib

    for app in {w.detail_model.split(".")[0] for w in all_workflows() if w.detail_model}:
        importlib.import_module(f"shuniu.{app}.admin")
