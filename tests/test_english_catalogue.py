"""The shell speaks Chinese by default and English when the browser or the switcher asks for it.

Source strings are Chinese, so Chinese is complete without any catalogue; English comes from
src/shuniu/locale/en/LC_MESSAGES/django.mo, which is committed and rebuilt by `make messages`.
"""

import ast
import gettext
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"


def test_login_page_is_chinese_by_default(client):
    page = client.get("/login/").content.decode()

    assert '<html lang="zh-hans">' in page
    assert "用户名" in page
    assert "政府办公厅（室）综合业务平台" in page
    assert "Username" not in page


def test_an_english_browser_still_gets_chinese_until_english_is_chosen(client):
    # Officials often run browsers set to English; the office's working language is Chinese.
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="zh-hans">' in page and "用户名" in page

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in page
    assert ">Username</label>" in page
    assert ">Password</label>" in page
    assert ">Log in</button>" in page
    assert "用户名" not in page


def test_language_cookie_overrides_a_chinese_browser(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").content.decode()

    assert ">Username</label>" in page
    assert "One-time code" in page


def test_language_switcher_in_the_footer_sets_english_then_back_to_chinese(client):
    login_page = client.get("/login/").content.decode()
    assert 'action="/i18n/setlang/"' in login_page
    assert '<option value="en" lang="en">English</option>' in login_page

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/login/"
    assert ">Username</label>" in client.get("/login/").content.decode()

    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/login/"})
    assert ">用户名</label>" in client.get("/login/").content.decode()


@pytest.mark.django_db
def test_error_page_frame_is_translated(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get("/no-such-page/").content.decode()

    assert "Error code 404." in page
    assert "Back to the home page" in page


def _po_entries(path: Path) -> dict[str, str]:
    """msgid → msgstr of a .po file (single forms, strings possibly split over lines)."""
    entries, current, field = {}, {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith(("msgid ", "msgstr ")):
            field, _, rest = line.partition(" ")
            current[field] = ast.literal_eval(rest)
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
        elif not line.strip():
            if current.get("msgid"):
                entries[current["msgid"]] = current.get("msgstr", "")
            current, field = {}, None
    return entries


def test_compiled_english_catalogue_matches_its_source():
    with open(CATALOGUE / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)

    source = _po_entries(CATALOGUE / "django.po")

    assert "用户名" in source
    stale = {msgid: text for msgid, text in source.items() if text and compiled.gettext(msgid) != text}
    assert not stale, f"django.mo 与 django.po 不一致，请运行 make messages：{stale}"
