"""Shared fixtures.

``container`` is a fully wired application (bootstrap.Container) on a freshly migrated
database; it runs once on SQLite and once on PostgreSQL (when VORDER_TEST_POSTGRES_URL is
set; CI sets VORDER_TEST_REQUIRE_POSTGRES=1 so a missing server fails instead of skipping).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support.db import PostgresDatabase, SqliteTemplate, postgres_admin_url
from vorder.adapters.clock import FixedClock
from vorder.bootstrap import Container, build
from vorder.config import load_settings

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplate:
    return SqliteTemplate(tmp_path_factory.mktemp("sqlite-template"))


@pytest.fixture(scope="session")
def postgres_db() -> Iterator[PostgresDatabase | None]:
    url = postgres_admin_url()
    if not url:
        yield None
        return
    db = PostgresDatabase(url)
    yield db
    db.drop()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: SqliteTemplate
) -> Iterator[str]:
    if request.param == "sqlite":
        yield sqlite_template.fresh_url(tmp_path)
        return
    pg: PostgresDatabase | None = request.getfixturevalue("postgres_db")
    if pg is None:
        pytest.skip("PostgreSQL not configured (set VORDER_TEST_POSTGRES_URL)")
    pg.clean()
    yield pg.app_url


@pytest.fixture
def container(database_url: str, tmp_path: Path) -> Iterator[Container]:
    settings = load_settings(
        database_url=database_url,
        data_dir=tmp_path / "data",
        demo=True,
        task_backend="immediate",
        secret_key="test-secret-key-0123456789",
    )
    c = build(settings)
    c.clock = FixedClock(NOW)
    yield c
    c.close()
