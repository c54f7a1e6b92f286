"""A Content-Security-Policy on every page (no inline script or style anywhere, so default-src 'self'
holds), and Cache-Control: no-store on the API, matter pages and every attachment download."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

import shuniu

TEMPLATES = Path(shuniu.__file__).parent / "templates"


def _policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: " ".join(part.split()[1:]) for part in header.split(";") if part.strip()}


def test_every_page_carries_the_policy(client, db):
    for response in (client.get("/login/"), client.get("/public/"), client.get("/api/v1/org/units"),
                     client.get("/no-such-page/")):
        policy = _policy(response)
        assert policy["default-src"] == "'self'"
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert "unsafe-eval" not in response["Content-Security-Policy"]
        assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'self'"
        assert policy["base-uri"] == "'self'" and policy["form-action"] == "'self'" and policy["frame-src"] == "'self'"


@pytest.mark.parametrize("path", sorted(str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.html")))
def test_no_template_has_inline_script_or_style(path):
    text = (TEMPLATES / path).read_text()
    inline_scripts = [tag for tag in re.findall(r"<script\b[^>]*>", text) if "src=" not in tag]
    assert inline_scripts == []
    assert re.search(r"\sstyle\s*=", text) is None
    assert "<style" not in text
    assert re.search(r"\son[a-z]+\s*=", text) is None
    assert "javascript:" not in text


def test_the_api_documentation_loads_its_script_from_a_url(client, db):
    page = client.get("/api/v1/docs").content.decode()
    assert re.findall(r"<script\b[^>]*>", page) and all("src=" in tag for tag in re.findall(r"<script\b[^>]*>", page))
    assert "<style" not in page
    script = client.get("/api/v1/docs?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


def test_api_matter_pages_and_downloads_are_not_stored(demo_office, client_for, api_client_for):
    from shuniu.matters import services
    from shuniu.supervision.services import create_item

    item = create_item(demo_office["duban"], {"title": "推进城区公交线网优化", "content": "按照会议议定事项办理。",
                                              "source": "meeting", "lead_unit": "jtj", "assist_units": [],
                                              "report_cycle": "none"})
    upload = SimpleUploadedFile("进展材料.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    services.perform(item, "accept", demo_office["jtj_staff"], {}, {"attachments": [upload]})
    attachment = item.attachments.get()
    client = client_for("jtj_staff")
    responses = [
        client.get(f"/matters/{item.pk}/"),
        client.get("/matters/"),
        client.get(f"/matters/{item.pk}/files/{attachment.pk}/"),
        api_client_for("jtj_staff").get(f"/api/v1/matters/{item.pk}"),
        api_client_for("jtj_staff").get("/api/v1/matters/"),
    ]
    for response in responses:
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
    assert "Content-Security-Policy" in responses[0]
