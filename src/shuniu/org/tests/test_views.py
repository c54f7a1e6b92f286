"""The organisation browser: unit tree, unit page, people search, leaders' portfolios."""

import pytest


@pytest.fixture
def staff_client(client_for):
    return client_for("jtj_staff")


def test_anonymous_visitor_is_sent_to_login(client, db):
    for url in ("/org/", "/org/units/jtj/", "/org/people/", "/org/leaders/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/?next=")


def test_unit_tree_shows_the_government_its_office_sections_departments_and_counties(staff_client):
    page = staff_client.get("/org/").content.decode()
    for name in ("市人民政府", "市政府办公室", "秘书一科", "总值班室", "交通运输局", "临江县"):
        assert name in page
    # Sections sit under the office, in a nested list.
    assert page.index("市政府办公室") < page.index("秘书一科")


def test_unit_page_lists_its_people_roles_and_the_leader_in_charge(staff_client):
    page = staff_client.get("/org/units/jtj/").content.decode()
    for text in ("交通运输局", "jtj_head", "jtj_staff", "jtj_liaison", "负责人", "经办人", "联络员", "分管领导：吴建平"):
        assert text in page
    assert page.index("jtj_head") < page.index("jtj_staff") < page.index("jtj_liaison")


def test_office_page_lists_its_sections(staff_client):
    page = staff_client.get("/org/units/szfb/").content.decode()
    assert "下设机构" in page and "督查科" in page and "冯德明" in page


def test_secretary_is_shown_with_the_leader_served(staff_client):
    assert "服务李正华" in staff_client.get("/org/units/mc1/").content.decode()


def test_unknown_unit_answers_404_in_chinese(staff_client):
    response = staff_client.get("/org/units/nosuch/")
    assert response.status_code == 404
    assert "您访问的页面不存在" in response.content.decode()


def test_people_search_by_name_returns_the_full_page(staff_client):
    response = staff_client.get("/org/people/", {"q": "李正华"})
    page = response.content.decode()
    assert "<html" in page and "人员名录" in page
    assert "mayor" in page and "vmayor1" not in page


def test_people_search_by_unit_for_htmx_returns_only_the_rows(staff_client):
    response = staff_client.get("/org/people/", {"unit": "jtj"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page and "<table" in page
    assert "jtj_head" in page and "jtj_staff" in page and "hbj_staff" not in page


def test_people_search_with_no_match_says_so(staff_client):
    page = staff_client.get("/org/people/", {"q": "不存在的人"}, headers={"HX-Request": "true"}).content.decode()
    assert "没有符合条件的人员" in page


def test_people_directory_is_paginated(staff_client):
    page = staff_client.get("/org/people/").content.decode()
    assert "第1页" in page and "下一页" in page


def test_leaders_page_shows_each_leader_with_their_portfolio(staff_client):
    page = staff_client.get("/org/leaders/").content.decode()
    assert "政府领导分工" in page
    assert "李正华" in page and "主持全面工作" in page
    assert page.index("李正华") < page.index("周国强") < page.index("吴建平")  # the mayor first
    row = page[page.index("吴建平"):]
    row = row[: row.index("</tr>")]
    for name in ("自然资源和规划局", "住房和城乡建设局", "交通运输局", "城市管理局", "水务局"):
        assert name in row
    assert "教育局" not in row


@pytest.mark.parametrize("username", ["admin", "secadmin", "auditor"])
def test_three_administrators_may_browse_the_organisation(client_for, username):
    client = client_for(username)
    for url in ("/org/", "/org/units/jtj/", "/org/people/", "/org/leaders/"):
        assert client.get(url).status_code == 200
