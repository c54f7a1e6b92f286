"""The 发文稿纸 printed from a document's page (/matters/<id>/print/)."""


def test_the_draft_sheet_prints_the_documents_elements_and_its_reviews(make_draft, client_for):
    matter = make_draft(title="关于做好2026年冬季供暖保障工作的通知")
    response = client_for("mishu").get(f"/matters/{matter.pk}/print/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "发文稿纸" in html and 'id="draft-sheet"' in html
    assert "关于做好2026年冬季供暖保障工作的通知" in html
    assert "拟稿单位" in html and "签发" in html and "（待编号）" in html
    assert "shuniu/print.css" in html and "<script>" not in html and "style=" not in html


def test_no_print_for_whom_may_not_see_the_document(make_draft, client_for):
    matter = make_draft()
    assert client_for("hbj_staff").get(f"/matters/{matter.pk}/print/").status_code == 404
