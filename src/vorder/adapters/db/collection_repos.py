"""Repositories of the collection area: ``uow.strategies``, ``uow.assignments``,
``uow.collection`` (the runner's bulk reads and writes, the outbox claim for delivery).

Strategy and assignment versions go through the ORM (scoped by :mod:`.scoping`). The runner's
statements are Core on the session's connection and filter ``tenant_id`` themselves (Core
bypasses the ORM hooks; PostgreSQL row-level security still applies).

Concurrency (docs/adr/0012-runner.md): a runner batch locks *debtors* — on PostgreSQL with
``SELECT ... FOR UPDATE SKIP LOCKED``, so two workers take disjoint debtors and one debtor's
claims are always decided together; on SQLite the batch first takes the database's single
write lock (a no-op UPDATE), so batches run one after another. Claim actions lock the debtor
the same way (blocking) before they change a claim's collection state.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from vorder.adapters.db import collection_tables as ct
from vorder.adapters.db.collection_books import BookQueries
from vorder.adapters.db.collection_outbox import OutboxQueries
from vorder.adapters.db.collection_sweep import SweepQueries
from vorder.adapters.db.collection_writes import StateWrites
from vorder.adapters.db.uow import AREA_REPOSITORIES
from vorder.app.collection.records import (
    AssignmentRecord,
    StrategyRecord,
)


def _strategy(row: ct.StrategyVersion) -> StrategyRecord:
    return StrategyRecord(
        id=row.id,
        name=row.name,
        version=row.version,
        title_nl=row.title_nl,
        title_en=row.title_en,
        document=dict(row.document),
        source=row.source,
        author=row.author,
        published_at=row.published_at,
    )


class StrategyRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        *,
        name: str,
        version: int,
        title_nl: str,
        title_en: str,
        document: dict[str, Any],
        source: str,
        author: str,
        now: datetime,
    ) -> StrategyRecord:
        row = ct.StrategyVersion(
            name=name,
            version=version,
            title_nl=title_nl,
            title_en=title_en,
            document=document,
            source=source,
            author=author,
            published_at=now,
        )
        self.session.add(row)
        self.session.flush()
        return _strategy(row)

    def get(self, name: str, version: int | None = None) -> StrategyRecord | None:
        s = ct.StrategyVersion
        query = sa.select(s).where(s.name == name)
        if version is not None:
            query = query.where(s.version == version)
        row = self.session.scalar(query.order_by(s.version.desc()).limit(1))
        return _strategy(row) if row is not None else None

    def latest_all(self) -> list[StrategyRecord]:
        s = ct.StrategyVersion
        top = sa.select(s.name, sa.func.max(s.version).label("version")).group_by(s.name).subquery()
        rows = self.session.scalars(
            sa.select(s)
            .join(top, sa.and_(top.c.name == s.name, top.c.version == s.version))
            .order_by(s.name)
        )
        return [_strategy(r) for r in rows]

    def versions(self, name: str) -> list[StrategyRecord]:
        s = ct.StrategyVersion
        rows = self.session.scalars(sa.select(s).where(s.name == name).order_by(s.version))
        return [_strategy(r) for r in rows]


class AssignmentRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    def latest(self) -> AssignmentRecord | None:
        a = ct.AssignmentVersion
        row = self.session.scalar(sa.select(a).order_by(a.version.desc()).limit(1))
        if row is None:
            return None
        return AssignmentRecord(row.version, dict(row.document), row.author, row.published_at)

    def add(
        self, *, version: int, document: dict[str, Any], author: str, now: datetime
    ) -> AssignmentRecord:
        row = ct.AssignmentVersion(
            version=version, document=document, author=author, published_at=now
        )
        self.session.add(row)
        self.session.flush()
        return AssignmentRecord(row.version, dict(row.document), row.author, row.published_at)


class CollectionRepo(SweepQueries, StateWrites, BookQueries, OutboxQueries):
    """``uow.collection``: the runner's reads and writes, the outbox for delivery."""


AREA_REPOSITORIES.update(
    {"strategies": StrategyRepo, "assignments": AssignmentRepo, "collection": CollectionRepo}
)
