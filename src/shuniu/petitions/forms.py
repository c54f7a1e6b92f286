"""Inputs of petition registration (登记) and of the petition transitions, with Chinese messages.
The same forms validate the UI and the API."""

from __future__ import annotations

import re

from django import forms

from shuniu.matters.workflow import UnitsForm

from .models import Category, Channel, DispatchMode, Outcome, ReviewDecision

PHONE_RE = re.compile(r"^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{7,8})$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
EXTENSION_MAX_DAYS = 30


def normalize_phone(value: str) -> str:
    value = re.sub(r"[\s()（）]", "", value or "")
    if value.startswith("+86"):
        value = value[3:]
    elif value.startswith("86") and len(value) == 13:
        value = value[2:]
    return value


def valid_id_number(value: str) -> bool:
    """GB 11643-1999 citizen ID number: 17 digits and a check character."""
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == value[17]


class RegisterForm(forms.Form):
    """登记: what `POST /api/v1/petitions` and the registration desk accept."""

    channel = forms.ChoiceField(label="信访形式", choices=Channel.choices,
                                error_messages={"invalid_choice": "信访形式只能是来信、来访、网上信访、来电或传真"})
    category = forms.ChoiceField(label="信访类别", choices=[("", "请选择"), *Category.choices],
                                 error_messages={"invalid_choice": "信访类别只能是建议意见、检举控告或申诉求决"})
    petitioner_name = forms.CharField(label="信访人姓名", max_length=50,
                                      error_messages={"max_length": "信访人姓名不能超过50个字"})
    petitioner_phone = forms.CharField(label="联系电话", max_length=20, required=False,
                                       error_messages={"max_length": "联系电话不能超过20位"})
    petitioner_id_number = forms.CharField(label="身份证号码", max_length=18, required=False,
                                           error_messages={"max_length": "身份证号码应为18位"})
    petitioner_address = forms.CharField(label="住址", max_length=200, required=False)
    people_count = forms.IntegerField(label="来访人数", min_value=1, max_value=10000, required=False, initial=1,
                                      error_messages={"min_value": "人数至少为1人", "max_value": "人数不能超过10000人",
                                                      "invalid": "人数应为整数"})
    title = forms.CharField(label="信访事项", max_length=300, error_messages={"max_length": "标题不能超过300个字"})
    content = forms.CharField(label="主要诉求和事实理由", max_length=20000, widget=forms.Textarea(attrs={"rows": 8}),
                              error_messages={"max_length": "内容不能超过20000个字"})
    repeat_of = forms.CharField(label="同一事项的原信访件编号", max_length=32, required=False,
                                help_text="已知为重复信访时填写原件编号（如XF2026-000012）；留空由系统按电话、身份证号和内容自动查重")
    new_facts = forms.BooleanField(label="提出了新的事实和理由", required=False,
                                   help_text="同一事项已复核终结、但信访人提出新的事实和理由的，勾选后作为新事项登记")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = f"请填写{field.label}"
        self.fields["channel"].error_messages["required"] = "请选择信访形式"
        self.fields["category"].error_messages["required"] = "请选择信访类别"

    def clean_petitioner_name(self):
        name = self.cleaned_data["petitioner_name"].strip()
        if not name:
            raise forms.ValidationError("请填写信访人姓名")
        return name

    def clean_petitioner_phone(self):
        phone = normalize_phone(self.cleaned_data.get("petitioner_phone", ""))
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError("联系电话格式不正确，应为11位手机号码或带区号的固定电话")
        return phone

    def clean_petitioner_id_number(self):
        number = (self.cleaned_data.get("petitioner_id_number") or "").strip().upper()
        if number and not valid_id_number(number):
            raise forms.ValidationError("身份证号码不正确，请核对18位号码及校验位")
        return number

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError("请填写信访事项")
        return title

    def clean_content(self):
        content = self.cleaned_data["content"].strip()
        if len(content) < 5:
            raise forms.ValidationError("请填写信访人的主要诉求和事实理由（不少于5个字）")
        return content

    def clean_people_count(self):
        return self.cleaned_data.get("people_count") or 1

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("petitioner_phone") or data.get("petitioner_id_number")) \
                and data.get("channel") != Channel.LETTER:
            self.add_error("petitioner_phone", "来访、来电、网上和传真信访应登记联系电话或身份证号码")
        return data


class DispatchForm(UnitsForm):
    """转送/交办 to the competent departments; the 15-day notice clock starts for them."""

    due_date = None
    mode = forms.ChoiceField(label="转交方式", choices=DispatchMode.choices, initial=DispatchMode.ASSIGN,
                             error_messages={"invalid_choice": "转交方式只能是转送或交办", "required": "请选择转交方式"})
    comment = forms.CharField(label="转交意见", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class DeclineForm(forms.Form):
    reason = forms.CharField(label="不予受理理由（将书面告知信访人）", max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "请填写不予受理的理由"})


class ReturnForm(forms.Form):
    reason = forms.CharField(label="异议理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "请填写不属于本单位职责的理由"})


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label="延期天数（日）", min_value=1, max_value=EXTENSION_MAX_DAYS,
                              error_messages={"required": "请填写延期天数", "invalid": "延期天数应为整数",
                                              "min_value": "延期天数至少为1日",
                                              "max_value": f"延长期限不得超过{EXTENSION_MAX_DAYS}日"})
    reason = forms.CharField(label="延期理由（将告知信访人）", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "请填写延期理由"})


class OpinionForm(forms.Form):
    outcome = forms.ChoiceField(label="处理结果", choices=Outcome.choices,
                                error_messages={"required": "请选择处理结果",
                                                "invalid_choice": "处理结果只能是支持、解释说明或不予支持"})
    reply = forms.CharField(label="处理意见（写入处理意见书）", max_length=10000, widget=forms.Textarea(attrs={"rows": 6}),
                            error_messages={"required": "请填写处理意见"})


class RequestForm(forms.Form):
    reason = forms.CharField(label="请求事项和理由", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "请填写信访人的请求事项和理由"})


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label="结论", choices=ReviewDecision.choices,
                                 error_messages={"required": "请选择结论", "invalid_choice": "结论只能是维持或变更"})
    outcome = forms.ChoiceField(label="变更后的处理结果", choices=[("", "—"), *Outcome.choices], required=False,
                                help_text="结论为变更时必填",
                                error_messages={"invalid_choice": "处理结果只能是支持、解释说明或不予支持"})
    opinion = forms.CharField(label="意见（写入意见书）", max_length=10000, widget=forms.Textarea(attrs={"rows": 5}),
                              error_messages={"required": "请填写意见"})

    def clean(self):
        data = super().clean()
        if data.get("decision") == ReviewDecision.CHANGE and not data.get("outcome"):
            self.add_error("outcome", "变更原处理意见的，应选择变更后的处理结果")
        return data


class RefuseForm(forms.Form):
    reason = forms.CharField(label="不再受理理由（将书面告知信访人）", max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "请填写不再受理的理由"})


class RepeatForm(forms.Form):
    comment = forms.CharField(label="告知内容", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                              initial="你反映的问题已作为信访事项受理，正在办理期限内，请等待书面处理意见。",
                              error_messages={"required": "请填写告知信访人的内容"})
