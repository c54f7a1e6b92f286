"""The pages: the list with filters and counts, 立项, 督查通报, the leaders' portfolio, the item partial."""

import datetime
import io

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from shuniu.core.models import AuditEvent
from shuniu.matters.models import Matter
from shuniu.supervision.models import Bulletin

from .conftest import aware, clock


@pytest.fixture
def items(make_item, act):
    """jtj: one overdue in progress, one 已交办; hbj: one in 办结审核 (a work-report item); zjj: one closed."""
    with clock(aware(2026, 3, 2, 9, 0)):
        overdue = make_item(lead="jtj", title="修复沿江大道塌陷路段", source="instruction",
                            due_date=datetime.date(2026, 3, 20))
        act(overdue, "accept", "jtj_staff")
    assigned = make_item(lead="jtj", title="推进城区公交线网优化调整")
    review = make_item(lead="hbj", title="推进建筑工地扬尘污染精细化管控", source="work_report")
    act(review, "accept", "hbj_staff")
    act(review, "request_close", "hbj_head", {"reply": "已完成"})
    closed = make_item(lead="zjj", title="改造老旧小区80个", source="practical_project")
    act(closed, "accept", "zjj_staff")
    act(closed, "request_close", "zjj_head", {"reply": "已完成"})
    act(closed, "approve_close", "duban", {})
    return {"overdue": overdue, "assigned": assigned, "review": review, "closed": closed}


def titles(response) -> set[str]:
    return {m.title for m in response.context["page"]}


def test_list_shows_counts_by_state_and_overdue(items, client_for):
    response = client_for("duban").get("/supervision/")
    assert response.status_code == 200
    counts = {value: n for value, _label, n in response.context["state_counts"]}
    assert counts == {"registered": 0, "assigned": 1, "in_progress": 1, "close_review": 1, "closed": 1}
    assert response.context["overdue_count"] == 1 and response.context["total"] == 4
    assert "超期未办结 <span" in response.content.decode()


@pytest.mark.parametrize("query, expected", [
    ("source=work_report", {"推进建筑工地扬尘污染精细化管控"}),
    ("status=close_review", {"推进建筑工地扬尘污染精细化管控"}),
    ("unit=jtj", {"修复沿江大道塌陷路段", "推进城区公交线网优化调整"}),
    ("overdue=1", {"修复沿江大道塌陷路段"}),
    ("unit=jtj&status=assigned", {"推进城区公交线网优化调整"}),
    ("q=老旧小区", {"改造老旧小区80个"}),
])
def test_list_filters(items, client_for, query, expected):
    assert titles(client_for("duban").get(f"/supervision/?{query}")) == expected


def test_a_department_lists_only_its_own_items(items, client_for):
    assert titles(client_for("jtj_staff").get("/supervision/")) == {"修复沿江大道塌陷路段", "推进城区公交线网优化调整"}


@pytest.mark.parametrize("username, status", [
    ("duban", 200), ("director", 200), ("deputy_director", 200),
    ("jtj_head", 403), ("jtj_staff", 403), ("vmayor2", 403), ("mayor", 403), ("rexian", 403),
])
def test_only_the_supervision_section_and_office_leaders_open_the_registration_form(client_for, username, status):
    assert client_for(username).get("/supervision/new/").status_code == status


def test_the_registration_form_creates_and_dispatches_the_item(client_for):
    due = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = client_for("duban").post("/supervision/new/", {
        "title": "研究解决火车站片区出租车拒载绕路问题", "content": "市长批示：请交通局牵头研究。", "source": "instruction",
        "source_ref": "市领导批示件（2026）第8号", "instructed_by": "mayor", "lead_unit": "jtj",
        "assist_units": ["gaj", "scj"], "due_date": due, "report_cycle": "weekly", "urgency": "urgent",
    })
    matter = Matter.objects.get(title="研究解决火车站片区出租车拒载绕路问题")
    assert response.status_code == 302 and response["Location"] == f"/matters/{matter.pk}/"
    assert matter.status == "assigned" and matter.urgency == "urgent"
    assert sorted(matter.assignments.values_list("unit__code", "role")) == [("gaj", "assist"), ("jtj", "lead"), ("scj", "assist")]
    assert matter.supervision.instructed_by.username == "mayor"
    page = client_for("duban").get(f"/matters/{matter.pk}/").content.decode()
    assert "领导批示" in page and "市领导批示件（2026）第8号" in page and "每周" in page and "李正华" in page


def test_a_bad_registration_shows_the_chinese_error_and_writes_nothing(client_for):
    response = client_for("duban").post("/supervision/new/", {"title": "", "source": "meeting", "lead_unit": "jtj",
                                                              "due_date": "2026-02-30"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "请填写督办事项名称" in page and "日期不正确" in page
    assert not Matter.objects.exists()


def test_the_registration_form_can_start_from_a_source_matter(items, client_for):
    source = items["closed"]
    page = client_for("duban").get(f"/supervision/new/?source_matter={source.pk}&source=meeting").content.decode()
    assert f'href="/matters/{source.pk}/"' in page and f'name="source_matter" value="{source.pk}"' in page


def test_the_item_partial_lists_progress_reports_and_the_next_report(make_item, act, client_for):
    item = make_item(report_cycle="weekly")
    act(item, "accept", "jtj_staff")
    act(item, "report_progress", "jtj_liaison", {"comment": "已完成线网调研，形成优化方案初稿"})
    page = client_for("jtj_staff").get(f"/matters/{item.pk}/").content.decode()
    assert "进展反馈（1次）" in page and "已完成线网调研，形成优化方案初稿" in page
    next_due = timezone.localdate() + datetime.timedelta(days=7)
    assert f"下次反馈：{next_due:%Y-%m-%d}" in page
    assert "/breakdown/" not in page  # departments do not break items down


def test_the_item_partial_links_the_source_matter(make_item, client_for, users):
    from shuniu.supervision.services import create_item

    source = make_item(title="市政府第12次常务会议议定事项")
    item = create_item(users["duban"], {"title": "落实会议议定的公交优化事项", "source": "meeting", "lead_unit": "jtj",
                                        "source_matter": source.pk})
    page = client_for("jtj_staff").get(f"/matters/{item.pk}/").content.decode()
    assert f'id="source-matter-link">督查督办 {source.serial}' in page


# --- 督查通报 ---------------------------------------------------------------------------------


def test_bulletin_page_previews_the_ranking_for_a_period(items, client_for):
    response = client_for("duban").get("/supervision/bulletin/?from=2026-03-01&to=2026-03-31")
    assert response.status_code == 200
    report = response.context["report"]
    assert [(u.code, u.overdue) for u in report.units] == [("jtj", 1)]
    assert "关于2026年3月督查督办事项办理情况的通报" in response.content.decode()
    assert 'id="issue-bulletin"' in response.content.decode()


def test_leaders_read_bulletins_but_do_not_issue_them(items, client_for):
    page = client_for("mayor").get("/supervision/bulletin/")
    assert page.status_code == 200 and 'id="issue-bulletin"' not in page.content.decode()
    assert client_for("mayor").post("/supervision/bulletin/issue/", {"from": "2026-03-01", "to": "2026-03-31"}).status_code == 403
    assert client_for("jtj_head").get("/supervision/bulletin/").status_code == 403
    assert not Bulletin.objects.exists()


def test_a_bad_period_is_explained(client_for, users):
    response = client_for("duban").get("/supervision/bulletin/?from=2026-04-01&to=2026-03-01")
    assert response.status_code == 400 and "统计起始日期不能晚于截止日期" in response.content.decode()
    response = client_for("duban").get("/supervision/bulletin/?from=2026-02-30")
    assert response.status_code == 400 and "日期不正确" in response.content.decode()


def test_the_workbook_downloads_for_any_period_and_is_audited(items, client_for):
    response = client_for("vmayor1").get("/supervision/bulletin/export.xlsx?from=2026-01-01&to=2026-12-31")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "attachment;" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert {row[1].value for row in book["单位排名"].iter_rows(min_row=4)} >= {"交通运输局", "合计"}
    assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_generating_twice_makes_one_unnumbered_draft(items, client_for):
    client = client_for("duban")
    for _ in range(2):
        response = client.post("/supervision/bulletin/issue/", {"from": "2026-03-01", "to": "2026-03-31"})
        assert response.status_code == 302
    draft = Bulletin.objects.get()
    assert (draft.status, draft.number, draft.doc_number) == ("draft", None, "")
    assert [e.action_label for e in draft.entries.all()] == ["生成草稿", "重新生成草稿"]
    page = client.get("/supervision/bulletin/").content.decode()
    assert "（印发时编号）" in page and f'id="number-bulletin-{draft.pk}"' in page
    response = client.get(f"/supervision/bulletin/{draft.pk}.docx")
    assert response.status_code == 200 and "%EF%BC%88%E8%8D%89%E7%A8%BF%EF%BC%89" in response["Content-Disposition"]


def test_issuing_numbers_the_bulletin_once_and_a_mistaken_number_is_voided(items, client_for):
    client = client_for("duban")
    client.post("/supervision/bulletin/issue/", {"from": "2026-03-01", "to": "2026-03-31"})
    draft = Bulletin.objects.get()
    assert client.post(f"/supervision/bulletin/{draft.pk}/issue/").status_code == 302
    assert client.post(f"/supervision/bulletin/{draft.pk}/issue/").status_code == 302  # a second click
    issued = Bulletin.objects.get()
    assert issued.status == "issued" and issued.doc_number == f"市政办督〔{timezone.localdate().year}〕1号"
    assert [e.action for e in issued.entries.all()] == ["draft", "issue"]

    assert client.post(f"/supervision/bulletin/{issued.pk}/void/", {"reason": " "}).status_code == 302
    assert Bulletin.objects.get().status == "issued"  # no reason, no voiding
    client.post(f"/supervision/bulletin/{issued.pk}/void/", {"reason": "统计时段选错，应为第一季度"})
    voided = Bulletin.objects.get()
    assert (voided.status, voided.void_reason) == ("voided", "统计时段选错，应为第一季度")
    last = voided.entries.last()
    assert (last.action_label, last.from_status, last.to_status, last.comment, last.actor.username) == (
        "作废文号", "issued", "voided", "统计时段选错，应为第一季度", "duban")
    page = client.get("/supervision/bulletin/").content.decode()
    assert f"<s>{voided.doc_number}</s>" in page and "统计时段选错，应为第一季度" in page
    # The next bulletin takes the next number: a voided number is never given again.
    client.post("/supervision/bulletin/issue/", {"from": "2026-01-01", "to": "2026-03-31"})
    second = Bulletin.objects.get(status="draft")
    client.post(f"/supervision/bulletin/{second.pk}/issue/")
    second.refresh_from_db()
    assert second.doc_number == f"市政办督〔{timezone.localdate().year}〕2号"
    assert client_for("mayor").post(f"/supervision/bulletin/{second.pk}/void/", {"reason": "误"}).status_code == 403


def test_issuing_numbers_the_bulletin_and_the_docx_downloads(items, client_for):
    client = client_for("duban")
    response = client.post("/supervision/bulletin/issue/", {"from": "2026-03-01", "to": "2026-03-31"})
    draft = Bulletin.objects.get()
    assert response.status_code == 302 and f"#issued-{draft.pk}" in response["Location"]
    client.post(f"/supervision/bulletin/{draft.pk}/issue/")
    issued = Bulletin.objects.get()
    assert issued.doc_number == f"市政办督〔{timezone.localdate().year}〕1号"
    response = client.get(f"/supervision/bulletin/{issued.pk}.docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    assert issued.doc_number in [p.text for p in document.paragraphs]
    assert client_for("jtj_head").get(f"/supervision/bulletin/{issued.pk}.docx").status_code == 403


# --- 分管领域 ---------------------------------------------------------------------------------


def test_a_deputy_mayor_sees_the_units_of_the_portfolio_by_deadline_state(items, client_for):
    response = client_for("vmayor2").get("/supervision/portfolio/")
    assert response.status_code == 200
    groups = {g["unit"].code: g for g in response.context["groups"]}
    assert set(groups) == {"jtj", "zjj"}  # 交通 and 住建 are vmayor2's; 生态环境 is not
    assert (groups["jtj"]["overdue"], groups["jtj"]["normal"]) == (1, 1)
    assert groups["zjj"]["closed"] == 1
    assert "交通运输局" in response.context["scope"]


def test_another_deputy_mayor_does_not_see_them(items, client_for):
    groups = client_for("vmayor4").get("/supervision/portfolio/").context["groups"]
    assert {g["unit"].code for g in groups} == {"hbj"}


def test_the_mayor_sees_every_unit_and_departments_may_not_open_the_page(items, client_for):
    groups = client_for("mayor").get("/supervision/portfolio/").context["groups"]
    assert {g["unit"].code for g in groups} == {"jtj", "hbj", "zjj"}
    assert groups[0]["unit"].code == "jtj"  # the unit with overdue items first
    assert client_for("jtj_head").get("/supervision/portfolio/").status_code == 403


def test_the_workbook_lists_only_the_items_the_reader_may_see(items, client_for):
    response = client_for("vmayor3").get("/supervision/bulletin/export.xlsx?from=2026-01-01&to=2026-12-31")
    book = load_workbook(io.BytesIO(response.content))
    assert "交通运输局" in {row[1].value for row in book["单位排名"].iter_rows(min_row=4)}
    assert [row[1].value for row in book["事项明细"].iter_rows(min_row=4)] == []  # none in 教育、卫健、文旅、民政
    response = client_for("vmayor2").get("/supervision/bulletin/export.xlsx?from=2026-01-01&to=2026-12-31")
    titles = {row[1].value for row in load_workbook(io.BytesIO(response.content))["事项明细"].iter_rows(min_row=4)}
    assert titles == {"修复沿江大道塌陷路段", "推进城区公交线网优化调整", "改造老旧小区80个"}
