"""Use cases behind the platform screens and endpoints: who acts where, API keys, members,
the event log, module switches and the user's language.

Every function reads or changes one tenant through a tenant-scoped unit of work, so an id
of another tenant is simply not found (:class:`NotFound`), never "forbidden".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from vorder.app import auth, modules
from vorder.app.ports import UnitOfWorkFactory
from vorder.app.records import (
    Actor,
    ApiKeyRecord,
    Event,
    MemberRecord,
    StoredEvent,
    TenantRecord,
    UserRecord,
)
from vorder.core.access import Permission, Role, can
from vorder.core.errors import DomainError, Forbidden, NotFound

LANGUAGES = ("nl", "en")
MAX_EVENTS = 500


class UnknownLanguage(DomainError):
    code = "unknown_language"


class InvalidKeyName(DomainError):
    code = "invalid_key_name"


class RoleTooHigh(Forbidden):
    """A key (or member) may not get permissions that the one granting them lacks."""

    code = "role_too_high"


@dataclass(frozen=True, slots=True)
class Workspace:
    """Who acts, in which organisation, and which organisations they can switch to."""

    actor: Actor
    tenant: TenantRecord
    reachable: list[tuple[TenantRecord, Role]]


def workspace_for_user(
    uow_factory: UnitOfWorkFactory, *, user: UserRecord, tenant_slug: str
) -> Workspace:
    """The user's workspace in ``tenant_slug``; an unreachable tenant is NotFound."""
    reachable = auth.accessible_tenants(uow_factory, user_id=user.id)
    for tenant, role in reachable:
        if tenant.slug == tenant_slug:
            return Workspace(Actor("user", user.id, user.email, tenant.id, role), tenant, reachable)
    raise NotFound(f"no organisation '{tenant_slug}'", field="tenant")


def workspace_for_api_key(uow_factory: UnitOfWorkFactory, *, key: str, now: datetime) -> Workspace:
    """Authenticate an API key (InvalidApiKey when wrong or revoked) and give its tenant."""
    actor = auth.actor_for_api_key(uow_factory, key=key, now=now)
    with uow_factory(system=True) as uow:
        tenant = uow.tenants.by_id(actor.tenant_id)
    if tenant is None:  # pragma: no cover - a key's tenant cannot disappear (foreign key)
        raise auth.InvalidApiKey("the API key is not valid")
    return Workspace(actor, tenant, [(tenant, actor.role)])


def set_user_language(uow_factory: UnitOfWorkFactory, *, user_id: int, language: str) -> str:
    """Remember the language a user reads the workspace in (nl or en)."""
    if language not in LANGUAGES:
        raise UnknownLanguage(
            f"unknown language '{language}' (choose one of: {', '.join(LANGUAGES)})",
            field="language",
        )
    with uow_factory(system=True) as uow:
        if uow.users.by_id(user_id) is None:
            raise NotFound("no such user", field="user")
        uow.users.set_language(user_id, language)
        uow.commit()
    return language


# --- API keys -------------------------------------------------------------------------


def list_api_keys(uow_factory: UnitOfWorkFactory, *, tenant_id: int) -> list[ApiKeyRecord]:
    with uow_factory(tenant_id=tenant_id) as uow:
        return uow.api_keys.for_tenant(tenant_id)


def issue_api_key(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    tenant_slug: str,
    name: str,
    role: Role,
    now: datetime,
) -> auth.NewApiKey:
    """Create a key for the actor's tenant; it never gets a permission the actor lacks."""
    name = name.strip()
    if not 1 <= len(name) <= 100:
        raise InvalidKeyName("give the key a name of 1 to 100 characters", field="name")
    missing = [p.value for p in Permission if can(role, p) and not can(actor.role, p)]
    if missing:
        raise RoleTooHigh(
            f"a key with role {role.value} could do more than your role ({actor.role.value}) "
            f"allows: {', '.join(missing)}",
            field="role",
        )
    return auth.create_api_key(
        uow_factory, tenant_slug=tenant_slug, name=name, role=role, actor=actor.ref, now=now
    )


def revoke_api_key(
    uow_factory: UnitOfWorkFactory, *, tenant_id: int, key_id: int, actor: str, now: datetime
) -> ApiKeyRecord:
    """Revoke a key at once (idempotent: revoking twice records one event)."""
    with uow_factory(tenant_id=tenant_id) as uow:
        key = uow.api_keys.by_id(key_id)
        if key is None:
            raise NotFound(f"no API key {key_id}", field="key_id")
        if key.revoked_at is None:
            uow.api_keys.revoke(key_id, now=now)
            uow.events.append(
                Event("api_key", key_id, "ApiKeyRevoked", {"name": key.name}, now, actor), now=now
            )
            uow.commit()
            key = uow.api_keys.by_id(key_id) or key
    return key


# --- members --------------------------------------------------------------------------


def list_members(uow_factory: UnitOfWorkFactory, *, tenant_id: int) -> list[MemberRecord]:
    with uow_factory(tenant_id=tenant_id) as uow:
        return uow.memberships.members(tenant_id)


def get_member(uow_factory: UnitOfWorkFactory, *, tenant_id: int, member_id: int) -> MemberRecord:
    with uow_factory(tenant_id=tenant_id) as uow:
        member = uow.memberships.member(member_id)
    if member is None:
        raise NotFound(f"no member {member_id}", field="member_id")
    return member


# --- event log ------------------------------------------------------------------------


def list_events(
    uow_factory: UnitOfWorkFactory,
    *,
    tenant_id: int,
    subject_type: str | None = None,
    subject_id: int | None = None,
    before_id: int | None = None,
    limit: int = 100,
) -> list[StoredEvent]:
    """The tenant's events, newest first (``before_id`` pages further back)."""
    limit = max(1, min(limit, MAX_EVENTS))
    with uow_factory(tenant_id=tenant_id) as uow:
        return uow.events.search(
            subject_type=subject_type, subject_id=subject_id, before_id=before_id, limit=limit
        )


def get_event(uow_factory: UnitOfWorkFactory, *, tenant_id: int, event_id: int) -> StoredEvent:
    with uow_factory(tenant_id=tenant_id) as uow:
        event = uow.events.get(event_id)
    if event is None:
        raise NotFound(f"no event {event_id}", field="event_id")
    return event


# --- modules --------------------------------------------------------------------------


def set_module(
    uow_factory: UnitOfWorkFactory,
    *,
    tenant_id: int,
    name: str,
    enabled: bool,
    settings: dict[str, Any] | None,
    actor: str,
    now: datetime,
) -> modules.ModuleView:
    """Switch a module on or off; ``settings`` None keeps the module's current settings."""
    if settings is None:
        current = {
            v.module.name: v for v in modules.tenant_modules(uow_factory, tenant_id=tenant_id)
        }
        if name in current:
            settings = current[name].settings
    return modules.configure_module(
        uow_factory,
        tenant_id=tenant_id,
        name=name,
        enabled=enabled,
        settings=settings,
        actor=actor,
        now=now,
    )
