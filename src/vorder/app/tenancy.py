"""Use cases: organisations, users and memberships."""

from __future__ import annotations

import re
from datetime import datetime

from vorder.app.ports import PasswordHasher, UnitOfWorkFactory
from vorder.app.records import Event, TenantRecord, UserRecord
from vorder.core.access import Role, TenantKind
from vorder.core.errors import Conflict, DomainError, NotFound

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class InvalidSlug(DomainError):
    code = "invalid_slug"


class InvalidEmail(DomainError):
    code = "invalid_email"


class WeakPassword(DomainError):
    code = "weak_password"


def create_tenant(
    uow_factory: UnitOfWorkFactory,
    *,
    slug: str,
    kind: TenantKind,
    name: str | None,
    provider_slug: str | None,
    language: str = "nl",
    actor: str,
    now: datetime,
) -> TenantRecord:
    """Create an organisation. A client creditor names its service provider."""
    if not SLUG.match(slug):
        raise InvalidSlug(
            f"'{slug}' is not a valid short name: use lower-case letters, digits and '-'",
            field="slug",
        )
    with uow_factory(system=True) as uow:
        if uow.tenants.by_slug(slug) is not None:
            raise Conflict(f"an organisation '{slug}' already exists", field="slug")
        provider_id = None
        if provider_slug is not None:
            if kind is not TenantKind.CREDITOR:
                raise DomainError(
                    "only a creditor can be the client of a service provider", field="provider"
                )
            provider = uow.tenants.by_slug(provider_slug)
            if provider is None:
                raise NotFound(f"no organisation '{provider_slug}'", field="provider")
            if provider.kind is not TenantKind.SERVICE_PROVIDER:
                raise DomainError(f"'{provider_slug}' is not a service provider", field="provider")
            provider_id = provider.id
        tenant = uow.tenants.add(
            slug=slug,
            name=name or slug,
            kind=kind,
            provider_id=provider_id,
            language=language,
            now=now,
        )
        uow.events.append(
            Event(
                "tenant",
                tenant.id,
                "TenantCreated",
                {"slug": slug, "kind": kind.value, "provider_id": provider_id},
                now,
                actor,
            ),
            now=now,
            tenant_id=tenant.id,
        )
        uow.commit()
    return tenant


def create_user(
    uow_factory: UnitOfWorkFactory,
    hasher: PasswordHasher,
    *,
    email: str,
    name: str,
    password: str,
    tenant_slug: str,
    role: Role,
    language: str = "nl",
    actor: str,
    now: datetime,
) -> UserRecord:
    """Create a user (or reuse one with that e-mail address) with a role in a tenant."""
    email = email.strip().lower()
    if not EMAIL.match(email):
        raise InvalidEmail(f"'{email}' is not an e-mail address", field="email")
    if len(password) < 10:
        raise WeakPassword("the password must be at least 10 characters", field="password")
    with uow_factory(system=True) as uow:
        tenant = uow.tenants.by_slug(tenant_slug)
        if tenant is None:
            raise NotFound(f"no organisation '{tenant_slug}'", field="tenant")
        user = uow.users.by_email(email)
        if user is None:
            user = uow.users.add(
                email=email,
                name=name,
                password_hash=hasher.hash(password),
                language=language,
                now=now,
            )
        elif uow.memberships.role_of(tenant_id=tenant.id, user_id=user.id) is not None:
            raise Conflict(f"{email} is already a member of '{tenant_slug}'", field="email")
        uow.memberships.add(tenant_id=tenant.id, user_id=user.id, role=role, now=now)
        uow.events.append(
            Event("user", user.id, "MemberAdded", {"role": role.value, "email": email}, now, actor),
            now=now,
            tenant_id=tenant.id,
        )
        uow.commit()
    return user


def list_tenants(uow_factory: UnitOfWorkFactory) -> list[TenantRecord]:
    with uow_factory(system=True) as uow:
        return uow.tenants.all()


def tenant_by_slug(uow_factory: UnitOfWorkFactory, slug: str) -> TenantRecord:
    with uow_factory(system=True) as uow:
        tenant = uow.tenants.by_slug(slug)
    if tenant is None:
        raise NotFound(f"no organisation '{slug}'", field="tenant")
    return tenant
