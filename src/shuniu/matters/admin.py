"""审核流程 configuration in the system administration (system administrator, org/rules.py)."""

from django import forms
from django.contrib import admin

from shuniu.core.admin import RulesPermissionsMixin, ShuniuModelAdmin
from shuniu.org.models import Role

from .models import ReviewChain, ReviewChainStep
from .workflow import all_workflows

PERMISSION = "matters.configure_chains"


class ChainPermissions(RulesPermissionsMixin):
    view_perm = add_perm = change_perm = delete_perm = PERMISSION


class StepForm(forms.ModelForm):
    role = forms.ChoiceField(label="审核角色", required=False, choices=[("", "（按指定人员）"), *Role.choices])

    class Meta:
        model = ReviewChainStep
        fields = ["seq", "name", "role", "unit", "person"]

    def clean(self):
        data = super().clean()
        if not data.get("person") and not data.get("role"):
            raise forms.ValidationError("每个环节须指定审核角色或审核人员。")
        if data.get("person") and (data.get("role") or data.get("unit")):
            raise forms.ValidationError("指定了审核人员的环节不再填写审核角色和审核单位。")
        return data


class StepInline(ChainPermissions, admin.TabularInline):
    model = ReviewChainStep
    form = StepForm
    extra = 1
    autocomplete_fields = ()


class ChainForm(forms.ModelForm):
    kind = forms.ChoiceField(label="事项类别")

    class Meta:
        model = ReviewChain
        fields = ["kind", "name", "unit", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(w.kind, w.label) for w in all_workflows()]


@admin.register(ReviewChain)
class ReviewChainAdmin(ChainPermissions, ShuniuModelAdmin):
    form = ChainForm
    inlines = [StepInline]
    list_display = ("name", "kind", "unit", "is_active")
    list_filter = ("kind", "is_active")
