"""Roles and permissions: the one place that decides who may do what."""

from __future__ import annotations

from enum import StrEnum

from vorder.core.errors import DomainError, Forbidden


class Role(StrEnum):
    OWNER = "owner"
    ADMIN = "admin"
    CREDIT_MANAGER = "credit_manager"
    AGENT = "agent"
    VIEWER = "viewer"


class TenantKind(StrEnum):
    CREDITOR = "creditor"
    SERVICE_PROVIDER = "service_provider"
    PARTNER = "partner"


class Permission(StrEnum):
    READ = "read"  # see claims, debtors, reports
    WORK = "work"  # register promises, disputes, payments; work call tasks
    MANAGE_CLAIMS = "manage_claims"  # create/import invoices and claims, move phase, write off
    MANAGE_STRATEGIES = "manage_strategies"  # edit and publish strategies, assign rules
    MANAGE_SETTINGS = "manage_settings"  # modules, branding, legal settings, webhooks
    MANAGE_USERS = "manage_users"  # users, roles, API keys
    MANAGE_ORGANISATION = "manage_organisation"  # delete, transfer ownership


_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.READ}),
    Role.AGENT: frozenset({Permission.READ, Permission.WORK}),
    Role.CREDIT_MANAGER: frozenset(
        {Permission.READ, Permission.WORK, Permission.MANAGE_CLAIMS, Permission.MANAGE_STRATEGIES}
    ),
    Role.ADMIN: frozenset(set(Permission) - {Permission.MANAGE_ORGANISATION}),
    Role.OWNER: frozenset(Permission),
}


class UnknownRole(DomainError):
    code = "unknown_role"


class UnknownTenantKind(DomainError):
    code = "unknown_tenant_kind"


def parse_role(value: str) -> Role:
    try:
        return Role(value.replace("-", "_"))
    except ValueError:
        names = ", ".join(r.value for r in Role)
        raise UnknownRole(
            f"unknown role '{value}' (choose one of: {names})", field="role"
        ) from None


def parse_tenant_kind(value: str) -> TenantKind:
    try:
        return TenantKind(value.replace("-", "_"))
    except ValueError:
        raise UnknownTenantKind(
            f"unknown organisation kind '{value}' (creditor, service-provider or partner)",
            field="kind",
        ) from None


def can(role: Role, permission: Permission) -> bool:
    """Whether ``role`` grants ``permission``."""
    return permission in _GRANTS[role]


def require(role: Role, permission: Permission) -> None:
    """Raise :class:`Forbidden` unless ``role`` grants ``permission``."""
    if not can(role, permission):
        raise Forbidden(f"your role ({role.value}) does not allow this ({permission.value})")
