"""Helpers for the ledger's bulk statements (Core executemany on the session's connection)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session

from vorder.adapters.db.scoping import UnscopedQuery, tenant_of

CHUNK = 1000
T = TypeVar("T")


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def like(text: str, *, prefix: bool = False) -> str:
    """A LIKE pattern (escape character ``\\``) for ``text`` anywhere (or at the start)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%" if prefix else f"%{escaped}%"


def tenant_of_session(session: Session) -> int:
    """The unit of work's tenant, for Core statements that bypass the ORM scoping hooks."""
    tenant_id = tenant_of(session)
    if tenant_id is None:
        raise UnscopedQuery("a bulk statement on a tenant-owned table without a tenant")
    return tenant_id


def table_of(model: Any) -> sa.Table:
    """The Core table of a mapped class (typed for bulk statements)."""
    table: sa.Table = model.__table__
    return table
