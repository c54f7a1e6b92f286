"""`POST /api/v1/public/messages`: a citizen's message → its query code and promised answer date."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from shuniu.hotline.models import Ticket
from shuniu.matters.models import Attachment, Entry, Matter
from shuniu.workdays.services import compute_deadline

from .conftest import MESSAGE

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
PDF = b"%PDF-1.4\n" + b"0" * 100


def test_a_message_gets_a_code_and_the_promised_answer_date(public):
    response = public.post("/api/v1/public/messages", MESSAGE, format="json")
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"code", "due_at"}
    ticket = Ticket.objects.get(query_code=body["code"])
    assert parse_datetime(body["due_at"]) == ticket.matter.due_at
    assert ticket.matter.due_at == compute_deadline(ticket.matter.received_at, "5 working days").due_at
    assert body["due_at"].endswith("+08:00")
    assert ticket.channel == "web" and ticket.wants_public and ticket.matter.created_by is None


def test_a_letter_to_the_mayors_mailbox(public):
    code = public.post("/api/v1/public/messages", {**MESSAGE, "channel": "mailbox"}, format="json").json()["code"]
    assert Ticket.objects.get(query_code=code).channel == "mailbox"


def test_a_citizen_cannot_choose_an_urgency_or_a_staff_channel(public):
    response = public.post("/api/v1/public/messages", {**MESSAGE, "channel": "phone", "urgency": "very_urgent"},
                           format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["channel"] == ["留言渠道只能是网上留言或市长信箱"]
    code = public.post("/api/v1/public/messages", {**MESSAGE, "urgency": "very_urgent"}, format="json").json()["code"]
    matter = Ticket.objects.get(query_code=code).matter
    assert matter.urgency == "normal"
    assert matter.due_at > timezone.now() + datetime.timedelta(days=1)


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"phone": "1391234567"}, "phone", "联系电话格式不正确，请填写11位手机号码或带区号的固定电话（如0731-84567890）"),
    ({"phone": "12912345678"}, "phone", "联系电话格式不正确，请填写11位手机号码或带区号的固定电话（如0731-84567890）"),
    ({"name": ""}, "name", "请填写姓名"),
    ({"name": "王" * 31}, "name", "姓名不能超过30个字"),
    ({"title": "噪音"}, "title", "标题不能少于4个字"),
    ({"content": "内" * 5001}, "content", "内容不能超过5000个字"),
    ({"content": ""}, "content", "请填写内容"),
    ({"type": ""}, "type", "请选择诉求类型"),
    ({"address": "址" * 201}, "address", "联系地址不能超过200个字"),
])
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(public, fields, field, message):
    response = public.post("/api/v1/public/messages", {**MESSAGE, **fields}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and error["fields"][field] == [message] and message in error["message"]
    assert Matter.objects.count() == 0 and Entry.objects.count() == 0


def test_a_missing_field_is_named_in_chinese(public):
    data = {k: v for k, v in MESSAGE.items() if k != "phone"}
    response = public.post("/api/v1/public/messages", data, format="json")
    assert response.status_code == 400 and response.json()["error"]["message"] == "联系电话：请填写联系电话"


def test_not_a_json_object_is_refused(public):
    response = public.post("/api/v1/public/messages", "not json", content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]["message"] == "请求内容不是有效的JSON"
    assert Matter.objects.count() == 0


def test_pictures_and_pdfs_may_be_attached(public):
    files = [SimpleUploadedFile("现场.png", PNG, "image/png"), SimpleUploadedFile("说明.pdf", PDF, "application/pdf")]
    response = public.post("/api/v1/public/messages", {**MESSAGE, "attachments": files}, format="multipart")
    assert response.status_code == 201
    matter = Ticket.objects.get(query_code=response.json()["code"]).matter
    assert sorted(matter.attachments.values_list("name", flat=True)) == ["现场.png", "说明.pdf"]
    assert matter.attachments.first().entry.action == "register"


@pytest.mark.parametrize(("upload", "message"), [
    (SimpleUploadedFile("病毒.exe", b"MZ" + b"\x00" * 50), "附件“病毒.exe”类型不支持，仅可上传JPG、PNG图片或PDF文件"),
    (SimpleUploadedFile("假图片.png", b"MZ" + b"\x00" * 50), "附件“假图片.png”内容与文件类型不符"),
    (SimpleUploadedFile("大图.jpg", b"\xff\xd8" + b"\x00" * (5 * 1024 * 1024)), "附件“大图.jpg”超过5MB，请压缩后再上传"),
])
def test_a_bad_attachment_is_refused_and_nothing_is_written(public, upload, message):
    response = public.post("/api/v1/public/messages", {**MESSAGE, "attachments": [upload]}, format="multipart")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == message
    assert Matter.objects.count() == 0 and Attachment.objects.count() == 0


def test_more_than_three_attachments_are_refused(public):
    files = [SimpleUploadedFile(f"{i}.png", PNG, "image/png") for i in range(4)]
    response = public.post("/api/v1/public/messages", {**MESSAGE, "attachments": files}, format="multipart")
    assert response.status_code == 400 and response.json()["error"]["message"] == "附件最多3个"


def test_an_oversized_request_is_refused_before_it_is_read(public):
    response = public.post("/api/v1/public/messages", MESSAGE, format="multipart", CONTENT_LENGTH=str(17 * 1024 * 1024))
    assert response.status_code == 413
    assert response.json()["error"]["message"] == "提交内容过大：附件合计不能超过15MB"
    # A JSON body carries no attachments: the API's limit for JSON (2 MB) applies first.
    response = public.post("/api/v1/public/messages", MESSAGE, format="json", CONTENT_LENGTH=str(17 * 1024 * 1024))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_a_stale_token_does_not_get_in_the_way(public):
    public.credentials(HTTP_AUTHORIZATION="Bearer expired-token")
    assert public.post("/api/v1/public/messages", MESSAGE, format="json").status_code == 201
