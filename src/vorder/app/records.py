"""Plain records the repositories return to the application layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from vorder.core.access import Role, TenantKind


@dataclass(frozen=True, slots=True)
class TenantRecord:
    id: int
    slug: str
    name: str
    kind: TenantKind
    provider_id: int | None
    language: str


@dataclass(frozen=True, slots=True)
class UserRecord:
    id: int
    email: str
    name: str
    language: str
    is_active: bool
    password_hash: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class ApiKeyRecord:
    id: int
    tenant_id: int
    name: str
    prefix: str
    key_hash: str = field(repr=False)
    role: Role = Role.VIEWER
    revoked_at: datetime | None = None
    created_at: datetime | None = None
    last_used_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class MemberRecord:
    """A membership (a user's role in one tenant) with the user's name and e-mail address."""

    id: int
    tenant_id: int
    user_id: int
    email: str
    name: str
    role: Role
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ModuleState:
    module: str
    enabled: bool
    settings: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Event:
    """A fact that happened, appended to the log in the same transaction as the change."""

    subject_type: str
    subject_id: int
    type: str
    payload: dict[str, Any]
    occurred_at: datetime
    actor: str


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as read back from the log, with its id and the time it was recorded."""

    id: int
    subject_type: str
    subject_id: int
    type: str
    payload: dict[str, Any]
    occurred_at: datetime
    recorded_at: datetime
    actor: str


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """A side effect to carry out after commit; delivered at most once per key."""

    kind: str
    idempotency_key: str
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: a user (through a membership) or an API key, in one tenant."""

    kind: str  # user | api_key | system | partner
    id: int
    label: str
    tenant_id: int
    role: Role

    @property
    def ref(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True, slots=True)
class DueMessage:
    """An outbox row claimed for delivery."""

    id: int
    tenant_id: int
    kind: str
    idempotency_key: str
    payload: dict[str, Any]
    attempts: int
