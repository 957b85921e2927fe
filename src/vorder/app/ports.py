"""Ports: the Protocols adapters implement. The application layer knows only these."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Protocol

from vorder.app.records import (
    ApiKeyRecord,
    DueMessage,
    Event,
    MemberRecord,
    ModuleState,
    OutboxMessage,
    StoredEvent,
    TenantRecord,
    UserRecord,
)
from vorder.core.access import Role, TenantKind


class Clock(Protocol):
    def now(self) -> datetime: ...


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...
    def verify(self, password: str, password_hash: str) -> bool: ...


class TaskQueue(Protocol):
    """Carries only "process batch X" style messages; business timers live in our tables."""

    def enqueue(self, task: str, **kwargs: Any) -> None: ...


class TenantRepository(Protocol):
    def add(
        self,
        *,
        slug: str,
        name: str,
        kind: TenantKind,
        provider_id: int | None,
        language: str,
        now: datetime,
    ) -> TenantRecord: ...
    def by_slug(self, slug: str) -> TenantRecord | None: ...
    def by_id(self, tenant_id: int) -> TenantRecord | None: ...
    def clients_of(self, provider_id: int) -> list[TenantRecord]: ...
    def all(self) -> list[TenantRecord]: ...


class UserRepository(Protocol):
    def add(
        self, *, email: str, name: str, password_hash: str, language: str, now: datetime
    ) -> UserRecord: ...
    def by_email(self, email: str) -> UserRecord | None: ...
    def by_id(self, user_id: int) -> UserRecord | None: ...
    def set_language(self, user_id: int, language: str) -> None: ...


class MembershipRepository(Protocol):
    def add(self, *, tenant_id: int, user_id: int, role: Role, now: datetime) -> None: ...
    def role_of(self, *, tenant_id: int, user_id: int) -> Role | None: ...
    def tenants_of(self, user_id: int) -> list[tuple[int, Role]]: ...
    def members(self, tenant_id: int) -> list[MemberRecord]: ...
    def member(self, member_id: int) -> MemberRecord | None:
        """A membership of the unit of work's tenant (None for another tenant's)."""
        ...


class ApiKeyRepository(Protocol):
    def add(
        self, *, tenant_id: int, name: str, prefix: str, key_hash: str, role: Role, now: datetime
    ) -> ApiKeyRecord: ...
    def by_prefix(self, prefix: str) -> ApiKeyRecord | None: ...
    def touch(self, key_id: int, *, now: datetime) -> None: ...
    def for_tenant(self, tenant_id: int) -> list[ApiKeyRecord]: ...
    def by_id(self, key_id: int) -> ApiKeyRecord | None:
        """A key of the unit of work's tenant (None for another tenant's)."""
        ...

    def revoke(self, key_id: int, *, now: datetime) -> None: ...


class WebSessionRepository(Protocol):
    def add(
        self, *, token_hash: str, user_id: int, now: datetime, expires_at: datetime
    ) -> None: ...
    def user_for(self, token_hash: str, *, now: datetime) -> int | None: ...
    def remove(self, token_hash: str) -> None: ...


class ModuleRepository(Protocol):
    def states(self, tenant_id: int) -> list[ModuleState]: ...
    def put(
        self, *, tenant_id: int, module: str, enabled: bool, settings: dict[str, Any], now: datetime
    ) -> None: ...


class EventLog(Protocol):
    def append(self, event: Event, *, now: datetime, tenant_id: int | None = None) -> int:
        """Append; ``tenant_id`` only in platform (system) transactions."""
        ...

    def for_subject(self, subject_type: str, subject_id: int) -> list[Event]: ...
    def get(self, event_id: int) -> StoredEvent | None: ...
    def search(
        self,
        *,
        subject_type: str | None,
        subject_id: int | None,
        before_id: int | None,
        limit: int,
    ) -> list[StoredEvent]:
        """Newest first, optionally for one subject type and/or id, below ``before_id``."""
        ...


class Outbox(Protocol):
    def add(self, message: OutboxMessage, *, now: datetime) -> bool:
        """Queue a side effect; False when the idempotency key was already queued."""
        ...


class OutboxDelivery(Protocol):
    def claim_due(self, *, now: datetime, limit: int, lock_until: datetime) -> list[DueMessage]: ...
    def finish(
        self,
        outbox_id: int,
        *,
        status: str,
        attempts: int,
        error: str | None,
        now: datetime,
        next_attempt_at: datetime,
    ) -> None: ...


class AccessLog(Protocol):
    def record(
        self,
        *,
        actor: str,
        actor_kind: str,
        subject_type: str,
        subject_id: int,
        action: str,
        purpose: str,
        now: datetime,
    ) -> None: ...


class UnitOfWork(Protocol):
    """One transaction. State changes, events and outbox rows commit together or not at all."""

    tenant_id: int | None
    tenants: TenantRepository
    users: UserRepository
    memberships: MembershipRepository
    api_keys: ApiKeyRepository
    web_sessions: WebSessionRepository
    modules: ModuleRepository
    events: EventLog
    outbox: Outbox
    outbox_delivery: OutboxDelivery
    access_log: AccessLog

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def after_commit(self, callback: Callable[[], None]) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self, *, tenant_id: int | None = None, system: bool = False) -> UnitOfWork: ...


__all__: Sequence[str] = [
    "AccessLog",
    "ApiKeyRepository",
    "Clock",
    "EventLog",
    "MembershipRepository",
    "ModuleRepository",
    "Outbox",
    "PasswordHasher",
    "TaskQueue",
    "TenantRepository",
    "UnitOfWork",
    "UnitOfWorkFactory",
    "UserRepository",
    "WebSessionRepository",
]
