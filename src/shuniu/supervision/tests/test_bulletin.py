"""督查通报 on a known dataset: the unit rows, the ranking, the workbook, the numbered .docx."""

import datetime
import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import RGBColor
from openpyxl import load_workbook

from shuniu.matters import services
from shuniu.supervision import bulletin
from shuniu.supervision.models import Bulletin
from shuniu.supervision.services import issue_bulletin

from .conftest import aware, clock

MARCH = (datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
AFTER = aware(2026, 6, 1, 9, 0)


@pytest.fixture
def march(make_item, act):
    """Eight items registered on 2 March 2026 and one on 2 April, living as follows:

    swj  H  closed 10 Mar, due 20 Mar             → 按时办结
    hbj  C  closed 25 Mar, due 20 Mar             → 超期办结
    hbj  D  closed 15 Mar, due 20 Mar             → 按时办结
    jtj  A  closed 10 Mar, due 20 Mar             → 按时办结
    jtj  B  accepted, open, due 20 Mar            → 超期未办结
    zjj  F  accepted, due 30 Apr                  → 正常推进
    zjj  G  accepted, closed 10 Apr (after March) → 正常推进 at the end of March
    cgj  E  never accepted, due 30 Apr            → 未启动
    """
    due, later = datetime.date(2026, 3, 20), datetime.date(2026, 4, 30)
    items = {}
    with clock(aware(2026, 3, 2, 9, 0)):
        for key, unit, day in (("H", "swj", due), ("C", "hbj", due), ("D", "hbj", due), ("A", "jtj", due),
                               ("B", "jtj", due), ("F", "zjj", later), ("G", "zjj", later), ("E", "cgj", later)):
            items[key] = make_item(lead=unit, due_date=day, title=f"三月督办事项{key}",
                                   source="work_report" if key in "AB" else "meeting")
    with clock(aware(2026, 3, 3, 9, 0)):
        for key in "HCDABFG":
            act(items[key], "accept", f"{items[key].lead_unit.code}_staff")

    def close(key, moment):
        with clock(moment):
            act(items[key], "request_close", f"{items[key].lead_unit.code}_head", {"reply": "已完成"})
            act(items[key], "approve_close", "duban", {"comment": "同意办结"})

    close("H", aware(2026, 3, 10, 10, 0))
    close("A", aware(2026, 3, 10, 11, 0))
    close("D", aware(2026, 3, 15, 10, 0))
    close("C", aware(2026, 3, 25, 10, 0))
    close("G", aware(2026, 4, 10, 10, 0))
    with clock(aware(2026, 4, 2, 9, 0)):
        items["X"] = make_item(lead="jtj", title="四月督办事项")
    return items


def test_unit_rows_count_each_state_as_at_the_end_of_the_period(march):
    report = bulletin.build_report(*MARCH, now=AFTER)
    rows = {u.code: (u.total, u.on_time, u.late, u.in_progress, u.overdue, u.not_started) for u in report.units}
    assert rows == {
        "swj": (1, 1, 0, 0, 0, 0),
        "hbj": (2, 1, 1, 0, 0, 0),
        "jtj": (2, 1, 0, 0, 1, 0),
        "zjj": (2, 0, 0, 2, 0, 0),
        "cgj": (1, 0, 0, 0, 0, 1),
    }
    t = report.total
    assert (t.total, t.on_time, t.late, t.in_progress, t.overdue, t.not_started) == (8, 3, 1, 2, 1, 1)
    assert t.on_time_rate == pytest.approx(0.6)
    assert report.as_of == datetime.date(2026, 3, 31)
    assert report.by_source == {"meeting": 6, "work_report": 2}


def test_units_are_ranked_by_on_time_rate_then_fewer_overdue_and_ties_share_a_rank(march):
    report = bulletin.build_report(*MARCH, now=AFTER)
    assert [(u.rank, u.code, u.rate_text) for u in report.units] == [
        (1, "swj", "100.0%"),
        (2, "hbj", "50.0%"),  # same rate as jtj, but nothing overdue
        (3, "jtj", "50.0%"),
        (4, "zjj", "—"),  # no outcome yet: last, sharing the rank
        (4, "cgj", "—"),
    ]


def test_a_period_not_yet_ended_is_counted_as_of_now(march):
    report = bulletin.build_report(datetime.date(2026, 3, 1), datetime.date(2026, 12, 31), now=aware(2026, 3, 12, 9, 0))
    assert report.as_of == datetime.date(2026, 3, 12)
    rows = {u.code: (u.on_time, u.in_progress, u.overdue) for u in report.units}
    assert rows["jtj"] == (1, 1, 0) and rows["hbj"] == (0, 2, 0)


def test_the_workbook_lists_the_ranking_and_every_item(march):
    book = load_workbook(io.BytesIO(bulletin.render_xlsx(bulletin.build_report(*MARCH, now=AFTER))))
    ranking = book["单位排名"]
    assert ranking["A1"].value == "2026年3月督查督办事项办理情况统计表"
    assert [c.value for c in ranking[3]] == ["排名", "单位", "事项数", "按时办结", "超期办结", "正常推进", "超期未办结", "未启动", "按时办结率"]
    rows = [[c.value for c in row] for row in ranking.iter_rows(min_row=4)]
    assert rows == [
        [1, "水务局", 1, 1, 0, 0, 0, 0, 1.0],
        [2, "生态环境局", 2, 1, 1, 0, 0, 0, 0.5],
        [3, "交通运输局", 2, 1, 0, 0, 1, 0, 0.5],
        [4, "住房和城乡建设局", 2, 0, 0, 2, 0, 0, "—"],
        [4, "城市管理局", 1, 0, 0, 0, 0, 1, "—"],
        [None, "合计", 8, 3, 1, 2, 1, 1, 0.6],
    ]
    items = book["事项明细"]
    states = {row[1].value: row[7].value for row in items.iter_rows(min_row=4)}
    assert states == {"三月督办事项H": "按时办结", "三月督办事项C": "超期办结", "三月督办事项D": "按时办结",
                      "三月督办事项A": "按时办结", "三月督办事项B": "超期未办结", "三月督办事项F": "正常推进",
                      "三月督办事项G": "正常推进", "三月督办事项E": "未启动"}


@pytest.mark.parametrize("date_from, date_to, label", [
    ((2026, 1, 1), (2026, 12, 31), "2026年"),
    ((2026, 4, 1), (2026, 6, 30), "2026年第二季度"),
    ((2026, 2, 1), (2026, 2, 28), "2026年2月"),
    ((2026, 3, 5), (2026, 3, 20), "2026年3月5日至3月20日"),
    ((2025, 12, 1), (2026, 1, 31), "2025年12月1日至2026年1月31日"),
])
def test_period_labels(date_from, date_to, label):
    assert bulletin.period_label(datetime.date(*date_from), datetime.date(*date_to)) == label


ISSUED = aware(2026, 4, 8, 10, 0)


def _issue(users, moment=ISSUED):
    with clock(moment):
        return issue_bulletin(users["duban"], *MARCH)


def test_bulletins_are_numbered_per_year(march, users):
    assert [_issue(users).doc_number for _ in range(2)] == ["市政办督〔2026〕1号", "市政办督〔2026〕2号"]
    assert _issue(users, aware(2027, 1, 5, 10, 0)).doc_number == "市政办督〔2027〕1号"


def test_a_bulletin_is_numbered_once(march, users):
    from shuniu.supervision.services import draft_bulletin, issue_drafted_bulletin, void_bulletin

    with clock(ISSUED):
        draft = draft_bulletin(users["duban"], *MARCH)
        assert draft_bulletin(users["duban"], *MARCH).pk == draft.pk  # regenerated, not a second draft
        assert draft.doc_number == "" and draft.number is None
        issued = issue_drafted_bulletin(users["duban"], draft)
        with pytest.raises(services.Conflict):
            issue_drafted_bulletin(users["duban"], draft)
        with pytest.raises(services.Invalid):
            void_bulletin(users["duban"], issued, "")
        with pytest.raises(services.Forbidden):
            void_bulletin(users["jtj_head"], issued, "误编")
        voided = void_bulletin(users["duban"], issued, "误编")
        with pytest.raises(services.Conflict):
            void_bulletin(users["duban"], voided, "误编")
    assert Bulletin.objects.get().doc_number == "市政办督〔2026〕1号"
    assert [(e.action, e.from_status, e.to_status) for e in voided.entries.all()] == [
        ("draft", "", "draft"), ("regenerate", "draft", "draft"), ("issue", "draft", "issued"),
        ("void", "issued", "voided")]
    assert _issue(users).doc_number == "市政办督〔2026〕2号"


def test_only_the_supervision_section_issues_bulletins(march, users):
    with pytest.raises(services.Forbidden):
        issue_bulletin(users["jtj_head"], *MARCH)
    with pytest.raises(services.Invalid) as error:
        issue_bulletin(users["duban"], datetime.date(2026, 3, 31), datetime.date(2026, 3, 1))
    assert error.value.message == "统计起始日期不能晚于截止日期"
    assert not Bulletin.objects.exists()


def test_an_issued_bulletin_keeps_its_figures(march, users, act):
    issued = _issue(users)
    with clock(aware(2026, 4, 20, 10, 0)):
        act(march["B"], "request_close", "jtj_head", {"reply": "已完成"})
        act(march["B"], "approve_close", "duban", {})
    kept = bulletin.Report.from_dict(Bulletin.objects.get(pk=issued.pk).data)
    assert kept.total.overdue == 1 and [u.code for u in kept.units][:3] == ["swj", "hbj", "jtj"]


def _docx(users):
    issued = _issue(users)
    return Document(io.BytesIO(bulletin.render_docx(bulletin.Report.from_dict(issued.data), issued.doc_number, issued.issued_on)))


def _east_asia(run) -> str:
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_the_bulletin_docx_has_the_gbt9704_page(march, users):
    section = _docx(users).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin.mm, section.bottom_margin.mm, section.left_margin.mm, section.right_margin.mm)
    assert [round(m) for m in margins] == [37, 35, 28, 26]


def test_the_bulletin_docx_head_title_and_body_fonts(march, users):
    doc = _docx(users)
    paragraphs = {}
    for p in doc.paragraphs:
        paragraphs.setdefault(p.text, p)  # the 标志 comes before the 署名 of the same words
    mark = paragraphs["市人民政府办公室"].runs[0]
    assert _east_asia(mark) == "方正小标宋简体" and mark.font.color.rgb == RGBColor(0xFF, 0, 0)
    assert mark.font.size.pt >= 22
    number = paragraphs["市政办督〔2026〕1号"]
    border = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert border.get(qn("w:color")) == "FF0000"  # the red separator under the number
    title = paragraphs["关于2026年3月督查督办事项办理情况的通报"]
    assert title.alignment == 1  # centred
    assert (_east_asia(title.runs[0]), title.runs[0].font.size.pt) == ("方正小标宋简体", 22)
    assert "各县（区）人民政府，市政府各部门：" in paragraphs
    heading = paragraphs["一、总体情况"].runs[0]
    assert (_east_asia(heading), heading.font.size.pt) == ("黑体", 16)
    body = next(p for text, p in paragraphs.items() if text.startswith("2026年3月，市政府办公室共立项督查督办事项8项"))
    assert (_east_asia(body.runs[0]), body.runs[0].font.size.pt) == ("仿宋_GB2312", 16)
    assert "按时办结率60.0%" in body.text
    assert "超期未办结1项" in body.text
    sub = next(p for text, p in paragraphs.items() if text.startswith("（一）"))
    assert _east_asia(sub.runs[0]) == "楷体_GB2312" and _east_asia(sub.runs[1]) == "仿宋_GB2312"
    assert "附件：2026年3月督查督办事项办理情况统计表" in paragraphs
    assert "2026年4月8日" in paragraphs  # 成文日期


def test_the_bulletin_docx_carries_the_ranking_and_the_colophon(march, users):
    doc = _docx(users)
    ranking, colophon = doc.tables
    assert [c.text for c in ranking.rows[1].cells][:3] == ["1", "水务局", "1"]
    assert [c.text for c in ranking.rows[-1].cells][1:3] == ["合计", "8"]
    assert colophon.rows[0].cells[0].text == "抄送：市委办公室，市人大常委会办公室，市政协办公室。"
    assert colophon.rows[1].cells[0].text == "市人民政府办公室\t2026年4月8日印发"
    footer = doc.sections[0].footer.paragraphs[0]
    assert "PAGE" in footer._p.xml and footer.text.startswith("— ")


def test_items_waiting_for_redispatch_have_their_own_row_outside_the_ranking(march, make_item, act):
    with clock(aware(2026, 3, 5, 9, 0)):
        returned = make_item(lead="cgj", title="三月督办事项R")
        act(returned, "return", "cgj_staff", {"reason": "非我局职责"})
    report = bulletin.build_report(*MARCH, now=AFTER)
    assert (report.unassigned.total, report.unassigned.not_started) == (1, 1)
    assert report.total.total == 9 and "待重新交办" not in [u.name for u in report.units]
    rows = [r for r in bulletin.unit_table(report).rows if r[1] == "待重新交办"]
    assert rows == [["—", "待重新交办", "1", "0", "0", "0", "0", "1", "—"]]


def test_the_text_praises_only_units_at_90_percent_and_names_those_overdue(march):
    paragraphs = bulletin.body_paragraphs(bulletin.build_report(*MARCH, now=AFTER), datetime.date(2026, 4, 8))
    assert "从各单位办理情况看，按时办结率排名靠前的单位是水务局（100.0%），办理质量和效率较高，予以通报表扬。" in paragraphs
    assert "交通运输局（1项）存在超期未办结事项，请相关单位高度重视，查找原因，限期整改。" in paragraphs
    assert "生态环境局存在超期办结事项，今后要进一步提高办理时效。" in paragraphs
    assert any("于2026年4月15日前将整改情况书面报送" in p for p in paragraphs)  # 5 working days after 8 April
