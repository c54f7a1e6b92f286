"""分解: child items per unit under a parent item, all or none, shown on the parent's page."""

import datetime

import pytest
from django.utils import timezone

from shuniu.matters import services
from shuniu.matters.models import Entry, Matter
from shuniu.supervision.services import break_down

CHILDREN = [
    {"title": "东城区完成城乡基础设施补短板年度任务", "lead_unit": "qx1"},
    {"title": "西城区完成城乡基础设施补短板年度任务", "lead_unit": "qx2", "assist_units": ["zjj"]},
    {"title": "临江县完成城乡基础设施补短板年度任务", "lead_unit": "qx3",
     "due_date": (timezone.localdate() + datetime.timedelta(days=20)).isoformat()},
]


@pytest.fixture
def parent(make_item):
    return make_item(lead="fgw", title="全面落实城乡基础设施补短板重点任务", source="work_report",
                     report_cycle="monthly", source_ref="2026年《政府工作报告》重点任务分解第1项",
                     due_date=timezone.localdate() + datetime.timedelta(days=60))


def test_children_are_dispatched_and_linked_to_the_parent(parent, users):
    children = break_down(parent, users["duban"], CHILDREN)
    assert [c.lead_unit.code for c in children] == ["qx1", "qx2", "qx3"]
    assert all(c.parent_id == parent.pk and c.status == "assigned" for c in children)
    assert all(c.supervision.source == "work_report" and c.supervision.report_cycle == "monthly" for c in children)
    assert children[0].supervision.source_ref == "2026年《政府工作报告》重点任务分解第1项"
    assert children[0].due_at == parent.due_at  # defaults to the parent's deadline
    assert timezone.localtime(children[2].due_at).date() == timezone.localdate() + datetime.timedelta(days=20)
    assert {a.unit.code for a in children[1].assignments.all()} == {"qx2", "zjj"}
    entry = parent.entries.get(action="break_down")
    assert entry.comment == "分解为3项子事项" and entry.data["children"] == [c.serial for c in children]


def test_a_child_due_after_the_parent_is_refused_and_nothing_is_written(parent, users):
    late = (timezone.localtime(parent.due_at).date() + datetime.timedelta(days=1)).isoformat()
    before = Matter.objects.count(), Entry.objects.count()
    with pytest.raises(services.Invalid) as error:
        break_down(parent, users["duban"], [CHILDREN[0], {**CHILDREN[1], "due_date": late}])
    assert error.value.message.startswith("第2项：分解事项的办理时限不能晚于上级事项的办理时限")
    assert (Matter.objects.count(), Entry.objects.count()) == before


def test_one_bad_child_stops_the_whole_breakdown(parent, users):
    before = Matter.objects.count()
    with pytest.raises(services.Invalid) as error:
        break_down(parent, users["duban"], [CHILDREN[0], {"title": "南城区任务", "lead_unit": "qx9"}])
    assert error.value.message == "第2项：主办单位：承办单位不存在：qx9"
    assert Matter.objects.count() == before


def test_an_empty_breakdown_is_refused(parent, users):
    with pytest.raises(services.Invalid) as error:
        break_down(parent, users["duban"], [])
    assert error.value.message == "请至少填写一项分解事项"


def test_a_department_may_not_break_an_item_down(parent, users):
    with pytest.raises(services.Forbidden):
        break_down(parent, users["fgw_head"], CHILDREN)
    assert not parent.children.exists()


def test_a_closed_item_cannot_be_broken_down(parent, users, act):
    act(parent, "accept", "fgw_staff")
    act(parent, "request_close", "fgw_head", {"reply": "已完成"})
    act(parent, "approve_close", "duban", {})
    parent.refresh_from_db()
    with pytest.raises(services.Conflict):
        break_down(parent, users["duban"], CHILDREN)


def test_the_parents_page_shows_its_children_and_the_breakdown_form(parent, users, client_for):
    children = break_down(parent, users["duban"], CHILDREN[:2])
    page = client_for("duban").get(f"/matters/{parent.pk}/").content.decode()
    assert "共2项，已办结0项" in page
    assert all(c.title in page for c in children)
    assert f"/supervision/{parent.pk}/breakdown/" in page
    assert f"/supervision/{parent.pk}/breakdown/" not in client_for("fgw_head").get(f"/matters/{parent.pk}/").content.decode()


def test_the_breakdown_page_creates_the_filled_rows(parent, client_for):
    client = client_for("duban")
    assert client.get(f"/supervision/{parent.pk}/breakdown/").status_code == 200
    response = client.post(f"/supervision/{parent.pk}/breakdown/", {
        "title_0": "东城区完成年度任务", "lead_unit_0": "qx1",
        "title_1": "西城区完成年度任务", "lead_unit_1": "qx2", "assist_units_1": ["zjj", "jtj"],
    })
    assert response.status_code == 302 and response["Location"] == f"/matters/{parent.pk}/"
    assert sorted(parent.children.values_list("lead_unit__code", flat=True)) == ["qx1", "qx2"]
    response = client.post(f"/supervision/{parent.pk}/breakdown/", {"title_0": "缺主办单位"})
    assert response.status_code == 400
    assert "第1项：主办单位：请选择主办单位" in response.content.decode()
    assert client_for("fgw_head").get(f"/supervision/{parent.pk}/breakdown/").status_code == 403
