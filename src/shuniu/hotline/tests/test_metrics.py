"""按时办结率, 满意率, 直接办结率, 回访率 on a known set of tickets, by unit, category and month."""

import datetime

import openpyxl
import pytest
from django.utils import timezone

from shuniu.hotline import metrics
from shuniu.matters.services import perform


@pytest.fixture
def known_set(make_ticket, dispatched, answered, demo_office, clock):
    """Six tickets received today; the sixth is a merged duplicate and does not count.
    生态环境局: one answered on time and rated 满意, one answered late and rated 不满意, both called back.
    交通运输局: one dispatched, still open.
    Hotline: two consultations answered directly, one called back (基本满意)."""
    rexian, hbj = demo_office["rexian"], demo_office["hbj_staff"]
    perform(answered(lead="hbj"), "revisit", rexian, {"rating": "satisfied"})
    late = dispatched(lead="hbj", phone="13700000002", title="化工厂排放异味", content="化工厂每天夜里排放刺鼻气味，周边居民头晕。")
    perform(late, "accept", hbj, {})
    perform(late, "reply", hbj, {"reply": "已责令整改。"})
    with clock(late.due_at + datetime.timedelta(minutes=5)):
        perform(late, "approve_reply", rexian, {})
        perform(late, "revisit", rexian, {"rating": "dissatisfied"})
    open_one = make_ticket(phone="13700000003", category="transport", title="公交站台破损", content="滨江路公交站台顶棚破损漏雨很久了。")
    perform(open_one, "dispatch", rexian, {"units": [{"unit": "jtj"}]})
    d1 = make_ticket(phone="13700000004", type="consult", category="labour", title="咨询社保转移", content="外地社保如何转入本市，需要什么手续？")
    perform(d1, "answer_directly", rexian, {"reply": "可在人社局窗口办理社保关系转移。"})
    perform(d1, "revisit", rexian, {"rating": "basically_satisfied"})
    d2 = make_ticket(phone="13700000005", type="consult", category="labour", title="咨询失业金申领", content="失业后怎么申领失业保险金？")
    perform(d2, "answer_directly", rexian, {"reply": "可在人社局网站申领。"})
    duplicate = make_ticket(phone="13700000003", category="transport", title="公交站台破损漏雨", content="滨江路公交站台顶棚破损漏雨。")
    perform(duplicate, "merge", rexian, {"into": open_one.serial})


def test_metrics_by_unit(known_set, demo_office):
    rows = {r.label: r for r in metrics.query(group_by="unit")}
    hbj, jtj, direct = rows["生态环境局"], rows["交通运输局"], rows["热线直接办结及未派单"]
    assert (hbj.received, hbj.closed, hbj.closed_on_time, hbj.revisited, hbj.rated, hbj.satisfied) == (2, 2, 1, 2, 2, 1)
    assert (hbj.on_time_rate, hbj.satisfaction_rate, hbj.direct_rate, hbj.revisit_rate) == (0.5, 0.5, 0.0, 1.0)
    assert (jtj.received, jtj.closed, jtj.on_time_rate, jtj.satisfaction_rate) == (1, 0, None, None)
    assert (direct.received, direct.direct, direct.closed, direct.revisited) == (2, 2, 2, 1)
    assert (direct.direct_rate, direct.revisit_rate, direct.satisfaction_rate) == (1.0, 0.5, 1.0)
    total = metrics.total(list(rows.values()))
    assert (total.received, total.closed, total.closed_on_time, total.direct, total.revisited, total.rated, total.satisfied) == (5, 4, 3, 2, 3, 3, 2)
    assert (total.on_time_rate, total.satisfaction_rate, total.direct_rate, total.revisit_rate) == (0.75, 0.6667, 0.4, 0.75)


def test_metrics_by_category_and_month(known_set):
    rows = {r.label: r for r in metrics.query(group_by="category")}
    assert rows["劳动和社会保障"].direct == 2 and rows["环境保护"].received == 2 and rows["交通运输"].received == 1
    [month] = metrics.query(group_by="month")
    today = timezone.localdate()
    assert month.key == f"{today:%Y-%m}" and month.label == f"{today.year}年{today.month}月" and month.received == 5


def test_metrics_respect_the_period(known_set):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert metrics.query(date_from=tomorrow, group_by="unit") == []


def test_a_department_sees_only_its_own_rows(known_set, demo_office):
    rows = metrics.query(user=demo_office["hbj_staff"], group_by="unit")
    assert [r.label for r in rows] == ["生态环境局"]


def test_the_metrics_api(known_set, api_client_for):
    today = timezone.localdate().isoformat()
    response = api_client_for("rexian").get("/api/v1/hotline/metrics", {"from": today, "to": today, "group_by": "unit"})
    assert response.status_code == 200
    body = response.json()
    hbj = next(item for item in body["items"] if item["unit"] == "hbj")
    assert hbj["on_time_rate"] == 0.5 and hbj["satisfaction_rate"] == 0.5 and hbj["revisit_rate"] == 1.0
    assert body["total"]["direct_rate"] == 0.4 and body["group_by"] == "unit"


@pytest.mark.parametrize(("params", "message"), [
    ({"group_by": "year"}, "group_by 只能是 unit、category 或 month"),
    ({"from": "2026-13-01"}, "日期格式不正确：2026-13-01（应为YYYY-MM-DD，且在1949年至2100年之间）"),
    ({"from": "2026-05-02", "to": "2026-05-01"}, "开始日期不能晚于结束日期"),
])
def test_the_metrics_api_refuses_bad_parameters_in_chinese(api_client_for, params, message):
    response = api_client_for("rexian").get("/api/v1/hotline/metrics", params)
    assert response.status_code == 400 and response.json()["error"]["message"] == message


def test_the_metrics_page_and_excel_export(known_set, client_for):
    client = client_for("rexian")
    page = client.get("/hotline/metrics/?group_by=unit").content.decode()
    assert "生态环境局" in page and "50.0%" in page
    response = client.get("/hotline/metrics.xlsx?group_by=category")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    import io

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "12345热线办理情况考核指标统计表（按诉求分类）"
    assert [c.value for c in sheet[3]][-4:] == ["按时办结率", "满意率", "直接办结率", "回访率"]
    total_row = [c.value for c in sheet[sheet.max_row]]
    assert total_row[1] == "合计" and total_row[2] == 5 and total_row[11] == 0.4
