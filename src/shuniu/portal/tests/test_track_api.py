"""`GET /api/v1/public/messages/{code}?phone=<last 4>`: status and, once approved, the reply —
never personal data; wrong digits look exactly like an unknown code."""

import pytest

from shuniu.matters.services import perform

from .conftest import REPLY

PERSONAL = ("王建华", "13912345678", "滨江路88号")


def test_a_new_message_shows_its_status_and_promised_date(public, submit):
    code = submit()
    response = public.get(f"/api/v1/public/messages/{code}", {"phone": "5678"})
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == code and body["status"] == "received" and body["status_label"] == "已受理"
    assert body["type_label"] == "投诉" and body["reply"] == "" and body["answered_at"] is None and body["due_at"]
    assert body["can_rate"] is False


def test_nothing_personal_is_ever_returned(public, submit, answer):
    code = submit()
    answer(code)
    text = public.get(f"/api/v1/public/messages/{code}", {"phone": "5678"}).content.decode()
    for personal in PERSONAL:
        assert personal not in text


def test_the_reply_is_shown_only_once_the_hotline_office_approved_it(public, submit, demo_office):
    from shuniu.hotline.models import Ticket

    code = submit()
    matter = Ticket.objects.get(query_code=code).matter
    perform(matter, "dispatch", demo_office["rexian"], {"units": [{"unit": "hbj"}]})
    perform(matter, "accept", demo_office["hbj_staff"], {})
    perform(matter, "reply", demo_office["hbj_staff"], {"reply": REPLY})
    body = public.get(f"/api/v1/public/messages/{code}", {"phone": "5678"}).json()
    assert body["status_label"] == "办理中" and body["reply"] == ""
    perform(matter, "approve_reply", demo_office["rexian"], {})
    body = public.get(f"/api/v1/public/messages/{code}", {"phone": "5678"}).json()
    assert body["status"] == "answered" and body["status_label"] == "已答复" and body["reply"] == REPLY
    assert body["answer_unit"] == "生态环境局" and body["can_rate"] is True


def test_wrong_digits_reveal_nothing_and_look_like_an_unknown_code(public, submit):
    code = submit()
    wrong = public.get(f"/api/v1/public/messages/{code}", {"phone": "1234"})
    missing = public.get("/api/v1/public/messages/ZZZZZZZZZZ", {"phone": "5678"})
    assert wrong.status_code == missing.status_code == 404
    assert wrong.json() == missing.json() == {
        "error": {"code": "not_found", "message": "未查询到该留言，请核对查询码和联系电话后四位"}}


def test_the_code_is_not_case_sensitive(public, submit):
    code = submit()
    assert public.get(f"/api/v1/public/messages/{code.lower()}", {"phone": "5678"}).status_code == 200


@pytest.mark.parametrize("phone", ["", "56789", "56a8", None])
def test_the_last_four_digits_are_required(public, submit, phone):
    code = submit()
    params = {} if phone is None else {"phone": phone}
    response = public.get(f"/api/v1/public/messages/{code}", params)
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"phone": ["请填写联系电话的后四位数字"]}


def test_a_landline_is_tracked_by_its_last_four_digits(public, submit):
    code = submit(phone="0731-84567890")
    assert public.get(f"/api/v1/public/messages/{code}", {"phone": "7890"}).status_code == 200


def test_a_merged_message_shows_the_answer_of_the_one_it_joined(public, submit, answer, demo_office):
    from shuniu.hotline.models import Ticket

    first = submit()
    second = submit(phone="13800001111", title="滨江小区工地半夜施工扰民")
    perform(Ticket.objects.get(query_code=second).matter, "merge", demo_office["rexian"],
            {"into": Ticket.objects.get(query_code=first).matter.serial})
    body = public.get(f"/api/v1/public/messages/{second}", {"phone": "1111"}).json()
    assert body["status"] == "merged" and body["reply"] == ""
    answer(first)
    body = public.get(f"/api/v1/public/messages/{second}", {"phone": "1111"}).json()
    assert body["status"] == "answered" and body["reply"] == REPLY and body["can_rate"] is False
