"""GB/T 9704-2012 《党政机关公文格式》 as a .docx.

`render(OfficialDocument(...)) -> bytes` lays a document out the way the standard fixes it:

- page: A4 210×297 mm; margins top 37, bottom 35, left 28, right 26 mm (text block 156×225 mm);
  22 lines × 28 characters (document grid); text black;
- 版头: 份号, 密级和保密期限, 紧急程度 top-left in 3号黑体; 发文机关标志 red 小标宋, centred, 35 mm
  below the top of the text block; 发文字号 two lines below, centred (on an upward document on the
  left, with 签发人 on the right of the same line); a red separator 4 mm below, as wide as the text;
- 主体: title 2号小标宋 centred two lines below the red line; 主送机关 one line below, flush left,
  ending with "："; body 3号仿宋, first line indented two characters, headings "一、" 黑体,
  "（一）" 楷体, "1." and "（1）" 仿宋; 附件说明; 发文机关署名 and 成文日期 (unsealed layout:
  署名 right-indented two characters, the date on the next line starting two characters further
  right); 附注 in parentheses; each 附件 on a new page headed "附件N" in 黑体;
- 版记 at the foot of the last page: 抄送机关 and 印发机关/印发日期 in 4号仿宋 between full-width
  rules (outer 0.35 mm, inner 0.25 mm);
- 页码 "— 1 —" in 4号宋体, a PAGE field in the footer, odd pages right, even pages left, each one
  character in from the edge of the text block.

East Asian font names (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体) are written to
`w:rFonts/@w:eastAsia` as well as the Latin slots, so Word and WPS pick them for Chinese text.
The 公文 kind builds on this; keep it free of any business model.
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor, Twips

# --- The standard's numbers ----------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TEXT_WIDTH = Mm(156)
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
# 225 mm / 22 lines = 28.99 pt; 579 twips (28.95 pt) keeps 22 lines inside the block in Word and WPS.
LINE_PITCH = Twips(579)

SIZE_2 = Pt(22)  # 2号
SIZE_3 = Pt(16)  # 3号
SIZE_4 = Pt(14)  # 4号
SIZE_SMALL_4 = Pt(12)  # 小4号, for tables
SIZE_MARK = Pt(36)  # 发文机关标志: 小初; the standard fixes only "醒目、美观、庄重"

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"

RED = RGBColor(0xFF, 0x00, 0x00)
BLACK = RGBColor(0x00, 0x00, 0x00)

CHAR = SIZE_3  # one character of body text
MARK_TOP_OFFSET = Mm(35)  # 发文机关标志 top edge below the text block's top edge
SEPARATOR_GAP_PT = 11  # 4 mm between the 发文字号 and the red line (w:space is in points)
# 页码: its dash 7 mm below the text block; the footer is placed by its distance from the page bottom.
FOOTER_DISTANCE = Emu(Mm(35 - 7) - SIZE_4)
LETTER_MARK_TOP = Mm(30)  # 信函格式: 发文机关标志 top edge below the top of the page
LETTER_RULE_WIDTH = Mm(170)  # 信函格式: both red double rules

HEADING_1 = re.compile(r"^[一二三四五六七八九十百]+、")
HEADING_2 = re.compile(r"^（[一二三四五六七八九十百]+）")
HEADING_3 = re.compile(r"^\d+[.．]")
HEADING_4 = re.compile(r"^（\d+）")


# --- What a document is made of ----------------------------------------------------------


@dataclass
class Paragraph:
    """A paragraph of 正文. `level` "auto" reads the numbering at its start (一、 → 1, （一） → 2,
    1. → 3, （1） → 4, otherwise body); "plain" is a body paragraph whatever it starts with."""

    text: str
    level: str | int = "auto"


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    widths_mm: list[float] | None = None
    align: list[str] | None = None  # per column: "left" / "center" / "right"; default centred


@dataclass
class Appendix:
    """附件: starts a new page headed "附件N" (黑体), then its title and content."""

    title: str
    content: list[str | Paragraph | Table] = field(default_factory=list)


@dataclass
class OfficialDocument:
    title: str
    issuer_mark: str = ""  # 发文机关标志, e.g. "市人民政府办公室" or "××市人民政府文件"
    doc_number: str = ""  # 发文字号, e.g. "市政办督〔2026〕3号"
    main_to: str = ""  # 主送机关
    body: list[str | Paragraph | Table] = field(default_factory=list)
    attachment_names: list[str] = field(default_factory=list)  # 附件说明
    appendices: list[Appendix] = field(default_factory=list)  # 附件 pages, in the order of the 说明
    signature: str = ""  # 发文机关署名
    date: datetime.date | None = None  # 成文日期
    note: str = ""  # 附注 (printed in parentheses)
    copy_to: list[str] = field(default_factory=list)  # 抄送机关
    printer: str = ""  # 印发机关
    print_date: datetime.date | None = None  # 印发日期
    copy_number: str = ""  # 份号 (6 digits on 涉密公文)
    secrecy: str = ""  # 密级和保密期限, e.g. "机密★1年"
    urgency: str = ""  # 紧急程度: 特急 / 加急
    signers: list[str] = field(default_factory=list)  # 签发人, for 上行文
    mark_size: Pt = SIZE_MARK
    # Variants (§10): "document" (下行文; 上行文 with `signers`), "letter" 信函格式, "minutes" 纪要格式.
    layout: str = "document"
    # 联合行文 (§7.2.3): the issuers' names stacked, lead first, with "文件" beside them, centred on them.
    joint_mark: list[str] = field(default_factory=list)
    # 纪要: ("出席", "names"), ("请假", …), ("列席", …) after the text, the label in 黑体.
    attendance: list[tuple[str, str]] = field(default_factory=list)


# --- Public helpers ------------------------------------------------------------------------


def chinese_date(day: datetime.date) -> str:
    """成文日期 and 印发日期: Arabic numerals, no zero padding, e.g. 2026年3月5日."""
    return f"{day.year}年{day.month}月{day.day}日"


def document_number(agency: str, year: int, seq: int) -> str:
    """发文字号: 机关代字 + 〔year〕 + sequence + 号 — no 第, no zero padding."""
    return f"{agency}〔{year}〕{seq}号"


def text_width(text: str) -> float:
    """Width of a line in characters: full-width glyphs count 1, half-width (digits, Latin) ½."""
    return sum(1 if unicodedata.east_asian_width(c) in ("W", "F", "A") else 0.5 for c in text)


def render(doc: OfficialDocument) -> bytes:
    writer = _Writer(doc)
    writer.build()
    out = io.BytesIO()
    writer.document.save(out)
    return out.getvalue()


# --- The writer ----------------------------------------------------------------------------


def set_run_font(run, name: str, size, *, color: RGBColor = BLACK, bold: bool = False) -> None:
    """Font for Latin and East Asian text alike (w:ascii, w:hAnsi, w:eastAsia, w:cs)."""
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    run.font.color.rgb = color
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    rfonts.set(qn("w:hint"), "eastAsia")


def _border(tag: str, size_eighths: int, color: str = "000000", space: int = 0, style: str = "single"):
    element = OxmlElement(f"w:{tag}")
    element.set(qn("w:val"), style if size_eighths else "nil")
    if size_eighths:
        element.set(qn("w:sz"), str(size_eighths))
        element.set(qn("w:space"), str(space))
        element.set(qn("w:color"), color)
    return element


# Children of these elements must appear in the schema's order, or Word refuses the file.
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
             "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
             "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
               "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
               "tblCaption", "tblDescription")
RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
             "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
             "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
             "em", "lang", "eastAsianLayout", "specVanish", "oMath")


def put_child(parent, child, order: tuple[str, ...]):
    """Insert `child` into `parent` at its schema position, replacing an element of the same name."""
    name = child.tag.rsplit("}", 1)[-1]
    existing = parent.find(qn(f"w:{name}"))
    if existing is not None:
        existing.addprevious(child)
        parent.remove(existing)
        return child
    later = order[order.index(name) + 1:]
    for sibling in parent:
        if sibling.tag.rsplit("}", 1)[-1] in later:
            sibling.addprevious(child)
            return child
    parent.append(child)
    return child


def _element(tag: str, **attrs):
    element = OxmlElement(f"w:{tag}")
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))
    return element


def _paragraph_bottom_rule(paragraph, size_eighths: int, color: str, space: int, style: str = "single") -> None:
    borders = _element("pBdr")
    borders.append(_border("bottom", size_eighths, color, space, style))
    put_child(paragraph._p.get_or_add_pPr(), borders, PPR_ORDER)


class _Writer:
    def __init__(self, doc: OfficialDocument):
        self.doc = doc
        self.document = Document()

    def build(self) -> None:
        self._page_setup()
        self._styles()
        self._page_numbers()
        if self.doc.layout == "letter":
            self._letter_head()
        else:
            self._head()
        self._main()
        for index, appendix in enumerate(self.doc.appendices, start=1):
            self._appendix(index, appendix)
        self._colophon()

    # page, styles and footers
    def _page_setup(self) -> None:
        section = self.document.sections[0]
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.header_distance = Mm(15)
        section.footer_distance = FOOTER_DISTANCE
        # 22 lines × 28 characters: the line pitch, and characters narrowed from 16 pt to 156 mm / 28
        # (w:charSpace is in 4096ths of a point relative to the body size).
        char_pitch = TEXT_WIDTH.pt / CHARS_PER_LINE
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = _element("docGrid")
            section._sectPr.append(grid)
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:linePitch"), str(LINE_PITCH.twips))
        grid.set(qn("w:charSpace"), str(round((char_pitch - CHAR.pt) * 4096)))
        self.document.settings.odd_and_even_pages_header_footer = True
        props = self.document.core_properties
        props.title = self.doc.title
        props.language = "zh-CN"
        props.author = self.doc.signature or self.doc.issuer_mark

    def _styles(self) -> None:
        normal = self.document.styles["Normal"]
        normal.font.name = FANGSONG
        normal.font.size = SIZE_3
        normal.font.color.rgb = BLACK
        rpr = normal.element.get_or_add_rPr()
        rfonts = rpr.get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rfonts.set(qn(attr), FANGSONG)
        put_child(rpr, _element("lang", val="zh-CN", eastAsia="zh-CN"), RPR_ORDER)
        fmt = normal.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE_PITCH
        fmt.widow_control = False

    def _page_numbers(self) -> None:
        section = self.document.sections[0]
        for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
            fmt = paragraph.paragraph_format
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
            if odd:
                fmt.right_indent = SIZE_4
            else:
                fmt.left_indent = SIZE_4
            self._run(paragraph, "— ", SONGTI, SIZE_4)
            self._field(paragraph, "PAGE", "1", SONGTI, SIZE_4)
            self._run(paragraph, " —", SONGTI, SIZE_4)

    # building blocks
    def _paragraph(self, *, align=None, first_indent=None, left=None, right=None, before=None, exact=None):
        paragraph = self.document.add_paragraph()
        fmt = paragraph.paragraph_format
        if align is not None:
            paragraph.alignment = align
        if first_indent is not None:
            fmt.first_line_indent = Emu(first_indent)
        if left is not None:
            fmt.left_indent = Emu(left)
        if right is not None:
            fmt.right_indent = Emu(right)
        if before is not None:
            fmt.space_before = Emu(before)
        if exact is not None:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Emu(exact)
        return paragraph

    @staticmethod
    def _run(paragraph, text: str, font: str, size, *, color: RGBColor = BLACK, bold: bool = False):
        run = paragraph.add_run(text)
        set_run_font(run, font, size, color=color, bold=bold)
        return run

    @staticmethod
    def _field(paragraph, instruction: str, placeholder: str, font: str, size) -> None:
        """A field (e.g. PAGE) as begin / instruction / separate / cached result / end runs."""
        for kind, text in (("begin", ""), ("instr", f" {instruction} "), ("separate", ""), ("result", placeholder), ("end", "")):
            run = paragraph.add_run()
            set_run_font(run, font, size)
            if kind == "instr":
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                run._r.append(instr)
            elif kind == "result":
                run.text = text
            else:
                run._r.append(_element("fldChar", fldCharType=kind))

    @staticmethod
    def _lines(n: float) -> Emu:
        return Emu(int(LINE_PITCH * n))

    @staticmethod
    def _chars(n: float, size=CHAR) -> Emu:
        return Emu(int(size * n))

    # 版头
    def _head(self) -> None:
        doc = self.doc
        top_lines = 0
        for text in (doc.copy_number, doc.secrecy, doc.urgency):
            if text:
                self._run(self._paragraph(align=WD_ALIGN_PARAGRAPH.LEFT), text, HEITI, SIZE_3)
                top_lines += 1
        if doc.joint_mark:
            self._joint_mark(max(0, MARK_TOP_OFFSET - self._lines(top_lines)))
        elif doc.issuer_mark:
            before = max(0, MARK_TOP_OFFSET - self._lines(top_lines))
            mark = self._paragraph(align=WD_ALIGN_PARAGRAPH.CENTER, before=before, exact=doc.mark_size * 1.2)
            self._run(mark, doc.issuer_mark, XIAOBIAOSONG, doc.mark_size, color=RED)
        if not (doc.issuer_mark or doc.joint_mark or doc.doc_number):
            return
        has_mark = bool(doc.issuer_mark or doc.joint_mark)
        line = self._paragraph(align=WD_ALIGN_PARAGRAPH.CENTER, before=self._lines(2) if has_mark else None)
        if doc.signers:
            # 上行文: the number one character in from the left, 签发人 one character in from the right.
            line.alignment = WD_ALIGN_PARAGRAPH.LEFT
            tabs = line.paragraph_format.tab_stops
            tabs.add_tab_stop(self._chars(1), WD_TAB_ALIGNMENT.LEFT)
            tabs.add_tab_stop(Emu(TEXT_WIDTH - CHAR), WD_TAB_ALIGNMENT.RIGHT)
            self._run(line, f"\t{doc.doc_number}\t签发人：", FANGSONG, SIZE_3)
            self._run(line, "　".join(doc.signers), KAITI, SIZE_3)
        else:
            self._run(line, doc.doc_number, FANGSONG, SIZE_3)
        _paragraph_bottom_rule(line, 12, "FF0000", SEPARATOR_GAP_PT)

    # 主体
    def _main(self) -> None:
        doc = self.doc
        has_head = bool(doc.issuer_mark or doc.joint_mark or doc.doc_number)
        title = self._paragraph(align=WD_ALIGN_PARAGRAPH.CENTER, before=self._lines(2) if has_head else None)
        self._run(title, doc.title, XIAOBIAOSONG, SIZE_2)
        if doc.main_to:
            main_to = doc.main_to if doc.main_to.endswith(("：", ":")) else f"{doc.main_to}："
            self._run(self._paragraph(align=WD_ALIGN_PARAGRAPH.JUSTIFY, before=self._lines(1)), main_to, FANGSONG, SIZE_3)
        for block in doc.body:
            self._block(block)
        if doc.attachment_names:
            self._attachment_notes(doc.attachment_names)
        if doc.signature or doc.date:
            self._signature()
        if doc.note:
            note = doc.note if doc.note.startswith("（") else f"（{doc.note}）"
            self._run(self._paragraph(first_indent=self._chars(2), before=self._lines(1)), note, FANGSONG, SIZE_3)
        if doc.attendance:
            self._attendance()

    def _block(self, block) -> None:
        if isinstance(block, Table):
            self._table(block)
            return
        if isinstance(block, str):
            block = Paragraph(block)
        text = block.text.strip()
        level = block.level
        if level == "auto":
            level = next((n for n, pattern in HEADINGS if pattern.match(text)), 0)
        elif level == "plain":
            level = 0
        paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_indent=self._chars(2))
        font = HEADING_FONTS.get(int(level))
        if font is None:
            self._run(paragraph, text, FANGSONG, SIZE_3)
            return
        # A heading may run on into its paragraph ("（一）提高认识。各单位要……"): only the heading
        # sentence takes the heading font.
        head, stop, rest = text.partition("。")
        self._run(paragraph, head + stop, font, SIZE_3)
        if rest:
            self._run(paragraph, rest, FANGSONG, SIZE_3)

    def _attachment_notes(self, names: list[str]) -> None:
        """附件说明: "附件：" two characters in; with several, numbered and lined up under the first."""
        names = [n.strip().rstrip("。") for n in names]
        if len(names) == 1:
            paragraph = self._paragraph(left=self._chars(2), before=self._lines(1))
            self._run(paragraph, f"附件：{names[0]}", FANGSONG, SIZE_3)
            return
        for index, name in enumerate(names, start=1):
            if index == 1:
                paragraph = self._paragraph(left=self._chars(5), first_indent=-self._chars(3), before=self._lines(1))
                text = f"附件：{index}.{name}"
            else:
                paragraph = self._paragraph(left=self._chars(5))
                text = f"{index}.{name}"
            self._run(paragraph, text, FANGSONG, SIZE_3)

    def _signature(self) -> None:
        """Unsealed layout: 署名 right-indented two characters; the date on the next line, its
        first character two characters right of the 署名's; a date longer than that is right-indented
        two characters and the 署名 moves left to keep the offset."""
        doc = self.doc
        date_text = chinese_date(doc.date) if doc.date else ""
        sig_width, date_width = text_width(doc.signature), text_width(date_text)
        sig_right = 2.0
        date_right = sig_right + sig_width - 2 - date_width
        if date_text and date_right < 2:
            date_right = 2.0
            sig_right = date_right + date_width + 2 - sig_width
        if doc.signature:
            paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.RIGHT, right=self._chars(sig_right), before=self._lines(1))
            self._run(paragraph, doc.signature, FANGSONG, SIZE_3)
        if date_text:
            paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.RIGHT, right=self._chars(date_right),
                                        before=None if doc.signature else self._lines(1))
            self._run(paragraph, date_text, FANGSONG, SIZE_3)

    # Variants: 联合行文标志, 信函格式, 纪要格式
    def _joint_mark(self, before) -> None:
        """联合行文: names stacked (lead first) and "文件" to their right, centred on them (§7.2.3),
        laid out in a borderless two-column table."""
        doc = self.doc
        spacer = self._paragraph(exact=Pt(1))
        spacer.paragraph_format.space_before = Emu(max(0, before - Pt(1)))
        widest = max(text_width(name) for name in doc.joint_mark)
        name_width = Emu(min(int(doc.mark_size * widest), int(TEXT_WIDTH - doc.mark_size * 2.5)))
        suffix_width = Emu(int(doc.mark_size * 2.5))
        table = self.document.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        tbl_pr = table._tbl.tblPr
        borders = _element("tblBorders")
        for tag in ("top", "left", "bottom", "right", "insideH", "insideV"):
            borders.append(_border(tag, 0))
        put_child(tbl_pr, borders, TBLPR_ORDER)
        names_cell, suffix_cell = table.rows[0].cells
        names_cell.width, suffix_cell.width = name_width, suffix_width
        table.columns[0].width, table.columns[1].width = name_width, suffix_width
        for index, name in enumerate(doc.joint_mark):
            paragraph = names_cell.paragraphs[0] if index == 0 else names_cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.DISTRIBUTE
            paragraph.paragraph_format.first_line_indent = Emu(0)
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            paragraph.paragraph_format.line_spacing = Emu(int(doc.mark_size * 1.2))
            self._run(paragraph, name, XIAOBIAOSONG, doc.mark_size, color=RED)
        suffix_cell._tc.get_or_add_tcPr().append(_element("vAlign", val="center"))
        paragraph = suffix_cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        paragraph.paragraph_format.first_line_indent = Emu(0)
        self._run(paragraph, "文件", XIAOBIAOSONG, doc.mark_size, color=RED)

    def _letter_head(self) -> None:
        """信函格式 (§10.1): the 标志 30 mm from the top of the page with a red double rule (thick over
        thin) 4 mm below it, and a red double rule (thin over thick) near the foot of the first page,
        both 170 mm long, in the first page's header and footer; no page number on the first page.
        份号、密级、紧急程度 flush left and the 发文字号 flush right under the first rule."""
        doc = self.doc
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        section.header_distance = LETTER_MARK_TOP
        overhang = Emu(int((LETTER_RULE_WIDTH - TEXT_WIDTH) / 2))
        header = section.first_page_header
        header.is_linked_to_previous = False
        mark = header.paragraphs[0]
        mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt = mark.paragraph_format
        fmt.left_indent = fmt.right_indent = -overhang
        fmt.first_line_indent = Emu(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Emu(int(doc.mark_size * 1.2))
        self._run(mark, doc.issuer_mark, XIAOBIAOSONG, doc.mark_size, color=RED)
        _paragraph_bottom_rule(mark, 18, "FF0000", SEPARATOR_GAP_PT, style="thickThinMediumGap")
        footer = section.first_page_footer
        footer.is_linked_to_previous = False
        rule = footer.paragraphs[0]
        fmt = rule.paragraph_format
        fmt.left_indent = fmt.right_indent = -overhang
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(1)
        borders = _element("pBdr")
        borders.append(_border("top", 18, "FF0000", 0, style="thinThickMediumGap"))
        put_child(rule._p.get_or_add_pPr(), borders, PPR_ORDER)
        left = [text for text in (doc.copy_number, doc.secrecy, doc.urgency) if text]
        if not (left or doc.doc_number):
            return
        for index in range(max(1, len(left))):
            paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.LEFT)
            paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
            if index < len(left):
                self._run(paragraph, left[index], HEITI, SIZE_3)
            if index == 0 and doc.doc_number:
                self._run(paragraph, f"\t{doc.doc_number}", FANGSONG, SIZE_3)

    def _attendance(self) -> None:
        """纪要: 出席/请假/列席 two characters in, the label in 黑体 with a full-width colon, the names
        in 仿宋, a second line aligned with the first name (§10.3)."""
        for index, (label, names) in enumerate(self.doc.attendance):
            paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.JUSTIFY, left=self._chars(2 + len(label) + 1),
                                        first_indent=-self._chars(len(label) + 1),
                                        before=self._lines(1) if index == 0 else None)
            self._run(paragraph, f"{label}：", HEITI, SIZE_3)
            self._run(paragraph, names.strip(), FANGSONG, SIZE_3)

    # 附件
    def _appendix(self, index: int, appendix: Appendix) -> None:
        label = "附件" if len(self.doc.appendices) == 1 else f"附件{index}"
        heading = self._paragraph(align=WD_ALIGN_PARAGRAPH.LEFT)
        heading.paragraph_format.page_break_before = True
        self._run(heading, label, HEITI, SIZE_3)
        title = self._paragraph(align=WD_ALIGN_PARAGRAPH.CENTER, before=self._lines(1))
        self._run(title, appendix.title, XIAOBIAOSONG, SIZE_2)
        self._paragraph()
        for block in appendix.content:
            self._block(block)

    def _table(self, spec: Table) -> None:
        columns = len(spec.header)
        table = self.document.add_table(rows=1 + len(spec.rows), cols=columns)
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = spec.widths_mm or [TEXT_WIDTH.mm / columns] * columns
        aligns = spec.align or ["center"] * columns
        for c, width in enumerate(widths):
            table.columns[c].width = Mm(width)
        for r, values in enumerate([spec.header, *spec.rows]):
            row = table.rows[r]
            if r == 0:
                row._tr.get_or_add_trPr().append(_element("tblHeader"))  # repeat on every page
            for c in range(columns):
                cell = row.cells[c]
                cell.width = Mm(widths[c])
                paragraph = cell.paragraphs[0]
                paragraph.alignment = ALIGNMENTS["center" if r == 0 else aligns[c]]
                fmt = paragraph.paragraph_format
                fmt.first_line_indent = Emu(0)
                fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
                fmt.space_before = fmt.space_after = Pt(2)
                text = str(values[c]) if c < len(values) else ""
                self._run(paragraph, text, HEITI if r == 0 else FANGSONG, SIZE_SMALL_4)

    # 版记
    def _colophon(self) -> None:
        """抄送 and 印发 at the foot of the last page: a table anchored to the bottom of the text
        block, with full-width rules only (outer 0.35 mm ≈ 1 pt, inner 0.25 mm ≈ ¾ pt)."""
        doc = self.doc
        rows = (["copy_to"] if doc.copy_to else []) + (["printer"] if doc.printer or doc.print_date else [])
        if not rows:
            return
        table = self.document.add_table(rows=len(rows), cols=1)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.columns[0].width = TEXT_WIDTH
        tbl_pr = table._tbl.tblPr
        put_child(tbl_pr, _element("tblpPr", vertAnchor="margin", horzAnchor="margin", tblpXSpec="center",
                                   tblpYSpec="bottom"), TBLPR_ORDER)
        put_child(tbl_pr, _element("tblW", w=TEXT_WIDTH.twips, type="dxa"), TBLPR_ORDER)
        borders = _element("tblBorders")
        for tag, size in (("top", 8), ("left", 0), ("bottom", 8), ("right", 0), ("insideH", 6), ("insideV", 0)):
            borders.append(_border(tag, size))
        put_child(tbl_pr, borders, TBLPR_ORDER)
        margins = _element("tblCellMar")
        for tag in ("left", "right"):
            margins.append(_element(tag, w=0, type="dxa"))
        put_child(tbl_pr, margins, TBLPR_ORDER)
        for index, kind in enumerate(rows):
            cell = table.rows[index].cells[0]
            cell.width = TEXT_WIDTH
            paragraph = cell.paragraphs[0]
            fmt = paragraph.paragraph_format
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = LINE_PITCH
            if kind == "copy_to":
                # 左右各空一字; a second line starts under the first name, after "抄送：".
                fmt.left_indent, fmt.right_indent = self._chars(4, SIZE_4), self._chars(1, SIZE_4)
                fmt.first_line_indent = -self._chars(3, SIZE_4)
                names = "，".join(n.strip().rstrip("，,。") for n in doc.copy_to)
                self._run(paragraph, f"抄送：{names}。", FANGSONG, SIZE_4)
            else:
                fmt.left_indent = self._chars(1, SIZE_4)
                fmt.first_line_indent = Emu(0)
                fmt.tab_stops.add_tab_stop(Emu(TEXT_WIDTH - SIZE_4), WD_TAB_ALIGNMENT.RIGHT)  # tab stops count from the cell edge
                date_text = f"{chinese_date(doc.print_date)}印发" if doc.print_date else ""
                self._run(paragraph, f"{doc.printer}\t{date_text}", FANGSONG, SIZE_4)
        # A body ends with a paragraph; keep this one a point high so it never starts a page of its own.
        tail = self.document.add_paragraph()
        tail.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        tail.paragraph_format.line_spacing = Pt(1)


HEADINGS = ((1, HEADING_1), (2, HEADING_2), (3, HEADING_3), (4, HEADING_4))
HEADING_FONTS = {1: HEITI, 2: KAITI}
ALIGNMENTS = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
