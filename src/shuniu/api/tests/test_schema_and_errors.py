"""The OpenAPI document, the docs page (no CDN), and the error shape for unknown paths."""

import re

import pytest
from rest_framework.test import APIClient


def test_openapi_json_is_valid_json_with_the_paths(db):
    response = APIClient().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oai.openapi+json"
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in ("/api/v1/auth/token", "/api/v1/org/units", "/api/v1/org/people"):
        assert path in schema["paths"]
    assert schema["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http", "scheme": "bearer", "description": "POST /api/v1/auth/token 取得的令牌"
    }
    people = schema["paths"]["/api/v1/org/people"]["get"]
    assert {"unit", "q", "page", "page_size"} <= {p["name"] for p in people["parameters"]}
    page_schema = people["responses"]["200"]["content"]["application/json"]["schema"]
    assert page_schema["$ref"].startswith("#/components/schemas/Paginated")


def test_docs_page_renders_swagger_from_local_files_only(db):
    response = APIClient().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html.lower()
    assets = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    assert assets, "the page loads its scripts and styles"
    assert [url for url in assets if re.match(r"(https?:)?//", url)] == []
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    # The init script is a separate same-origin resource (no inline script under the CSP).
    script = APIClient().get("/api/v1/docs?script=").content.decode()
    assert "/api/v1/openapi.json" in script
    assert '"validatorUrl": null' in script  # no badge fetched from validator.swagger.io


@pytest.mark.parametrize("path", ["/api/v1/nosuch", "/api/v1/org/nosuch/", "/api/v2/org/units"])
def test_unknown_api_path_is_404_in_the_error_shape(db, path):
    response = APIClient().get(path)
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "请求的资源不存在"}}


def test_unsupported_content_type_is_415_in_the_error_shape(db):
    response = APIClient().post("/api/v1/auth/token", data="username=a", content_type="text/plain")
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


def test_a_json_body_that_is_not_an_object_is_400_not_500(db):
    response = APIClient().post("/api/v1/auth/token", data="[1, 2]", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
