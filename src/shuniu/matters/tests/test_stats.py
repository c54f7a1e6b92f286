"""Statistics on a known dataset: received, closed, on time, overdue, rates, handling hours."""

import datetime
import io

from django.utils import timezone
from openpyxl import load_workbook

from shuniu.matters import services
from shuniu.matters.models import Matter
from shuniu.matters.stats import query, rebuild_all, refresh_dirty, total


def _close(item, users, late=False):
    services.perform(item, "accept", users["jtj_staff"] if item.lead_unit.code == "jtj" else users["hbj_staff"], {})
    head = users[f"{item.lead_unit.code}_head"]
    services.perform(item, "request_close", head, {"reply": "已完成"})
    if late:
        Matter.objects.filter(pk=item.pk).update(due_at=timezone.now() - datetime.timedelta(hours=1))
    services.perform(item, "approve_close", users["duban"], {"comment": "同意"})


def _dataset(make_item, users):
    """jtj: 3 received, 2 closed (1 on time, 1 late), 1 overdue open; hbj: 1 received, open, not overdue."""
    a, b, c = make_item(lead="jtj", title="甲"), make_item(lead="jtj", title="乙"), make_item(lead="jtj", title="丙")
    d = make_item(lead="hbj", title="丁")
    _close(a, users)
    _close(b, users, late=True)
    Matter.objects.filter(pk=c.pk).update(due_at=timezone.now() - datetime.timedelta(days=1))
    Matter.objects.filter(pk=a.pk).update(closed_at=a.received_at + datetime.timedelta(hours=10))
    Matter.objects.filter(pk=b.pk).update(closed_at=b.received_at + datetime.timedelta(hours=30), rating="satisfied")
    Matter.objects.filter(pk=d.pk).update(rating="dissatisfied")
    rebuild_all()
    return a, b, c, d


def test_stats_by_unit_on_a_known_dataset(make_item, demo_office):
    _dataset(make_item, demo_office)
    rows = {r.label: r for r in query(kind="supervision", group_by="unit")}
    jtj, hbj = rows["交通运输局"], rows["生态环境局"]
    assert (jtj.received, jtj.closed, jtj.closed_on_time, jtj.overdue_open) == (3, 2, 1, 1)
    assert jtj.on_time_rate == 0.5
    assert jtj.avg_handling_hours == 20.0
    assert jtj.satisfaction_rate == 1.0 and hbj.satisfaction_rate == 0.0
    assert (hbj.received, hbj.closed, hbj.overdue_open) == (1, 0, 0) and hbj.on_time_rate is None
    all_rows = total(list(rows.values()))
    assert (all_rows.received, all_rows.closed) == (4, 2)


def test_stats_by_month_and_category(make_item, demo_office):
    _dataset(make_item, demo_office)
    month = timezone.localdate().strftime("%Y-%m")
    assert [(r.key, r.received) for r in query(group_by="month")] == [(month, 4)]
    assert [(r.label, r.received) for r in query(group_by="category")] == [("会议议定事项", 4)]


def test_stats_follow_changes_after_commit(make_item, demo_office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_item(lead="jtj")
    assert [r.received for r in query(group_by="unit")] == [1]
    with django_capture_on_commit_callbacks(execute=True):
        make_item(lead="jtj")
    refresh_dirty()
    assert [r.received for r in query(group_by="unit")] == [2]


def test_a_department_sees_only_its_own_figures(make_item, demo_office):
    _dataset(make_item, demo_office)
    assert {r.label for r in query(user=demo_office["hbj_staff"], group_by="unit")} == {"生态环境局"}
    assert {r.label for r in query(user=demo_office["vmayor2"], group_by="unit")} == {"交通运输局"}
    assert {r.label for r in query(user=demo_office["duban"], group_by="unit")} == {"交通运输局", "生态环境局"}


def test_stats_api_rows_and_rates(make_item, demo_office, api_client_for):
    _dataset(make_item, demo_office)
    response = api_client_for("mayor").get("/api/v1/stats", {"kind": "supervision", "group_by": "unit"})
    assert response.status_code == 200
    rows = {r["unit"]: r for r in response.json()["items"]}
    assert rows["jtj"]["received"] == 3 and rows["jtj"]["on_time_rate"] == 0.5 and rows["jtj"]["avg_handling_hours"] == 20.0
    assert set(rows["jtj"]) >= {"received", "closed", "closed_on_time", "overdue_open", "on_time_rate",
                                "satisfaction_rate", "avg_handling_hours"}


def test_stats_api_rejects_bad_parameters_in_chinese(demo_office, api_client_for):
    client = api_client_for("mayor")
    for params, field in (({"group_by": "colour"}, "group_by"), ({"from": "2026-02-30"}, "from"),
                          ({"kind": "nosuch"}, "kind"), ({"from": "2026-05-01", "to": "2026-04-01"}, "from")):
        response = client.get("/api/v1/stats", params)
        assert response.status_code == 400, params
        assert field in response.json()["error"]["fields"]


def test_statistics_table_exports_as_xlsx(make_item, demo_office, client_for):
    _dataset(make_item, demo_office)
    response = client_for("duban").get("/matters/stats.xlsx", {"kind": "supervision"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "督查督办办理情况统计表"
    rows = {r[1]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["交通运输局"][2:6] == (3, 2, 1, 1)
    assert rows["合计"][2] == 4


def test_the_statistics_page_opens_on_the_last_31_days(client_for):
    today = timezone.localdate()
    response = client_for("director").get("/matters/stats/")
    assert response.status_code == 200
    assert (response.context["date_from"], response.context["date_to"]) == (today - datetime.timedelta(days=30), today)
    assert response.context["date_from"] > today - datetime.timedelta(days=32)


def test_reading_a_period_folds_in_only_that_periods_marks(demo_office):
    from shuniu.matters.models import StatDirty

    today = timezone.localdate()
    old = today - datetime.timedelta(days=200)
    StatDirty.objects.bulk_create([StatDirty(kind="supervision", day=old), StatDirty(kind="supervision", day=today)])
    query(group_by="unit", date_from=today - datetime.timedelta(days=30), date_to=today)
    # The first page load does not wait for last spring's rebuild; the periodic task does it.
    assert list(StatDirty.objects.values_list("day", flat=True)) == [old]
    refresh_dirty()
    assert not StatDirty.objects.exists()
