"""GB/T 9704-2012 output: the .docx is read back and its page, margins, grid, fonts and sizes checked
element by element, for 下行文, 上行文 (签发人), 信函格式, 纪要格式 and a joint document."""

import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from shuniu.documents import rendering
from shuniu.matters.models import Matter

FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI = "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"


def read(data: bytes):
    return Document(io.BytesIO(data))


def east_asian(run) -> str:
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def paragraph(document, text: str, exact: bool = False):
    found = [p for p in document.paragraphs
             if (p.text.strip() == text if exact else p.text.startswith(text) or p.text.strip().startswith(text))]
    assert found, f"找不到段落：{text}"
    return found[0]


def font_of(par, index: int = 0) -> tuple[str, float]:
    run = par.runs[index]
    return east_asian(run), run.font.size.pt


def within(value, expected_mm, tolerance=0.1) -> bool:
    return abs(value.mm - expected_mm) <= tolerance


@pytest.fixture
def notice(make_draft, advance):
    matter = advance(make_draft(attachment_notes="春运期间值班表\n应急运力储备清单", cc="市委办公室、市人大常委会办公室"),
                     "issued")
    return matter.outgoing


def test_page_is_a4_with_the_standard_margins_and_grid(notice):
    document = read(rendering.outgoing_docx(notice))
    section = document.sections[0]
    assert within(section.page_width, 210) and within(section.page_height, 297)
    assert within(section.top_margin, 37) and within(section.bottom_margin, 35)
    assert within(section.left_margin, 28) and within(section.right_margin, 26)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    line_pitch_pt = int(grid.get(qn("w:linePitch"))) / 20
    assert 22 == int((225 * 72 / 25.4) // line_pitch_pt)  # 22 lines in the 225 mm text block
    char_pitch = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert 28 == round(Mm(156).pt / char_pitch)  # 28 characters across the 156 mm text block
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == FANGSONG


def test_downward_document_elements_have_their_fonts_sizes_and_positions(notice):
    document = read(rendering.outgoing_docx(notice))
    mark = paragraph(document, "市政府办公室文件")
    assert font_of(mark) == (XIAOBIAOSONG, 36)
    assert str(mark.runs[0].font.color.rgb) == "FF0000" and mark.alignment == 1
    assert mark.paragraph_format.space_before.mm == pytest.approx(35, abs=0.5)  # 35 mm below the text block top
    number = paragraph(document, notice.doc_number)
    assert number.text == notice.doc_number and number.alignment == 1
    assert font_of(number) == (FANGSONG, 16)
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"
    title = paragraph(document, notice.matter.title)
    assert font_of(title) == (XIAOBIAOSONG, 22) and title.alignment == 1
    main_to = paragraph(document, "各区县人民政府、市政府各部门")
    assert main_to.text.endswith("：") and font_of(main_to) == (FANGSONG, 16)
    body = paragraph(document, "为切实做好")
    assert font_of(body) == (FANGSONG, 16)
    assert body.paragraph_format.first_line_indent.pt == pytest.approx(32, abs=0.1)  # two characters
    assert font_of(paragraph(document, "一、提高思想认识")) == (HEITI, 16)
    assert font_of(paragraph(document, "（一）科学安排运力")) == (KAITI, 16)
    assert font_of(paragraph(document, "（一）科学安排运力"), 1) == (FANGSONG, 16)
    notes = paragraph(document, "附件：1.春运期间值班表")
    assert font_of(notes) == (FANGSONG, 16) and paragraph(document, "2.应急运力储备清单")
    signature = paragraph(document, "市政府办公室", exact=True)
    assert signature.alignment == 2
    date = notice.written_date
    dated = paragraph(document, f"{date.year}年{date.month}月{date.day}日")
    assert dated.alignment == 2 and font_of(dated) == (FANGSONG, 16)


def test_every_run_names_its_east_asian_font(notice):
    document = read(rendering.outgoing_docx(notice))
    for par in document.paragraphs:
        for run in par.runs:
            if run.text.strip():
                assert east_asian(run) in {FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI}, run.text


def test_colophon_and_page_numbers(notice):
    document = read(rendering.outgoing_docx(notice))
    colophon = document.tables[-1]
    copy_to, printed = (row.cells[0].paragraphs[0] for row in colophon.rows)
    assert copy_to.text == "抄送：市委办公室，市人大常委会办公室。"
    assert font_of(copy_to) == (FANGSONG, 14)
    date = notice.print_date
    assert printed.text == f"市政府办公室\t{date.year}年{date.month}月{date.day}日印发"
    assert font_of(printed) == (FANGSONG, 14)
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment == 2 and even.alignment == 0  # odd pages right, even pages left
    assert font_of(odd) == (SONGTI, 14) and odd.runs[0].text == "— "
    assert "PAGE" in odd._p.xml


@pytest.fixture
def request_doc(make_draft, advance):
    matter = advance(make_draft(
        doc_type="request", title="市政府办公室关于申请召开全市春运工作电视电话会议的请示",
        body="为部署春运工作，拟于1月8日召开全市春运工作电视电话会议。妥否，请批示。", main_to="市人民政府",
        annotation="联系人：褚文博，电话：0791-86881234"), "issuing", signer="mayor")
    return matter.outgoing


def test_upward_document_shows_the_signer_beside_the_number(request_doc):
    document = read(rendering.outgoing_docx(request_doc))
    line = paragraph(document, "\t" + request_doc.doc_number)
    assert line.alignment == 0  # the number on the left, 签发人 on the right of the same line
    assert line.runs[0].text.endswith("签发人：") and font_of(line, 0) == (FANGSONG, 16)
    assert line.runs[1].text == "李正华" and font_of(line, 1) == (KAITI, 16)
    note = paragraph(document, "（联系人：褚文博")
    assert font_of(note) == (FANGSONG, 16)


def test_letter_format_has_its_mark_and_double_rules_on_the_first_page(make_draft, advance):
    letter = advance(make_draft(doc_type="letter", title="市政府办公室关于商请支持春运保障工作的函",
                                main_to="市交通运输局", cc="市公安局"), "issued").outgoing
    document = read(rendering.outgoing_docx(letter))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert within(section.header_distance, 30)  # 标志 30 mm from the top of the page
    mark = section.first_page_header.paragraphs[0]
    assert mark.text == "市政府办公室" and font_of(mark) == (XIAOBIAOSONG, 36)
    assert str(mark.runs[0].font.color.rgb) == "FF0000"
    upper = mark._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert upper.get(qn("w:val")) == "thickThinMediumGap" and upper.get(qn("w:color")) == "FF0000"
    assert mark.paragraph_format.left_indent.mm == pytest.approx(-7, abs=0.1)  # 170 mm long
    lower = section.first_page_footer.paragraphs[0]._p.pPr.find(qn("w:pBdr")).find(qn("w:top"))
    assert lower.get(qn("w:val")) == "thinThickMediumGap"
    assert "PAGE" not in section.first_page_footer.paragraphs[0]._p.xml  # no number on the first page
    number = paragraph(document, "\t" + letter.doc_number)
    assert font_of(number) == (FANGSONG, 16)
    assert letter.doc_number.startswith("市政办函〔")
    rows = [row.cells[0].text for row in document.tables[-1].rows]
    assert rows == ["抄送：市公安局。"]  # 信函格式: no 印发机关 and 印发日期


def test_minutes_format_lists_attendance_without_signature(make_draft, advance):
    body = ("1月5日，市政府召开专题会议，研究部署春运交通运输保障工作。现将会议议定事项纪要如下。\n"
            "一、关于运力保障\n会议要求交通运输部门加强运力调度。\n"
            "出席：吴建平、冯德明\n请假：王志刚（公务）\n列席：市交通运输局、市公安局有关负责同志")
    minutes = advance(make_draft(doc_type="minutes", title="市政府春运交通运输保障工作专题会议纪要", body=body,
                                 main_to=""), "issued").outgoing
    document = read(rendering.outgoing_docx(minutes))
    mark = paragraph(document, "市政府办公室会议纪要")
    assert font_of(mark) == (XIAOBIAOSONG, 36) and str(mark.runs[0].font.color.rgb) == "FF0000"
    attend = paragraph(document, "出席：")
    assert attend.runs[0].text == "出席：" and font_of(attend, 0) == (HEITI, 16)
    assert attend.runs[1].text == "吴建平、冯德明" and font_of(attend, 1) == (FANGSONG, 16)
    assert attend.paragraph_format.first_line_indent.pt == pytest.approx(-48, abs=0.1)  # names aligned after "出席："
    assert paragraph(document, "列席：").runs[1].text.startswith("市交通运输局")
    texts = [p.text for p in document.paragraphs]
    assert not any(t.startswith("出席：") for t in texts[:5])
    assert not minutes.sealed
    date = minutes.written_date
    assert f"{date.year}年{date.month}月{date.day}日" not in [t.strip() for t in texts]  # no 署名/成文日期 block


def test_joint_document_stacks_every_issuer_beside_wenjian(make_draft, advance):
    joint = advance(make_draft(issuer_units=["szfb", "czj", "jtj"]), "issued",
                    countersigners=("czj_head", "jtj_head")).outgoing
    document = read(rendering.outgoing_docx(joint))
    mark = document.tables[0]
    names, suffix = mark.rows[0].cells
    assert [p.text for p in names.paragraphs] == ["市政府办公室", "财政局", "交通运输局"]
    assert suffix.text == "文件"
    run = names.paragraphs[0].runs[0]
    assert east_asian(run) == XIAOBIAOSONG and str(run.font.color.rgb) == "FF0000"


def test_classified_document_prints_copy_number_secrecy_and_urgency_top_left(make_draft, advance):
    secret = advance(make_draft(secrecy=1, secrecy_years=5, copy_number="8", urgency="very_urgent"), "issued").outgoing
    document = read(rendering.outgoing_docx(secret))
    first = [p for p in document.paragraphs[:3]]
    assert [p.text for p in first] == ["000008", "秘密★5年", "特急"]
    assert all(font_of(p) == (HEITI, 16) and p.alignment == 0 for p in first)


def test_a_draft_renders_without_a_number_yet(make_draft):
    draft = make_draft()
    document = read(rendering.outgoing_docx(draft.outgoing))
    assert paragraph(document, "市政府办公室文件")
    assert draft.outgoing.doc_number == ""


def test_pdf_needs_libreoffice(make_draft, monkeypatch):
    monkeypatch.setattr(rendering, "libreoffice", lambda: None)
    draft = make_draft()
    with pytest.raises(rendering.RenderError) as caught:
        rendering.render_for(draft, "pdf")
    assert caught.value.status == 422 and "LibreOffice" in caught.value.message


def test_an_incoming_document_renders_the_issued_original(make_draft, advance):
    issued = advance(make_draft(main_to="市交通运输局"), "issued")
    incoming = issued.outgoing.recipients.get(unit__code="jtj").incoming
    content, content_type, name = rendering.render_for(incoming, "docx")
    assert name == f"{issued.outgoing.doc_number}.docx" and content_type == rendering.DOCX_TYPE
    assert paragraph(read(content), issued.outgoing.doc_number)


def test_handling_card_docx_has_the_whole_history(office, act):
    from shuniu.documents.services import register_incoming

    item = register_incoming(office["jiyao"], {"issuer": "省人民政府办公厅", "doc_number": "晋政办发(2026)3号",
                                               "title": "省人民政府办公厅关于做好春节期间值班工作的通知"})
    act(item, "review", "jiyao", {})
    act(item, "propose", "jiyao", {"handling": "reading", "leader": "director", "comment": "拟呈主任阅示。"})
    act(item, "instruct", "director", {"comment": "请总值班室抓好落实。"})
    act(item, "circulate", "jiyao", {"readers": ["mayor", "vmayor1"]})
    act(item, "mark_read", "mayor", {})
    item = Matter.objects.get(pk=item.pk)
    document = read(rendering.card_docx(item))
    assert paragraph(document, "机要室收文阅办卡")
    card = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert card["发文字号"] == "晋政办发〔2026〕3号"
    assert card["拟办意见"].startswith("拟呈主任阅示。")
    assert card["领导批办"].startswith("请总值班室抓好落实。")
    assert "李正华：圈阅" in card["传阅情况"] and "周国强：未阅" in card["传阅情况"]
    journal = [row.cells[2].text for row in document.tables[1].rows[1:]]
    assert journal == ["签收登记", "初审通过", "拟办", "批办", "传阅", "阅文"]


def test_libreoffice_gets_the_line_grid_without_the_character_grid():
    import io
    import zipfile

    from shuniu.core import gbt9704
    from shuniu.documents.rendering import for_libreoffice

    docx = gbt9704.render(gbt9704.OfficialDocument(issuer_mark="市人民政府办公室", title="关于测试的通知", body=["正文。"]))
    original = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    assert 'w:type="linesAndChars"' in original and "w:charSpace" in original
    adjusted = zipfile.ZipFile(io.BytesIO(for_libreoffice(docx))).read("word/document.xml").decode()
    assert 'w:type="lines"' in adjusted and "w:charSpace" not in adjusted and 'w:linePitch="579"' in adjusted
