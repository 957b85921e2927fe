"""Repositories for the platform tables (organisations, people, access, log, outbox)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from vorder.adapters.db import tables as t
from vorder.app.records import (
    ApiKeyRecord,
    Event,
    MemberRecord,
    ModuleState,
    OutboxMessage,
    StoredEvent,
    TenantRecord,
    UserRecord,
)
from vorder.core.access import Role, TenantKind


def _tenant(row: t.Tenant) -> TenantRecord:
    return TenantRecord(
        row.id, row.slug, row.name, TenantKind(row.kind), row.provider_id, row.language
    )


def _user(row: t.User) -> UserRecord:
    return UserRecord(row.id, row.email, row.name, row.language, row.is_active, row.password_hash)


def _api_key(row: t.ApiKey) -> ApiKeyRecord:
    return ApiKeyRecord(
        row.id,
        row.tenant_id,
        row.name,
        row.prefix,
        row.key_hash,
        Role(row.role),
        row.revoked_at,
        row.created_at,
        row.last_used_at,
    )


def _stored_event(row: t.EventRow) -> StoredEvent:
    return StoredEvent(
        row.id,
        row.subject_type,
        row.subject_id,
        row.type,
        dict(row.payload or {}),
        row.occurred_at,
        row.recorded_at,
        row.actor,
    )


class _Repo:
    def __init__(self, session: Session) -> None:
        self.session = session


class TenantRepo(_Repo):
    def add(
        self,
        *,
        slug: str,
        name: str,
        kind: TenantKind,
        provider_id: int | None,
        language: str,
        now: datetime,
    ) -> TenantRecord:
        row = t.Tenant(
            slug=slug,
            name=name,
            kind=kind.value,
            provider_id=provider_id,
            language=language,
            created_at=now,
        )
        self.session.add(row)
        self.session.flush()
        return _tenant(row)

    def by_slug(self, slug: str) -> TenantRecord | None:
        row = self.session.scalar(sa.select(t.Tenant).where(t.Tenant.slug == slug))
        return _tenant(row) if row else None

    def by_id(self, tenant_id: int) -> TenantRecord | None:
        row = self.session.get(t.Tenant, tenant_id)
        return _tenant(row) if row else None

    def clients_of(self, provider_id: int) -> list[TenantRecord]:
        rows = self.session.scalars(
            sa.select(t.Tenant).where(t.Tenant.provider_id == provider_id).order_by(t.Tenant.name)
        )
        return [_tenant(r) for r in rows]

    def all(self) -> list[TenantRecord]:
        return [_tenant(r) for r in self.session.scalars(sa.select(t.Tenant).order_by(t.Tenant.id))]


class UserRepo(_Repo):
    def add(
        self, *, email: str, name: str, password_hash: str, language: str, now: datetime
    ) -> UserRecord:
        row = t.User(
            email=email,
            name=name,
            password_hash=password_hash,
            language=language,
            is_active=True,
            created_at=now,
        )
        self.session.add(row)
        self.session.flush()
        return _user(row)

    def by_email(self, email: str) -> UserRecord | None:
        row = self.session.scalar(sa.select(t.User).where(t.User.email == email))
        return _user(row) if row else None

    def by_id(self, user_id: int) -> UserRecord | None:
        row = self.session.get(t.User, user_id)
        return _user(row) if row else None

    def set_language(self, user_id: int, language: str) -> None:
        self.session.execute(
            sa.update(t.User).where(t.User.id == user_id).values(language=language)
        )


class MembershipRepo(_Repo):
    def add(self, *, tenant_id: int, user_id: int, role: Role, now: datetime) -> None:
        self.session.add(
            t.Membership(tenant_id=tenant_id, user_id=user_id, role=role.value, created_at=now)
        )
        self.session.flush()

    def role_of(self, *, tenant_id: int, user_id: int) -> Role | None:
        value = self.session.scalar(
            sa.select(t.Membership.role).where(
                t.Membership.tenant_id == tenant_id, t.Membership.user_id == user_id
            )
        )
        return Role(value) if value else None

    def tenants_of(self, user_id: int) -> list[tuple[int, Role]]:
        rows = self.session.execute(
            sa.select(t.Membership.tenant_id, t.Membership.role).where(
                t.Membership.user_id == user_id
            )
        )
        return [(tid, Role(role)) for tid, role in rows]

    def _member_query(self) -> sa.Select[t.Membership, t.User]:
        return sa.select(t.Membership, t.User).join(t.User, t.User.id == t.Membership.user_id)

    @staticmethod
    def _member(membership: t.Membership, user: t.User) -> MemberRecord:
        return MemberRecord(
            membership.id,
            membership.tenant_id,
            user.id,
            user.email,
            user.name,
            Role(membership.role),
            membership.created_at,
        )

    def members(self, tenant_id: int) -> list[MemberRecord]:
        rows = self.session.execute(
            self._member_query()
            .where(t.Membership.tenant_id == tenant_id)
            .order_by(t.User.name, t.Membership.id)
        )
        return [self._member(m, u) for m, u in rows]

    def member(self, member_id: int) -> MemberRecord | None:
        row = self.session.execute(self._member_query().where(t.Membership.id == member_id)).first()
        return self._member(row[0], row[1]) if row else None


class ApiKeyRepo(_Repo):
    def add(
        self, *, tenant_id: int, name: str, prefix: str, key_hash: str, role: Role, now: datetime
    ) -> ApiKeyRecord:
        row = t.ApiKey(
            tenant_id=tenant_id,
            name=name,
            prefix=prefix,
            key_hash=key_hash,
            role=role.value,
            created_at=now,
        )
        self.session.add(row)
        self.session.flush()
        return ApiKeyRecord(row.id, row.tenant_id, row.name, row.prefix, row.key_hash, role)

    def by_prefix(self, prefix: str) -> ApiKeyRecord | None:
        row = self.session.scalar(sa.select(t.ApiKey).where(t.ApiKey.prefix == prefix))
        return _api_key(row) if row is not None else None

    def touch(self, key_id: int, *, now: datetime) -> None:
        self.session.execute(
            sa.update(t.ApiKey).where(t.ApiKey.id == key_id).values(last_used_at=now)
        )

    def for_tenant(self, tenant_id: int) -> list[ApiKeyRecord]:
        rows = self.session.scalars(
            sa.select(t.ApiKey).where(t.ApiKey.tenant_id == tenant_id).order_by(t.ApiKey.id)
        )
        return [_api_key(r) for r in rows]

    def by_id(self, key_id: int) -> ApiKeyRecord | None:
        row = self.session.scalar(sa.select(t.ApiKey).where(t.ApiKey.id == key_id))
        return _api_key(row) if row is not None else None

    def revoke(self, key_id: int, *, now: datetime) -> None:
        self.session.execute(
            sa.update(t.ApiKey)
            .where(t.ApiKey.id == key_id, t.ApiKey.revoked_at.is_(None))
            .values(revoked_at=now)
        )


class WebSessionRepo(_Repo):
    def add(self, *, token_hash: str, user_id: int, now: datetime, expires_at: datetime) -> None:
        self.session.add(
            t.WebSession(
                token_hash=token_hash, user_id=user_id, created_at=now, expires_at=expires_at
            )
        )

    def user_for(self, token_hash: str, *, now: datetime) -> int | None:
        return self.session.scalar(
            sa.select(t.WebSession.user_id).where(
                t.WebSession.token_hash == token_hash, t.WebSession.expires_at > now
            )
        )

    def remove(self, token_hash: str) -> None:
        self.session.execute(sa.delete(t.WebSession).where(t.WebSession.token_hash == token_hash))


class ModuleRepo(_Repo):
    def states(self, tenant_id: int) -> list[ModuleState]:
        rows = self.session.scalars(
            sa.select(t.TenantModule).where(t.TenantModule.tenant_id == tenant_id)
        )
        return [ModuleState(r.module, r.enabled, dict(r.settings or {})) for r in rows]

    def put(
        self, *, tenant_id: int, module: str, enabled: bool, settings: dict[str, Any], now: datetime
    ) -> None:
        row = self.session.scalar(
            sa.select(t.TenantModule).where(
                t.TenantModule.tenant_id == tenant_id, t.TenantModule.module == module
            )
        )
        if row is None:
            row = t.TenantModule(tenant_id=tenant_id, module=module)
            self.session.add(row)
        row.enabled = enabled
        row.settings = settings
        row.updated_at = now
        self.session.flush()


class EventLogRepo(_Repo):
    def append(self, event: Event, *, now: datetime, tenant_id: int | None = None) -> int:
        row = t.EventRow(
            tenant_id=tenant_id,
            subject_type=event.subject_type,
            subject_id=event.subject_id,
            type=event.type,
            payload=event.payload,
            occurred_at=event.occurred_at,
            recorded_at=now,
            actor=event.actor,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def for_subject(self, subject_type: str, subject_id: int) -> list[Event]:
        rows = self.session.scalars(
            sa.select(t.EventRow)
            .where(t.EventRow.subject_type == subject_type, t.EventRow.subject_id == subject_id)
            .order_by(t.EventRow.id)
        )
        return [
            Event(r.subject_type, r.subject_id, r.type, dict(r.payload), r.occurred_at, r.actor)
            for r in rows
        ]

    def get(self, event_id: int) -> StoredEvent | None:
        row = self.session.scalar(sa.select(t.EventRow).where(t.EventRow.id == event_id))
        return _stored_event(row) if row is not None else None

    def search(
        self,
        *,
        subject_type: str | None,
        subject_id: int | None,
        before_id: int | None,
        limit: int,
    ) -> list[StoredEvent]:
        query = sa.select(t.EventRow)
        if subject_type is not None:
            query = query.where(t.EventRow.subject_type == subject_type)
        if subject_id is not None:
            query = query.where(t.EventRow.subject_id == subject_id)
        if before_id is not None:
            query = query.where(t.EventRow.id < before_id)
        rows = self.session.scalars(query.order_by(t.EventRow.id.desc()).limit(limit))
        return [_stored_event(r) for r in rows]


class OutboxRepo(_Repo):
    def add(self, message: OutboxMessage, *, now: datetime) -> bool:
        exists = self.session.scalar(
            sa.select(t.OutboxRow.id).where(t.OutboxRow.idempotency_key == message.idempotency_key)
        )
        if exists is not None:
            return False
        self.session.add(
            t.OutboxRow(
                kind=message.kind,
                idempotency_key=message.idempotency_key,
                payload=message.payload,
                status="pending",
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
        )
        return True


class AccessLogRepo(_Repo):
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
    ) -> None:
        self.session.add(
            t.PersonalDataAccess(
                actor=actor,
                actor_kind=actor_kind,
                subject_type=subject_type,
                subject_id=subject_id,
                action=action,
                purpose=purpose,
                at=now,
            )
        )
