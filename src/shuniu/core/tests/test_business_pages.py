"""三员 never read business content: every business module in the navigation refuses them with
the Chinese 403 page, and none of those modules is offered to them."""

import pytest
from django.urls import NoReverseMatch, reverse

from shuniu.core import registry
from shuniu.core.models import AuditEvent


def business_urls() -> list[str]:
    urls = []
    for entry in registry.nav_entries():
        if entry.perm != "core.use_business":
            continue
        try:
            urls.append(reverse(entry.url_name))
        except NoReverseMatch:
            continue  # the module is not built yet
    return urls


def test_there_are_business_pages_to_check():
    assert business_urls(), "at least the matters inbox exists"


@pytest.mark.parametrize("username", ["admin", "secadmin", "auditor"])
def test_three_administrators_are_refused_every_business_page(client_for, username):
    client = client_for(username)
    for url in business_urls():
        response = client.get(url)
        assert response.status_code == 403, url
        assert "您没有访问此页面的权限。" in response.content.decode()
        assert AuditEvent.objects.filter(action=AuditEvent.Action.DENIED, username=username, target=url).exists()


@pytest.mark.parametrize("username", ["admin", "secadmin", "auditor"])
def test_three_administrators_are_not_offered_business_modules(client_for, username):
    page = client_for(username).get("/").content.decode()
    for url in business_urls():
        assert f'href="{url}"' not in page


def test_business_user_is_offered_the_business_modules(client_for):
    page = client_for("jtj_staff").get("/").content.decode()
    for url in business_urls():
        assert f'href="{url}"' in page
