"""Helpers for the ledger's bulk statements (Core executemany on the session's connection)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from datetime import date, datetime
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


def values_of(obj: Any) -> dict[str, Any]:
    """A dataclass's fields as a dict, shallowly (``dataclasses.asdict`` deep-copies: slow)."""
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


def reserve_ids(session: Session, table: sa.Table, count: int) -> list[int]:
    """``count`` new primary keys for ``table``, so bulk inserts need no RETURNING.

    PostgreSQL: from the table's sequence (safe with concurrent writers). SQLite: after the
    current maximum, read after taking SQLite's single write lock (a no-op UPDATE starts the
    write transaction), so no other writer can take the same ids before this one commits.
    """
    if count <= 0:
        return []
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        sequence = conn.execute(
            sa.text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}
        ).scalar_one()
        rows = conn.execute(
            sa.text("SELECT nextval(CAST(:s AS regclass)) FROM generate_series(1, :n)"),
            {"s": sequence, "n": count},
        )
        return sorted(int(v) for v in rows.scalars())
    conn.execute(sa.update(table).where(sa.false()).values(id=table.c.id))
    top = conn.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))).scalar_one()
    return list(range(int(top) + 1, int(top) + 1 + count))


class BulkInsert:
    """``INSERT`` many rows of tuples with the DBAPI's executemany, on the session's connection.

    The statement is built once; each column's bind processor (the same conversion SQLAlchemy
    applies: UTC timestamps, SQLite dates, JSON) is applied in a tight loop; rows go to the
    driver in chunks. Being on the session's connection, it is in the unit of work's
    transaction and PostgreSQL row-level security applies; rows carry ``tenant_id`` themselves.
    """

    def __init__(self, session: Session, table: sa.Table, columns: Sequence[str]) -> None:
        self.conn = session.connection()
        dialect = self.conn.dialect
        quote = dialect.identifier_preparer.quote
        names = ", ".join(quote(c) for c in columns)
        self.arrays = dialect.name == "postgresql"
        # Identifiers come from the table metadata (quoted), values are bound: no injection.
        if self.arrays:
            # One array per column, zipped by unnest(): a short statement (parsed and planned
            # once), one round trip per chunk, whatever the number of rows.
            casts = ", ".join(
                f"%s::{table.c[c].type.dialect_impl(dialect).compile(dialect=dialect)}[]"
                for c in columns
            )
            self.sql = f"INSERT INTO {quote(table.name)} ({names}) SELECT * FROM unnest({casts})"  # noqa: S608
        else:
            marks = ", ".join(["?" if dialect.paramstyle == "qmark" else "%s"] * len(columns))
            self.sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})"  # noqa: S608
        processors = [
            (i, table.c[c].type.dialect_impl(dialect).bind_processor(dialect))
            for i, c in enumerate(columns)
        ]
        self.processors = [(i, p) for i, p in processors if p is not None]

    def _send(self, batch: list[tuple[Any, ...]]) -> None:
        if self.arrays:
            columns = tuple(list(column) for column in zip(*batch, strict=True))
            self.conn.exec_driver_sql(self.sql, columns)
        else:
            self.conn.exec_driver_sql(self.sql, batch)

    def run(self, rows: Iterable[Sequence[Any]], size: int = CHUNK) -> int:
        """Insert ``rows``; returns how many. Converted values are memoised per column
        (a batch repeats the same timestamp, dates and codes over and over)."""
        processors: list[tuple[int, Any, dict[Any, Any]]] = [(i, p, {}) for i, p in self.processors]
        batch: list[tuple[Any, ...]] = []
        count = 0
        for row in rows:
            if processors:
                values = list(row)
                for i, process, memo in processors:
                    value = values[i]
                    if value.__class__ in _MEMO_TYPES:
                        done = memo.get(value, _MISSING)
                        if done is _MISSING:
                            done = memo[value] = process(value)
                            if len(memo) > _MEMO_LIMIT:
                                memo.clear()
                        values[i] = done
                    else:
                        values[i] = process(value)
                row = values
            batch.append(tuple(row))
            if len(batch) >= size:
                self._send(batch)
                count += len(batch)
                batch = []
        if batch:
            self._send(batch)
            count += len(batch)
        return count


_MISSING = object()
_MEMO_TYPES = frozenset({date, datetime, str, int, bool})
_MEMO_LIMIT = 50_000
