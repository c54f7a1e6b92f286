"""Inputs: a citizen's message (portal and API), an operator's ticket, and the hotline's
transition forms. Every message a person can see is Chinese and says what to fix."""

from __future__ import annotations

import os
import re
import unicodedata

from django import forms
from django.utils import timezone

from shuniu.core.inputs import WindowDateTimeField
from shuniu.matters.models import Urgency
from shuniu.matters.workflow import UnitsForm

from .models import Article, Category, Channel, TicketType

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
PHONE_MESSAGE = "联系电话格式不正确，请填写11位手机号码或带区号的固定电话（如0731-84567890）"

# Attachments a citizen may send with a message.
PUBLIC_FILE_TYPES = {".jpg": b"\xff\xd8", ".jpeg": b"\xff\xd8", ".png": b"\x89PNG", ".pdf": b"%PDF"}
PUBLIC_FILE_MAX_BYTES = 5 * 1024 * 1024
PUBLIC_FILE_MAX_COUNT = 3


def normalize_phone(value: str) -> str:
    """Full-width digits and spaces as people type them; a +86 prefix on a mobile number."""
    value = unicodedata.normalize("NFKC", value or "").replace(" ", "").replace("－", "-").strip()
    if value.startswith("+86"):
        value = value[3:]
    elif value.startswith("86") and len(value) == 13:
        value = value[2:]
    return value


def clean_phone(value: str) -> str:
    value = normalize_phone(value)
    if not (MOBILE.match(value) or LANDLINE.match(value)):
        raise forms.ValidationError(PHONE_MESSAGE, code="phone")
    return value


def clean_last4(value) -> str:
    value = unicodedata.normalize("NFKC", str(value or "")).strip()
    if not re.fullmatch(r"\d{4}", value):
        raise forms.ValidationError("请填写联系电话的后四位数字", code="last4")
    return value


def check_public_files(files) -> list[str]:
    """Type (by name and by content), size and count of a citizen's attachments → Chinese errors."""
    errors = []
    if len(files) > PUBLIC_FILE_MAX_COUNT:
        errors.append(f"附件最多{PUBLIC_FILE_MAX_COUNT}个")
    for upload in files:
        ext = os.path.splitext(upload.name or "")[1].lower()
        magic = PUBLIC_FILE_TYPES.get(ext)
        if magic is None:
            errors.append(f"附件“{upload.name}”类型不支持，仅可上传JPG、PNG图片或PDF文件")
            continue
        if upload.size > PUBLIC_FILE_MAX_BYTES:
            errors.append(f"附件“{upload.name}”超过5MB，请压缩后再上传")
            continue
        head = upload.read(8)
        upload.seek(0)
        if not head.startswith(magic):
            errors.append(f"附件“{upload.name}”内容与文件类型不符")
    return errors


def _text(label: str, max_length: int, min_length: int | None = None, required: bool = True, **kwargs):
    messages = {"required": f"请填写{label}", "max_length": f"{label}不能超过{max_length}个字"}
    if min_length:
        messages["min_length"] = f"{label}不能少于{min_length}个字"
    return forms.CharField(label=label, max_length=max_length, min_length=min_length, required=required,
                           error_messages=messages, **kwargs)


class MessageForm(forms.Form):
    """A citizen's message: the portal's form and `POST /api/v1/public/messages`."""

    channel = forms.ChoiceField(label="留言渠道", choices=[(c.value, c.label) for c in (Channel.WEB, Channel.MAILBOX)],
                                required=False, error_messages={"invalid_choice": "留言渠道只能是网上留言或市长信箱"})
    type = forms.ChoiceField(label="诉求类型", choices=[("", "请选择")] + list(TicketType.choices),
                             error_messages={"required": "请选择诉求类型", "invalid_choice": "诉求类型不正确，应为咨询、求助、投诉、举报或建议"})
    title = _text("标题", 100, 4)
    content = _text("内容", 5000, 10, widget=forms.Textarea(attrs={"rows": 8}))
    name = _text("姓名", 30)
    phone = _text("联系电话", 20)
    address = _text("联系地址", 200, required=False)
    wants_public = forms.BooleanField(label="同意公开留言及答复（姓名、电话将隐去）", required=False)

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_channel(self):
        return self.cleaned_data.get("channel") or Channel.WEB


class TicketForm(MessageForm):
    """An operator's ticket (desk form and `POST /api/v1/hotline/tickets`): the same fields plus
    the subject category, urgency, any channel, and the caller may stay anonymous."""

    channel = forms.ChoiceField(label="来源渠道", choices=Channel.choices, required=False,
                                error_messages={"invalid_choice": "来源渠道不正确，应为phone、web、mailbox、api或media"})
    category = forms.ChoiceField(label="诉求分类", choices=[("", "请选择")] + list(Category.choices),
                                 error_messages={"required": "请选择诉求分类", "invalid_choice": "诉求分类不正确"})
    urgency = forms.ChoiceField(label="紧急程度", choices=Urgency.choices, required=False,
                                error_messages={"invalid_choice": "紧急程度只能是平件、加急或特急"})
    name = _text("诉求人姓名", 30, required=False)
    external_ref = _text("外部编号", 64, required=False)
    received_at = WindowDateTimeField(label="受理时间", required=False, error_messages={"invalid": "受理时间格式不正确"})

    field_order = ["phone", "name", "channel", "type", "category", "urgency", "title", "content", "address",
                   "wants_public", "external_ref"]

    def clean_channel(self):
        return self.cleaned_data.get("channel") or Channel.PHONE

    def clean_urgency(self):
        return self.cleaned_data.get("urgency") or Urgency.NORMAL

    def clean_name(self):
        return self.cleaned_data.get("name") or "匿名"

    def clean_received_at(self):
        value = self.cleaned_data.get("received_at")
        if value and value > timezone.now():
            raise forms.ValidationError("受理时间不能晚于当前时间")
        return value


# --- Transition inputs ---------------------------------------------------------------------


class DirectAnswerForm(forms.Form):
    reply = forms.CharField(label="答复内容", max_length=10000, widget=forms.Textarea(attrs={"rows": 5}),
                            error_messages={"required": "请填写答复内容"})


class DispatchForm(UnitsForm):
    """派单: the lead unit and assisting units; the deadline follows the ticket's urgency unless
    a `due_at` is given. The category may be set or corrected at the same time."""

    due_date = None
    due_at = WindowDateTimeField(label="办理时限", required=False, help_text="留空则按紧急程度规定的时限",
                                 widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                 error_messages={"invalid": "办理时限格式不正确"})
    category = forms.ChoiceField(label="诉求分类", choices=[("", "不变")] + list(Category.choices), required=False)

    def clean_due_at(self):
        value = self.cleaned_data.get("due_at")
        if value and value <= timezone.now():
            raise forms.ValidationError("办理时限必须晚于当前时间")
        return value


class ApproveReplyForm(forms.Form):
    reply = forms.CharField(label="答复群众内容", required=False, max_length=10000,
                            widget=forms.Textarea(attrs={"rows": 4}), help_text="留空则采用承办单位的答复")
    publish = forms.ChoiceField(label="网站公开", required=False, choices=[("yes", "同意公开"), ("no", "不公开")],
                                initial="yes", help_text="仅在来信人同意公开时公开，姓名、电话隐去")
    comment = forms.CharField(label="审核意见", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_publish(self):
        return self.cleaned_data.get("publish") != "no"


class MergeForm(forms.Form):
    into = forms.CharField(label="归并至工单", max_length=32, help_text="填写原工单编号，如RX2026-000123",
                           error_messages={"required": "请填写要归并到的工单编号"})
    comment = forms.CharField(label="归并说明", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ["title", "category", "answer", "keywords", "source_unit", "is_published"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 10})}
        error_messages = {
            "title": {"required": "请填写问题"},
            "answer": {"required": "请填写标准答复"},
            "category": {"required": "请选择分类"},
        }


RATING_MESSAGE = "评价结果不正确，应为满意、基本满意或不满意"


class CitizenRatingForm(forms.Form):
    """网上评价: the citizen's rating of an approved answer (portal and public API)."""

    rating = forms.ChoiceField(
        label="评价", choices=[("satisfied", "满意"), ("basically_satisfied", "基本满意"), ("dissatisfied", "不满意")],
        error_messages={"required": RATING_MESSAGE, "invalid_choice": RATING_MESSAGE},
    )
    comment = forms.CharField(label="评价意见", required=False, max_length=500,
                              error_messages={"max_length": "评价意见不能超过500个字"})
