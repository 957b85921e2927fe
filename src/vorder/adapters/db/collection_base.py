"""Shared pieces of the collection repositories: the tables, bulk statements, helpers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from vorder.adapters.db import collection_tables as ct
from vorder.adapters.db import ledger_tables as lt
from vorder.adapters.db import tables as t
from vorder.adapters.db.ledger_bulk import chunks, table_of
from vorder.app.collection.records import (
    MessageRow,
    StateRow,
)
from vorder.app.ledger.records import ClaimRow, InvoiceRow, PaymentRow

FEEDBACK_EVENTS = ("MessageDelivered", "MessageBounced")
WINDOW = 8  # candidate claims per debtor wanted when locking (room for other workers' locks)

CLAIMS = table_of(lt.Claim)
DEBTORS = table_of(lt.Debtor)
CONTACTS = table_of(lt.DebtorContact)
INVOICES = table_of(lt.Invoice)
MEMBERS = table_of(lt.ClaimInvoice)
PAYMENTS = table_of(lt.Payment)
ALLOCATIONS = table_of(lt.Allocation)
CREDITS = table_of(lt.Credit)
STATES = table_of(ct.CollectionState)
MESSAGES = table_of(ct.CollectionMessage)
EVENTS = table_of(t.EventRow)
OUTBOX = table_of(t.OutboxRow)
STATE_FIELDS = tuple(f.name for f in fields(StateRow))
STATE_COLUMNS = tuple(STATES.c[n] for n in STATE_FIELDS)
LIGHT_FIELDS = ("held_step_id", "held_reason", "wake_at", "runs", "updated_at")
CLAIM_ROW_FIELDS = tuple(f.name for f in fields(ClaimRow))
INVOICE_ROW_FIELDS = tuple(f.name for f in fields(InvoiceRow))
PAYMENT_ROW_FIELDS = tuple(f.name for f in fields(PaymentRow))
MESSAGE_FIELDS = tuple(f.name for f in fields(MessageRow))


class BulkUpdate:
    """One UPDATE for many rows, without SQLAlchemy's per-row parameter handling (what made
    the runner's writes slow). ``template`` names the values ``{p_name}`` and qualifies the
    table's own columns. SQLite: the driver's executemany. PostgreSQL: the rows as one array
    per value, zipped by ``unnest`` — one statement and one round trip per chunk. Each value
    is converted by its column type's bind processor (UTC moments, dates, JSON); values are
    always bound, never formatted into the SQL."""

    def __init__(self, conn: sa.Connection, template: str, types: dict[str, Any]) -> None:
        self.conn = conn
        dialect = conn.dialect
        self.names = list(types)
        self.arrays = dialect.name == "postgresql"
        if self.arrays:
            marks = {n: f"v.{n}" for n in types}
            head, where = template.format(**marks).split(" WHERE ", 1)
            casts = ", ".join(
                f"%s::{types[n].dialect_impl(dialect).compile(dialect=dialect)}[]"
                for n in self.names
            )
            self.sql = f"{head} FROM unnest({casts}) AS v({', '.join(self.names)}) WHERE {where}"
        else:
            self.sql = template.format(**{n: f":{n}" for n in types})
        self.processors = [
            (n, p)
            for n, t in types.items()
            if (p := t.dialect_impl(dialect).bind_processor(dialect)) is not None
        ]

    def run(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            for name, process in self.processors:
                row[name] = process(row[name])
        for part in chunks(rows):
            if self.arrays:
                arrays = tuple([row[n] for row in part] for n in self.names)
                self.conn.exec_driver_sql(self.sql, arrays)
            else:
                self.conn.exec_driver_sql(self.sql, list(part))


def address_lines(row: Any) -> tuple[str, ...]:
    if not (row.street and row.postcode and row.city):
        return ()
    number = " ".join(p for p in (row.house_number, row.house_number_addition) if p)
    lines = [row.name, f"{row.street} {number}".strip()]
    if row.line2:
        lines.append(row.line2)
    lines.append(f"{row.postcode} {row.city}")
    if row.country and row.country != "NL":
        lines.append(row.country)
    return tuple(lines)


def message_row(row: Any) -> MessageRow:
    return MessageRow(**{name: getattr(row, name) for name in MESSAGE_FIELDS})


def is_in(conn: sa.Connection, column: Any, values: Sequence[Any]) -> sa.ColumnElement[bool]:
    """``column IN values``; on PostgreSQL ``column = ANY(array)``: one bound value, one
    cached plan, instead of a statement per list length."""
    if conn.dialect.name == "postgresql":
        array = sa.bindparam(None, list(values), type_=postgresql.ARRAY(column.type))
        return column == sa.any_(array)  # type: ignore[no-any-return]
    return column.in_(values)  # type: ignore[no-any-return]


def by_key(table: sa.Table, tenant_id: int) -> sa.ColumnElement[bool]:
    """``tenant_id + 0 = :tenant``: the tenant is still checked, but no index on tenant_id
    can be chosen — for lookups by primary key (``id IN (...)``) and scans of the wake-up
    index. Without statistics SQLite takes ``tenant_id = ?`` for selective and would read
    the tenant's whole table for every batch."""
    return (table.c.tenant_id + 0) == tenant_id


class Queries:
    """The session's connection and dialect, for the collection's Core statements."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def _conn(self) -> sa.Connection:
        return self.session.connection()

    @property
    def _postgres(self) -> bool:
        return self._conn.dialect.name == "postgresql"
