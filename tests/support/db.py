"""Test databases: a migrated SQLite template copied per test; one PostgreSQL database per
session (migrated as the owner, used through the non-owner app role, so row-level security is
really in force), truncated between tests."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from vorder.adapters.db.engine import make_engine
from vorder.adapters.db.migrate import upgrade
from vorder.adapters.db.registry import metadata
from vorder.adapters.db.roles import grant_app_role
from vorder.adapters.db.walls import APP_ROLE

PG_ENV = "VORDER_TEST_POSTGRES_URL"


def postgres_admin_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if not url and os.environ.get("VORDER_TEST_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"{PG_ENV} is not set but PostgreSQL is required (CI)")
    return url


class SqliteTemplate:
    def __init__(self, folder: Path) -> None:
        self.path = folder / "template.db"
        upgrade(f"sqlite:///{self.path}")

    def fresh_url(self, folder: Path) -> str:
        target = folder / f"vorder-{uuid.uuid4().hex[:8]}.db"
        shutil.copy(self.path, target)
        return f"sqlite:///{target}"


class PostgresDatabase:
    """A database created for this test session, dropped at the end."""

    def __init__(self, admin_url: str) -> None:
        self.admin_engine = make_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.name = f"vorder_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        with self.admin_engine.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{self.name}"'))
        base = make_url(admin_url).set(drivername="postgresql+psycopg")
        self.owner_url = base.set(database=self.name).render_as_string(hide_password=False)
        upgrade(self.owner_url)
        self.owner_engine = make_engine(self.owner_url)
        grant_app_role(self.owner_engine)
        self.app_url = base.set(
            database=self.name, username=APP_ROLE, password=None
        ).render_as_string(hide_password=False)
        tables = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
        self._truncate = sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")

    def clean(self) -> None:
        with self.owner_engine.begin() as conn:
            conn.execute(self._truncate)

    def drop(self) -> None:
        self.owner_engine.dispose()
        with self.admin_engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self.admin_engine.dispose()
