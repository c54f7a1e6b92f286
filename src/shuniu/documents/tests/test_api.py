"""`/api/v1/documents/…`: the same services and permissions as the pages, in API.md's shapes."""

import io

import pytest
from docx import Document

from shuniu.documents import rendering
from shuniu.documents.tests.conftest import CHECKLIST, notice_data
from shuniu.matters.models import Matter

DRAFT = {**notice_data(), "main_to": ["各区县人民政府", "市政府各部门"], "cc": [], "secrecy": 0,
         "urgency": "urgent", "issuer_units": ["szfb"]}


def post(client, path, data):
    return client.post(path, data, format="json")


def test_a_draft_is_created_through_the_api(office, api_client_for):
    response = post(api_client_for("mishu"), "/api/v1/documents/outgoing", DRAFT)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["kind"] == "doc_out" and body["status"] == "draft" and body["serial"].startswith("FW")
    detail = body["detail"]
    assert detail["doc_type"] == "notice" and detail["main_to"] == "各区县人民政府、市政府各部门"
    assert detail["issuer_units"] == ["szfb"] and detail["series"] == "市政办发" and detail["version"] == 1
    assert detail["doc_number"] == "" and len(detail["recipients"]) == 20


def test_a_draft_with_errors_is_refused_with_chinese_field_messages(office, api_client_for):
    response = post(api_client_for("mishu"), "/api/v1/documents/outgoing", {**DRAFT, "doc_type": "memo", "title": ""})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and set(error["fields"]) >= {"doc_type", "title"}
    assert not Matter.objects.filter(kind="doc_out").exists()


def test_only_the_office_sections_draft(office, api_client_for):
    response = post(api_client_for("jtj_staff"), "/api/v1/documents/outgoing", DRAFT)
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "只有市政府办公室各科室工作人员可以拟稿"


def test_the_chain_is_driven_by_transitions_and_refuses_what_it_must(office, api_client_for):
    matter_id = post(api_client_for("mishu"), "/api/v1/documents/outgoing", DRAFT).json()["id"]
    steps = [("mishu", "submit", {}), ("deputy_director", "approve", {}), ("director", "review", CHECKLIST)]
    for who, name, data in steps:
        response = post(api_client_for(who), f"/api/v1/matters/{matter_id}/transitions/{name}", data)
        assert response.status_code == 200, response.json()
    skipped = post(api_client_for("mishu"), f"/api/v1/matters/{matter_id}/transitions/number", {})
    assert skipped.status_code == 409 and "不能执行“编号”" in skipped.json()["error"]["message"]
    wrong = post(api_client_for("vmayor1"), f"/api/v1/matters/{matter_id}/transitions/sign_off", {})
    assert wrong.status_code in (403, 404)
    names = [t["name"] for t in api_client_for("vmayor2").get(f"/api/v1/matters/{matter_id}/transitions").json()]
    assert names == ["sign_off", "return"]
    for who, name, data in [("vmayor2", "sign_off", {"comment": "同意"}), ("mishu", "recheck", {}),
                            ("mishu", "number", {}), ("mishu", "print", {"copies": 30}), ("mishu", "issue", {})]:
        response = post(api_client_for(who), f"/api/v1/matters/{matter_id}/transitions/{name}", data)
        assert response.status_code == 200, response.json()
    detail = api_client_for("mishu").get(f"/api/v1/matters/{matter_id}").json()["detail"]
    assert detail["doc_number"].startswith("市政办发〔") and detail["signer_name"] == "吴建平"
    assert {r["status"] for r in detail["recipients"]} == {"sent"}


def test_edit_versions_and_diff(office, api_client_for):
    client = api_client_for("mishu")
    matter_id = post(client, "/api/v1/documents/outgoing", DRAFT).json()["id"]
    response = client.patch(f"/api/v1/documents/outgoing/{matter_id}", {"body": DRAFT["body"].replace("24小时", "全天候")},
                            format="json")
    assert response.status_code == 200 and response.json()["detail"]["version"] == 2
    versions = client.get(f"/api/v1/documents/outgoing/{matter_id}/versions").json()
    assert [v["number"] for v in versions] == [1, 2]
    diff = client.get(f"/api/v1/documents/outgoing/{matter_id}/diff?from=1&to=2").json()
    assert "<del>24小时</del><ins>全天候</ins>" in diff["body_html"] and diff["substantive"]
    assert client.get(f"/api/v1/documents/outgoing/{matter_id}/diff?from=1&to=9").status_code == 404
    assert client.get(f"/api/v1/documents/outgoing/{matter_id}/diff?from=a&to=2").status_code == 400
    stranger = api_client_for("hbj_staff").patch(f"/api/v1/documents/outgoing/{matter_id}", {"cc": "市委办公室"},
                                                 format="json")
    assert stranger.status_code == 404


def test_incoming_registration_normalises_the_number(office, api_client_for):
    response = post(api_client_for("jiyao"), "/api/v1/documents/incoming", {
        "doc_number": "发文字号：豫政 〔2026〕9号", "issuer": "河南省人民政府", "title": "河南省人民政府关于加强区域协作的函",
        "received_at": "2026-01-05T09:30:00+08:00", "urgency": "urgent", "secrecy": 0})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["kind"] == "doc_in" and body["status"] == "to_review"
    assert body["detail"]["doc_number"] == "豫政〔2026〕9号"
    assert body["detail"]["doc_number_raw"] == "发文字号：豫政 〔2026〕9号"
    missing = post(api_client_for("jiyao"), "/api/v1/documents/incoming", {"issuer": "", "title": ""})
    assert missing.status_code == 400 and "issuer" in missing.json()["error"]["fields"]


def test_render_docx_and_pdf(office, api_client_for, monkeypatch):
    client = api_client_for("mishu")
    matter_id = post(client, "/api/v1/documents/outgoing", DRAFT).json()["id"]
    response = client.get(f"/api/v1/documents/{matter_id}/render?format=docx")
    assert response.status_code == 200 and response["Content-Type"] == rendering.DOCX_TYPE
    assert [p.text for p in Document(io.BytesIO(response.content)).paragraphs[:2]] == ["加急", "市政府办公室文件"]
    monkeypatch.setattr(rendering, "libreoffice", lambda: None)
    pdf = client.get(f"/api/v1/documents/{matter_id}/render?format=pdf")
    assert pdf.status_code == 422
    assert "LibreOffice" in pdf.json()["error"]["message"] and "PDF" in pdf.json()["error"]["message"]
    assert client.get(f"/api/v1/documents/{matter_id}/render?format=odt").status_code == 400
    assert api_client_for("hbj_staff").get(f"/api/v1/documents/{matter_id}/render").status_code == 404


def test_pdf_is_made_in_a_task_with_libreoffice(office, api_client_for, monkeypatch, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    calls = []

    def fake_convert(docx, binary=None, timeout=180):
        calls.append(len(docx))
        return b"%PDF-1.7 converted"

    monkeypatch.setattr(rendering, "libreoffice", lambda: "/usr/bin/libreoffice")
    monkeypatch.setattr(rendering, "convert_to_pdf", fake_convert)
    client = api_client_for("mishu")
    matter_id = post(client, "/api/v1/documents/outgoing", DRAFT).json()["id"]
    first = client.get(f"/api/v1/documents/{matter_id}/render?format=pdf")
    second = client.get(f"/api/v1/documents/{matter_id}/render?format=pdf")
    assert first.status_code == second.status_code == 200
    assert first["Content-Type"] == "application/pdf" and first.content == b"%PDF-1.7 converted"
    assert len(calls) == 1  # kept per version, converted once


def test_stats_and_card(office, api_client_for, make_draft, advance):
    advance(make_draft(main_to="市交通运输局"), "issued")
    response = api_client_for("mayor").get("/api/v1/documents/stats?group_by=type")
    assert response.status_code == 200
    report = response.json()
    assert report["outgoing"][0]["label"] == "通知" and report["outgoing"][0]["issued"] == 1
    assert report["incoming"][0]["received"] == 1
    bad = api_client_for("mayor").get("/api/v1/documents/stats?group_by=weekday")
    assert bad.status_code == 400
    incoming = Matter.objects.get(kind="doc_in")
    card = api_client_for("jtj_staff").get(f"/api/v1/documents/{incoming.pk}/card?format=json").json()
    assert card["serial"] == incoming.serial and card["journal"][0]["action"] == "分发"


@pytest.mark.parametrize("username", ["admin", "auditor"])
def test_the_three_administrators_see_no_documents(office, api_client_for, username):
    assert post(api_client_for(username), "/api/v1/documents/outgoing", DRAFT).status_code == 403
