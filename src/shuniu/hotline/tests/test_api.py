"""The staff API: `POST /api/v1/hotline/tickets` and the hotline's transitions through the generic
`/api/v1/matters/{id}/transitions/{name}` (API.md "Hotline")."""

import pytest

from shuniu.hotline.workflow import WORKFLOW
from shuniu.matters.models import Matter

TICKET = {
    "channel": "phone", "type": "complaint", "category": "environment", "title": "滨江小区夜间施工噪音扰民",
    "content": "滨江小区旁的工地连续一周晚上十一点后仍在施工，噪音很大，严重影响居民休息。", "name": "王建华",
    "phone": "13912345678", "address": "东城区滨江路88号", "wants_public": False,
}


def test_the_transition_names_are_those_of_the_contract():
    names = {t.name for t in WORKFLOW.transitions}
    assert {"answer_directly", "dispatch", "accept", "return", "request_extension", "approve_extension", "reply",
            "approve_reply", "reject_reply", "revisit", "reopen", "merge"} <= names


def test_an_operator_posts_a_ticket_and_gets_the_matter(api_client_for):
    response = api_client_for("rexian").post("/api/v1/hotline/tickets", {**TICKET, "urgency": "urgent"}, format="json")
    assert response.status_code == 201
    body = response.json()
    matter = Matter.objects.get()
    assert body["id"] == matter.pk and body["kind"] == "hotline" and body["serial"].startswith("RX")
    assert body["status"] == "registered" and body["status_label"] == "已受理" and body["urgency"] == "urgent"
    assert body["category"] == "environment" and body["due_at"]
    assert body["detail"]["channel"] == "phone" and body["detail"]["phone"] == "13912345678"
    assert body["detail"]["query_code"] == matter.ticket.query_code


def test_a_platform_ticket_keeps_its_external_number_and_time(api_client_for):
    response = api_client_for("rexian").post("/api/v1/hotline/tickets", {
        **TICKET, "channel": "api", "external_ref": "GJ12345-2026-0001", "received_at": "2026-03-02T10:00:00+08:00",
    }, format="json")
    assert response.status_code == 201
    assert response.json()["detail"]["external_ref"] == "GJ12345-2026-0001"
    assert response.json()["received_at"] == "2026-03-02T10:00:00+08:00"


def test_a_bad_ticket_is_refused_in_chinese_and_nothing_is_written(api_client_for):
    response = api_client_for("rexian").post("/api/v1/hotline/tickets", {**TICKET, "phone": "110"}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and error["fields"]["phone"] == [
        "联系电话格式不正确，请填写11位手机号码或带区号的固定电话（如0731-84567890）"]
    assert error["message"].startswith("联系电话：")
    assert Matter.objects.count() == 0


def test_a_json_array_is_refused(api_client_for):
    response = api_client_for("rexian").post("/api/v1/hotline/tickets", [TICKET], format="json")
    assert response.status_code == 400 and response.json()["error"]["message"] == "请求内容应为JSON对象"


def test_a_department_may_not_post_tickets(api_client_for):
    response = api_client_for("hbj_staff").post("/api/v1/hotline/tickets", TICKET, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "只有市长公开电话办公室工作人员可以登记热线工单"
    assert Matter.objects.count() == 0


def test_without_a_token_the_api_answers_401(demo_office):
    from rest_framework.test import APIClient

    assert APIClient().post("/api/v1/hotline/tickets", TICKET, format="json").status_code == 401


def test_the_whole_loop_through_the_generic_transitions_api(api_client_for):
    rexian, hbj = api_client_for("rexian"), api_client_for("hbj_staff")
    matter_id = rexian.post("/api/v1/hotline/tickets", TICKET, format="json").json()["id"]
    url = f"/api/v1/matters/{matter_id}/transitions"
    assert {t["name"] for t in rexian.get(url).json()} == {"answer_directly", "dispatch", "merge"}
    assert rexian.post(f"{url}/dispatch", {"units": [{"unit": "hbj", "role": "lead"}]}, format="json").status_code == 200
    assert hbj.post(f"{url}/accept", {}, format="json").json()["status"] == "in_progress"
    assert hbj.post(f"{url}/reply", {"reply": "已责令停止夜间施工。"}, format="json").json()["status"] == "reply_review"
    assert hbj.post(f"{url}/approve_reply", {}, format="json").status_code == 403
    body = rexian.post(f"{url}/approve_reply", {"comment": "同意"}, format="json").json()
    assert body["status"] == "answered" and body["detail"]["public_reply"] == "已责令停止夜间施工。"
    body = rexian.post(f"{url}/revisit", {"rating": "dissatisfied", "comment": "仍有噪音"}, format="json").json()
    assert body["status"] == "revisited" and body["rating"] == "dissatisfied"
    assert rexian.post(f"{url}/reopen", {"comment": "重新核查"}, format="json").json()["status"] == "in_progress"
    journal = rexian.get(f"/api/v1/matters/{matter_id}/journal").json()
    assert [e["action"] for e in journal] == ["register", "dispatch", "accept", "reply", "approve_reply", "revisit", "reopen"]


def test_a_department_cannot_see_another_departments_ticket_through_the_api(api_client_for):
    rexian = api_client_for("rexian")
    matter_id = rexian.post("/api/v1/hotline/tickets", TICKET, format="json").json()["id"]
    rexian.post(f"/api/v1/matters/{matter_id}/transitions/dispatch", {"units": [{"unit": "hbj"}]}, format="json")
    jtj = api_client_for("jtj_staff")
    assert jtj.get(f"/api/v1/matters/{matter_id}").status_code == 404
    assert jtj.post(f"/api/v1/matters/{matter_id}/transitions/accept", {}, format="json").status_code == 404


@pytest.mark.parametrize("extension", [{"days": 11, "reason": "需协调"}, {"days": 0, "reason": "需协调"}])
def test_an_extension_out_of_range_is_a_400_with_a_chinese_message(api_client_for, extension):
    rexian, hbj = api_client_for("rexian"), api_client_for("hbj_staff")
    matter_id = rexian.post("/api/v1/hotline/tickets", TICKET, format="json").json()["id"]
    url = f"/api/v1/matters/{matter_id}/transitions"
    rexian.post(f"{url}/dispatch", {"units": [{"unit": "hbj"}]}, format="json")
    hbj.post(f"{url}/accept", {}, format="json")
    response = hbj.post(f"{url}/request_extension", extension, format="json")
    assert response.status_code == 400 and "延期" in response.json()["error"]["message"]


def test_duplicate_suggestions_through_the_api(api_client_for):
    rexian = api_client_for("rexian")
    first = rexian.post("/api/v1/hotline/tickets", TICKET, format="json").json()
    second = rexian.post("/api/v1/hotline/tickets", {**TICKET, "title": "滨江小区工地半夜施工"}, format="json").json()
    response = rexian.get(f"/api/v1/hotline/tickets/{second['id']}/duplicates")
    assert response.status_code == 200
    [item] = response.json()
    assert item["serial"] == first["serial"] and item["same_phone"] is True
    assert api_client_for("jtj_staff").get(f"/api/v1/hotline/tickets/{second['id']}/duplicates").status_code == 404
