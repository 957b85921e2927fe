"""Fixtures for the web tests: the app on the ``container`` (SQLite and PostgreSQL), two
organisations with people and keys, and a logged-in browser-like client."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from vorder.app import auth, tenancy
from vorder.bootstrap import Container
from vorder.core.access import Role, TenantKind
from vorder.web.app import create_app

PASSWORD = "correct-horse-42"


@dataclass
class Org:
    slug: str
    tenant_id: int
    owner_email: str
    owner_key: str
    owner_key_id: int
    viewer_email: str
    viewer_key: str


def make_org(
    c: Container,
    slug: str,
    *,
    kind: TenantKind = TenantKind.CREDITOR,
    provider: str | None = None,
    language: str = "nl",
) -> Org:
    now = c.clock.now()
    tenant = tenancy.create_tenant(
        c.uow,
        slug=slug,
        kind=kind,
        name=f"Org {slug.title()}",
        provider_slug=provider,
        actor="test",
        now=now,
    )
    owner = f"owner@{slug}.nl"
    viewer = f"viewer@{slug}.nl"
    tenancy.create_user(
        c.uow,
        c.hasher,
        email=owner,
        name=f"Owner {slug}",
        password=PASSWORD,
        tenant_slug=slug,
        role=Role.OWNER,
        language=language,
        actor="test",
        now=now,
    )
    tenancy.create_user(
        c.uow,
        c.hasher,
        email=viewer,
        name=f"Viewer {slug}",
        password=PASSWORD,
        tenant_slug=slug,
        role=Role.VIEWER,
        language="en",
        actor="test",
        now=now,
    )
    key = auth.create_api_key(
        c.uow, tenant_slug=slug, name=f"{slug} owner key", role=Role.OWNER, actor="test", now=now
    )
    vkey = auth.create_api_key(
        c.uow, tenant_slug=slug, name=f"{slug} viewer key", role=Role.VIEWER, actor="test", now=now
    )
    return Org(slug, tenant.id, owner, key.key, key.id, viewer, vkey.key)


@pytest.fixture
def app(container: Container):
    return create_app(container)


@pytest.fixture
def orgs(container: Container) -> tuple[Org, Org]:
    return make_org(container, "alpha"), make_org(container, "beta")


class Browser:
    """A TestClient with a session: logs in through the form like a person would."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    @property
    def csrf(self) -> str:
        if "vorder_csrf" not in self.client.cookies:
            self.client.get("/login")
        return self.client.cookies["vorder_csrf"]

    def login(self, email: str, password: str = PASSWORD):
        self.client.get("/login")
        return self.client.post(
            "/login",
            data={"email": email, "password": password, "csrf_token": self.csrf},
            follow_redirects=False,
        )

    def post_form(self, url: str, data: dict[str, str], **kw):
        return self.client.post(url, data={**data, "csrf_token": self.csrf}, **kw)

    def api(self, method: str, url: str, tenant: str | None = None, **kw):
        headers = dict(kw.pop("headers", {}))
        if tenant:
            headers["X-Vorder-Tenant"] = tenant
        if method.upper() != "GET":
            headers.setdefault("X-CSRF-Token", self.csrf)
        return self.client.request(method, url, headers=headers, **kw)


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@pytest.fixture
def new_browser(app):
    made: list[TestClient] = []

    def make() -> Browser:
        c = TestClient(app)
        made.append(c)
        return Browser(c)

    yield make
    for c in made:
        c.close()


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}
