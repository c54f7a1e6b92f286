"""The petition pages: list and filters, masking, the registration desk, the detail partial, downloads."""

from __future__ import annotations

from shuniu.matters.models import Matter
from shuniu.petitions.models import Document

from .conftest import PETITION, T0, days, frozen


def test_list_shows_petitions_with_flags_and_filters(register, client_for):
    group = register(people_count=12, title="城东新村居民集体反映化工厂异味问题")
    register(at=T0 + days(5), channel="letter", title="建议增设城区公交线路", category="suggestion",
             petitioner_name="周敏", petitioner_phone="13566667777", content="建议在城北新区增设直达火车站的公交线路。")
    with frozen(T0 + days(6)):
        page = client_for("xinfang").get("/petitions/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "集体访 12人" in html
    assert group.serial in html

    with frozen(T0 + days(6)):
        only_groups = client_for("xinfang").get("/petitions/", {"group": "true"}).content.decode()
        letters = client_for("xinfang").get("/petitions/", {"channel": "letter"}).content.decode()
        suggestions = client_for("xinfang").get("/petitions/", {"category": "suggestion"}).content.decode()
    assert group.serial in only_groups and "建议增设城区公交线路" not in only_groups
    assert "建议增设城区公交线路" in letters and group.serial not in letters
    assert "建议增设城区公交线路" in suggestions


def test_list_filters_repeats_and_overdue(register, client_for):
    first = register()
    register(at=T0 + days(3))
    other = register(at=T0 + days(20), title="反映孩子入学难问题", petitioner_phone="13788886666", petitioner_name="李秀英",
                     content="我家孩子今年适龄入学，户籍在西城区，但被告知学位已满，请求协调解决。")
    with frozen(T0 + days(25)):
        repeats = client_for("xinfang").get("/petitions/", {"repeat": "true"}).content.decode()
        overdue = client_for("xinfang").get("/petitions/", {"overdue": "true"}).content.decode()
    assert first.serial in repeats and other.serial not in repeats
    assert "共2次" in repeats
    assert first.serial in overdue and other.serial not in overdue


def test_list_masks_personal_data_for_other_units(register, act, client_for):
    matter = register()
    act(matter, "dispatch", "xinfang", T0 + days(1), units=["hbj"], mode="assign")
    theirs = client_for("hbj_staff").get("/petitions/").content.decode()
    assert "139****5678" in theirs and "13912345678" not in theirs
    assert "王**" in theirs and "王建华" not in theirs
    own = client_for("xinfang").get("/petitions/").content.decode()
    assert "13912345678" in own and "王建华" in own
    assert matter.serial not in client_for("jtj_staff").get("/petitions/").content.decode()


def test_matter_page_shows_the_petitioner_to_those_who_may_view_it(register, act, client_for):
    matter = register()
    act(matter, "dispatch", "xinfang", T0 + days(1), units=["hbj"], mode="assign")
    page = client_for("hbj_staff").get(f"/matters/{matter.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "13912345678" in html
    assert "告知受理与否" in html and "登记转送交办" in html
    assert client_for("jtj_staff").get(f"/matters/{matter.pk}/").status_code == 404


def test_matter_page_lists_the_opinion_for_download(replied, client_for):
    matter = replied()
    doc = Document.objects.get(petition_id=matter.pk, kind="opinion")
    html = client_for("xinfang").get(f"/matters/{matter.pk}/").content.decode()
    url = f"/matters/{matter.pk}/files/{doc.attachment_id}/"
    assert url in html
    assert "不予支持" in html
    download = client_for("hbj_staff").get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"
    assert client_for("jtj_staff").get(url).status_code == 404


def test_matter_page_shows_the_repeat_chain(register, client_for):
    first = register()
    second = register(at=T0 + days(3))
    html = client_for("xinfang").get(f"/matters/{second.pk}/").content.decode()
    assert "同一事项信访记录（共2次，本件为第2次）" in html
    assert f"/matters/{first.pk}/" in html


def test_registration_desk_registers_and_opens_the_petition(client_for):
    client = client_for("xinfang")
    assert client.get("/petitions/new/").status_code == 200
    response = client.post("/petitions/new/", PETITION)
    matter = Matter.objects.get(kind="petition")
    assert response.status_code == 302
    assert response["Location"] == f"/matters/{matter.pk}/"


def test_registration_desk_shows_chinese_errors_and_writes_nothing(client_for):
    response = client_for("xinfang").post("/petitions/new/", {**PETITION, "petitioner_phone": "abc", "title": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "联系电话格式不正确" in html
    assert "请填写信访事项" in html
    assert not Matter.objects.filter(kind="petition").exists()


def test_a_department_has_no_registration_desk(client_for):
    client = client_for("hbj_staff")
    assert client.get("/petitions/new/").status_code == 403
    assert client.post("/petitions/new/", PETITION).status_code == 403
    assert "登记信访" not in client.get("/petitions/").content.decode()
    assert not Matter.objects.filter(kind="petition").exists()


def test_desk_duplicate_check_finds_the_earlier_petition(register, client_for):
    first = register()
    with frozen(T0 + days(2)):
        html = client_for("xinfang").post("/petitions/check/", {
            "petitioner_phone": PETITION["petitioner_phone"], "title": PETITION["title"], "content": PETITION["content"],
        }).content.decode()
    assert first.serial in html
    assert "同一联系电话" in html
    nothing = client_for("xinfang").post("/petitions/check/", {"petitioner_phone": "13000000000"}).content.decode()
    assert "未发现" in nothing
    assert client_for("hbj_staff").post("/petitions/check/", {"petitioner_phone": "13912345678"}).status_code == 403


def test_duplicate_panel_survives_a_validation_error(register, client_for):
    first = register()
    with frozen(T0 + days(2)):
        response = client_for("xinfang").post("/petitions/new/", {**PETITION, "channel": "nonsense"})
    assert response.status_code == 400
    html = response.content.decode()
    panel = html[html.index('id="matches"'):]
    assert first.serial in panel and "同一联系电话" in panel
    assert Matter.objects.filter(kind="petition").count() == 1


def test_the_receiving_unit_signs_for_petitions_in_a_batch_from_the_list(register, act, client_for):
    matter = register()
    act(matter, "dispatch", "xinfang", T0 + days(1), units=["hbj"], mode="assign")
    client = client_for("hbj_staff")
    html = client.get("/petitions/").content.decode()
    assert 'id="batch-accept"' in html and f'name="ids" value="{matter.pk}" form="batch-form"' in html
    result = client.post("/matters/batch/", {"action": "accept", "ids": [matter.pk]}).content.decode()
    assert "已签收1件" in result
    matter.refresh_from_db()
    assert matter.status == "handling"
    assert matter.entries.filter(action="accept", actor__username="hbj_staff").count() == 1
