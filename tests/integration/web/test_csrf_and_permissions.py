"""CSRF refusal, role permissions and the module gate; refused requests change nothing."""

from __future__ import annotations

from fastapi import Depends

from tests.integration.web.conftest import bearer
from vorder.app import modules
from vorder.web.deps import require_module


def _payments_on(container, org) -> bool:
    return modules.is_enabled(container.uow, tenant_id=org.tenant_id, name="payments")


def test_unsafe_api_request_with_a_session_but_no_csrf_token_is_403_and_changes_nothing(
    orgs, new_browser, container
):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.owner_email)
    r = b.client.put(
        "/api/modules/payments", json={"enabled": False}, headers={"X-Vorder-Tenant": "alpha"}
    )
    assert r.status_code == 403
    assert r.json()["code"] == "csrf_failed"
    assert "X-CSRF-Token" in r.json()["error"]
    assert _payments_on(container, alpha)
    r = b.client.put(
        "/api/modules/payments",
        json={"enabled": False},
        headers={"X-Vorder-Tenant": "alpha", "X-CSRF-Token": "forged.token"},
    )
    assert r.status_code == 403
    assert _payments_on(container, alpha)
    # With the token it works.
    r = b.api("PUT", "/api/modules/payments", tenant="alpha", json={"enabled": False})
    assert r.status_code == 200
    assert not _payments_on(container, alpha)


def test_form_post_without_csrf_token_is_refused_with_a_friendly_page(orgs, new_browser, container):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.owner_email)
    r = b.client.post("/t/alpha/settings/modules/payments", data={"enabled": "0"})
    assert r.status_code == 403
    assert "Dit formulier is verlopen" in r.text
    assert "Traceback" not in r.text
    assert _payments_on(container, alpha)
    r = b.client.post(
        "/t/alpha/settings/modules/payments", data={"enabled": "0", "csrf_token": "x" + b.csrf}
    )
    assert r.status_code == 403
    assert _payments_on(container, alpha)
    r = b.post_form("/t/alpha/settings/modules/payments", {"enabled": "0"}, follow_redirects=False)
    assert r.status_code == 303
    assert not _payments_on(container, alpha)


def test_multipart_forms_carry_the_token_too(orgs, new_browser, container):
    alpha, _ = orgs
    b = new_browser()
    b.login(alpha.owner_email)
    r = b.client.post(
        "/t/alpha/settings/modules/payments",
        files={"enabled": (None, "0"), "csrf_token": (None, b.csrf)},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert not _payments_on(container, alpha)


def test_csrf_token_of_another_session_is_refused(orgs, new_browser, container):
    alpha, _ = orgs
    mallory, victim = new_browser(), new_browser()
    mallory.login(alpha.viewer_email)
    victim.login(alpha.owner_email)
    stolen = mallory.csrf  # a valid token, but bound to mallory's session
    victim.client.cookies.set("vorder_csrf", stolen)
    r = victim.client.post(
        "/t/alpha/settings/modules/payments", data={"enabled": "0", "csrf_token": stolen}
    )
    assert r.status_code == 403
    assert _payments_on(container, alpha)


def test_login_form_needs_the_token(orgs, new_browser, container):
    alpha, _ = orgs
    b = new_browser()
    r = b.client.post("/login", data={"email": alpha.owner_email, "password": "x" * 12})
    assert r.status_code == 403
    assert "vorder_session" not in b.client.cookies


def test_bearer_requests_need_no_csrf_token(orgs, client, container):
    alpha, _ = orgs
    r = client.put(
        "/api/modules/payments", json={"enabled": False}, headers=bearer(alpha.owner_key)
    )
    assert r.status_code == 200
    assert r.json()["enabled"] is False
    assert not _payments_on(container, alpha)


def test_viewer_cannot_switch_modules_and_nothing_changes(orgs, new_browser, client, container):
    alpha, _ = orgs
    r = client.put(
        "/api/modules/payments", json={"enabled": False}, headers=bearer(alpha.viewer_key)
    )
    assert r.status_code == 403
    assert r.json()["code"] == "forbidden"
    assert r.json()["error"] == "your role (viewer) does not allow this (manage_settings)"
    b = new_browser()
    b.login(alpha.viewer_email)
    r = b.api("PUT", "/api/modules/payments", tenant="alpha", json={"enabled": False})
    assert r.status_code == 403
    r = b.post_form("/t/alpha/settings/modules/payments", {"enabled": "0"})
    assert r.status_code == 403
    assert "Your role does not allow this." in r.text  # the viewer reads English
    assert _payments_on(container, alpha)
    page = b.client.get("/t/alpha/settings/modules")
    assert "Only an administrator can switch modules." in page.text
    assert "hx-post" not in page.text


def test_viewer_cannot_create_api_keys_and_nobody_can_create_a_stronger_key(
    orgs, client, new_browser
):
    alpha, _ = orgs
    r = client.post(
        "/api/api-keys", json={"name": "x", "role": "viewer"}, headers=bearer(alpha.viewer_key)
    )
    assert r.status_code == 403
    before = client.get("/api/api-keys", headers=bearer(alpha.owner_key)).json()
    # An admin key may not mint an owner key (owner can manage the organisation).
    admin_key = client.post(
        "/api/api-keys", json={"name": "admin", "role": "admin"}, headers=bearer(alpha.owner_key)
    ).json()["key"]
    r = client.post(
        "/api/api-keys", json={"name": "escalate", "role": "owner"}, headers=bearer(admin_key)
    )
    assert r.status_code == 403
    assert r.json()["code"] == "role_too_high"
    after = client.get("/api/api-keys", headers=bearer(alpha.owner_key)).json()
    assert [k["name"] for k in after] == [k["name"] for k in before] + ["admin"]


def test_a_switched_off_module_answers_403_naming_the_module(
    orgs, app, container, new_browser, client
):
    alpha, _ = orgs

    @app.get("/api/test-only/payments-probe")
    def probe(_ws=Depends(require_module("payments"))) -> dict[str, str]:
        return {"ok": "yes"}

    assert client.get("/api/test-only/payments-probe", headers=bearer(alpha.owner_key)).json() == {
        "ok": "yes"
    }
    client.put("/api/modules/payments", json={"enabled": False}, headers=bearer(alpha.owner_key))
    r = client.get("/api/test-only/payments-probe", headers=bearer(alpha.owner_key))
    assert r.status_code == 403
    assert r.json() == {
        "error": "the module 'Payments' is switched off for this organisation; an "
        "administrator can switch it on under Settings → Modules",
        "field": "module",
        "code": "module_off",
    }
    # The workspace's Payments screen says the same, in Dutch, and the menu hides it.
    b = new_browser()
    b.login(alpha.owner_email)
    page = b.client.get("/t/alpha/payments")
    assert page.status_code == 403
    assert "De module “Betalingen” staat uit voor deze organisatie." in page.text
    overview = b.client.get("/t/alpha/")
    assert 'href="/t/alpha/payments"' not in overview.text
    assert 'href="/t/alpha/claims"' in overview.text


def test_unknown_module_is_404_and_always_on_module_cannot_be_switched_off(orgs, client):
    alpha, _ = orgs
    r = client.put("/api/modules/teleport", json={"enabled": True}, headers=bearer(alpha.owner_key))
    assert r.status_code == 404
    r = client.put("/api/modules/core", json={"enabled": False}, headers=bearer(alpha.owner_key))
    assert r.status_code == 422
    assert r.json()["field"] == "enabled"


def test_module_settings_are_validated_and_kept_when_only_switching(orgs, client):
    alpha, _ = orgs
    h = bearer(alpha.owner_key)
    r = client.put(
        "/api/modules/payments",
        json={"enabled": True, "settings": {"auto_match_threshold": 10}},
        headers=h,
    )
    assert r.status_code == 422
    assert r.json()["code"] == "invalid_module_settings"
    r = client.put(
        "/api/modules/payments",
        json={"enabled": True, "settings": {"auto_match_threshold": 75}},
        headers=h,
    )
    assert r.json()["settings"] == {"payment_links": True, "auto_match_threshold": 75}
    r = client.put("/api/modules/payments", json={"enabled": False}, headers=h)
    assert r.json()["settings"] == {"payment_links": True, "auto_match_threshold": 75}
