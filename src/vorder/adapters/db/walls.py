"""Migration helpers for the second wall: PostgreSQL row-level security, append-only logs.

Every migration that creates a tenant-owned table calls :func:`tenant_wall` for it; a test
proves that every such table has its policy.
"""

from __future__ import annotations

from alembic import op

APP_ROLE = "vorder_app"


def tenant_wall(table: str) -> None:
    """Row-level security: rows are visible only to their tenant (or a platform session)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY tenant_isolation ON {table} "
        "USING (current_setting('app.system', true) = 'on' OR "
        "tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint) "
        "WITH CHECK (current_setting('app.system', true) = 'on' OR "
        "tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)"
    )


def append_only(table: str) -> None:
    """Refuse UPDATE and DELETE on a log table, on both databases."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION vorder_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$ LANGUAGE plpgsql"
        )
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION vorder_append_only()"
        )
