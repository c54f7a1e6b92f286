"""Inputs of the document kinds: the draft (拟稿, all 18 elements), incoming registration (收文登记)
and the transitions' own forms. The API and the UI validate through these same classes."""

from __future__ import annotations

import re

from django import forms
from django.db.models import Q

from shuniu.core.inputs import WindowDateField, WindowDateTimeField, is_id
from shuniu.matters.models import Urgency
from shuniu.matters.workflow import UnitsForm
from shuniu.org.models import OFFICE_LEADER_ROLES, Role, Secrecy, Unit, User
from shuniu.org.widgets import UnitNamesInput

from .models import FIXED_DIRECTION, Direction, DocType, IncomingDocument

SPLIT = re.compile(r"[、，,；;\n]+")


class NamesField(forms.Field):
    """A list of names or codes: a JSON list, or text separated by 、，,；; or new lines."""

    widget = forms.TextInput

    def to_python(self, value):
        if value in (None, ""):
            return []
        if isinstance(value, list | tuple):
            items = [str(v).strip() for v in value]
        elif isinstance(value, str):
            items = [v.strip() for v in SPLIT.split(value)]
        else:
            raise forms.ValidationError("格式不正确，应为名称列表或以顿号分隔的文字")
        return [item for item in items if item]

    def prepare_value(self, value):
        return "、".join(value) if isinstance(value, list | tuple) else value


class LinesField(forms.CharField):
    """Text with one item per line; the API may send a list."""

    def to_python(self, value):
        if isinstance(value, list | tuple):
            value = "\n".join(str(v).strip() for v in value if str(v).strip())
        return super().to_python(value)


def _secrecy(value):
    if value in (None, ""):
        return Secrecy.NONE
    for level in Secrecy:
        if str(value) in (str(level.value), level.label, level.name.lower()):
            return level.value
    raise forms.ValidationError("密级只能是非密、秘密、机密或绝密")


class SecrecyField(forms.Field):
    widget = forms.Select(choices=Secrecy.choices)

    def to_python(self, value):
        return _secrecy(value)


def find_unit(token: str) -> Unit | None:
    token = token.strip()
    return (Unit.objects.filter(is_active=True).filter(Q(code=token) | Q(name=token) | Q(short_name=token))
            .order_by("sort_order").first())


class OutgoingForm(forms.Form):
    """拟稿 and 修改文稿: what `POST /api/v1/documents/outgoing` and the draft page accept."""

    doc_type = forms.ChoiceField(label="文种", choices=DocType.choices)
    direction = forms.ChoiceField(label="行文方向", choices=[("", "按文种确定"), *Direction.choices], required=False)
    is_important = forms.BooleanField(label="重要公文", required=False, help_text="重要公文由主要领导签发")
    title = forms.CharField(label="标题", max_length=300, help_text="发文机关 + 事由 + 文种，如：市政府办公室关于……的通知")
    body = forms.CharField(label="正文", max_length=200000, required=False, widget=forms.Textarea(attrs={"rows": 16}))
    main_to = NamesField(label="主送机关", required=False, help_text="多个机关用顿号分隔；可填“各区县人民政府”“市政府各部门”")
    cc = NamesField(label="抄送机关", required=False)
    issuer_units = NamesField(label="发文机关", required=False,
                              widget=UnitNamesInput(multiple=True, kinds=("government", "office", "department", "county")),
                              help_text="输入名称选择，第一个为主办机关；多个即为联合行文。留空为市政府办公室")
    series = forms.CharField(label="机关代字", max_length=20, required=False, help_text="留空按发文机关和文种自动选择")
    sponsor_unit = forms.CharField(label="主办部门", max_length=100, required=False,
                                   help_text="文件涉及业务的主管部门（代拟单位）；一般公文由其分管领导签发")
    secrecy = SecrecyField(label="密级", required=False)
    secrecy_years = forms.IntegerField(label="保密期限（年）", min_value=1, max_value=30, required=False)
    copy_number = forms.CharField(label="份号", max_length=6, required=False, help_text="涉密公文必填，6位阿拉伯数字")
    urgency = forms.ChoiceField(label="紧急程度", choices=Urgency.choices, required=False)
    issuer_mark = LinesField(label="发文机关标志", max_length=200, required=False, help_text="留空按发文机关生成")
    signature = LinesField(label="发文机关署名", max_length=300, required=False, help_text="联合行文每个机关一行；留空自动生成")
    attachment_notes = LinesField(label="附件说明", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text="每行一个附件名称")
    annotation = forms.CharField(label="附注", max_length=300, required=False, help_text="请示须注明联系人姓名和电话")
    sealed = forms.NullBooleanField(label="加盖印章", required=False, widget=forms.Select(
        choices=[("true", "加盖印章"), ("false", "不加盖印章")]))
    printer = forms.CharField(label="印发机关", max_length=100, required=False)
    note = forms.CharField(label="修改说明", max_length=200, required=False)

    def clean_copy_number(self):
        value = (self.cleaned_data.get("copy_number") or "").strip()
        if value and not re.fullmatch(r"[0-9]{1,6}", value):
            raise forms.ValidationError("份号应为1至6位阿拉伯数字")
        return value.zfill(6) if value else ""

    def clean(self):
        data = super().clean()
        doc_type = data.get("doc_type")
        if doc_type:
            fixed = FIXED_DIRECTION.get(doc_type)
            direction = data.get("direction") or fixed or Direction.DOWNWARD
            if fixed and direction != fixed:
                self.add_error("direction", f"{DocType(doc_type).label}只能作为{Direction(fixed).label}")
            data["direction"] = direction
        issuers = []
        for token in data.get("issuer_units") or []:
            unit = find_unit(token)
            if unit is None:
                self.add_error("issuer_units", f"发文机关不存在：{token}")
                continue
            if unit in issuers:
                self.add_error("issuer_units", f"发文机关重复：{unit.name}")
                continue
            issuers.append(unit)
        data["issuers"] = issuers
        sponsor = (data.get("sponsor_unit") or "").strip()
        data["sponsor"] = None
        if sponsor:
            data["sponsor"] = find_unit(sponsor)
            if data["sponsor"] is None:
                self.add_error("sponsor_unit", f"主办部门不存在：{sponsor}")
        if data.get("sealed") is None:
            data["sealed"] = doc_type != DocType.MINUTES
        data["urgency"] = data.get("urgency") or Urgency.NORMAL
        return data


class IncomingForm(forms.Form):
    """收文登记: what `POST /api/v1/documents/incoming` and the registration page accept."""

    issuer = forms.CharField(label="来文单位", max_length=200)
    doc_number = forms.CharField(label="发文字号", max_length=100, required=False,
                                 help_text="按原文填写，系统自动规范为“机关代字〔年份〕序号号”")
    title = forms.CharField(label="标题", max_length=300)
    body = forms.CharField(label="正文或摘要", max_length=200000, required=False, widget=forms.Textarea(attrs={"rows": 8}))
    doc_type = forms.ChoiceField(label="文种", choices=[("", "—"), *DocType.choices], required=False)
    secrecy = SecrecyField(label="密级", required=False)
    urgency = forms.ChoiceField(label="紧急程度", choices=Urgency.choices, required=False)
    received_at = WindowDateTimeField(label="收文时间", required=False, help_text="留空为当前时间")
    copies = forms.IntegerField(label="份数", min_value=1, max_value=9999, required=False)

    def clean(self):
        data = super().clean()
        data["urgency"] = data.get("urgency") or Urgency.NORMAL
        return data


class RegisterForm(forms.Form):
    """登记: check and complete the particulars of a document signed for electronically."""

    doc_number = forms.CharField(label="发文字号", max_length=100, required=False)
    doc_type = forms.ChoiceField(label="文种", choices=[("", "—"), *DocType.choices], required=False)
    copies = forms.IntegerField(label="份数", min_value=1, max_value=9999, required=False)
    comment = forms.CharField(label="登记说明", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


# --- Transition forms (doc_out) -------------------------------------------------------------


class CheckForm(forms.Form):
    """核稿: the office checks the draft item by item; every item must be confirmed."""

    text_ok = forms.BooleanField(label="文字（表述准确、用语规范）", required=False)
    policy_ok = forms.BooleanField(label="政策法规（符合法律法规和政策）", required=False)
    format_ok = forms.BooleanField(label="格式（符合GB/T 9704要求）", required=False)
    process_ok = forms.BooleanField(label="运转流程（审核程序完备、会签齐全）", required=False)
    comment = forms.CharField(label="核稿意见", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    ITEMS = {"text_ok": "文字", "policy_ok": "政策法规", "format_ok": "格式", "process_ok": "运转流程"}

    def clean(self):
        data = super().clean()
        missing = [label for name, label in self.ITEMS.items() if not data.get(name)]
        if missing:
            raise forms.ValidationError(f"核稿须逐项核对，尚未确认：{'、'.join(missing)}")
        return data


class SignOffForm(forms.Form):
    comment = forms.CharField(label="签发意见", max_length=2000, required=False, initial="同意印发。",
                              widget=forms.Textarea(attrs={"rows": 2}), help_text="留空视为圈阅同意")


class RecheckForm(forms.Form):
    substantive = forms.BooleanField(label="有实质性修改（须退回签发人重新签发）", required=False)
    comment = forms.CharField(label="复核意见", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PrintForm(forms.Form):
    copies = forms.IntegerField(label="印制份数", min_value=1, max_value=100000)
    extra_units = NamesField(label="分送单位", required=False, help_text="主送、抄送以外另行分送的单位，用顿号分隔")
    comment = forms.CharField(label="印制说明", max_length=1000, required=False)


# --- Transition forms (doc_in) --------------------------------------------------------------


def leaders_queryset():
    """People who may be asked to instruct (批办) or read (传阅) a document."""
    roles = (Role.PRINCIPAL_LEADER, Role.DEPUTY_LEADER, *OFFICE_LEADER_ROLES, Role.HEAD)
    return (User.objects.filter(is_active=True, admin_role="", memberships__is_active=True,
                                memberships__role__in=roles).distinct().order_by("username"))


class PersonChoiceField(forms.ModelChoiceField):
    """A person by id or username (the API uses usernames, like units use codes)."""

    def to_python(self, value):
        if isinstance(value, str) and value and not is_id(value):
            person = self.queryset.filter(username=value).first()
            if person is None:
                raise forms.ValidationError("人员不存在或不能选择：%(value)s", params={"value": value})
            return person
        return super().to_python(value)

    def label_from_instance(self, obj):
        post = obj.memberships.filter(is_active=True).order_by("-is_primary", "id").first()
        return f"{obj.name}（{post.title or post.get_role_display()}）" if post else obj.name


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def clean(self, value):
        if isinstance(value, str):
            value = [v for v in SPLIT.split(value) if v.strip()]
        if isinstance(value, list | tuple):
            resolved = []
            for item in value:
                item = str(item).strip()
                if item and not is_id(item):
                    person = self.queryset.filter(username=item).first()
                    if person is None:
                        raise forms.ValidationError(f"人员不存在或不能选择：{item}")
                    item = str(person.pk)
                resolved.append(item)
            value = resolved
        return super().clean(value)

    def label_from_instance(self, obj):
        return PersonChoiceField.label_from_instance(self, obj)


class ProposeForm(forms.Form):
    handling = forms.ChoiceField(label="办理类型", choices=IncomingDocument.Handling.choices)
    leader = PersonChoiceField(label="呈批领导", queryset=leaders_queryset(), error_messages={
        "required": "请选择呈请批办的领导", "invalid_choice": "所选领导不存在或不能批办"})
    comment = forms.CharField(label="拟办意见", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages={"required": "请填写拟办意见"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders_queryset()


class InstructForm(forms.Form):
    comment = forms.CharField(label="批办意见", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages={"required": "请填写批办意见"})


class AssignForm(UnitsForm):
    """承办: lead and assisting units and a deadline (urgent documents must have one)."""

    due_date = WindowDateField(label="办理时限", required=False, help_text="紧急公文必须填写；一般公文留空按规定时限计算")


class CirculateForm(forms.Form):
    readers = PeopleChoiceField(label="传阅领导", queryset=leaders_queryset(),
                                error_messages={"required": "请选择传阅的领导"})
    comment = forms.CharField(label="传阅说明", max_length=1000, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["readers"].queryset = leaders_queryset()


class ReadForm(forms.Form):
    comment = forms.CharField(label="阅文意见", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              help_text="不填写意见即为圈阅（已阅同意）")


class FinishForm(forms.Form):
    comment = forms.CharField(label="办结情况", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages={"required": "请填写办结情况"})


class RejectForm(forms.Form):
    reason = forms.CharField(label="退回理由", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "请填写退回理由"})
