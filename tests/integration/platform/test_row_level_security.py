"""PostgreSQL row-level security: the second wall, for raw SQL that bypasses the ORM."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from vorder.adapters.db.registry import metadata
from vorder.app import tenancy
from vorder.core.access import TenantKind


@pytest.fixture
def pg(container):
    if container.engine.dialect.name != "postgresql":
        pytest.skip("row-level security is a PostgreSQL feature")
    return container


def test_every_tenant_table_has_a_forced_policy(pg):
    tenant_tables = sorted(t.name for t in metadata.sorted_tables if "tenant_id" in t.c)
    with pg.engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, "
                "(SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid) "
                "FROM pg_class c WHERE c.relname = ANY(:names) ORDER BY c.relname"
            ),
            {"names": tenant_tables},
        ).all()
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [(n, True, True, 1) for n in tenant_tables]


def test_raw_sql_sees_only_the_tenant_set_for_the_transaction(pg):
    now = pg.clock.now()
    a = tenancy.create_tenant(
        pg.uow, slug="a", kind=TenantKind.CREDITOR, name="A", provider_slug=None, actor="t", now=now
    )
    b = tenancy.create_tenant(
        pg.uow, slug="b", kind=TenantKind.CREDITOR, name="B", provider_slug=None, actor="t", now=now
    )
    with pg.engine.begin() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM events")).scalar_one() == 0
        conn.execute(sa.text("SELECT set_config('app.tenant_id', :t, true)"), {"t": str(a.id)})
        assert conn.execute(sa.text("SELECT tenant_id FROM events")).scalars().all() == [a.id]
        with pytest.raises(sa.exc.DBAPIError, match="row-level security"):
            conn.execute(
                sa.text(
                    "INSERT INTO events (tenant_id, subject_type, subject_id, type, payload, "
                    "occurred_at, recorded_at, actor) VALUES (:b, 'x', 1, 'Evil', '{}', now(), "
                    "now(), 't')"
                ),
                {"b": b.id},
            )
    with pg.engine.begin() as conn:
        conn.execute(sa.text("SELECT set_config('app.tenant_id', :t, true)"), {"t": str(b.id)})
        assert conn.execute(sa.text("SELECT type FROM events")).scalars().all() == ["TenantCreated"]
