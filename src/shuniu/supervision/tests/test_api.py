"""`POST /api/v1/supervision/items`: 201 with the matter; bad input 400 in Chinese, nothing written."""

import datetime

import pytest
from django.utils import timezone

from shuniu.matters.models import Assignment, Entry, Matter
from shuniu.supervision.models import SupervisionItem

URL = "/api/v1/supervision/items"


def valid(**changes) -> dict:
    data = {
        "title": "推进城区公交线网优化调整", "content": "按照市政府第12次常务会议议定事项办理。", "source": "meeting",
        "source_ref": "市政府第12次常务会议纪要", "lead_unit": "jtj", "assist_units": ["cgj", "gaj"],
        "due_date": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(), "report_cycle": "weekly",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def nothing_written() -> bool:
    return not (Matter.objects.exists() or Entry.objects.exists() or Assignment.objects.exists()
                or SupervisionItem.objects.exists())


def test_supervision_staff_registers_an_item_and_gets_the_matter(api_client_for):
    response = api_client_for("duban").post(URL, valid(), format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["kind"] == "supervision" and body["serial"].startswith("DB")
    assert body["status"] == "assigned" and body["status_label"] == "已交办"
    assert [(a["unit"], a["role"], a["status"]) for a in body["assignments"]] == [
        ("cgj", "assist", "pending"), ("gaj", "assist", "pending"), ("jtj", "lead", "pending")]
    assert body["due_at"].startswith(valid()["due_date"] + "T23:59:59")
    assert body["detail"]["source"] == "meeting" and body["detail"]["report_cycle"] == "weekly"
    assert body["detail"]["source_ref"] == "市政府第12次常务会议纪要"
    matter = Matter.objects.get(pk=body["id"])
    assert matter.title == "推进城区公交线网优化调整" and matter.category == "meeting"


def test_an_office_leader_may_register_too(api_client_for):
    assert api_client_for("director").post(URL, valid(), format="json").status_code == 201


@pytest.mark.parametrize("changes, field, message", [
    ({"lead_unit": "nosuch"}, "lead_unit", "主办单位：承办单位不存在：nosuch"),
    ({"assist_units": ["cgj", "xyz"]}, "assist_units", "协办单位：承办单位不存在：xyz"),
    ({"assist_units": ["jtj"]}, "assist_units", "协办单位：同一单位不能重复交办"),
    ({"due_date": "2026-02-30"}, "due_date", "办理时限：日期不正确：请按YYYY-MM-DD填写实际存在的日期"),
    ({"due_date": "2025-01-01"}, "due_date", "办理时限：办理时限不能早于今天"),
    ({"title": None}, "title", "督办事项：请填写督办事项名称"),
    ({"title": "   "}, "title", "督办事项：请填写督办事项名称"),
    ({"source": "rumour"}, "source", "事项来源：事项来源只能是会议议定事项、领导批示、政府工作报告分解、为民办实事、上级交办或人大建议政协提案"),
    ({"lead_unit": None}, "lead_unit", "主办单位：请选择主办单位"),
    ({"report_cycle": "custom"}, "report_interval_days", "自定义反馈间隔（天）：进展反馈周期为自定义时，请填写反馈间隔天数"),
    ({"report_cycle": "daily"}, "report_cycle", "进展反馈周期：进展反馈周期只能是不定期、每周、每月或自定义"),
    ({"assist_units": "cgj"}, None, None),  # a comma string is accepted: see the next test
    ({"source_matter": 999999}, "source_matter", "来源事项编号（ID）：来源事项不存在或您无权查看"),
    ({"instructed_by": "jtj_head"}, "instructed_by", "批示领导：批示领导应为市政府领导的用户名"),
])
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(api_client_for, changes, field, message):
    response = api_client_for("duban").post(URL, valid(**changes), format="json")
    if field is None:
        assert response.status_code == 201
        return
    assert response.status_code == 400, response.json()
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["message"] == message
    assert field in error["fields"]
    assert nothing_written()


def test_assisting_units_may_be_a_comma_separated_string(api_client_for):
    response = api_client_for("duban").post(URL, valid(assist_units="cgj，gaj"), format="json")
    assert response.status_code == 201
    assert sorted(a["unit"] for a in response.json()["assignments"]) == ["cgj", "gaj", "jtj"]


def test_a_source_matter_is_linked_when_the_caller_may_see_it(api_client_for):
    client = api_client_for("duban")
    first = client.post(URL, valid(title="召开全市交通工作会议"), format="json").json()
    second = client.post(URL, valid(source_matter=first["id"], instructed_by="vmayor2", source="instruction"), format="json")
    assert second.status_code == 201
    assert second.json()["detail"]["source_matter"] == first["id"]
    assert second.json()["detail"]["instructed_by"] == "vmayor2"


@pytest.mark.parametrize("username", ["jtj_head", "jtj_staff", "vmayor2", "rexian"])
def test_others_may_not_register_items(api_client_for, username):
    response = api_client_for(username).post(URL, valid(), format="json")
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "只有督查科工作人员和办公室领导可以立项督办事项"
    assert nothing_written()


def test_without_a_token_the_answer_is_401(db, client):
    assert client.post(URL, valid(), content_type="application/json").status_code == 401


def test_breakdown_endpoint_creates_child_items(api_client_for):
    client = api_client_for("duban")
    parent = client.post(URL, valid(source="work_report", lead_unit="fgw", assist_units=[]), format="json").json()
    response = client.post(f"{URL}/{parent['id']}/breakdown", {"children": [
        {"title": "东城区完成补短板年度任务", "lead_unit": "qx1"},
        {"title": "西城区完成补短板年度任务", "lead_unit": "qx2", "assist_units": ["zjj"]},
    ]}, format="json")
    assert response.status_code == 201
    children = response.json()
    assert [c["detail"]["parent"] for c in children] == [parent["id"], parent["id"]]
    assert all(c["detail"]["source"] == "work_report" for c in children)
    detail = client.get(f"/api/v1/matters/{parent['id']}").json()
    assert detail["detail"]["children"] == [c["id"] for c in children]


def test_breakdown_endpoint_refuses_a_bad_child_and_writes_nothing(api_client_for):
    client = api_client_for("duban")
    parent = client.post(URL, valid(lead_unit="fgw", assist_units=[]), format="json").json()
    before = Matter.objects.count(), Entry.objects.count()
    response = client.post(f"{URL}/{parent['id']}/breakdown", {"children": [
        {"title": "东城区完成补短板年度任务", "lead_unit": "qx1"},
        {"title": "", "lead_unit": "qx2"},
    ]}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "第2项：督办事项：请填写督办事项名称"
    assert (Matter.objects.count(), Entry.objects.count()) == before
    assert client.post(f"{URL}/999999/breakdown", {"children": []}, format="json").status_code == 404
