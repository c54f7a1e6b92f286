"""The Matters API (API.md): list with filters, detail, journal, transitions, perform, errors."""

import datetime

from django.utils import timezone

from shuniu.matters.models import Matter


def test_list_filters_and_shape(make_item, api_client_for):
    jtj = make_item(lead="jtj", title="公交线网优化")
    make_item(lead="hbj", title="大气污染防治")
    Matter.objects.filter(pk=jtj.pk).update(due_at=timezone.now() - datetime.timedelta(days=1))
    client = api_client_for("duban")
    body = client.get("/api/v1/matters/", {"kind": "supervision"}).json()
    assert body["count"] == 2 and set(body) == {"count", "items", "next"}
    assert client.get("/api/v1/matters/", {"unit": "jtj"}).json()["count"] == 1
    overdue = client.get("/api/v1/matters/", {"overdue": "true"}).json()
    assert [m["serial"] for m in overdue["items"]] == [jtj.serial] and overdue["items"][0]["overdue"] is True
    assert client.get("/api/v1/matters/", {"q": "大气"}).json()["count"] == 1
    assert client.get("/api/v1/matters/", {"q": jtj.serial}).json()["count"] == 1
    assert client.get("/api/v1/matters/", {"status": "closed"}).json()["count"] == 0


def test_list_rejects_unknown_unit_and_kind(demo_office, api_client_for):
    client = api_client_for("duban")
    response = client.get("/api/v1/matters/", {"unit": "nosuch"})
    assert response.status_code == 400 and response.json()["error"]["message"] == "单位不存在：nosuch"
    assert client.get("/api/v1/matters/", {"kind": "nosuch"}).status_code == 400
    assert client.get("/api/v1/matters/", {"from": "2026-13-01"}).status_code == 400


def test_detail_journal_and_transitions(make_item, api_client_for):
    item = make_item(assist=["cgj"])
    client = api_client_for("jtj_staff")
    detail = client.get(f"/api/v1/matters/{item.pk}").json()
    assert detail["serial"].startswith("DB") and detail["status"] == "assigned" and detail["status_label"] == "已交办"
    assert {(a["unit"], a["role"], a["status"]) for a in detail["assignments"]} == {("jtj", "lead", "pending"), ("cgj", "assist", "pending")}
    assert detail["received_at"].endswith("+08:00")
    assert isinstance(detail["detail"], dict)
    journal = client.get(f"/api/v1/matters/{item.pk}/journal").json()
    assert [e["action"] for e in journal] == ["register", "dispatch"]
    assert set(journal[0]) >= {"at", "actor", "action", "from_status", "to_status", "comment"}
    names = {t["name"] for t in client.get(f"/api/v1/matters/{item.pk}/transitions").json()}
    assert {"accept", "return", "request_extension"} <= names and "approve_close" not in names


def test_perform_returns_the_updated_matter_and_refuses_in_the_error_shape(make_item, api_client_for):
    item = make_item()
    staff = api_client_for("jtj_staff")
    response = staff.post(f"/api/v1/matters/{item.pk}/transitions/accept", {"comment": "已签收"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "in_progress"
    forbidden = staff.post(f"/api/v1/matters/{item.pk}/transitions/approve_close", {}, format="json")
    assert forbidden.status_code == 409  # wrong state first
    response = staff.post(f"/api/v1/matters/{item.pk}/transitions/request_close", {"reply": "已完成"}, format="json")
    assert response.status_code == 403
    assert response.json()["error"] == {"code": "permission_denied", "message": "您无权对该事项执行“申请办结”"}
    bad = staff.post(f"/api/v1/matters/{item.pk}/transitions/report_progress", {}, format="json")
    assert bad.status_code == 400 and bad.json()["error"]["fields"]["comment"]
    assert staff.post(f"/api/v1/matters/{item.pk}/transitions/fly", {}, format="json").status_code == 404
    not_an_object = staff.post(f"/api/v1/matters/{item.pk}/transitions/report_progress", "[1,2]",
                               content_type="application/json")
    assert not_an_object.status_code == 400 and "comment" in not_an_object.json()["error"]["fields"]
