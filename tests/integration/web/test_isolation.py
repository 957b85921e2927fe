"""THE isolation test: nothing of organisation B can be read or changed from organisation A.

It walks every route of the app (so routes added by later issues are covered without
editing this file) and calls each one as A's user (session + ``X-Vorder-Tenant``) and as
A's API key:

1. every route with an ``{..._id}`` path parameter, with each of B's ids of that kind (the
   other id parameters filled with A's own ids) → 404 every time;
2. every tenant-scoped route with B named as the tenant → 404 every time;

and then checks that every row B owns is unchanged. A path parameter the tables below do
not know fails the test loudly: add how to make one such object (``ID_KINDS``) or which
value to use (``PLAIN_PARAMS``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from pydantic import BaseModel

from tests.integration.ledger import factories as ledger
from tests.integration.web.conftest import Browser, Org, bearer
from tests.integration.web.routes import HttpRoute, http_routes
from vorder.adapters.db.base import tenant_owned_tables
from vorder.adapters.db.registry import metadata
from vorder.app import admin
from vorder.bootstrap import Container
from vorder.core.access import Role

IdFactory = Callable[[Container, Org], list[int]]


def _events(c: Container, org: Org) -> list[int]:
    return [e.id for e in admin.list_events(c.uow, tenant_id=org.tenant_id, limit=500)]


def _keys(c: Container, org: Org) -> list[int]:
    return [k.id for k in admin.list_api_keys(c.uow, tenant_id=org.tenant_id)]


def _members(c: Container, org: Org) -> list[int]:
    return [m.id for m in admin.list_members(c.uow, tenant_id=org.tenant_id)]


# Path parameter → the ids of that kind an organisation owns (made by make_org / the fixture).
# Later issues add e.g. "claim_id", "debtor_id", "payment_id" with a factory that creates one.
ID_KINDS: dict[str, IdFactory] = {
    "event_id": _events,
    "key_id": _keys,
    "member_id": _members,
    # the claims ledger (tests/integration/ledger/factories.py)
    "debtor_id": ledger.debtor_ids,
    "invoice_id": ledger.invoice_ids,
    "claim_id": ledger.claim_ids,
    "payment_id": ledger.payment_ids,
    "import_id": ledger.import_ids,
}

# Path parameters that are not ids: the value to call the route with.
PLAIN_PARAMS: dict[str, str] = {
    "name": "payments",  # /api/modules/{name}, /t/{slug}/settings/modules/{name}
}

# Routes that are not tenant-scoped (public, or about the caller only).
PUBLIC = {
    "/healthz",
    "/api/openapi.json",
    "/api/docs",
    "/api/session",
    "/login",
    "/logout",
    "/",
    "/settings/language",
    "/switch",
}


def _params(path: str) -> list[str]:
    import re

    return re.findall(r"{(\w+)(?::\w+)?}", path)


def _example_body(route: HttpRoute) -> tuple[str, Any] | None:
    """("json"|"form", body) from the body model's first example, else its required fields."""
    field = getattr(route.route, "body_field", None)
    if field is None:
        return None
    model = getattr(field, "type_", None) or getattr(field.field_info, "annotation", None)
    is_form = type(getattr(field, "field_info", None)).__name__ == "Form"
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return ("json", {})
    schema = model.model_json_schema()
    examples = schema.get("examples") or []
    if examples:
        return ("form" if is_form else "json", examples[0])
    body: dict[str, Any] = {}
    for name in schema.get("required", []):
        prop = schema["properties"][name]
        kind = prop.get("type")
        if "enum" in prop:
            body[name] = prop["enum"][0]
        elif kind == "boolean":
            body[name] = True
        elif kind == "integer":
            body[name] = max(1, prop.get("minimum", 1))
        elif "pattern" in prop and prop["pattern"] == "^[01]$":
            body[name] = "1"
        else:
            body[name] = "x"
    return ("form" if is_form else "json", body)


def _b_state(c: Container, tenant_id: int) -> dict[str, list[str]]:
    """Every row organisation B owns, plus its tenant row and its people."""
    existing = set(sa.inspect(c.engine).get_table_names())
    state: dict[str, list[str]] = {}
    with c.uow(system=True) as uow:
        s = uow.session  # type: ignore[attr-defined]
        for table in tenant_owned_tables(metadata):
            if table.name not in existing:
                continue
            rows = s.execute(sa.select(table).where(table.c.tenant_id == tenant_id)).all()
            state[table.name] = sorted(json.dumps(list(r), default=str) for r in rows)
        tenants = metadata.tables["tenants"]
        state["tenants"] = [
            json.dumps(list(r), default=str)
            for r in s.execute(sa.select(tenants).where(tenants.c.id == tenant_id))
        ]
        users = metadata.tables["users"]
        memberships = metadata.tables["memberships"]
        member_users = sa.select(memberships.c.user_id).where(memberships.c.tenant_id == tenant_id)
        state["users"] = sorted(
            json.dumps(list(r), default=str)
            for r in s.execute(sa.select(users).where(users.c.id.in_(member_users)))
        )
    return state


class Caller:
    def __init__(self, label: str, send: Callable[..., Any]) -> None:
        self.label = label
        self.send = send


def _callers(browser: Browser, client, alpha: Org) -> list[Caller]:
    def as_user(method: str, url: str, tenant: str | None, body: tuple[str, Any] | None):
        kw = _body_kwargs(body)
        return browser.api(method, url, tenant=tenant, **kw)

    def as_key(method: str, url: str, tenant: str | None, body: tuple[str, Any] | None):
        headers = bearer(alpha.owner_key)
        if tenant:
            headers["X-Vorder-Tenant"] = tenant
        return client.request(method, url, headers=headers, **_body_kwargs(body))

    return [Caller("A's user (session)", as_user), Caller("A's API key", as_key)]


def _body_kwargs(body: tuple[str, Any] | None) -> dict[str, Any]:
    if body is None:
        return {}
    kind, value = body
    return {"json": value} if kind == "json" else {"data": value}


def _check_404(r, what: str) -> None:
    assert r.status_code == 404, f"{what}: {r.status_code} {r.text[:300]}"
    if r.headers.get("content-type", "").startswith("application/json"):
        assert r.json()["code"] == "not_found", what


@pytest.fixture
def world(container, orgs, new_browser, client):
    alpha, beta = orgs
    # Give both organisations a little of everything: module changes (events), an extra
    # member, a revoked key.
    for org in (alpha, beta):
        admin.set_module(
            container.uow,
            tenant_id=org.tenant_id,
            name="scoring",
            enabled=True,
            settings=None,
            actor="test",
            now=container.clock.now(),
        )
        ledger.ensure_ledger(container, org.tenant_id)  # a debtor, claim, payment, import
    extra = admin.issue_api_key(
        container.uow,
        actor=admin.workspace_for_api_key(
            container.uow, key=beta.owner_key, now=container.clock.now()
        ).actor,
        tenant_slug="beta",
        name="to revoke",
        role=Role.VIEWER,
        now=container.clock.now(),
    )
    admin.revoke_api_key(
        container.uow,
        tenant_id=beta.tenant_id,
        key_id=extra.id,
        actor="test",
        now=container.clock.now(),
    )
    browser = new_browser()
    assert browser.login(alpha.owner_email).status_code == 303
    return alpha, beta, browser, client


def test_every_id_route_answers_404_for_another_tenants_ids(world, app, container):
    alpha, beta, browser, client = world
    id_routes = [r for r in http_routes(app) if any(p.endswith("_id") for p in _params(r.path))]
    assert id_routes, "no route has an {..._id} parameter: the walk would prove nothing"
    unknown = sorted(
        {
            p
            for r in id_routes
            for p in _params(r.path)
            if p != "tenant_slug" and p not in ID_KINDS and p not in PLAIN_PARAMS
        }
    )
    assert not unknown, (
        f"path parameters {unknown} are unknown to the isolation test: add to ID_KINDS how to "
        "create such an object in an organisation (or to PLAIN_PARAMS a value)"
    )
    before = _b_state(container, beta.tenant_id)
    a_ids = {kind: f(container, alpha) for kind, f in ID_KINDS.items()}
    b_ids = {kind: f(container, beta) for kind, f in ID_KINDS.items()}
    assert all(b_ids.values()), b_ids
    calls = 0
    for route in id_routes:
        params = _params(route.path)
        body = _example_body(route)
        for target in (p for p in params if p in ID_KINDS):
            for b_id in b_ids[target]:
                values = {"tenant_slug": alpha.slug, **PLAIN_PARAMS}
                for p in params:
                    if p in ID_KINDS:
                        values[p] = str(b_id if p == target else a_ids[p][0])
                url = route.path.format(**values)
                tenant = alpha.slug if url.startswith("/api/") else None
                for method in sorted(route.methods - {"HEAD"}):
                    for caller in _callers(browser, client, alpha):
                        r = caller.send(method, url, tenant, body)
                        if r.status_code == 422:
                            pytest.fail(
                                f"{method} {route.path}: the example body {body} is not "
                                f"valid ({r.text[:200]}); give the body model an "
                                "example (json_schema_extra={'examples': [...]})"
                            )
                        _check_404(r, f"{caller.label} {method} {url} ({target}={b_id} of B)")
                        calls += 1
    assert calls >= 2 * sum(len(ids) for ids in b_ids.values())
    assert _b_state(container, beta.tenant_id) == before


def test_every_tenant_route_answers_404_when_another_tenant_is_named(world, app, container):
    alpha, beta, browser, client = world
    before = _b_state(container, beta.tenant_id)
    a_ids = {kind: f(container, alpha) for kind, f in ID_KINDS.items()}
    calls = 0
    for route in http_routes(app):
        if route.path in PUBLIC or route.path.startswith("/static"):
            continue
        params = _params(route.path)
        unknown = [
            p for p in params if p != "tenant_slug" and p not in ID_KINDS and p not in PLAIN_PARAMS
        ]
        assert not unknown, f"{route.path}: add {unknown} to ID_KINDS or PLAIN_PARAMS"
        values = {"tenant_slug": beta.slug, **PLAIN_PARAMS}
        values.update({p: str(a_ids[p][0]) for p in params if p in ID_KINDS})
        url = route.path.format(**values)
        body = _example_body(route)
        for method in sorted(route.methods - {"HEAD"}):
            for caller in _callers(browser, client, alpha):
                r = caller.send(method, url, beta.slug, body)
                _check_404(r, f"{caller.label} {method} {url} naming organisation B")
                calls += 1
    assert calls >= 40
    assert _b_state(container, beta.tenant_id) == before


def test_lists_never_show_another_tenants_rows(world, container):
    alpha, beta, browser, client = world
    b_events = set(_events(container, beta))
    b_keys = set(_keys(container, beta))
    b_members = set(_members(container, beta))
    for caller in _callers(browser, client, alpha):
        events = caller.send("GET", "/api/events?limit=500", alpha.slug, None).json()
        assert events and not {e["id"] for e in events} & b_events, caller.label
        for b_event in b_events:
            r = caller.send("GET", f"/api/events?subject_id={b_event}&limit=500", alpha.slug, None)
            assert not {e["id"] for e in r.json()} & b_events
        keys = caller.send("GET", "/api/api-keys", alpha.slug, None).json()
        assert keys and not {k["id"] for k in keys} & b_keys
        members = caller.send("GET", "/api/members", alpha.slug, None).json()
        assert members and not {m["id"] for m in members} & b_members
        tenants = caller.send("GET", "/api/tenants", None, None).json()
        assert [t["slug"] for t in tenants] == ["alpha"]
    page = browser.client.get("/t/alpha/settings/members")
    assert "viewer@beta.nl" not in page.text and "owner@beta.nl" not in page.text


def test_a_service_providers_people_reach_its_clients_but_a_client_does_not_reach_back(
    container, new_browser
):
    from tests.integration.web.conftest import make_org
    from vorder.core.access import TenantKind

    provider = make_org(container, "noord", kind=TenantKind.SERVICE_PROVIDER)
    client_org = make_org(container, "bakker", provider="noord")
    other = make_org(container, "elders")
    b = new_browser()
    b.login(provider.owner_email)
    slugs = [t["slug"] for t in b.api("GET", "/api/tenants").json()]
    assert slugs == ["noord", "bakker"]
    assert b.api("GET", "/api/members", tenant="bakker").status_code == 200
    assert b.api("GET", "/api/members", tenant="elders").status_code == 404
    page = b.client.get("/t/noord/")
    assert "Alle opdrachtgevers" in page.text and "Org Bakker" in page.text
    assert b.client.get("/switch?to=bakker", follow_redirects=False).headers["location"] == (
        "/t/bakker/"
    )
    assert b.client.get("/switch?to=elders").status_code == 404
    c = new_browser()
    c.login(client_org.owner_email)
    assert [t["slug"] for t in c.api("GET", "/api/tenants").json()] == ["bakker"]
    assert c.api("GET", "/api/members", tenant="noord").status_code == 404
    assert c.client.get("/t/noord/").status_code == 404
    assert other.slug == "elders"
