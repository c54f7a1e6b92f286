"""`POST /api/v1/petitions` (API.md) and the petition list, with the API error shape."""

from __future__ import annotations

import pytest

from shuniu.matters.models import Matter
from shuniu.petitions.models import Petition

from .conftest import PETITION

URL = "/api/v1/petitions"


def test_api_registers_a_petition(api_client_for):
    response = api_client_for("xinfang").post(URL, {**PETITION, "channel": "visit", "people_count": 12}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "petition"
    assert body["serial"].startswith("XF")
    assert body["status"] == "registered"
    assert body["status_label"] == "已登记"
    assert body["category"] == "claim"
    assert body["due_at"]
    detail = body["detail"]
    assert detail["channel"] == "visit"
    assert detail["people_count"] == 12
    assert detail["is_group"] is True
    assert detail["petitioner_phone"] == "13912345678"
    assert [c["name"] for c in detail["clocks"]] == ["forward"]
    assert Petition.objects.filter(pk=body["id"]).exists()


def test_api_drives_the_petition_through_the_generic_transitions(api_client_for):
    created = api_client_for("xinfang").post(URL, PETITION, format="json").json()
    dispatched = api_client_for("xinfang").post(
        f"/api/v1/matters/{created['id']}/transitions/dispatch",
        {"units": [{"unit": "hbj", "role": "lead"}], "mode": "forward"}, format="json",
    )
    assert dispatched.status_code == 200, dispatched.content
    assert dispatched.json()["status"] == "dispatched"
    accepted = api_client_for("hbj_staff").post(f"/api/v1/matters/{created['id']}/transitions/accept", {}, format="json")
    assert accepted.status_code == 200
    assert [d["kind"] for d in accepted.json()["detail"]["documents"]] == ["accept_notice"]
    too_long = api_client_for("hbj_staff").post(f"/api/v1/matters/{created['id']}/transitions/request_extension",
                                                {"days": 45, "reason": "需要检测。"}, format="json")
    assert too_long.status_code == 400
    assert too_long.json()["error"]["fields"]["days"] == ["延长期限不得超过30日"]


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"channel": "wechat"}, "channel", "信访形式只能是来信、来访、网上信访、来电或传真"),
    ({"category": ""}, "category", "请选择信访类别"),
    ({"petitioner_name": ""}, "petitioner_name", "请填写信访人姓名"),
    ({"petitioner_phone": "139-abc"}, "petitioner_phone", "联系电话格式不正确"),
    ({"people_count": "很多"}, "people_count", "人数应为整数"),
    ({"title": "x" * 301}, "title", "标题不能超过300个字"),
    ({"content": None}, "content", "请填写主要诉求和事实理由"),
])
def test_api_bad_input_is_refused_in_chinese_and_nothing_written(api_client_for, change, field, message):
    before = Matter.objects.count()
    response = api_client_for("xinfang").post(URL, {**PETITION, **change}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert message in error["message"]
    assert any(message in m for m in error["fields"][field])
    assert Matter.objects.count() == before


def test_api_refuses_a_body_that_is_not_an_object(api_client_for):
    response = api_client_for("xinfang").post(URL, ["channel", "visit"], format="json")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "请求内容应为JSON对象"


def test_api_a_department_cannot_register(api_client_for):
    before = Matter.objects.count()
    response = api_client_for("hbj_head").post(URL, PETITION, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "只有信访科工作人员和办公室领导可以登记信访事项"
    assert Matter.objects.count() == before


def test_api_needs_a_token(client):
    response = client.post(URL, PETITION, content_type="application/json")
    assert response.status_code == 401


def test_api_list_masks_personal_data_for_other_units(api_client_for):
    created = api_client_for("xinfang").post(URL, PETITION, format="json").json()
    api_client_for("xinfang").post(f"/api/v1/matters/{created['id']}/transitions/dispatch",
                                   {"units": ["hbj"], "mode": "assign"}, format="json")
    own = api_client_for("xinfang").get(URL).json()
    assert own["items"][0]["petitioner_phone"] == "13912345678"
    theirs = api_client_for("hbj_staff").get(URL).json()
    assert theirs["count"] == 1
    assert theirs["items"][0]["petitioner_phone"] == "139****5678"
    assert theirs["items"][0]["petitioner_name"] == "王**"
    assert api_client_for("jtj_staff").get(URL).json()["count"] == 0


def test_api_list_filters_refuse_unknown_values(api_client_for):
    response = api_client_for("xinfang").get(URL, {"channel": "wechat"})
    assert response.status_code == 400
    assert "信访形式" in response.json()["error"]["message"]
