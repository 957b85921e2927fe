"""Use case: the demo organisations and users that ``make demo`` shows (ux.md, "Demo data").

Idempotent: running it twice creates nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from vorder.app import tenancy
from vorder.app.ports import PasswordHasher, UnitOfWorkFactory
from vorder.core.access import Role, TenantKind

DEMO_PASSWORD = "vorder-demo-2026"


@dataclass(frozen=True, slots=True)
class DemoOrganisation:
    slug: str
    name: str
    kind: TenantKind
    provider: str | None = None


DEMO_ORGANISATIONS = [
    DemoOrganisation("incasso-noord", "Incasso Noord B.V.", TenantKind.SERVICE_PROVIDER),
    DemoOrganisation(
        "korenschoof", "Bakkerij De Korenschoof", TenantKind.CREDITOR, "incasso-noord"
    ),
    DemoOrganisation("maasoever", "Woonstichting Maasoever", TenantKind.CREDITOR, "incasso-noord"),
    DemoOrganisation("vandam-installatie", "Installatietechniek Van Dam", TenantKind.CREDITOR),
    DemoOrganisation("de-vries-deurwaarders", "De Vries Gerechtsdeurwaarders", TenantKind.PARTNER),
]

DEMO_USERS = [
    ("demo@vorder.local", "Sanne de Boer", "incasso-noord", Role.OWNER, "nl"),
    ("zzp@vorder.local", "Jeroen van Dam", "vandam-installatie", Role.OWNER, "nl"),
    ("viewer@vorder.local", "Eva Visser", "korenschoof", Role.VIEWER, "en"),
    ("bailiff@vorder.local", "Pieter de Vries", "de-vries-deurwaarders", Role.AGENT, "nl"),
]


@dataclass(frozen=True, slots=True)
class DemoResult:
    organisations_created: int
    users_created: int
    password: str


def load_demo(
    uow_factory: UnitOfWorkFactory, hasher: PasswordHasher, *, now: datetime
) -> DemoResult:
    existing = {t.slug for t in tenancy.list_tenants(uow_factory)}
    orgs = 0
    for org in DEMO_ORGANISATIONS:
        if org.slug in existing:
            continue
        tenancy.create_tenant(
            uow_factory,
            slug=org.slug,
            kind=org.kind,
            name=org.name,
            provider_slug=org.provider,
            actor="demo",
            now=now,
        )
        orgs += 1
    users = 0
    for email, name, slug, role, language in DEMO_USERS:
        with uow_factory(system=True) as uow:
            user = uow.users.by_email(email)
            tenant = uow.tenants.by_slug(slug)
            known = (
                user is not None
                and tenant is not None
                and uow.memberships.role_of(tenant_id=tenant.id, user_id=user.id)
            )
        if known:
            continue
        tenancy.create_user(
            uow_factory,
            hasher,
            email=email,
            name=name,
            password=DEMO_PASSWORD,
            tenant_slug=slug,
            role=role,
            language=language,
            actor="demo",
            now=now,
        )
        users += 1
    return DemoResult(orgs, users, DEMO_PASSWORD)
