"""Tenant isolation that does not depend on remembering.

A session carries its tenant in ``session.info["tenant_id"]`` (or ``info["system"]`` for the
few platform-wide operations: login, creating tenants, cross-tenant sweeps). Every ORM query
on a tenant-owned table is filtered by that tenant; a query on such a table in a session with
neither fails with :class:`UnscopedQuery`. New rows get the session's tenant; a row for another
tenant is refused. On PostgreSQL each transaction also sets ``app.tenant_id`` for row-level
security, the second wall (see the migration that creates the policies).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker, with_loader_criteria

from vorder.adapters.db.base import TenantOwned


class UnscopedQuery(RuntimeError):
    """A tenant-owned table was queried without a tenant: a programming error, loudly."""


def tenant_of(session: Session) -> int | None:
    value = session.info.get("tenant_id")
    return int(value) if value is not None else None


def _is_tenant_owned(state: ORMExecuteState) -> bool:
    return any(issubclass(m.class_, TenantOwned) for m in state.all_mappers)


def _on_execute(state: ORMExecuteState) -> None:
    if not (state.is_select or state.is_update or state.is_delete):
        return
    if state.is_column_load or state.is_relationship_load:
        return
    session = state.session
    tenant_id = tenant_of(session)
    if tenant_id is None:
        if session.info.get("system"):
            return
        if _is_tenant_owned(state):
            raise UnscopedQuery("query on a tenant-owned table without a tenant")
        return
    state.statement = state.statement.options(
        with_loader_criteria(
            TenantOwned,
            lambda cls: cls.tenant_id == tenant_id,
            include_aliases=True,
        )
    )


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    tenant_id = tenant_of(session)
    for obj in session.new:
        if not isinstance(obj, TenantOwned):
            continue
        if tenant_id is None:
            if session.info.get("system") and obj.tenant_id is not None:
                continue
            raise UnscopedQuery(f"new {type(obj).__name__} without a tenant")
        if obj.tenant_id is None:
            obj.tenant_id = tenant_id
        elif obj.tenant_id != tenant_id:
            raise UnscopedQuery(f"new {type(obj).__name__} for another tenant")
    for obj in session.dirty:
        if isinstance(obj, TenantOwned) and tenant_id is not None and obj.tenant_id != tenant_id:
            raise UnscopedQuery(f"{type(obj).__name__} moved to another tenant")


def _after_begin(session: Session, _transaction: Any, connection: sa.Connection) -> None:
    if connection.dialect.name != "postgresql":
        return
    tenant_id = tenant_of(session)
    connection.execute(
        sa.text("SELECT set_config('app.tenant_id', :t, true), set_config('app.system', :s, true)"),
        {
            "t": "" if tenant_id is None else str(tenant_id),
            "s": "on" if session.info.get("system") else "",
        },
    )


def install(factory: sessionmaker[Session]) -> None:
    sa.event.listen(factory, "do_orm_execute", _on_execute)
    sa.event.listen(factory, "before_flush", _before_flush)
    sa.event.listen(factory, "after_begin", _after_begin)
