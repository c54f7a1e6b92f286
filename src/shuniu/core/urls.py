from django.urls import path

from . import views_audit

app_name = "core"

urlpatterns = [
    path("audit/", views_audit.audit_log, name="audit"),
]
