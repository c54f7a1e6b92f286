"""系统管理: the system administrator keeps the 发文字号 series and sign-off rules; counters are read-only."""

import pytest
from django.test import Client

from shuniu.documents.models import NumberCounter, NumberSeries


@pytest.fixture
def admin_client(office):
    client = Client()
    client.force_login(office["admin"])
    return client


def test_system_administrator_manages_series_and_rules(admin_client):
    from shuniu.documents.services import install_default_sign_off_rules

    # Migration 0002 wrote the rules; a database flushed by an earlier transactional test has lost them.
    install_default_sign_off_rules()
    assert admin_client.get("/admin/documents/numberseries/").status_code == 200
    page = admin_client.get("/admin/documents/signoffrule/").content.decode()
    assert "上行文由主要领导签发" in page


def test_counters_cannot_be_edited(admin_client, make_draft, advance):
    advance(make_draft(), "printing")
    counter = NumberCounter.objects.get()
    response = admin_client.post(f"/admin/documents/numbercounter/{counter.pk}/change/", {"last": 0})
    assert response.status_code == 403
    counter.refresh_from_db()
    assert counter.last == 1


def test_a_used_series_keeps_its_code(admin_client, make_draft, advance):
    advance(make_draft(), "printing")
    series = NumberSeries.objects.get(code="市政办发")
    admin_client.post(f"/admin/documents/numberseries/{series.pk}/change/",
                      {"code": "市府办发", "issuer": series.issuer_id, "doc_types": "[]", "is_active": "on"})
    series.refresh_from_db()
    assert series.code == "市政办发"


@pytest.mark.parametrize("username", ["secadmin", "auditor"])
def test_other_administrators_do_not_see_document_configuration(office, username):
    client = Client()
    client.force_login(office[username])
    assert client.get("/admin/documents/numberseries/").status_code == 403
