"""Who sees a supervision item: its units, 督查科, the principal leader and the portfolio leader —
not another department, not a deputy mayor outside the portfolio."""

import pytest


@pytest.fixture
def item(make_item):
    return make_item(lead="jtj", assist=["cgj"])


@pytest.mark.parametrize("username, status", [
    ("jtj_staff", 200), ("cgj_staff", 200), ("duban", 200), ("mayor", 200), ("vmayor2", 200), ("director", 200),
    ("hbj_staff", 404), ("hbj_head", 404), ("vmayor3", 404),
])
def test_api_detail_is_visible_only_to_those_involved(item, api_client_for, username, status):
    response = api_client_for(username).get(f"/api/v1/matters/{item.pk}")
    assert response.status_code == status
    if status == 404:
        assert response.json()["error"]["message"] == "事项不存在或您无权查看"
    else:
        assert response.json()["detail"]["source"] == "meeting"


@pytest.mark.parametrize("username, status", [("vmayor2", 200), ("mayor", 200), ("hbj_staff", 404), ("vmayor3", 404)])
def test_item_page_is_visible_only_to_those_involved(item, client_for, username, status):
    response = client_for(username).get(f"/matters/{item.pk}/")
    assert response.status_code == status
    if status == 200:
        assert "督办信息" in response.content.decode()


def test_another_departments_list_does_not_show_the_item(item, client_for):
    assert item.title not in client_for("hbj_staff").get("/supervision/").content.decode()
    assert item.title in client_for("jtj_staff").get("/supervision/").content.decode()
    assert item.title in client_for("vmayor2").get("/supervision/").content.decode()
    assert item.title not in client_for("vmayor3").get("/supervision/").content.decode()


def test_the_three_administrators_see_no_business_content(item, client_for):
    assert client_for("admin").get(f"/matters/{item.pk}/").status_code in (403, 404)
    assert client_for("auditor").get("/supervision/").status_code == 403
