"""The admin site (系统管理), opened by the rules registry rather than by `is_staff`.

INSTALLED_APPS lists `shuniu.core.admin_site.AdminConfig` in place of `django.contrib.admin`,
so `admin.site` everywhere is this site and every app's `admin.py` registers on it."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.contrib.admin.views.autocomplete import AutocompleteJsonView


class AutocompleteView(AutocompleteJsonView):
    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if hasattr(obj, "get_username"):
            # Two people may share a name; the username tells them apart.
            result["text"] = f"{obj}（{obj.get_username()}）"
        return result


class ShuniuAdminSite(admin.AdminSite):
    site_header = "枢纽 · 系统管理"
    site_title = "枢纽系统管理"
    index_title = "系统管理"

    def has_permission(self, request):
        """Only the three administrators (三员) enter; each ModelAdmin then asks its own rule."""
        return request.user.is_active and request.user.has_perm("core.use_admin")

    def autocomplete_view(self, request):
        return AutocompleteView.as_view(admin_site=self)(request)


class AdminConfig(DjangoAdminConfig):
    default_site = "shuniu.core.admin_site.ShuniuAdminSite"
