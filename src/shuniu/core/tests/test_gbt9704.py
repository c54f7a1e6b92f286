"""The GB/T 9704-2012 writer, read back with python-docx: page, 版头, 主体, 版记, page numbers."""

import datetime
import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import RGBColor

from shuniu.core import gbt9704 as g

W = qn


def sample(**changes) -> g.OfficialDocument:
    doc = g.OfficialDocument(
        title="关于进一步加强安全生产工作的通知",
        issuer_mark="市人民政府办公室",
        doc_number=g.document_number("市政办发", 2026, 7),
        main_to="各县（区）人民政府，市政府各部门",
        body=["为深入贯彻落实安全生产工作部署，现就有关事项通知如下。", "一、压实安全责任",
              "（一）落实主体责任。各单位主要负责同志是第一责任人。", "1.建立责任清单。", "（1）逐级签订责任书。"],
        attachment_names=["安全生产责任清单", "重点检查事项表"],
        appendices=[g.Appendix("安全生产责任清单", ["按单位列明责任事项。"]),
                    g.Appendix("重点检查事项表", [g.Table(["序号", "事项"], [["1", "消防设施"]])])],
        signature="市人民政府办公室", date=datetime.date(2026, 3, 5), note="此件公开发布",
        copy_to=["市委办公室", "市人大常委会办公室"], printer="市人民政府办公室", print_date=datetime.date(2026, 3, 6),
    )
    for key, value in changes.items():
        setattr(doc, key, value)
    return doc


def read(doc: g.OfficialDocument) -> Document:
    return Document(io.BytesIO(g.render(doc)))


def first(document, text):
    return next(p for p in document.paragraphs if p.text == text)


def east_asia(run) -> str:
    return run._element.rPr.rFonts.get(W("w:eastAsia"))


def test_page_is_a4_with_the_standard_margins_and_22_line_grid():
    section = read(sample()).sections[0]
    assert abs(section.page_width.mm - 210) < 0.1 and abs(section.page_height.mm - 297) < 0.1
    assert [round(x, 1) for x in (section.top_margin.mm, section.bottom_margin.mm,
                                  section.left_margin.mm, section.right_margin.mm)] == [37.0, 35.0, 28.0, 26.0]
    grid = section._sectPr.find(W("w:docGrid"))
    assert grid.get(W("w:type")) == "linesAndChars" and grid.get(W("w:linePitch")) == "579"
    assert 22 * 579 / 20 <= 225 / 25.4 * 72  # 22 lines fit the 225 mm text block


def test_head_mark_number_and_red_line():
    document = read(sample())
    mark = first(document, "市人民政府办公室")
    run = mark.runs[0]
    assert (east_asia(run), run.font.color.rgb) == ("方正小标宋简体", RGBColor(0xFF, 0, 0))
    assert run.font.size.pt == 36 and mark.alignment == 1
    assert round(mark.paragraph_format.space_before.mm) == 35
    number = first(document, "市政办发〔2026〕7号")
    assert number.alignment == 1 and east_asia(number.runs[0]) == "仿宋_GB2312"
    rule = number._p.pPr.find(W("w:pBdr")).find(W("w:bottom"))
    assert (rule.get(W("w:val")), rule.get(W("w:color")), rule.get(W("w:space"))) == ("single", "FF0000", "11")


def test_top_left_elements_take_space_from_the_mark():
    document = read(sample(copy_number="000123", secrecy="机密★1年", urgency="特急"))
    texts = [p.text for p in document.paragraphs[:3]]
    assert texts == ["000123", "机密★1年", "特急"]
    assert all(east_asia(p.runs[0]) == "黑体" for p in document.paragraphs[:3])
    mark = first(document, "市人民政府办公室")
    assert mark.paragraph_format.space_before.mm < 35


def test_upward_document_puts_the_number_left_and_the_signer_right():
    document = read(sample(signers=["李正华"]))
    line = next(p for p in document.paragraphs if "签发人" in p.text)
    assert line.text == "\t市政办发〔2026〕7号\t签发人：李正华"
    assert east_asia(line.runs[-1]) == "楷体_GB2312"
    assert [t.alignment for t in line.paragraph_format.tab_stops] == [0, 2]  # left, right


def test_title_body_and_heading_fonts():
    document = read(sample())
    title = first(document, "关于进一步加强安全生产工作的通知")
    assert (east_asia(title.runs[0]), title.runs[0].font.size.pt, title.alignment) == ("方正小标宋简体", 22, 1)
    assert first(document, "各县（区）人民政府，市政府各部门：").paragraph_format.first_line_indent is None
    body = first(document, "为深入贯彻落实安全生产工作部署，现就有关事项通知如下。")
    assert (east_asia(body.runs[0]), body.runs[0].font.size.pt) == ("仿宋_GB2312", 16)
    assert body.paragraph_format.first_line_indent.pt == 32  # two characters
    assert east_asia(first(document, "一、压实安全责任").runs[0]) == "黑体"
    sub = first(document, "（一）落实主体责任。各单位主要负责同志是第一责任人。")
    assert [east_asia(r) for r in sub.runs] == ["楷体_GB2312", "仿宋_GB2312"]
    assert [r.text for r in sub.runs] == ["（一）落实主体责任。", "各单位主要负责同志是第一责任人。"]
    assert east_asia(first(document, "1.建立责任清单。").runs[0]) == "仿宋_GB2312"
    assert east_asia(first(document, "（1）逐级签订责任书。").runs[0]) == "仿宋_GB2312"


def test_attachment_notes_signature_date_and_note():
    document = read(sample())
    notes = [first(document, "附件：1.安全生产责任清单"), first(document, "2.重点检查事项表")]
    assert notes[0].paragraph_format.left_indent == notes[1].paragraph_format.left_indent  # names line up
    assert notes[0].paragraph_format.first_line_indent.pt == -48
    signature = [p for p in document.paragraphs if p.text == "市人民政府办公室"][-1]
    date = first(document, "2026年3月5日")
    assert signature.alignment == date.alignment == 2  # right
    # 署名 8 characters right-indented 2; the 6-character date starts 2 characters further right.
    assert signature.paragraph_format.right_indent.pt == 32
    assert date.paragraph_format.right_indent.pt == 32
    assert first(document, "（此件公开发布）")


def test_a_long_date_pushes_the_signature_left():
    document = read(sample(signature="市政府办", date=datetime.date(2026, 12, 25)))
    signature = first(document, "市政府办")
    date = first(document, "2026年12月25日")
    # date width 2+1+1+1+1+1 = 7 > 4 - 2: the date is right-indented 2, the 署名 7 + 2 + 2 - 4 = 7.
    assert date.paragraph_format.right_indent.pt == 32
    assert signature.paragraph_format.right_indent.pt == 7 * 16


def test_appendices_start_new_pages_with_their_labels():
    document = read(sample())
    labels = [p for p in document.paragraphs if p.text in ("附件1", "附件2")]
    assert [p.text for p in labels] == ["附件1", "附件2"]
    assert all(p.paragraph_format.page_break_before and east_asia(p.runs[0]) == "黑体" for p in labels)
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "事项"]
    assert east_asia(table.rows[0].cells[0].paragraphs[0].runs[0]) == "黑体"


def test_colophon_sits_at_the_foot_of_the_text_block_between_rules():
    document = read(sample())
    colophon = document.tables[-1]
    position = colophon._tbl.tblPr.find(W("w:tblpPr"))
    assert (position.get(W("w:vertAnchor")), position.get(W("w:tblpYSpec"))) == ("margin", "bottom")
    borders = colophon._tbl.tblPr.find(W("w:tblBorders"))
    sizes = {tag: borders.find(W(f"w:{tag}")).get(W("w:sz")) for tag in ("top", "bottom", "insideH")}
    assert sizes == {"top": "8", "bottom": "8", "insideH": "6"}  # 0.35 mm outside, 0.25 mm inside
    assert borders.find(W("w:left")).get(W("w:val")) == "nil"
    copy_to, printed = (row.cells[0].paragraphs[0] for row in colophon.rows)
    assert copy_to.text == "抄送：市委办公室，市人大常委会办公室。"
    assert printed.text == "市人民政府办公室\t2026年3月6日印发"
    assert (east_asia(copy_to.runs[0]), copy_to.runs[0].font.size.pt) == ("仿宋_GB2312", 14)


def test_page_numbers_are_a_page_field_in_4_songti_odd_right_even_left():
    document = read(sample())
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert (odd.alignment, even.alignment) == (2, 0)
    for footer in (odd, even):
        assert footer.text == "— 1 —"
        assert "<w:instrText" in footer._p.xml and " PAGE " in footer._p.xml
        assert all(east_asia(r) == "宋体" and r.font.size.pt == 14 for r in footer.runs)


def test_body_font_defaults_and_east_asian_language():
    normal = read(sample()).styles["Normal"]
    fonts = normal.element.rPr.rFonts
    assert fonts.get(W("w:eastAsia")) == "仿宋_GB2312" and normal.font.size.pt == 16
    assert normal.element.rPr.find(W("w:lang")).get(W("w:eastAsia")) == "zh-CN"


def test_document_numbers_and_dates_follow_the_rules():
    assert g.document_number("赣交办字", 2007, 25) == "赣交办字〔2007〕25号"
    assert g.chinese_date(datetime.date(2026, 3, 5)) == "2026年3月5日"
    assert g.text_width("2026年3月5日") == 6
