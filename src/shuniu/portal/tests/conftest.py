"""Portal test helpers: a citizen's message submitted through the public API, and its answer."""

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from rest_framework.test import APIClient

MESSAGE = {
    "channel": "web", "type": "complaint", "title": "滨江小区夜间施工噪音扰民",
    "content": "滨江小区旁的工地连续一周晚上十一点后仍在施工，噪音很大，严重影响居民休息，请有关部门查处。",
    "name": "王建华", "phone": "13912345678", "address": "东城区滨江路88号", "wants_public": True,
}
REPLY = "经现场核查，该工地已办理夜间施工许可，已责令其22时后停止高噪声作业。"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()
    if not isinstance(caches["limits"], DatabaseCache):  # database rows go with the test's rollback
        caches["limits"].clear()


@pytest.fixture(autouse=True)
def _fresh_policy():
    """The portal's copy of the hotline's rules must not carry a rolled-back test's row."""
    from shuniu.portal.services import POLICY

    POLICY.clear()
    yield
    POLICY.clear()


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    """Attachments citizens send in the tests are written to a temporary folder, not ./var."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def public(demo_office):
    """An APIClient with no account (the demo office exists: messages go to its hotline office)."""
    return APIClient()


@pytest.fixture
def submit(public):
    """submit(**fields) → the query code of a message sent through `POST /api/v1/public/messages`."""

    def make(**fields):
        response = public.post("/api/v1/public/messages", {**MESSAGE, **fields}, format="json")
        assert response.status_code == 201, response.content
        return response.json()["code"]

    return make


@pytest.fixture
def answer(demo_office):
    """answer(code) → the message dispatched to hbj, replied to and approved by the hotline office."""
    from shuniu.hotline.models import Ticket
    from shuniu.matters.services import perform

    def make(code, reply=REPLY, **approve):
        matter = Ticket.objects.get(query_code=code).matter
        perform(matter, "dispatch", demo_office["rexian"], {"units": [{"unit": "hbj"}], "category": "environment"})
        perform(matter, "accept", demo_office["hbj_staff"], {})
        perform(matter, "reply", demo_office["hbj_staff"], {"reply": reply})
        return perform(matter, "approve_reply", demo_office["rexian"], approve)

    return make
