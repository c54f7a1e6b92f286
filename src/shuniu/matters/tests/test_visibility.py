"""Who sees a matter: its units, its reviewers, the leaders in charge, the office — cleared for its 密级.
The same rule guards pages, the API, lists and attachments."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from shuniu.core.models import AuditEvent
from shuniu.matters import services
from shuniu.matters.models import Entry, Matter
from shuniu.matters.rules import can_view, visible_matters


@pytest.mark.parametrize("username, sees", [
    ("jtj_staff", True), ("jtj_liaison", True), ("cgj_staff", True), ("duban", True), ("mayor", True),
    ("director", True), ("vmayor2", True), ("hbj_staff", False), ("vmayor3", False), ("mishu", False),
    ("admin", False), ("secadmin", False), ("auditor", False),
])
def test_visibility_of_a_supervision_item(make_item, demo_office, username, sees):
    item = make_item(lead="jtj", assist=["cgj"])
    user = demo_office[username]
    assert can_view(user, item) is sees
    assert visible_matters(user).filter(pk=item.pk).exists() is sees


def test_other_units_get_404_on_page_api_and_journal(make_item, client_for, api_client_for):
    item = make_item()
    assert client_for("hbj_staff").get(f"/matters/{item.pk}/").status_code == 404
    api = api_client_for("hbj_staff")
    for url in (f"/api/v1/matters/{item.pk}", f"/api/v1/matters/{item.pk}/journal", f"/api/v1/matters/{item.pk}/transitions"):
        response = api.get(url)
        assert response.status_code == 404 and response.json()["error"]["message"] == "事项不存在或您无权查看"
    assert api.get("/api/v1/matters/").json()["count"] == 0


def test_three_administrators_are_refused_business_pages(make_item, client_for, api_client_for):
    item = make_item()
    for username in ("admin", "secadmin", "auditor"):
        client = client_for(username)
        assert client.get("/matters/").status_code == 403
        assert client.get(f"/matters/{item.pk}/").status_code == 403
        assert client.get("/matters/stats/").status_code == 403
        assert api_client_for(username).get(f"/api/v1/matters/{item.pk}").status_code == 404


def test_classified_matter_is_hidden_from_uncleared_people_and_reads_are_journaled(make_item, demo_office, client_for):
    item = make_item(lead="jtj")
    Matter.objects.filter(pk=item.pk).update(secrecy=1)  # 秘密
    item.refresh_from_db()
    assert not can_view(demo_office["jtj_staff"], item)  # not cleared
    assert can_view(demo_office["jtj_head"], item)  # cleared 秘密
    assert client_for("jtj_staff").get(f"/matters/{item.pk}/").status_code == 404
    assert client_for("jtj_head").get(f"/matters/{item.pk}/").status_code == 200
    read = Entry.objects.get(matter=item, action="read")
    assert read.actor.username == "jtj_head"
    assert AuditEvent.objects.filter(action="read_restricted", username="jtj_head", target=item.serial).exists()


def test_attachments_are_served_only_to_those_who_see_the_matter(make_item, demo_office, client_for):
    item = make_item()
    upload = SimpleUploadedFile("进展材料.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    services.perform(item, "accept", demo_office["jtj_staff"], {}, {"attachments": [upload]})
    attachment = item.attachments.get()
    url = f"/matters/{item.pk}/files/{attachment.pk}/"
    assert client_for("jtj_staff").get(url).status_code == 200
    assert client_for("hbj_staff").get(url).status_code == 404


def test_attachment_of_a_forbidden_type_is_refused_and_nothing_written(make_item, demo_office):
    item = make_item()
    before = Entry.objects.count()
    upload = SimpleUploadedFile("病毒.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(services.Invalid) as error:
        services.perform(item, "accept", demo_office["jtj_staff"], {}, {"attachments": [upload]})
    assert "不支持的附件类型" in error.value.message
    assert Entry.objects.count() == before
    assert item.assignments.get(unit__code="jtj").status == "pending"
