"""The document pages: lists, 拟稿, 修改文稿, 收文登记, versions, downloads, 阅办卡, statistics."""

from shuniu.documents import rendering
from shuniu.documents.tests.conftest import notice_data
from shuniu.matters.models import Matter


def test_the_list_shows_outgoing_and_incoming(make_draft, advance, client_for):
    advance(make_draft(main_to="市交通运输局"), "issued")
    page = client_for("mishu").get("/documents/")
    assert page.status_code == 200 and "市政府办公室关于做好2026年春运交通运输保障工作的通知" in page.content.decode()
    incoming = client_for("jtj_staff").get("/documents/?tab=in").content.decode()
    assert "市政办发〔" in incoming and "待签收" in incoming
    assert "市政府办公室关于做好" not in client_for("hbj_staff").get("/documents/?tab=in").content.decode()


def test_drafting_page_saves_a_draft_and_shows_it(office, client_for):
    client = client_for("mishu")
    assert client.get("/documents/outgoing/new/").status_code == 200
    data = {**notice_data(), "issuer_units": "szfb", "sealed": "true", "urgency": "normal", "secrecy": "0"}
    response = client.post("/documents/outgoing/new/", data)
    matter = Matter.objects.get(kind="doc_out")
    assert response.status_code == 302 and response["Location"] == f"/matters/{matter.pk}/"
    page = client.get(f"/matters/{matter.pk}/").content.decode()
    assert "公文要素" in page and 'id="do-submit"' in page and "修改文稿" in page and "下载公文（.docx）" in page


def test_drafting_page_shows_chinese_errors_and_saves_nothing(office, client_for):
    response = client_for("mishu").post("/documents/outgoing/new/", {**notice_data(), "title": "", "secrecy": "5"})
    assert response.status_code == 400
    assert "密级只能是非密、秘密、机密或绝密" in response.content.decode()
    assert not Matter.objects.filter(kind="doc_out").exists()


def test_only_office_sections_may_open_the_drafting_page(office, client_for):
    assert client_for("jtj_staff").get("/documents/outgoing/new/").status_code == 403
    assert client_for("auditor").get("/documents/").status_code == 403


def test_edit_page_keeps_a_new_version(make_draft, client_for):
    draft = make_draft()
    client = client_for("mishu")
    assert client.get(f"/documents/{draft.pk}/edit/").status_code == 200
    data = {**notice_data(), "issuer_units": "szfb", "sealed": "true", "secrecy": "0", "annotation": "此件公开发布",
            "note": "增加附注", "version": draft.version}
    response = client.post(f"/documents/{draft.pk}/edit/", data)
    assert response.status_code == 302
    assert draft.outgoing.versions.count() == 2
    versions = client.get(f"/documents/{draft.pk}/versions/").content.decode()
    assert "第2稿" in versions and "增加附注" in versions
    diff = client.get(f"/documents/{draft.pk}/diff/?from=1&to=2").content.decode()
    assert "此件公开发布" in diff and "标题和正文没有改动" in diff
    clean = client.get(f"/documents/{draft.pk}/versions/1/").content.decode()
    assert "清稿 · 第1稿" in clean and "一、提高思想认识" in clean


def test_someone_not_at_the_current_step_is_sent_back_from_the_edit_page(make_draft, advance, client_for):
    draft = advance(make_draft(), "checking")
    response = client_for("mishu").get(f"/documents/{draft.pk}/edit/")
    assert response.status_code == 302 and response["Location"] == f"/matters/{draft.pk}/"
    assert client_for("director").get(f"/documents/{draft.pk}/edit/").status_code == 200


def test_downloads(make_draft, client_for, monkeypatch):
    draft = make_draft()
    response = client_for("mishu").get(f"/documents/{draft.pk}/document.docx")
    assert response.status_code == 200 and response["Content-Type"] == rendering.DOCX_TYPE
    monkeypatch.setattr(rendering, "libreoffice", lambda: None)
    response = client_for("mishu").get(f"/documents/{draft.pk}/document.pdf", follow=True)
    assert "生成PDF需要在服务器上安装LibreOffice" in response.content.decode()
    assert client_for("hbj_staff").get(f"/documents/{draft.pk}/document.docx").status_code == 404


def test_incoming_registration_page(office, client_for):
    client = client_for("jiyao")
    assert client.get("/documents/incoming/new/").status_code == 200
    response = client.post("/documents/incoming/new/", {
        "issuer": "省人民政府办公厅", "doc_number": "晋政办发[2026]12号", "title": "省人民政府办公厅关于做好春耕生产工作的通知",
        "urgency": "normal", "secrecy": "0", "received_at": "2026-01-05 09:00"}, follow=True)
    assert "发文字号规范为“晋政办发〔2026〕12号”" in response.content.decode()
    refused = client.post("/documents/incoming/new/", {"issuer": "", "title": "x", "secrecy": "0"})
    assert refused.status_code == 400 and "来文单位" in refused.content.decode()
    assert client_for("mayor").get("/documents/incoming/new/").status_code == 403


def test_the_receipts_show_on_the_senders_page(make_draft, advance, act, client_for):
    issued = advance(make_draft(main_to="市交通运输局、市公安局"), "issued")
    act(issued.outgoing.recipients.get(unit__code="jtj").incoming, "sign", "jtj_staff", {})
    page = client_for("mishu").get(f"/matters/{issued.pk}/").content.decode()
    assert "签收回执" in page and "已签收" in page and "待签收" in page


def test_card_and_stats_pages(make_draft, advance, client_for):
    issued = advance(make_draft(main_to="市交通运输局"), "issued")
    incoming = issued.outgoing.recipients.get(unit__code="jtj").incoming
    card = client_for("jtj_staff").get(f"/documents/{incoming.pk}/card/").content.decode()
    assert "交通运输局收文阅办卡" in card and issued.outgoing.doc_number in card
    stats = client_for("mayor").get("/documents/stats/?group_by=type").content.decode()
    assert "通知" in stats and "上年同期" in stats
    assert client_for("mayor").get("/documents/stats/?from=bad").status_code == 200


def test_document_address_leads_to_its_page(make_draft, client_for):
    draft = make_draft()
    assert client_for("mishu").get(f"/documents/{draft.pk}/")["Location"] == f"/matters/{draft.pk}/"


def test_the_matter_page_offers_each_step_to_the_right_person(make_draft, advance, client_for):
    draft = advance(make_draft(), "checking")
    director = client_for("director").get(f"/matters/{draft.pk}/").content.decode()
    assert 'id="do-review"' in director and "政策法规" in director and 'name="process_ok"' in director
    assert 'id="do-review"' not in client_for("deputy_director").get(f"/matters/{draft.pk}/").content.decode()


def test_the_incoming_page_offers_proposal_with_leaders(office, act, client_for):
    from shuniu.documents.services import register_incoming

    item = register_incoming(office["jiyao"], {"issuer": "省人民政府办公厅", "title": "省人民政府办公厅关于做好春耕生产工作的通知"})
    act(item, "review", "jiyao", {})
    page = client_for("jiyao").get(f"/matters/{item.pk}/").content.decode()
    assert 'id="do-propose"' in page and "呈批领导" in page and "李正华" in page
    response = client_for("jiyao").post(f"/matters/{item.pk}/do/propose/", {
        "handling": "reading", "leader": office["mayor"].pk, "comment": "拟呈市长阅示。", "version": item.version + 1})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "to_instruct"
