"""A person lists and revokes their own API tokens (API and the account page), and holds at most
SHUNIU_MAX_TOKENS live ones; one more is refused in Chinese."""

from django.test import override_settings
from knox.models import AuthToken
from rest_framework.test import APIClient

from shuniu.core.models import AuditEvent

PASSWORD = "Shuniu@2026"


def _issue(username="jtj_staff"):
    return APIClient().post("/api/v1/auth/token", {"username": username, "password": PASSWORD}, format="json")


def _bearer(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def test_a_person_lists_their_own_tokens_only(demo_office):
    first, second = _issue().json()["token"], _issue().json()["token"]
    _issue("hbj_staff")
    rows = _bearer(second).get("/api/v1/auth/tokens").json()
    assert len(rows) == 2
    assert {r["key"] for r in rows} == {first[:15], second[:15]}
    assert [r["current"] for r in rows] == [True, False]  # newest first, the caller's own marked
    assert all(first not in str(r) and second not in str(r) for r in rows)  # never the secret itself


def test_revoking_a_token_ends_it_and_is_audited(demo_office):
    first, second = _issue().json()["token"], _issue().json()["token"]
    client = _bearer(second)
    assert client.delete(f"/api/v1/auth/tokens/{first[:15]}").status_code == 204
    assert _bearer(first).get("/api/v1/org/units").status_code == 401
    assert client.get("/api/v1/org/units").status_code == 200
    assert AuditEvent.objects.filter(action="token_revoked", username="jtj_staff", target=first[:15]).exists()


def test_another_persons_token_cannot_be_revoked(demo_office):
    theirs = _issue("hbj_staff").json()["token"]
    mine = _issue().json()["token"]
    response = _bearer(mine).delete(f"/api/v1/auth/tokens/{theirs[:15]}")
    assert response.status_code == 404 and response.json()["error"]["message"] == "令牌不存在或已失效"
    assert _bearer(theirs).get("/api/v1/org/units").status_code == 200


@override_settings(SHUNIU_MAX_TOKENS=3)
def test_one_token_beyond_the_limit_is_refused_in_chinese(demo_office):
    issued = [_issue() for _ in range(3)]
    assert all(r.status_code == 200 for r in issued)
    refused = _issue()
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "too_many_tokens"
    assert "有效接口令牌已达上限（3个）" in refused.json()["error"]["message"]
    assert AuthToken.objects.filter(user=demo_office["jtj_staff"]).count() == 3
    _bearer(issued[0].json()["token"]).delete(f"/api/v1/auth/tokens/{issued[1].json()['token'][:15]}")
    assert _issue().status_code == 200


def test_the_account_page_lists_and_revokes_tokens(demo_office, client_for):
    token = _issue().json()["token"]
    client = client_for("jtj_staff")
    page = client.get("/core/account/").content.decode()
    assert token[:8] in page and token not in page
    response = client.post(f"/core/account/tokens/{token[:15]}/revoke/")
    assert response.status_code == 302
    assert not AuthToken.objects.filter(user=demo_office["jtj_staff"]).exists()
    assert client.post(f"/core/account/tokens/{token[:15]}/revoke/", follow=True).status_code == 200
