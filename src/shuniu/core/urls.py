from django.urls import path

from . import views_account, views_audit

app_name = "core"

urlpatterns = [
    path("audit/", views_audit.audit_log, name="audit"),
    path("account/", views_account.security, name="account"),
    path("account/otp/confirm/", views_account.otp_confirm, name="otp_confirm"),
    path("account/otp/disable/", views_account.otp_disable, name="otp_disable"),
    path("account/tokens/<str:key>/revoke/", views_account.token_revoke, name="token_revoke"),
]
