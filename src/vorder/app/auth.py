"""Use cases: logging in and out, web sessions, API keys, resolving who acts in which tenant."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from vorder.app.ports import PasswordHasher, UnitOfWorkFactory
from vorder.app.records import Actor, Event, TenantRecord, UserRecord
from vorder.core.access import Role
from vorder.core.errors import DomainError, NotFound

API_KEY_PREFIX = "vk_"


class InvalidCredentials(DomainError):
    """Wrong e-mail address or password (deliberately not saying which)."""

    code = "invalid_credentials"


class InvalidApiKey(DomainError):
    code = "invalid_api_key"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class LoginResult:
    user: UserRecord
    token: str
    expires_at: datetime


def login(
    uow_factory: UnitOfWorkFactory,
    hasher: PasswordHasher,
    *,
    email: str,
    password: str,
    session_hours: int,
    now: datetime,
) -> LoginResult:
    """Check the password (argon2id) and open a web session."""
    with uow_factory(system=True) as uow:
        user = uow.users.by_email(email.strip().lower())
        if user is None:
            hasher.hash(password)  # same work as a real check: timing does not reveal addresses
            raise InvalidCredentials("e-mail address or password is not right")
        if not user.is_active or not hasher.verify(password, user.password_hash):
            raise InvalidCredentials("e-mail address or password is not right")
        token = secrets.token_urlsafe(32)
        expires = now + timedelta(hours=session_hours)
        uow.web_sessions.add(
            token_hash=_digest(token), user_id=user.id, now=now, expires_at=expires
        )
        uow.commit()
    return LoginResult(user, token, expires)


def logout(uow_factory: UnitOfWorkFactory, *, token: str) -> None:
    with uow_factory(system=True) as uow:
        uow.web_sessions.remove(_digest(token))
        uow.commit()


def user_for_session(
    uow_factory: UnitOfWorkFactory, *, token: str, now: datetime
) -> UserRecord | None:
    with uow_factory(system=True) as uow:
        user_id = uow.web_sessions.user_for(_digest(token), now=now)
        return uow.users.by_id(user_id) if user_id is not None else None


def accessible_tenants(
    uow_factory: UnitOfWorkFactory, *, user_id: int
) -> list[tuple[TenantRecord, Role]]:
    """Tenants a user reaches: direct memberships plus the clients of a service provider."""
    with uow_factory(system=True) as uow:
        result: list[tuple[TenantRecord, Role]] = []
        for tenant_id, role in uow.memberships.tenants_of(user_id):
            tenant = uow.tenants.by_id(tenant_id)
            if tenant is None:
                continue
            result.append((tenant, role))
            result.extend((client, role) for client in uow.tenants.clients_of(tenant.id))
        seen: set[int] = set()
        unique = []
        for tenant, role in result:
            if tenant.id not in seen:
                seen.add(tenant.id)
                unique.append((tenant, role))
        return unique


def actor_for_user(uow_factory: UnitOfWorkFactory, *, user: UserRecord, tenant_slug: str) -> Actor:
    """The user's role in ``tenant_slug``; an unreachable tenant is NotFound, never Forbidden."""
    for tenant, role in accessible_tenants(uow_factory, user_id=user.id):
        if tenant.slug == tenant_slug:
            return Actor("user", user.id, user.email, tenant.id, role)
    raise NotFound(f"no organisation '{tenant_slug}'")


@dataclass(frozen=True, slots=True)
class NewApiKey:
    id: int
    name: str
    key: str  # shown once; only its hash is kept


def create_api_key(
    uow_factory: UnitOfWorkFactory,
    *,
    tenant_slug: str,
    name: str,
    role: Role,
    actor: str,
    now: datetime,
) -> NewApiKey:
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    key = f"{API_KEY_PREFIX}{prefix}_{secret}"
    with uow_factory(system=True) as uow:
        tenant = uow.tenants.by_slug(tenant_slug)
        if tenant is None:
            raise NotFound(f"no organisation '{tenant_slug}'", field="tenant")
        record = uow.api_keys.add(
            tenant_id=tenant.id, name=name, prefix=prefix, key_hash=_digest(key), role=role, now=now
        )
        uow.events.append(
            Event(
                "api_key",
                record.id,
                "ApiKeyCreated",
                {"name": name, "role": role.value},
                now,
                actor,
            ),
            now=now,
            tenant_id=tenant.id,
        )
        uow.commit()
    return NewApiKey(record.id, name, key)


def actor_for_api_key(uow_factory: UnitOfWorkFactory, *, key: str, now: datetime) -> Actor:
    if not key.startswith(API_KEY_PREFIX) or key.count("_") < 2:
        raise InvalidApiKey("the API key is not valid")
    prefix = key[len(API_KEY_PREFIX) :].split("_", 1)[0]
    with uow_factory(system=True) as uow:
        record = uow.api_keys.by_prefix(prefix)
        if (
            record is None
            or record.revoked_at is not None
            or not hmac.compare_digest(record.key_hash, _digest(key))
        ):
            raise InvalidApiKey("the API key is not valid")
        uow.api_keys.touch(record.id, now=now)
        uow.commit()
    return Actor("api_key", record.id, record.name, record.tenant_id, record.role)
