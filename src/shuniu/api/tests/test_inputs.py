"""No input answers 500 (issue #11): each case below was a 500 (or a wrong value stored) before."""

from __future__ import annotations

import json

import pytest

from shuniu.matters.models import Matter

ITEM = {"title": "推进城区公交线网优化", "content": "按照市政府常务会议议定事项办理。", "source": "meeting",
        "lead_unit": "jtj", "assist_units": [], "report_cycle": "none"}
TICKET = {
    "channel": "phone", "type": "complaint", "category": "environment", "title": "滨江小区夜间施工噪音扰民",
    "content": "滨江小区旁的工地连续一周晚上十一点后仍在施工，噪音很大，严重影响居民休息。", "name": "王建华",
    "phone": "13912345678", "address": "东城区滨江路88号", "wants_public": False,
}
PETITION = {
    "channel": "visit", "category": "claim", "petitioner_name": "王建华", "petitioner_phone": "13912345678",
    "people_count": 1, "title": "反映城东化工厂夜间排放异味影响居民休息的问题",
    "content": "本人居住在城东新村小区，小区北侧化工厂近三个月每天夜间排放刺鼻气体，请求有关部门查处并限期整改。",
}


def post_raw(client, path: str, body: str | bytes):
    return client.generic("POST", path, body.encode() if isinstance(body, str) else body,
                          content_type="application/json")


def assert_refused(response, status: int = 400, field: str | None = None):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["message"] and any("\u4e00" <= ch <= "\u9fff" for ch in error["message"])  # a Chinese message
    if field:
        assert field in error.get("fields", {}), error


# --- Ids: ASCII digits only -----------------------------------------------------------------


@pytest.mark.parametrize("payload, field", [
    ({"assist_units": ["²"]}, "assist_units"),
    ({"lead_unit": "³"}, "lead_unit"),
])
def test_superscript_digits_are_not_unit_ids(api_client_for, payload, field):
    response = api_client_for("duban").post("/api/v1/supervision/items", {**ITEM, **payload}, format="json")
    assert response.status_code == 400, response.content
    assert not Matter.objects.exists()


def test_a_superscript_version_is_refused(api_client_for, demo_office):
    item = api_client_for("duban").post("/api/v1/supervision/items", ITEM, format="json").json()
    response = api_client_for("jtj_staff").post(f"/api/v1/matters/{item['id']}/transitions/accept",
                                                {"version": "²"}, format="json")
    assert_refused(response, 400, "version")


# --- Dates: types and a window --------------------------------------------------------------


@pytest.mark.parametrize("received_at", [12345, [None, None], {"y": 2026}, "0001-01-01T00:00:00", "0308-05-01T10:00:00",
                                         "9999-12-31T23:59:59"])
def test_a_ticket_time_that_is_not_a_date_of_this_era_is_refused(api_client_for, received_at):
    response = api_client_for("rexian").post("/api/v1/hotline/tickets", {**TICKET, "received_at": received_at},
                                             format="json")
    assert_refused(response, 400, "received_at")
    assert not Matter.objects.exists()


@pytest.mark.parametrize("due_date", [20261231, [None, None], "0308-01-01", "2200-01-01"])
def test_a_due_date_that_is_not_a_date_of_this_era_is_refused(api_client_for, due_date):
    response = api_client_for("duban").post("/api/v1/supervision/items", {**ITEM, "due_date": due_date}, format="json")
    assert_refused(response, 400, "due_date")


def test_a_received_document_of_year_308_is_refused(api_client_for, demo_office):
    from shuniu.documents.numbering import ensure_default_series

    ensure_default_series()
    response = api_client_for("jiyao").post("/api/v1/documents/incoming", {
        "issuer": "河南省人民政府", "title": "河南省人民政府关于加强区域协作的函", "received_at": "0308-01-05T09:30:00"},
        format="json")
    assert_refused(response, 400, "received_at")
    assert "1949年至2100年" in response.json()["error"]["message"]
    assert not Matter.objects.filter(serial__startswith="SW308").exists()


@pytest.mark.parametrize("path", ["/matters/stats/", "/documents/stats/", "/hotline/metrics/"])
def test_statistics_pages_with_dates_out_of_the_window_answer_the_page(client_for, path):
    response = client_for("director").get(path, {"from": "0001-01-01", "to": "0001-01-02"})
    assert response.status_code == 200
    assert "1949年至2100年" in response.content.decode()


@pytest.mark.parametrize("path", ["/api/v1/stats", "/api/v1/matters/", "/api/v1/documents/stats"])
def test_api_statistics_and_lists_refuse_dates_out_of_the_window(api_client_for, path):
    assert_refused(api_client_for("director").get(path, {"from": "0001-01-01"}), 400, "from")


# --- JSON bodies ----------------------------------------------------------------------------


def test_a_json_body_over_two_megabytes_is_413(api_client_for):
    body = json.dumps({**ITEM, "content": "政" * (2 * 1024 * 1024)})
    assert_refused(post_raw(api_client_for("duban"), "/api/v1/supervision/items", body), 413)


def test_a_json_body_over_two_megabytes_without_a_length_is_413(api_client_for):
    client = api_client_for("duban")
    body = json.dumps({**ITEM, "content": "a" * (2 * 1024 * 1024 + 10)}).encode()
    # The parser counts what it reads, whatever Content-Length said.
    response = client.generic("POST", "/api/v1/supervision/items", body, content_type="application/json",
                              CONTENT_LENGTH="100")
    assert response.status_code in (400, 413)


@pytest.mark.parametrize("depth", [33, 100_000])
def test_deeply_nested_json_is_400(api_client_for, depth):
    body = '{"title": ' + "[" * depth + "]" * depth + "}"
    assert_refused(post_raw(api_client_for("duban"), "/api/v1/supervision/items", body), 400)


@pytest.mark.parametrize("title", ['"\\ud800 title"', '"a\\u0000b"', '"fine"'])
def test_a_lone_surrogate_or_a_nul_in_json_is_400(api_client_for, title):
    body = json.dumps(ITEM)[:-1] + f', "source_ref": {title}}}'
    response = post_raw(api_client_for("duban"), "/api/v1/supervision/items", body)
    if title == '"fine"':
        assert response.status_code == 201  # the same body without the bad character goes through
    else:
        assert_refused(response, 400)
        assert not Matter.objects.exists()


def test_bytes_that_are_not_utf8_are_400(api_client_for):
    assert_refused(post_raw(api_client_for("duban"), "/api/v1/supervision/items", b'{"title": "\xff\xfe"}'), 400)


# --- NUL in a query parameter: once, for every page and API ------------------------------------


@pytest.mark.parametrize("path", ["/api/v1/matters/?q=a%00b", "/api/v1/matters/?status=%00", "/api/v1/org/people?q=%00",
                                  "/api/v1/hotline/knowledge?q=%00", "/api/v1/petitions?q=%00"])
def test_nul_in_an_api_query_parameter_is_400(api_client_for, path):
    assert_refused(api_client_for("director").get(path), 400)


@pytest.mark.parametrize("path", ["/matters/?q=a%00b", "/org/people/?q=%00", "/hotline/knowledge/?q=%00",
                                  "/hotline/desk/history/?phone=%00"])
def test_nul_in_a_page_query_parameter_is_400(client_for, path):
    response = client_for("rexian").get(path)
    assert response.status_code == 400
    assert "空字符" in response.content.decode()


# --- Ids in query strings ------------------------------------------------------------------


def test_a_huge_version_number_in_a_diff_is_400_not_500(api_client_for, demo_office):
    from shuniu.documents.numbering import ensure_default_series
    from shuniu.documents.tests.conftest import notice_data

    ensure_default_series()
    client = api_client_for("mishu")
    draft = {**notice_data(), "main_to": ["各区县人民政府"], "issuer_units": ["szfb"]}
    matter_id = client.post("/api/v1/documents/outgoing", draft, format="json").json()["id"]
    assert_refused(client.get(f"/api/v1/documents/outgoing/{matter_id}/diff", {"from": 10**30, "to": 1}), 400, "from")
    assert_refused(client.get(f"/api/v1/documents/outgoing/{matter_id}/diff", {"from": "²", "to": 1}), 400, "from")


def test_the_desk_ignores_a_last_ticket_that_is_not_an_id(client_for):
    assert client_for("rexian").get("/hotline/desk/", {"last": "abc"}).status_code == 200
    assert client_for("rexian").get("/hotline/desk/", {"last": "1" * 40}).status_code == 200


# --- Wrong JSON types are refused, not stored ---------------------------------------------


def test_a_list_is_not_a_title(api_client_for):
    response = api_client_for("duban").post("/api/v1/supervision/items", {**ITEM, "title": ["a", "b"]}, format="json")
    assert_refused(response, 400, "title")
    assert not Matter.objects.filter(title="['a', 'b']").exists()
    ticket = api_client_for("rexian").post("/api/v1/hotline/tickets", {**TICKET, "title": ["a", "b"]}, format="json")
    assert_refused(ticket, 400, "title")


def test_maybe_is_not_a_yes(api_client_for):
    response = api_client_for("xinfang").post("/api/v1/petitions", {**PETITION, "new_facts": "maybe"}, format="json")
    assert_refused(response, 400, "new_facts")
    assert not Matter.objects.exists()
    assert api_client_for("xinfang").post("/api/v1/petitions", {**PETITION, "new_facts": False},
                                          format="json").status_code == 201


def test_a_transition_comment_must_be_text(api_client_for):
    item = api_client_for("duban").post("/api/v1/supervision/items", ITEM, format="json").json()
    response = api_client_for("jtj_staff").post(f"/api/v1/matters/{item['id']}/transitions/accept",
                                                {"comment": {"text": "收到"}}, format="json")
    assert_refused(response, 400, "comment")
    assert Matter.objects.get(pk=item["id"]).status == item["status"]


# --- The transitions of a received document at 拟办 ------------------------------------------


def test_transitions_at_propose_are_json_with_person_choices(api_client_for, demo_office):
    from shuniu.documents.numbering import ensure_default_series
    from shuniu.matters import services

    ensure_default_series()
    client = api_client_for("jiyao")
    created = client.post("/api/v1/documents/incoming", {
        "issuer": "河南省人民政府", "title": "河南省人民政府关于加强区域协作的函"}, format="json").json()
    services.perform(created["id"], "review", demo_office["jiyao"], {})
    response = client.get(f"/api/v1/matters/{created['id']}/transitions")
    assert response.status_code == 200, response.content
    propose = next(t for t in response.json() if t["name"] == "propose")
    leader = propose["fields"]["leader"]
    assert leader["type"] == "choice" and leader["label"]
    values = [c["value"] for c in leader["choices"] if c["value"] != ""]
    assert demo_office["director"].pk in values
    assert propose["fields"]["comment"]["type"] == "text"


# --- A transition that lost the race: 409 ---------------------------------------------------


def test_accepting_what_a_colleague_has_just_accepted_is_409(api_client_for, demo_office):
    item = api_client_for("duban").post("/api/v1/supervision/items", ITEM, format="json").json()
    url = f"/api/v1/matters/{item['id']}/transitions/accept"
    assert api_client_for("jtj_staff").post(url, {}, format="json").status_code == 200
    again = api_client_for("jtj_head").post(url, {}, format="json")
    assert_refused(again, 409)
    assert again.json()["error"]["code"] == "conflict"
    # Someone who never had the task is still refused as before.
    assert api_client_for("hbj_staff").post(url, {}, format="json").status_code in (403, 404)


# --- The OpenAPI document says what the API does --------------------------------------------


def test_openapi_documents_errors_nullable_fields_and_the_petition_page(db):
    from rest_framework.test import APIClient

    schema = APIClient().get("/api/v1/openapi.json").json()
    error = schema["components"]["schemas"]["Error"]
    assert error["properties"]["error"]["required"] == ["code", "message"]
    perform = schema["paths"]["/api/v1/matters/{id}/transitions/{name}"]["post"]["responses"]
    for status in ("400", "403", "404", "409", "413"):
        assert perform[status]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert "401" not in schema["paths"]["/api/v1/public/messages"]["post"]["responses"]
    matter = schema["components"]["schemas"]["Matter"]["properties"]
    assert matter["lead_unit"].get("nullable") is True and matter["due_at"].get("nullable") is True
    assert schema["components"]["schemas"]["Unit"]["properties"]["parent"].get("nullable") is True
    page = schema["paths"]["/api/v1/petitions"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    page = schema["components"]["schemas"][page["$ref"].rsplit("/", 1)[1]]
    assert {"count", "items", "next"} <= set(page["properties"]) and page["properties"]["items"]["type"] == "array"
