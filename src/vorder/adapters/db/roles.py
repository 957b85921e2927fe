"""PostgreSQL roles: the application connects as a role that owns no table, so row-level
security applies to it (table owners and superusers bypass RLS)."""

from __future__ import annotations

import re

import sqlalchemy as sa

from vorder.adapters.db.walls import APP_ROLE

_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def grant_app_role(
    owner_engine: sa.Engine, *, role: str = APP_ROLE, password: str | None = None
) -> None:
    """Create (if needed) the login role the application uses and grant it table access."""
    if not _NAME.match(role):
        raise ValueError(f"invalid role name {role!r}")
    with owner_engine.begin() as conn:
        exists = conn.scalar(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
        if not exists:
            conn.execute(sa.text(f"CREATE ROLE {role} LOGIN NOSUPERUSER NOBYPASSRLS"))
        if password is not None:
            conn.execute(sa.text(f"ALTER ROLE {role} PASSWORD :p"), {"p": password})
        conn.execute(sa.text(f"GRANT USAGE ON SCHEMA public TO {role}"))
        conn.execute(
            sa.text(
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}"
            )
        )
        conn.execute(sa.text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}"))
