"""Platform tables: organisations, people, access, modules, event log, outbox, audit.

Area tables (claims, payments, ...) live in their own modules beside this one and are
imported by :mod:`vorder.adapters.db.registry` so that metadata holds every table.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from vorder.adapters.db.base import Base, Id, Json, TenantOwned, UTCDateTime


class Tenant(Base):
    """An organisation: a creditor, a service provider, or a partner."""

    __tablename__ = "tenants"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    slug: Mapped[str] = mapped_column(sa.String(63), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[str] = mapped_column(sa.String(20))  # creditor | service_provider | partner
    provider_id: Mapped[int | None] = mapped_column(Id, sa.ForeignKey("tenants.id"))
    language: Mapped[str] = mapped_column(sa.String(5), default="nl")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class User(Base):
    """A person who logs in. Global: access to tenants goes through memberships."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    language: Mapped[str] = mapped_column(sa.String(5), default="nl")
    is_active: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class WebSession(Base):
    """A browser session; the cookie holds a random token, the table only its hash."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    user_id: Mapped[int] = mapped_column(Id, sa.ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Membership(TenantOwned, Base):
    """A user's role in one tenant."""

    __tablename__ = "memberships"
    __table_args__ = (sa.UniqueConstraint("tenant_id", "user_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(Id, sa.ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(sa.String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ApiKey(TenantOwned, Base):
    """A tenant's key for the REST API; only a SHA-256 of the secret is stored."""

    __tablename__ = "api_keys"
    __table_args__ = (sa.Index("ix_api_keys_tenant", "tenant_id", "id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    prefix: Mapped[str] = mapped_column(sa.String(16), unique=True)
    key_hash: Mapped[str] = mapped_column(sa.String(64))
    role: Mapped[str] = mapped_column(sa.String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class TenantModule(TenantOwned, Base):
    """Whether a module is switched on for a tenant, and its validated settings."""

    __tablename__ = "tenant_modules"
    __table_args__ = (sa.UniqueConstraint("tenant_id", "module"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    module: Mapped[str] = mapped_column(sa.String(40))
    enabled: Mapped[bool] = mapped_column(sa.Boolean)
    settings: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class EventRow(TenantOwned, Base):
    """The append-only event log (updates and deletes are refused by a trigger)."""

    __tablename__ = "events"
    __table_args__ = (
        sa.Index("ix_events_subject", "tenant_id", "subject_type", "subject_id", "id"),
        sa.Index("ix_events_type", "tenant_id", "type", "id"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    subject_type: Mapped[str] = mapped_column(sa.String(40))
    subject_id: Mapped[int] = mapped_column(Id)
    type: Mapped[str] = mapped_column(sa.String(80))
    payload: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(sa.String(120))


class OutboxRow(TenantOwned, Base):
    """A side effect to deliver after commit (message, webhook), with an idempotency key."""

    __tablename__ = "outbox"
    __table_args__ = (
        sa.UniqueConstraint("tenant_id", "idempotency_key"),
        sa.Index("ix_outbox_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(sa.String(40))
    idempotency_key: Mapped[str] = mapped_column(sa.String(200))
    payload: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    status: Mapped[str] = mapped_column(sa.String(20), default="pending")
    attempts: Mapped[int] = mapped_column(sa.Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(sa.Text)


class PersonalDataAccess(TenantOwned, Base):
    """Who read or changed a debtor's personal data, when, and for what purpose (AVG)."""

    __tablename__ = "personal_data_access"
    __table_args__ = (sa.Index("ix_pda_subject", "tenant_id", "subject_type", "subject_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    actor: Mapped[str] = mapped_column(sa.String(120))
    actor_kind: Mapped[str] = mapped_column(sa.String(20))  # user | api_key | partner | system
    subject_type: Mapped[str] = mapped_column(sa.String(40))
    subject_id: Mapped[int] = mapped_column(Id)
    action: Mapped[str] = mapped_column(sa.String(10))  # read | change
    purpose: Mapped[str] = mapped_column(sa.String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
