"""Logging in and out (form and API), session cookies, API keys."""

from __future__ import annotations

import sqlalchemy as sa

from tests.integration.web.conftest import PASSWORD, bearer
from vorder.adapters.db import tables as t
from vorder.app import admin


def _sessions(container) -> int:
    with container.engine.connect() as conn:
        return conn.scalar(sa.select(sa.func.count()).select_from(t.WebSession.__table__))


def test_form_login_sets_a_safe_session_cookie_and_opens_the_workspace(orgs, new_browser):
    alpha, _ = orgs
    b = new_browser()
    r = b.login(alpha.owner_email)
    assert r.status_code == 303
    assert r.headers["location"] == "/"
    cookies = r.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith("vorder_session="))
    assert "HttpOnly" in session
    assert "samesite=lax" in session.lower()
    assert "Path=/" in session
    assert "Max-Age=43200" in session  # session_hours=12
    r = b.client.get("/", follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, "/t/alpha/")
    page = b.client.get("/t/alpha/")
    assert page.status_code == 200
    assert "Org Alpha" in page.text


def test_form_login_with_a_wrong_password_re_renders_the_form_in_dutch(
    orgs, new_browser, container
):
    alpha, _ = orgs
    before = _sessions(container)
    b = new_browser()
    r = b.login(alpha.owner_email, "wrong-password")
    assert r.status_code == 401
    assert "Het e-mailadres of wachtwoord klopt niet." in r.text
    assert f'value="{alpha.owner_email}"' in r.text  # the e-mail address stays filled in
    assert "vorder_session" not in b.client.cookies
    assert _sessions(container) == before


def test_form_login_failure_speaks_english_to_an_english_browser(orgs, new_browser):
    alpha, _ = orgs
    b = new_browser()
    b.client.headers["Accept-Language"] = "en-GB,en;q=0.9,nl;q=0.5"
    r = b.login(alpha.owner_email, "wrong-password")
    assert r.status_code == 401
    assert "The e-mail address or password is not right." in r.text
    assert '<html lang="en">' in r.text


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(orgs, new_browser):
    b = new_browser()
    r = b.login("nobody@nowhere.nl", PASSWORD)
    assert r.status_code == 401
    assert "Het e-mailadres of wachtwoord klopt niet." in r.text


def test_api_login_good_and_bad(orgs, client, container):
    alpha, _ = orgs
    before = _sessions(container)
    r = client.post("/api/session", json={"email": alpha.owner_email, "password": "nope"})
    assert r.status_code == 401
    assert r.json() == {
        "error": "e-mail address or password is not right",
        "field": None,
        "code": "invalid_credentials",
    }
    assert _sessions(container) == before
    r = client.post("/api/session", json={"email": alpha.owner_email, "password": PASSWORD})
    assert r.status_code == 200
    body = r.json()
    assert body["email"] == alpha.owner_email
    assert body["csrf_token"] == client.cookies["vorder_csrf"]
    assert _sessions(container) == before + 1
    me = client.get("/api/me", headers={"X-Vorder-Tenant": "alpha"})
    assert me.status_code == 200
    assert (me.json()["kind"], me.json()["role"], me.json()["tenant"]["slug"]) == (
        "user",
        "owner",
        "alpha",
    )


def test_logout_invalidates_the_session(orgs, new_browser, container):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.owner_email)
    token = b.client.cookies["vorder_session"]
    before = _sessions(container)
    r = b.post_form("/logout", {}, follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, "/login")
    assert _sessions(container) == before - 1
    # The old token no longer works, even when sent again explicitly.
    fresh = new_browser()
    fresh.client.cookies.set("vorder_session", token)
    assert fresh.client.get("/api/me").status_code == 401
    r = fresh.client.get("/t/alpha/", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/login?next=/t/alpha/"


def test_logout_through_the_api(orgs, new_browser):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.owner_email)
    assert b.api("DELETE", "/api/session").status_code == 204
    assert b.client.get("/api/me").status_code == 401


def test_api_key_authenticates_in_its_own_tenant(orgs, client):
    alpha, _ = orgs
    r = client.get("/api/me", headers=bearer(alpha.owner_key))
    assert r.status_code == 200
    body = r.json()
    assert (body["kind"], body["tenant"]["slug"], body["role"]) == ("api_key", "alpha", "owner")
    assert client.get("/api/tenants", headers=bearer(alpha.owner_key)).json() == [
        {
            "slug": "alpha",
            "name": "Org Alpha",
            "kind": "creditor",
            "role": "owner",
            "client_of": None,
        }
    ]


def test_wrong_malformed_and_revoked_api_keys_are_401(orgs, client, container):
    alpha, _ = orgs
    for header in (
        bearer(alpha.owner_key + "x"),
        bearer("vk_nothing"),
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer "},
    ):
        r = client.get("/api/me", headers=header)
        assert r.status_code == 401, header
        assert r.json()["code"] == "invalid_api_key"
        assert r.headers["www-authenticate"] == "Bearer"
    admin.revoke_api_key(
        container.uow,
        tenant_id=alpha.tenant_id,
        key_id=alpha.owner_key_id,
        actor="test",
        now=container.clock.now(),
    )
    assert client.get("/api/me", headers=bearer(alpha.owner_key)).status_code == 401


def test_no_credentials_is_401_for_the_api_and_a_login_redirect_for_the_ui(orgs, client):
    r = client.get("/api/members", headers={"X-Vorder-Tenant": "alpha"})
    assert r.status_code == 401
    assert r.json()["code"] == "not_authenticated"
    r = client.get("/t/alpha/settings/modules", follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, "/login?next=/t/alpha/settings/modules")


def test_login_redirects_only_to_paths_on_this_site(orgs, new_browser):
    alpha, _ = orgs
    b = new_browser()
    b.client.get("/login")
    for target, expected in (
        ("/t/alpha/claims", "/t/alpha/claims"),
        ("https://evil.example/", "/"),
        ("//evil.example/x", "/"),
    ):
        r = b.client.post(
            "/login",
            data={
                "email": alpha.owner_email,
                "password": PASSWORD,
                "next": target,
                "csrf_token": b.csrf,
            },
            follow_redirects=False,
        )
        assert r.headers["location"] == expected


def test_cookies_are_secure_off_loopback_and_outside_demo(orgs, container):
    from fastapi.testclient import TestClient

    from vorder.web.app import create_app

    alpha, _ = orgs
    container.settings = container.settings.model_copy(update={"demo": False})
    app = create_app(container)
    with TestClient(app, base_url="https://vorder.example") as c:
        c.get("/login")
        r = c.post("/api/session", json={"email": alpha.owner_email, "password": PASSWORD})
        cookies = r.headers.get_list("set-cookie")
        assert all("Secure" in cookie for cookie in cookies), cookies
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        r = c.post("/api/session", json={"email": alpha.owner_email, "password": PASSWORD})
        assert not any("Secure" in cookie for cookie in r.headers.get_list("set-cookie"))
