"""The public portal in a browser's terms: write, get the code, track it, rate the answer."""

from django.core.files.uploadedfile import SimpleUploadedFile

from shuniu.hotline.models import Ticket
from shuniu.matters.models import Matter

from .conftest import MESSAGE, REPLY

FORM = {k: ("on" if v is True else v) for k, v in MESSAGE.items() if k != "channel"}


def test_the_home_page_needs_no_account_and_is_chinese(client, demo_office):
    response = client.get("/public/")
    page = response.content.decode()
    assert response.status_code == 200 and "我要留言" in page and "市长信箱" in page and "办理查询" in page
    assert 'name="viewport"' in page and "/static/vendor/bootstrap/bootstrap.min.css" in page
    assert "cdn" not in page.lower()


def test_writing_a_message_gives_the_code_and_the_promised_date(client, demo_office):
    response = client.post("/public/message/", FORM)
    assert response.status_code == 302 and response["Location"] == "/public/receipt/"
    ticket = Ticket.objects.get()
    page = client.get("/public/receipt/").content.decode()
    assert ticket.query_code in page and "我们将于" in page
    due = ticket.matter.due_at.astimezone(ticket.matter.received_at.tzinfo)
    assert f"{due:%Y}年{due.month}月{due.day}日" in page
    assert ticket.channel == "web"


def test_a_letter_to_the_mayor_is_a_mailbox_message(client, demo_office):
    assert "市长信箱" in client.get("/public/mailbox/").content.decode()
    client.post("/public/mailbox/", FORM)
    assert Ticket.objects.get().channel == "mailbox"


def test_mistakes_are_shown_in_chinese_beside_the_fields_and_nothing_is_written(client, demo_office):
    response = client.post("/public/message/", {**FORM, "phone": "123", "title": "", "content": "短"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "联系电话格式不正确" in page and "请填写标题" in page and "内容不能少于10个字" in page
    assert 'value="王建华"' in page  # what the citizen typed is kept
    assert Matter.objects.count() == 0


def test_a_bad_attachment_is_explained_and_nothing_is_written(client, demo_office):
    upload = SimpleUploadedFile("说明.docx", b"PK\x03\x04" + b"0" * 50)
    response = client.post("/public/message/", {**FORM, "attachments": upload})
    assert response.status_code == 400
    assert "附件“说明.docx”类型不支持，仅可上传JPG、PNG图片或PDF文件" in response.content.decode()
    assert Matter.objects.count() == 0


def test_the_receipt_without_a_message_goes_home(client, demo_office):
    assert client.get("/public/receipt/")["Location"] == "/public/"


def test_tracking_shows_the_status_without_personal_data(client, submit):
    code = submit()
    page = client.get("/public/track/", {"code": code, "phone": "5678"}).content.decode()
    assert "已受理" in page and "滨江小区夜间施工噪音扰民" in page
    assert "王建华" not in page and "13912345678" not in page


def test_tracking_with_wrong_digits_says_only_not_found(client, submit):
    code = submit()
    wrong = client.get("/public/track/", {"code": code, "phone": "1111"})
    missing = client.get("/public/track/", {"code": "ZZZZZZZZZZ", "phone": "5678"})
    assert wrong.status_code == missing.status_code == 404
    assert "未查询到该留言，请核对查询码和联系电话后四位" in wrong.content.decode()
    assert "滨江小区" not in wrong.content.decode()


def test_the_citizen_reads_the_reply_and_rates_it(client, submit, answer):
    code = submit()
    answer(code)
    page = client.get("/public/track/", {"code": code, "phone": "5678"}).content.decode()
    assert REPLY in page and "已答复" in page and 'id="rate-form"' in page
    response = client.post("/public/track/rate/", {"code": code, "phone": "5678", "rating": "satisfied", "comment": "满意"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "感谢您的评价" in page and "您的评价：<strong>满意</strong>" in page and 'id="rate-form"' not in page
    assert Ticket.objects.get().matter.rating == "satisfied"


def test_rating_without_a_choice_is_explained(client, submit, answer):
    code = submit()
    answer(code)
    response = client.post("/public/track/rate/", {"code": code, "phone": "5678", "rating": ""})
    assert response.status_code == 400 and "评价结果不正确" in response.content.decode()


def test_rating_with_wrong_digits_reveals_nothing(client, submit, answer):
    code = submit()
    answer(code)
    response = client.post("/public/track/rate/", {"code": code, "phone": "0000", "rating": "dissatisfied"})
    assert response.status_code == 404 and REPLY not in response.content.decode()
    assert Ticket.objects.get().matter.rating == ""


def test_the_public_list_and_a_published_answer(client, submit, answer):
    serial = answer(submit()).serial
    page = client.get("/public/answers/").content.decode()
    assert "滨江小区夜间施工噪音扰民" in page
    assert REPLY in client.get(f"/public/answers/{serial}/").content.decode()
