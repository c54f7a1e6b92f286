"""The public list of answered messages: only those the senders allowed, names and phones masked."""

from shuniu.portal.services import mask_name, mask_phone

from .conftest import REPLY


def test_names_and_phones_are_masked():
    assert mask_name("王建华") == "王**"
    assert mask_name("欧阳") == "欧**"
    assert mask_name("") == "匿名"
    assert mask_phone("13912345678") == "139****5678"
    assert mask_phone("0731-84567890") == "073****7890"


def test_the_public_list_masks_personal_data(public, submit, answer):
    answer(submit())
    body = public.get("/api/v1/public/messages").json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["name"] == "王**" and item["phone"] == "139****5678" and item["reply"] == REPLY
    assert item["answer_unit"] == "生态环境局"
    text = public.get("/api/v1/public/messages").content.decode()
    assert "王建华" not in text and "13912345678" not in text and "滨江路88号" not in text and "code" not in item


def test_messages_not_allowed_or_withheld_or_unanswered_are_not_listed(public, submit, answer):
    answer(submit(wants_public=False, phone="13800000001"))
    answer(submit(phone="13800000002"), publish="no")
    submit(phone="13800000003")
    assert public.get("/api/v1/public/messages").json()["count"] == 0


def test_the_public_pages_mask_personal_data(client, submit, answer):
    code = submit()
    serial = answer(code).serial
    page = client.get("/public/answers/").content.decode()
    assert "王**" in page and "139****5678" in page and "王建华" not in page and "13912345678" not in page
    detail = client.get(f"/public/answers/{serial}/").content.decode()
    assert REPLY in detail and "王建华" not in detail and "滨江路88号" not in detail and code not in detail


def test_an_unpublished_message_has_no_public_page(client, submit, answer):
    serial = answer(submit(wants_public=False)).serial
    assert client.get(f"/public/answers/{serial}/").status_code == 404
