"""审核流程 and 催办规则 in the system administration (the system administrator, org/rules.py)."""

from django import forms
from django.contrib import admin

from shuniu.core.admin import RulesPermissionsMixin, ShuniuModelAdmin
from shuniu.org.models import Role
from shuniu.workdays.services import DeadlineRule

from .models import KindPolicy, ReviewChain, ReviewChainStep
from .workflow import all_workflows

PERMISSION = "matters.configure"


class ConfigPermissions(RulesPermissionsMixin):
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


class StepInline(ConfigPermissions, admin.TabularInline):
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
class ReviewChainAdmin(ConfigPermissions, ShuniuModelAdmin):
    form = ChainForm
    inlines = [StepInline]
    list_display = ("name", "kind", "unit", "is_active")
    list_filter = ("kind", "is_active")


class PolicyForm(forms.ModelForm):
    kind = forms.ChoiceField(label="事项类别")

    class Meta:
        model = KindPolicy
        fields = ["kind", "reminder_before", "chase_every", "escalate_after"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(w.kind, w.label) for w in all_workflows()]

    def _rule(self, name):
        text = (self.cleaned_data.get(name) or "").strip()
        if text:
            try:
                rule = DeadlineRule.parse(text)
            except ValueError as error:
                raise forms.ValidationError(str(error)) from None
            if rule.unit == "months":
                raise forms.ValidationError("催办规则请以工作日、日或小时计。")
        return text

    def clean_reminder_before(self):
        return self._rule("reminder_before")

    def clean_chase_every(self):
        return self._rule("chase_every")

    def clean_escalate_after(self):
        return self._rule("escalate_after")


@admin.register(KindPolicy)
class KindPolicyAdmin(ConfigPermissions, ShuniuModelAdmin):
    form = PolicyForm
    list_display = ("kind", "reminder_before", "chase_every", "escalate_after")
