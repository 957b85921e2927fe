"""Tenant isolation at the storage layer: every table, every query, both databases."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from vorder.adapters.db import tables as t
from vorder.adapters.db.registry import metadata
from vorder.adapters.db.scoping import UnscopedQuery
from vorder.app import tenancy
from vorder.app.records import Event
from vorder.core.access import Role, TenantKind

# Platform-wide tables: the only ones without tenant_id, each for a stated reason.
GLOBAL_TABLES = {
    "tenants": "the organisations themselves",
    "users": "a person may belong to several organisations (memberships are per tenant)",
    "web_sessions": "a browser session belongs to a person, before a tenant is chosen",
}


def test_every_table_has_tenant_id_or_is_declared_global():
    missing = sorted(
        table.name
        for table in metadata.sorted_tables
        if "tenant_id" not in table.c and table.name not in GLOBAL_TABLES
    )
    assert missing == []
    for table in metadata.sorted_tables:
        if "tenant_id" in table.c:
            assert table.c.tenant_id.nullable is False, table.name
            fks = {fk.column.table.name for fk in table.c.tenant_id.foreign_keys}
            assert fks == {"tenants"}, table.name


def _two_tenants(container):
    now = container.clock.now()
    a = tenancy.create_tenant(
        container.uow,
        slug="a",
        kind=TenantKind.CREDITOR,
        name="A",
        provider_slug=None,
        actor="test",
        now=now,
    )
    b = tenancy.create_tenant(
        container.uow,
        slug="b",
        kind=TenantKind.CREDITOR,
        name="B",
        provider_slug=None,
        actor="test",
        now=now,
    )
    tenancy.create_user(
        container.uow,
        container.hasher,
        email="b@b.nl",
        name="B",
        password="secret12345",
        tenant_slug="b",
        role=Role.ADMIN,
        actor="test",
        now=now,
    )
    return a, b


def test_tenant_session_sees_only_its_own_rows(container):
    a, b = _two_tenants(container)
    with container.uow(tenant_id=a.id) as uow:
        rows = uow.session.scalars(sa.select(t.EventRow)).all()
        assert {r.tenant_id for r in rows} == {a.id}
        assert [r.type for r in rows] == ["TenantCreated"]
        assert uow.session.scalars(sa.select(t.Membership)).all() == []
        b_event = None
    with container.uow(tenant_id=b.id) as uow:
        b_event = uow.session.scalars(sa.select(t.EventRow.id)).first()
    with container.uow(tenant_id=a.id) as uow:
        assert uow.session.get(t.EventRow, b_event) is None
        # Bulk update through the ORM is scoped too: B's rows are untouched.
        result = uow.session.execute(
            sa.update(t.Membership)
            .values(role="owner")
            .execution_options(synchronize_session=False)
        )
        assert result.rowcount == 0
    with container.uow(tenant_id=b.id) as uow:
        assert uow.session.scalars(sa.select(t.Membership.role)).all() == ["admin"]


def test_query_without_tenant_fails_loudly(container):
    _two_tenants(container)
    with container.uow() as uow, pytest.raises(UnscopedQuery):
        uow.session.scalars(sa.select(t.EventRow)).all()
    with container.uow() as uow, pytest.raises(UnscopedQuery):
        uow.session.execute(sa.select(t.Membership.id))


def test_row_for_another_tenant_is_refused_and_nothing_is_written(container):
    a, b = _two_tenants(container)
    now = container.clock.now()
    with container.uow(tenant_id=a.id) as uow:
        uow.session.add(
            t.EventRow(
                tenant_id=b.id,
                subject_type="x",
                subject_id=1,
                type="Evil",
                payload={},
                occurred_at=now,
                recorded_at=now,
                actor="t",
            )
        )
        with pytest.raises(UnscopedQuery):
            uow.session.flush()
    with container.uow(tenant_id=b.id) as uow:
        assert uow.session.scalars(sa.select(t.EventRow.type).order_by(t.EventRow.id)).all() == [
            "TenantCreated",
            "MemberAdded",
        ]


def test_new_row_takes_the_session_tenant(container):
    a, _ = _two_tenants(container)
    now = container.clock.now()
    with container.uow(tenant_id=a.id) as uow:
        event_id = uow.events.append(Event("claim", 7, "Noted", {}, now, "t"), now=now)
        uow.commit()
    with container.uow(tenant_id=a.id) as uow:
        assert uow.session.get(t.EventRow, event_id).tenant_id == a.id


def test_event_log_is_append_only(container):
    a, _ = _two_tenants(container)
    with container.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT set_config('app.tenant_id', :t, false)"), {"t": str(a.id)})
        before = conn.execute(sa.text("SELECT count(*) FROM events")).scalar_one()
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            conn.execute(sa.text("UPDATE events SET type = 'Changed'"))
        conn.rollback()
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT set_config('app.tenant_id', :t, false)"), {"t": str(a.id)})
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            conn.execute(sa.text("DELETE FROM events"))
        conn.rollback()
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT set_config('app.tenant_id', :t, false)"), {"t": str(a.id)})
        after = conn.execute(sa.text("SELECT count(*) FROM events")).scalar_one()
        # Raw SQL: on PostgreSQL row-level security shows A's one event; SQLite shows all 3.
        expected = 1 if conn.dialect.name == "postgresql" else 3
        assert (before, after) == (expected, expected)
