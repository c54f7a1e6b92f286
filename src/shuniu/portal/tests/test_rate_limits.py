"""Per-IP rate limits: HTTP 429 with a Chinese message, the same counter for the API and the form."""

from django.test import override_settings

from shuniu.matters.models import Matter

from .conftest import MESSAGE

FEW = {"SHUNIU_PORTAL_RATES": {"portal_submit": "2/hour", "portal_lookup": "3/minute", "portal_feedback": "1/hour",
                               "portal_browse": "2/minute"}}


@override_settings(**FEW)
def test_too_many_messages_from_one_address_get_429_in_chinese(public):
    for _ in range(2):
        assert public.post("/api/v1/public/messages", MESSAGE, format="json").status_code == 201
    response = public.post("/api/v1/public/messages", MESSAGE, format="json")
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "throttled" and error["message"].startswith("请求过于频繁，请") and error["message"].endswith("秒后再试")
    assert int(response["Retry-After"]) > 0
    assert Matter.objects.count() == 2


@override_settings(**FEW)
def test_another_address_is_not_limited(public):
    for _ in range(2):
        public.post("/api/v1/public/messages", MESSAGE, format="json", REMOTE_ADDR="10.0.0.1")
    assert public.post("/api/v1/public/messages", MESSAGE, format="json", REMOTE_ADDR="10.0.0.2").status_code == 201


@override_settings(**FEW)
def test_a_forged_forwarded_for_header_does_not_escape_the_limit(public):
    for n in range(2):
        public.post("/api/v1/public/messages", MESSAGE, format="json", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}")
    response = public.post("/api/v1/public/messages", MESSAGE, format="json", HTTP_X_FORWARDED_FOR="9.9.9.9")
    assert response.status_code == 429


@override_settings(**FEW)
def test_the_html_form_shares_the_apis_limit(public, client):
    for _ in range(2):
        public.post("/api/v1/public/messages", MESSAGE, format="json")
    response = client.post("/public/message/", {k: v for k, v in MESSAGE.items() if k != "channel"})
    assert response.status_code == 429
    assert "您的操作过于频繁，请" in response.content.decode()
    assert Matter.objects.count() == 2


@override_settings(**FEW)
def test_tracking_is_limited_too(public, submit):
    code = submit()
    for _ in range(3):
        public.get(f"/api/v1/public/messages/{code}", {"phone": "0000"})
    response = public.get(f"/api/v1/public/messages/{code}", {"phone": "5678"})
    assert response.status_code == 429 and "请求过于频繁" in response.json()["error"]["message"]


@override_settings(**FEW)
def test_the_tracking_page_is_limited_like_the_api(client, submit):
    code = submit()
    for _ in range(3):
        client.get("/public/track/", {"code": code, "phone": "0000"})
    response = client.get("/public/track/", {"code": code, "phone": "5678"})
    assert response.status_code == 429 and "操作过于频繁" in response.content.decode()


@override_settings(**FEW)
def test_ratings_are_limited(public, submit, answer):
    first, second = submit(), submit(phone="13800001111")
    answer(first)
    answer(second)
    assert public.post(f"/api/v1/public/messages/{first}/feedback", {"phone": "5678", "rating": "satisfied"},
                       format="json").status_code == 201
    response = public.post(f"/api/v1/public/messages/{second}/feedback", {"phone": "1111", "rating": "satisfied"},
                           format="json")
    assert response.status_code == 429


@override_settings(**FEW)
def test_the_public_list_is_limited(public):
    for _ in range(2):
        assert public.get("/api/v1/public/messages").status_code == 200
    assert public.get("/api/v1/public/messages").status_code == 429
