"""The list tools a clerk relies on: Excel export of what the list shows, batch 签收 and 催办."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from shuniu.core.models import AuditEvent
from shuniu.matters import exports
from shuniu.matters.models import Assignment, Entry, Matter


def _sheet_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_TYPE
    ws = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in ws.iter_rows(values_only=True)]


def _serials(rows):
    header = rows[2]
    col = header.index("编号")
    return [row[col] for row in rows[3:] if row[0] is not None and isinstance(row[0], int)]


def test_export_holds_the_filtered_rows_the_caller_may_see_and_is_audited(make_item, client_for):
    jtj_one = make_item(lead="jtj", title="推进城区公交线网优化")
    jtj_two = make_item(lead="jtj", title="推进公交场站建设")
    make_item(lead="jtj", title="治理道路扬尘")
    make_item(lead="hbj", title="推进城区公交与环保联动")  # hbj's: jtj does not see it
    response = client_for("jtj_staff").get("/matters/", {"q": "公交", "format": "xlsx"})
    rows = _sheet_rows(response)
    assert sorted(_serials(rows)) == sorted([jtj_one.serial, jtj_two.serial])
    assert rows[2][:4] == ["序号", "类别", "编号", "标题"]
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.username == "jtj_staff" and event.target == "事项查询"
    assert "2条" in event.detail and "q=公交" in event.detail


def test_export_is_capped(make_item, client_for, monkeypatch):
    for i in range(3):
        make_item(lead="jtj", title=f"事项{i}")
    monkeypatch.setattr(exports, "MAX_EXPORT_ROWS", 2)
    rows = _sheet_rows(client_for("duban").get("/matters/", {"format": "xlsx"}))
    assert len(_serials(rows)) == 2
    assert "导出上限为2条" in rows[-1][0]
    assert "已达导出上限" in AuditEvent.objects.get(action=AuditEvent.Action.EXPORT).detail


def test_inbox_exports_the_callers_todos(make_item, client_for):
    item = make_item(lead="jtj", title="推进城区公交线网优化")
    rows = _sheet_rows(client_for("jtj_staff").get("/matters/inbox/", {"format": "xlsx"}))
    assert _serials(rows) == [item.serial]
    assert "待办" in rows[2]
    assert _serials(_sheet_rows(client_for("hbj_staff").get("/matters/inbox/", {"format": "xlsx"}))) == []


def test_every_list_page_offers_the_export_button(make_item, client_for):
    make_item(lead="jtj")
    client = client_for("duban")
    for url in ("/matters/", "/matters/inbox/", "/supervision/", "/hotline/", "/petitions/", "/documents/"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert 'id="export-xlsx"' in page.content.decode(), url
        assert client.get(url, {"format": "xlsx"})["Content-Type"] == exports.XLSX_TYPE, url


def test_batch_accept_takes_each_matter_through_the_engine_and_reports_each(make_item, client_for, demo_office):
    first = make_item(lead="jtj", title="推进城区公交线网优化")
    second = make_item(lead="jtj", assist=["hbj"], title="推进公交场站建设")
    elsewhere = make_item(lead="hbj", title="治理道路扬尘")  # not jtj's to accept
    response = client_for("jtj_staff").post("/matters/batch/", {
        "action": "accept", "ids": [first.pk, second.pk, elsewhere.pk], "next": "/matters/inbox/"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "已签收2件" in html and "未办理1件" in html
    assert "事项不存在或您无权查看" in html  # jtj may not even see hbj's matter; its title is not shown
    assert "治理道路扬尘" not in html
    for matter in (first, second):
        lead = Assignment.objects.get(matter=matter, unit__code="jtj")
        assert lead.status == Assignment.Status.ACCEPTED
        assert Entry.objects.filter(matter=matter, action="accept", actor=demo_office["jtj_staff"]).count() == 1
        assert Matter.objects.get(pk=matter.pk).status == "in_progress"
    assert Assignment.objects.get(matter=elsewhere, unit__code="hbj").status == Assignment.Status.PENDING


def test_batch_accept_refuses_what_is_already_accepted_with_the_reason(make_item, client_for):
    item = make_item(lead="jtj")
    client = client_for("jtj_staff")
    client.post("/matters/batch/", {"action": "accept", "ids": [item.pk]})
    html = client.post("/matters/batch/", {"action": "accept", "ids": [item.pk]}).content.decode()
    assert "未办理1件" in html and "该事项的“签收”已有人办理" in html
    assert Entry.objects.filter(matter=item, action="accept").count() == 1


def test_batch_chase_by_the_supervision_office_notifies_and_journals(make_item, client_for):
    one, two = make_item(lead="jtj"), make_item(lead="hbj", title="治理道路扬尘")
    html = client_for("duban").post("/matters/batch/", {"action": "chase", "ids": [one.pk, two.pk]}).content.decode()
    assert "已催办2件" in html
    for matter in (one, two):
        entry = Entry.objects.get(matter=matter, action="chase")
        assert entry.comment == "请抓紧办理，按时限办结并反馈。"
        assert Matter.objects.get(pk=matter.pk).chase_count == 1


def test_batch_chase_is_refused_to_a_unit_that_may_not_chase(make_item, client_for):
    item = make_item(lead="jtj")
    html = client_for("jtj_staff").post("/matters/batch/", {"action": "chase", "ids": [item.pk]}).content.decode()
    assert "未办理1件" in html and "无权" in html
    assert not Entry.objects.filter(matter=item, action="chase").exists()


def test_batch_without_ticks_or_with_an_unknown_action_changes_nothing(make_item, client_for):
    item = make_item(lead="jtj")
    client = client_for("jtj_staff")
    assert client.post("/matters/batch/", {"action": "accept", "next": "https://evil.example/"})["Location"] == "/matters/inbox/"
    assert client.post("/matters/batch/", {"action": "close", "ids": [item.pk]}).status_code == 302
    assert not Entry.objects.filter(matter=item, action="accept").exists()


# --- 附件预览 ---------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _attach(matter, name, content, settings, tmp_path):
    from django.core.files.base import ContentFile

    from shuniu.matters.models import Attachment

    settings.MEDIA_ROOT = str(tmp_path / "files")
    settings.DATA_DIR = tmp_path
    item = Attachment(matter=matter, name=name, size=len(content))
    item.file.save(name, ContentFile(content), save=False)
    item.save()
    return f"/matters/{matter.pk}/files/{item.pk}/preview/"


def test_an_image_and_a_pdf_are_shown_inline_and_never_cached(make_item, client_for, settings, tmp_path):
    matter = make_item(lead="jtj")
    client = client_for("jtj_staff")
    for name, content, content_type in (("现场照片.png", PNG, "image/png"), ("方案.pdf", b"%PDF-1.7\n%...", "application/pdf")):
        response = client.get(_attach(matter, name, content, settings, tmp_path))
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"].startswith("inline")
        assert response["Cache-Control"] == "no-store"
        assert response["X-Frame-Options"] == "SAMEORIGIN"  # shown in the page's frame, nowhere else
    detail = client.get(f"/matters/{matter.pk}/").content.decode()
    assert "sn-preview-link" in detail and 'id="preview-modal"' in detail


def test_a_file_that_only_claims_to_be_a_pdf_is_not_shown_inline(make_item, client_for, settings, tmp_path):
    matter = make_item(lead="jtj")
    response = client_for("jtj_staff").get(_attach(matter, "通知.pdf", b"MZ\x90\x00 not a pdf", settings, tmp_path))
    assert response["Content-Type"].startswith("text/html")
    assert "不能在页面中预览，请下载后查看" in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_a_word_file_is_shown_as_pdf_when_libreoffice_is_there(make_item, client_for, settings, tmp_path, monkeypatch):
    from shuniu.core import convert

    matter = make_item(lead="jtj")
    url = _attach(matter, "情况报告.docx", b"PK\x03\x04 word", settings, tmp_path)
    client = client_for("jtj_staff")
    monkeypatch.setattr(convert, "libreoffice", lambda: None)
    response = client.get(url)
    assert "服务器未安装LibreOffice" in response.content.decode()
    assert "/files/" in response.content.decode()  # the download link
    calls = []
    monkeypatch.setattr(convert, "libreoffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(convert, "to_pdf", lambda content, suffix, **kw: calls.append(suffix) or b"%PDF-1.7 converted")
    for _ in range(2):
        response = client.get(url)
        assert response["Content-Type"] == "application/pdf" and response.content == b"%PDF-1.7 converted"
    assert calls == [".docx"]  # converted once, then kept


def test_no_preview_for_whom_may_not_see_the_matter(make_item, client_for, settings, tmp_path):
    matter = make_item(lead="jtj")
    url = _attach(matter, "现场照片.png", PNG, settings, tmp_path)
    assert client_for("hbj_staff").get(url).status_code == 404


def test_a_kind_without_its_own_form_prints_the_generic_sheet(make_item, client_for):
    item = make_item(lead="jtj", title="推进城区公交线网优化")
    client = client_for("jtj_staff")
    assert 'id="print-link"' in client.get(f"/matters/{item.pk}/").content.decode()
    html = client.get(f"/matters/{item.pk}/print/").content.decode()
    assert "督查督办处理单" in html and "推进城区公交线网优化" in html and "交通运输局（主办" in html



def test_the_kinds_lists_carry_the_batch_checkboxes(make_item, client_for):
    item = make_item(lead="jtj")
    html = client_for("duban").get("/supervision/").content.decode()
    assert 'id="batch-chase"' in html and f'name="ids" value="{item.pk}" form="batch-form"' in html
    assert 'id="batch-form"' in client_for("rexian").get("/hotline/").content.decode()
