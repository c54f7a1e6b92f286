"""系统管理 for documents: the 发文字号 series and the sign-off rules (configuration, kept by the
system administrator). Documents themselves are business content and never appear here; the
number counters are shown read-only, since editing one would break gapless numbering."""

from django.contrib import admin

from shuniu.core.admin import ShuniuModelAdmin

from .models import NumberCounter, NumberSeries, SignOffRule


@admin.register(NumberSeries)
class NumberSeriesAdmin(ShuniuModelAdmin):
    view_perm = add_perm = change_perm = "documents.manage_config"
    list_display = ("code", "issuer", "doc_types", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "issuer__name")

    def get_readonly_fields(self, request, obj=None):
        # Once a number has been given, the 机关代字 and its issuer stay as printed on documents.
        if obj is not None and obj.counters.filter(last__gt=0).exists():
            return ("code", "issuer")
        return ()


@admin.register(NumberCounter)
class NumberCounterAdmin(ShuniuModelAdmin):
    view_perm = "documents.manage_config"
    list_display = ("series", "year", "last")
    list_filter = ("year",)
    readonly_fields = ("series", "year", "last")


@admin.register(SignOffRule)
class SignOffRuleAdmin(ShuniuModelAdmin):
    view_perm = add_perm = change_perm = delete_perm = "documents.manage_config"
    list_display = ("name", "priority", "doc_type", "direction", "important_only", "signer", "is_active")
    list_editable = ("priority", "is_active")
    list_filter = ("signer", "is_active")
