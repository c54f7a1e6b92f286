"""GET /api/v1/org/units and /api/v1/org/people, Bearer auth, pagination (API.md)."""

import pytest
from rest_framework.test import APIClient

UNITS = "/api/v1/org/units"
PEOPLE = "/api/v1/org/people"


@pytest.fixture
def api(api_client_for):
    return api_client_for("jtj_staff")


def test_no_token_is_401_in_the_error_shape(db):
    response = APIClient().get(UNITS)
    assert response.status_code == 401
    assert response.json() == {"error": {"code": "not_authenticated", "message": "未登录或未提供身份令牌"}}
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("header", ["Bearer not-a-real-token", "Bearer ", "Token abc", "Bearer a b"])
def test_a_bad_token_is_401_in_the_error_shape(db, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get(UNITS)
    assert response.status_code == 401
    assert response.json()["error"]["code"] in {"authentication_failed", "not_authenticated"}
    assert response.json()["error"]["message"]


def test_token_of_a_deactivated_account_stops_working(api, demo_office):
    staff = demo_office["jtj_staff"]
    staff.is_active = False
    staff.save()
    assert api.get(UNITS).status_code == 401


def test_units_list_carries_code_name_kind_and_the_parent_code(api):
    response = api.get(UNITS)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "items", "next"}
    assert body["count"] == 33 and body["next"] is None
    by_code = {item["code"]: item for item in body["items"]}
    assert {"code", "name", "kind", "parent"} <= set(by_code["jtj"])
    assert by_code["szf"]["parent"] is None
    assert (by_code["jtj"]["name"], by_code["jtj"]["kind"], by_code["jtj"]["parent"]) == ("交通运输局", "department", "szf")
    assert by_code["mc1"]["parent"] == "szfb"
    assert body["items"][0]["code"] == "szf"


def test_people_of_a_unit(api):
    body = api.get(PEOPLE, {"unit": "jtj"}).json()
    assert body["count"] == 3
    assert [p["username"] for p in body["items"]] == ["jtj_head", "jtj_liaison", "jtj_staff"]
    staff = body["items"][2]
    assert staff["posts"] == [{"unit": "jtj", "role": "handler", "role_label": "经办人", "title": "科员"}]


def test_people_search_by_name(api):
    body = api.get(PEOPLE, {"q": "李正华"}).json()
    assert [p["username"] for p in body["items"]] == ["mayor"]
    assert body["items"][0]["posts"][0]["role_label"] == "主要领导"


def test_people_of_an_unknown_unit_is_an_empty_page(api):
    assert api.get(PEOPLE, {"unit": "nosuch"}).json() == {"count": 0, "items": [], "next": None}


def test_pagination_shape_and_next_link(api):
    body = api.get(PEOPLE, {"page_size": 10}).json()
    assert body["count"] == 79 and len(body["items"]) == 10
    assert body["next"].endswith("/api/v1/org/people?page=2&page_size=10")
    last = api.get(PEOPLE, {"page_size": 10, "page": 8}).json()
    assert len(last["items"]) == 9 and last["next"] is None


def test_page_size_defaults_to_50_and_allows_200(api):
    assert len(api.get(PEOPLE).json()["items"]) == 50
    assert len(api.get(PEOPLE, {"page_size": 200}).json()["items"]) == 79


@pytest.mark.parametrize("size", ["0", "201", "-5", "abc", ""])
def test_page_size_out_of_bounds_is_400_in_chinese(api, size):
    response = api.get(PEOPLE, {"page_size": size})
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "invalid_page_size",
        "message": "每页条数必须是1至200之间的整数",
        "fields": {"page_size": ["每页条数必须是1至200之间的整数"]},
    }


@pytest.mark.parametrize("page", ["0", "-1", "x"])
def test_a_page_that_is_not_a_positive_integer_is_400(api, page):
    response = api.get(PEOPLE, {"page": page})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_page"


def test_a_page_past_the_end_is_404_in_chinese(api):
    response = api.get(PEOPLE, {"page": 99})
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "invalid_page", "message": "页码超出范围"}}


@pytest.mark.parametrize("username", ["admin", "secadmin", "auditor", "mayor"])
def test_every_account_may_read_the_directory(api_client_for, username):
    assert api_client_for(username).get(UNITS).status_code == 200


def test_session_login_also_reaches_the_api(client_for):
    assert client_for("mayor").get(UNITS).status_code == 200


def test_writing_to_the_directory_is_not_allowed(api):
    response = api.post(UNITS, {"code": "new", "name": "新单位"}, format="json")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
