"""Error bodies, OpenAPI, the vendored docs page, health, and no external URLs anywhere."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.integration.web.conftest import bearer
from tests.integration.web.routes import http_routes

EXTERNAL = re.compile(r"""(?:src|href|action|url)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def test_healthz_checks_the_database(client):
    r = client.get("/healthz")
    assert (r.status_code, r.json()) == (200, {"status": "ok", "database": "ok"})


def test_healthz_reports_a_database_that_does_not_answer(container):
    import sqlalchemy as sa

    from vorder.web.app import create_app

    app = create_app(container)
    container.engine = sa.create_engine("sqlite:////nonexistent-dir/x.db")
    with TestClient(app) as c:
        r = c.get("/healthz")
    assert (r.status_code, r.json()) == (503, {"status": "error", "database": "error"})
    assert "Traceback" not in r.text


def test_validation_errors_name_the_field(orgs, client):
    alpha, _ = orgs
    r = client.put(
        "/api/modules/payments", json={"enabled": "perhaps"}, headers=bearer(alpha.owner_key)
    )
    assert r.status_code == 422
    body = r.json()
    assert set(body) == {"error", "field", "code"}
    assert (body["field"], body["code"]) == ("enabled", "invalid_request")
    assert body["error"].startswith("enabled: ")
    r = client.get("/api/events?limit=0", headers=bearer(alpha.owner_key))
    assert (r.status_code, r.json()["field"]) == (422, "limit")
    r = client.post("/api/api-keys", json={"role": "viewer"}, headers=bearer(alpha.owner_key))
    assert (r.status_code, r.json()["field"]) == (422, "name")


def test_session_api_calls_must_name_the_tenant(orgs, new_browser):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.owner_email)
    r = b.api("GET", "/api/members")
    assert r.status_code == 422
    assert r.json() == {
        "error": "name the organisation with the X-Vorder-Tenant header (its short name)",
        "field": "X-Vorder-Tenant",
        "code": "tenant_required",
    }


def test_unknown_paths_and_methods(orgs, client):
    r = client.get("/api/nothing-here")
    assert (r.status_code, r.json()) == (
        404,
        {"error": "no such path", "field": None, "code": "not_found"},
    )
    r = client.post("/api/me")
    assert r.status_code == 405
    assert r.json()["code"] == "method_not_allowed"
    page = client.get("/nothing-here")
    assert page.status_code == 404
    assert "We kunnen deze pagina of dit onderdeel niet vinden." in page.text


def test_unexpected_errors_are_500_without_a_stack_trace(orgs, app, container):
    alpha, _ = orgs

    @app.get("/api/test-only/boom")
    def boom() -> None:
        raise RuntimeError("secret internals: password=hunter2")

    @app.get("/test-only/boom")
    def boom_page() -> None:
        raise RuntimeError("secret internals: password=hunter2")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/test-only/boom")
        assert r.status_code == 500
        assert r.json() == {
            "error": "an unexpected error happened; it has been logged",
            "field": None,
            "code": "server_error",
        }
        page = c.get("/test-only/boom")
        assert page.status_code == 500
        assert "Er ging bij ons iets mis." in page.text
        for text in (r.text, page.text):
            assert "Traceback" not in text
            assert "hunter2" not in text


def test_openapi_declares_the_4xx_answers_of_every_api_route(client):
    spec = client.get("/api/openapi.json").json()
    assert spec["info"]["title"] == "Vorder API"
    checked = 0
    for path, item in spec["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, op in item.items():
            codes = set(op["responses"])
            assert {"401", "403", "404", "422"} <= codes, (method, path, codes)
            assert op["responses"]["404"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorBody"
            }
            checked += 1
    assert checked >= 12
    assert {"ApiKey", "Session"} <= set(spec["components"]["securitySchemes"])
    assert "/api/docs" not in spec["paths"]
    assert not any(p.startswith("/t/") for p in spec["paths"])


def test_docs_page_uses_only_our_own_files(client):
    r = client.get("/api/docs")
    assert r.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in r.text
    assert not EXTERNAL.search(r.text)
    for asset in (
        "/static/vendor/swagger-ui/swagger-ui-bundle.js",
        "/static/vendor/swagger-ui/swagger-ui.css",
        "/static/js/api-docs.js",
        "/static/vendor/htmx/htmx.min.js",
        "/static/vendor/htmx/LICENSE.txt",
        "/static/vendor/swagger-ui/LICENSE.txt",
    ):
        assert client.get(asset).status_code == 200, asset
    assert "htmx" in client.get("/static/vendor/htmx/htmx.min.js").text[:2000]
    assert 'version:"2.0.4"' in client.get("/static/vendor/htmx/htmx.min.js").text


def test_no_page_references_an_external_url(orgs, new_browser, app, client):
    alpha, _ = orgs
    b = new_browser()
    pages = {"/login": client.get("/login").text, "/api/docs": client.get("/api/docs").text}
    b.login(alpha.owner_email)
    for route in http_routes(app):
        path = route.path
        if "GET" not in route.methods or not path.startswith("/t/"):
            continue
        if "{" in path.replace("{tenant_slug}", ""):
            continue
        url = path.replace("{tenant_slug}", "alpha")
        r = b.client.get(url)
        assert r.status_code == 200, url
        pages[url] = r.text
    assert len(pages) >= 12
    for url, html in pages.items():
        assert not EXTERNAL.search(html), url
        assert "http://" not in html and "https://" not in html, url


def test_security_headers(client):
    r = client.get("/login")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"
