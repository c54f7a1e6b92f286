"""The list tools clicked through in Chromium: a unit picked by name filters the list, the list is
exported to Excel as filtered, two matters are accepted (批量签收) from the inbox's checkboxes, and an
attachment is previewed in the matter page."""

import io
import struct
import zlib

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import pick_unit

pytestmark = pytest.mark.browser


def _png(width=40, height=30) -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xcc\x22\x22" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _items():
    from shuniu.org.models import User
    from shuniu.supervision.services import create_item

    duban = User.objects.get(username="duban")

    def make(title, lead):
        return create_item(duban, {"title": title, "content": "按照市政府常务会议议定事项办理。", "source": "meeting",
                                   "lead_unit": lead, "assist_units": [], "report_cycle": "none"})

    return [make("推进城区公交线网优化", "jtj"), make("推进公交场站建设", "jtj"), make("治理城区道路扬尘", "hbj")]


def test_filter_by_unit_name_export_and_batch_accept(page, live_server, login, seeded_office):
    bus, depot, dust = _items()
    login(page, live_server, "duban")
    page.goto(f"{live_server.url}/matters/")
    pick_unit(page, "主办单位", "交通运输局")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(lambda url: "unit=jtj" in url)
    assert sorted(page.locator("table.sn-list tbody td:nth-child(3)").all_inner_texts()) == sorted([bus.serial, depot.serial])

    with page.expect_download() as info:
        page.locator("#export-xlsx").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(open(download.path(), "rb").read())).active
    rows = list(sheet.iter_rows(values_only=True))
    serials = [row[2] for row in rows[3:]]
    assert sorted(serials) == sorted([bus.serial, depot.serial])
    page.get_by_role("button", name="退出").click()

    login(page, live_server, "jtj_staff")
    page.goto(f"{live_server.url}/matters/inbox/")
    page.locator("#pick-all").check()
    assert page.locator("#batch-count").inner_text() == "2"
    page.locator("#batch-accept").click()
    page.wait_for_url(lambda url: url.endswith("/matters/batch/"))
    assert "批量签收结果" in page.locator("h1").inner_text()
    results = page.locator("#batch-results tbody tr")
    assert results.count() == 2
    assert set(results.locator("td:nth-child(3)").all_inner_texts()) == {"已签收"}

    from shuniu.matters.models import Assignment

    assert set(Assignment.objects.filter(matter__in=[bus, depot]).values_list("status", flat=True)) == {"accepted"}
    assert Assignment.objects.get(matter=dust).status == "pending"


def test_an_attachment_is_previewed_in_the_matter_page(page, live_server, login, seeded_office, settings, tmp_path):
    from django.core.files.base import ContentFile

    from shuniu.matters.models import Attachment

    settings.MEDIA_ROOT = str(tmp_path)
    bus = _items()[0]
    item = Attachment(matter=bus, name="现场照片.png", size=0)
    item.file.save("现场照片.png", ContentFile(_png()), save=False)
    item.size = item.file.size
    item.save()

    login(page, live_server, "jtj_staff")
    page.set_viewport_size({"width": 900, "height": 900})
    page.goto(f"{live_server.url}/matters/{bus.pk}/")
    role = page.locator("#assignments tbody td:nth-child(2)").first
    assert role.inner_text() == "主办"
    # 主办 stays on one line in a narrow window: its cell is no taller than the unit's one-line cell.
    assert role.evaluate("c => getComputedStyle(c).whiteSpace") == "nowrap"
    assert role.evaluate("c => c.getClientRects()[0].height") <= page.locator(
        "#assignments thead th").first.evaluate("c => c.getClientRects()[0].height") + 1
    with page.expect_response(lambda r: "/preview/" in r.url) as answer:
        page.locator("#attachments").get_by_role("link", name="预览").click()
    assert answer.value.headers["cache-control"] == "no-store"
    modal = page.locator("#preview-modal")
    modal.wait_for(state="visible")
    assert "现场照片.png" in modal.locator(".modal-title").inner_text()
    image = modal.locator("img#preview-content")
    page.wait_for_function("() => { const i = document.querySelector('#preview-content'); return i && i.complete && i.naturalWidth > 0; }")
    assert image.evaluate("i => i.naturalWidth") == 40


def test_the_desk_proposes_the_department_in_the_unit_picker(page, live_server, login, seeded_office):
    login(page, live_server, "rexian")
    page.goto(f"{live_server.url}/hotline/desk/")
    page.locator("#id_category").select_option("environment")
    picker = page.locator("#id_lead_unit + .ts-wrapper .ts-control")
    assert picker.locator(".item").inner_text() == "生态环境局"
    assert page.locator("#id_lead_unit").input_value() == "hbj"
    pick_unit(page, "派单至（主办单位）", "交通运输局")  # the operator's own choice wins
    page.locator("#id_category").select_option("education")
    assert page.locator("#id_lead_unit").input_value() == "jtj"
