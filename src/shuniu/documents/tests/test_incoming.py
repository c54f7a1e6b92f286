"""收文: 签收登记 → 初审 (or 退回) → 拟办 → 批办 → 承办 → 传阅 → 催办 → 办结."""

import datetime

import pytest
from django.utils import timezone

from shuniu.core.models import AuditEvent
from shuniu.documents.services import register_incoming
from shuniu.matters import services as engine
from shuniu.matters.models import Entry
from shuniu.matters.rules import can_view

RECEIVED = {
    "issuer": "省人民政府办公厅",
    "doc_number": "晋政办发[2026]7号",
    "title": "省人民政府办公厅关于做好2026年春节期间安全生产工作的通知",
    "body": "各市人民政府，省政府各委、办、厅、局：……",
    "doc_type": "notice",
}


@pytest.fixture
def receive(office):
    def make(by="jiyao", **overrides):
        return register_incoming(office[by], {**RECEIVED, **overrides})

    return make


def test_registration_normalises_the_number_and_waits_for_review(receive):
    item = receive()
    assert item.status == "to_review" and item.owner_unit.code == "jys"
    assert item.incoming.doc_number == "晋政办发〔2026〕7号"
    assert item.incoming.doc_number_raw == "晋政办发[2026]7号"
    assert item.entries.get().action_label == "签收登记"


def test_a_document_is_not_registered_twice(receive):
    first = receive()
    with pytest.raises(engine.Invalid) as caught:
        receive(doc_number="晋政办发〔2026〕7号")
    assert caught.value.message == f"该文件已登记（收文编号{first.serial}），请勿重复登记"


def test_registration_needs_an_issuer_and_a_title(receive):
    with pytest.raises(engine.Invalid) as caught:
        receive(issuer="")
    assert caught.value.message.startswith("来文单位")


def test_only_receiving_staff_register(office):
    with pytest.raises(engine.Forbidden):
        register_incoming(office["mayor"], RECEIVED)


def test_a_registrar_cannot_register_above_their_clearance(receive):
    with pytest.raises(engine.Invalid) as caught:
        receive(by="jtj_staff", secrecy=1)
    assert "涉密等级" in caught.value.message


def test_the_seven_steps_with_the_right_people(receive, act, office):
    item = receive(urgency="urgent")
    act(item, "review", "jiyao", {})
    act(item, "propose", "jiyao", {"handling": "action", "leader": "vmayor4",
                                   "comment": "拟请王志刚副市长阅示，交市生态环境局牵头办理。"})
    with pytest.raises((engine.Forbidden, engine.NotFound)):
        act(item, "instruct", "vmayor2", {"comment": "同意"})
    act(item, "instruct", "vmayor4", {"comment": "请市生态环境局牵头抓好落实。"})
    with pytest.raises(engine.Invalid) as caught:
        act(item, "assign", "jiyao", {"units": [{"unit": "hbj", "role": "lead"}]})
    assert caught.value.message == "紧急公文必须明确办理时限"
    due = timezone.localdate() + datetime.timedelta(days=5)
    act(item, "assign", "jiyao", {"units": [{"unit": "hbj", "role": "lead"}, {"unit": "gaj", "role": "assist"}],
                                  "due_date": due.isoformat()})
    act(item, "circulate", "jiyao", {"readers": ["mayor", "vmayor1"]})
    act(item, "mark_read", "mayor", {"comment": ""})
    act(item, "chase", "jiyao", {"comment": "请抓紧办理。"})
    act(item, "accept", "hbj_staff", {})
    with pytest.raises(engine.Conflict):  # not before the lead unit has reported back
        act(item, "finish", "jiyao", {"comment": "已办结"})
    act(item, "reply", "hbj_head", {"reply": "已组织开展安全生产大检查，排查整改隐患56处。"})
    act(item, "finish", "jiyao", {"comment": "经生态环境局牵头办理，已落实。"})
    item.refresh_from_db()
    assert item.status == "done" and not item.is_open
    detail = item.incoming
    assert detail.instruction == "请市生态环境局牵头抓好落实。" and detail.instructed_by.username == "vmayor4"
    circulation = {c.reader.username: c for c in detail.circulations.all()}
    assert circulation["mayor"].circled and circulation["mayor"].read_at
    assert circulation["vmayor1"].read_at is None
    assert [e.action for e in item.entries.order_by("at", "id")] == [
        "register", "review", "propose", "instruct", "assign", "circulate", "mark_read", "chase", "accept", "reply", "finish"]


def test_reject_at_first_review_needs_reasons_and_closes(receive, act):
    item = receive()
    with pytest.raises(engine.Invalid):
        act(item, "reject", "jiyao", {"reason": ""})
    act(item, "reject", "jiyao", {"reason": "非本机关办理事项，请径送市生态环境局。"})
    item.refresh_from_db()
    assert item.status == "returned" and item.incoming.return_reason.startswith("非本机关")


def test_a_proposal_must_name_a_leader_who_may_instruct(receive, act):
    item = receive()
    act(item, "review", "jiyao", {})
    with pytest.raises(engine.Invalid) as caught:
        act(item, "propose", "jiyao", {"handling": "action", "leader": "jtj_head", "comment": "拟请交通局阅办"})
    assert "不能批办" in caught.value.message


def test_a_reading_document_is_finished_after_the_instruction(receive, act):
    item = receive()
    act(item, "review", "jiyao", {})
    act(item, "propose", "jiyao", {"handling": "reading", "leader": "director", "comment": "拟呈主任阅知。"})
    act(item, "instruct", "director", {"comment": "阅。"})
    act(item, "finish", "jiyao", {"comment": "已阅知存档。"})
    item.refresh_from_db()
    assert item.status == "done"


def test_an_action_document_is_not_finished_before_assignment(receive, act):
    item = receive()
    act(item, "review", "jiyao", {})
    act(item, "propose", "jiyao", {"handling": "action", "leader": "director", "comment": "拟请主任批办。"})
    act(item, "instruct", "director", {"comment": "请交市生态环境局办理。"})
    with pytest.raises(engine.Invalid) as caught:
        act(item, "finish", "jiyao", {"comment": "完成"})
    assert caught.value.message == "该文为办件，请先交承办单位办理"


def test_a_department_instructs_through_its_own_head(make_draft, advance, act, office):
    issued = advance(make_draft(main_to="市交通运输局"), "issued")
    item = issued.outgoing.recipients.get(unit__code="jtj").incoming
    act(item, "sign", "jtj_staff", {})
    act(item, "register", "jtj_staff", {"copies": 2})
    act(item, "review", "jtj_staff", {})
    with pytest.raises(engine.Invalid):
        act(item, "propose", "jtj_staff", {"handling": "reading", "leader": "vmayor2", "comment": "拟请副市长阅"})
    act(item, "propose", "jtj_staff", {"handling": "reading", "leader": "jtj_head", "comment": "拟请局长阅示。"})
    act(item, "instruct", "jtj_head", {"comment": "请运输科抓好落实。"})
    act(item, "finish", "jtj_staff", {"comment": "已传达落实。"})


def test_circulation_only_to_cleared_leaders_and_each_read_of_a_classified_document_is_journaled(
        receive, act, office, client_for):
    item = receive(secrecy=2, title="关于春节期间重点目标安全保卫工作的通知")
    assert not can_view(office["jtj_head"], item)
    assert can_view(office["mayor"], item)
    act(item, "review", "jiyao", {})
    act(item, "propose", "jiyao", {"handling": "reading", "leader": "mayor", "comment": "拟呈市长阅示。"})
    act(item, "instruct", "mayor", {"comment": "请各位领导阅。"})
    with pytest.raises(engine.Invalid) as caught:
        act(item, "circulate", "jiyao", {"readers": ["jtj_head"]})
    assert "涉密等级不足" in caught.value.message
    before = Entry.objects.filter(matter=item, action="read").count()
    mayor = client_for("mayor")
    assert mayor.get(f"/matters/{item.pk}/").status_code == 200
    assert mayor.get(f"/documents/{item.pk}/card/").status_code == 200
    assert mayor.get(f"/documents/{item.pk}/card.docx").status_code == 200
    assert Entry.objects.filter(matter=item, action="read").count() == before + 3
    assert AuditEvent.objects.filter(action=AuditEvent.Action.READ_RESTRICTED, target=item.serial).count() == 3
    assert client_for("jtj_head").get(f"/documents/{item.pk}/card/").status_code == 404


def test_a_reader_cannot_read_twice_and_others_cannot_read(receive, act):
    item = receive()
    act(item, "review", "jiyao", {})
    act(item, "propose", "jiyao", {"handling": "reading", "leader": "director", "comment": "拟呈阅。"})
    act(item, "instruct", "director", {"comment": "阅。"})
    act(item, "circulate", "jiyao", {"readers": ["mayor"]})
    act(item, "mark_read", "mayor", {"comment": "请抓好落实。"})
    with pytest.raises(engine.Forbidden):
        act(item, "mark_read", "mayor", {})
    with pytest.raises((engine.Forbidden, engine.NotFound)):
        act(item, "mark_read", "vmayor1", {})
    circulation = item.incoming.circulations.get()
    assert circulation.opinion == "请抓好落实。" and not circulation.circled


def test_the_lead_unit_signs_for_incoming_documents_in_a_batch_from_the_list(receive, act, client_for):
    item = receive()
    act(item, "review", "jiyao", {})
    act(item, "propose", "jiyao", {"handling": "action", "leader": "vmayor4", "comment": "拟请王志刚副市长阅示。"})
    act(item, "instruct", "vmayor4", {"comment": "请市生态环境局牵头办理。"})
    act(item, "assign", "jiyao", {"units": [{"unit": "hbj", "role": "lead"}]})
    client = client_for("hbj_staff")
    incoming = client.get("/documents/", {"tab": "in"}).content.decode()
    assert 'id="batch-accept"' in incoming and f'name="ids" value="{item.pk}" form="batch-form"' in incoming
    assert 'id="batch-form"' not in client.get("/documents/", {"tab": "out"}).content.decode()  # 发文 has no batch step
    assert "已签收1件" in client.post("/matters/batch/", {"action": "accept", "ids": [item.pk]}).content.decode()
    assert Entry.objects.filter(matter=item, action="accept", actor__username="hbj_staff").count() == 1
