"""Pydantic models of the platform endpoints (what the API accepts and answers)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from vorder.app.records import ApiKeyRecord, MemberRecord, StoredEvent, TenantRecord
from vorder.core.access import Role, TenantKind


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TenantOut(BaseModel):
    slug: str
    name: str
    kind: TenantKind
    role: Role | None = Field(default=None, description="Your role there")
    client_of: str | None = Field(
        default=None, description="The service provider's short name, if you reach it"
    )

    @classmethod
    def of(
        cls, tenant: TenantRecord, role: Role | None, slugs: dict[int, str] | None = None
    ) -> TenantOut:
        provider = (slugs or {}).get(tenant.provider_id) if tenant.provider_id else None
        return cls(
            slug=tenant.slug, name=tenant.name, kind=tenant.kind, role=role, client_of=provider
        )


class MeOut(BaseModel):
    kind: str = Field(description="user or api_key")
    id: int
    name: str
    email: str | None = None
    language: str
    tenant: TenantOut | None = Field(
        default=None, description="The organisation of this request (header or key)"
    )
    role: Role | None = None


class ModuleOut(BaseModel):
    name: str
    title_nl: str
    title_en: str
    enabled: bool
    always_on: bool
    settings: dict[str, Any]


class ModuleIn(_In):
    enabled: bool
    settings: dict[str, Any] | None = Field(
        default=None, description="The module's settings; left out keeps the current ones"
    )

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"enabled": True}]})


class EventOut(BaseModel):
    id: int
    subject_type: str
    subject_id: int
    type: str
    payload: dict[str, Any]
    occurred_at: datetime
    recorded_at: datetime
    actor: str

    @classmethod
    def of(cls, e: StoredEvent) -> EventOut:
        return cls(
            id=e.id,
            subject_type=e.subject_type,
            subject_id=e.subject_id,
            type=e.type,
            payload=e.payload,
            occurred_at=e.occurred_at,
            recorded_at=e.recorded_at,
            actor=e.actor,
        )


class ApiKeyOut(BaseModel):
    id: int
    name: str
    prefix: str = Field(description="The key's public part: vk_<prefix>_...")
    role: Role
    created_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None

    @classmethod
    def of(cls, k: ApiKeyRecord) -> ApiKeyOut:
        return cls(
            id=k.id,
            name=k.name,
            prefix=k.prefix,
            role=k.role,
            created_at=k.created_at,
            last_used_at=k.last_used_at,
            revoked_at=k.revoked_at,
        )


class ApiKeyIn(_In):
    name: str = Field(min_length=1, max_length=100)
    role: Role = Role.VIEWER

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"name": "Accounting sync", "role": "viewer"}]},
    )


class NewApiKeyOut(BaseModel):
    id: int
    name: str
    role: Role
    key: str = Field(description="The secret key; shown only this once")


class MemberOut(BaseModel):
    id: int
    user_id: int
    email: str
    name: str
    role: Role
    created_at: datetime

    @classmethod
    def of(cls, m: MemberRecord) -> MemberOut:
        return cls(
            id=m.id,
            user_id=m.user_id,
            email=m.email,
            name=m.name,
            role=m.role,
            created_at=m.created_at,
        )


class LoginIn(_In):
    email: str = Field(min_length=1, max_length=254)
    password: str = Field(max_length=1024)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"email": "demo@vorder.local", "password": "..."}]},
    )


class SessionOut(BaseModel):
    user_id: int
    email: str
    name: str
    language: str
    expires_at: datetime
    csrf_token: str = Field(description="Send it as X-CSRF-Token on unsafe requests")


class HealthOut(BaseModel):
    status: str
    database: str
