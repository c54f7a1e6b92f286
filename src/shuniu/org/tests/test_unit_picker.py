"""Unit pickers search by name: nobody types `szfb` or an id to choose a unit."""

from shuniu.org.widgets import UnitNamesInput


def test_search_finds_units_by_part_of_their_name_or_short_name(client_for):
    client = client_for("jtj_staff")
    found = client.get("/org/units/search/", {"q": "交通"}).json()["results"]
    assert {"value": "jtj", "text": "交通运输局", "short": "市交通运输局"} in found
    by_short = client.get("/org/units/search/", {"q": "市生态", "kinds": "department,county"}).json()["results"]
    assert [u["value"] for u in by_short] == ["hbj"]
    sections = client.get("/org/units/search/", {"q": "科", "kinds": "department"}).json()["results"]
    assert all(u["value"] not in ("dck", "mc1") for u in sections)  # 督查科 is a section, not a department


def test_search_needs_an_account(client, db):
    assert client.get("/org/units/search/", {"q": "交通"}).status_code in (302, 403)


def test_the_widget_shows_names_and_selects_codes_given_as_codes_or_names(demo_office):
    html = UnitNamesInput(multiple=True, kinds=("government", "office", "department")).render(
        "issuer_units", "szfb、交通运输局")
    assert 'class="form-select sn-unit-picker"' in html and "multiple" in html
    assert 'data-search-url="/org/units/search/?kinds=government,office,department"' in html
    assert '<option value="szfb" selected data-short="市政府办">市政府办公室</option>' in html
    assert '<option value="jtj" selected data-short="市交通运输局">交通运输局</option>' in html
    single = UnitNamesInput(multiple=False).render("lead_unit", "hbj")
    assert "multiple" not in single and '<option value="hbj" selected data-short="市生态环境局">生态环境局</option>' in single


def test_list_filters_and_dispatch_forms_offer_pickers_not_code_boxes(demo_office, client_for):
    from shuniu.hotline.services import register_ticket
    from shuniu.hotline.tests.conftest import MESSAGE

    ticket = register_ticket(demo_office["rexian"], {**MESSAGE, "channel": "phone", "category": "environment"})
    pages = {"duban": ("/matters/", "/supervision/", "/org/people/", "/supervision/new/"),
             "rexian": ("/hotline/", f"/matters/{ticket.pk}/")}
    for username, urls in pages.items():
        for url in urls:
            html = client_for(username).get(url).content.decode()
            assert "sn-unit-picker" in html, url
            assert "单位代码" not in html, url
