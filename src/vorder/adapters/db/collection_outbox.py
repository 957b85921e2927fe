"""Outbox rows and messages: queueing, claiming for delivery, results, lists."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import fields
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from vorder.adapters.db import collection_tables as ct
from vorder.adapters.db import ledger_tables as lt
from vorder.adapters.db.collection_base import (
    CLAIMS,
    MESSAGES,
    OUTBOX,
    Queries,
    message_row,
)
from vorder.adapters.db.ledger_bulk import BulkInsert, chunks, tenant_of_session
from vorder.app.collection.records import (
    MessageRow,
    NewMessage,
    OutboxClaimed,
)


class OutboxQueries(Queries):
    def existing_keys(self, keys: Collection[str]) -> set[str]:
        tenant_id = tenant_of_session(self.session)
        found: set[str] = set()
        for part in chunks(sorted(keys)):
            found.update(
                self._conn.execute(
                    sa.select(OUTBOX.c.idempotency_key).where(
                        OUTBOX.c.tenant_id == tenant_id, OUTBOX.c.idempotency_key.in_(part)
                    )
                ).scalars()
            )
        return found

    def add_outbox(self, rows: Sequence[tuple[str, str, dict[str, Any]]], *, now: datetime) -> None:
        if not rows:
            return
        tenant_id = tenant_of_session(self.session)
        columns = (
            "tenant_id",
            "kind",
            "idempotency_key",
            "payload",
            "status",
            "attempts",
            "next_attempt_at",
            "created_at",
        )
        BulkInsert(self.session, OUTBOX, columns).run(
            (tenant_id, kind, key, payload, "pending", 0, now, now) for kind, key, payload in rows
        )

    def add_messages(self, messages: Sequence[NewMessage], *, now: datetime) -> None:
        if not messages:
            return
        tenant_id = tenant_of_session(self.session)
        names = tuple(f.name for f in fields(NewMessage))
        BulkInsert(self.session, MESSAGES, ("tenant_id", "created_at", *names)).run(
            (tenant_id, now, *(getattr(m, n) for n in names)) for m in messages
        )

    def messages(
        self, *, claim_id: int | None, debtor_id: int | None, limit: int
    ) -> list[MessageRow]:
        m = ct.CollectionMessage
        query = sa.select(m)
        if debtor_id is not None:
            query = query.where(m.debtor_id == debtor_id)
        if claim_id is not None:
            owner = self.session.scalar(
                sa.select(lt.Claim.debtor_id).where(lt.Claim.id == claim_id)
            )
            if owner is None:
                return []
            query = query.where(m.debtor_id == owner)
        rows = self.session.scalars(
            query.order_by(m.id.desc()).limit(limit * 4 if claim_id else limit)
        )
        found = [message_row(r) for r in rows]
        if claim_id is not None:
            found = [r for r in found if claim_id in r.claim_ids][:limit]
        return found

    def messages_after(self, message_id: int, *, limit: int) -> list[MessageRow]:
        m = ct.CollectionMessage
        rows = self.session.scalars(
            sa.select(m).where(m.id > message_id).order_by(m.id).limit(limit)
        )
        return [message_row(r) for r in rows]

    def message_by_key(self, key: str) -> MessageRow | None:
        m = ct.CollectionMessage
        row = self.session.scalar(sa.select(m).where(m.idempotency_key == key))
        return message_row(row) if row is not None else None

    def set_message_status(self, key: str, *, status: str, at: datetime) -> None:
        m = ct.CollectionMessage
        values: dict[str, Any] = {"status": status}
        if status == "delivered":
            values["delivered_at"] = at
        self.session.execute(
            sa.update(m)
            .where(m.idempotency_key == key)
            .values(**values)
            .execution_options(synchronize_session=False)
        )

    def claim_outbox(
        self, *, now: datetime, limit: int, lock: timedelta, kinds: Collection[str] | None
    ) -> list[OutboxClaimed]:
        o = OUTBOX.c
        due = sa.and_(
            o.status == "pending",
            o.next_attempt_at <= now,
            sa.or_(o.locked_until.is_(None), o.locked_until <= now),
        )
        if kinds is not None:
            due = sa.and_(due, o.kind.in_(sorted(kinds)))
        query = sa.select(OUTBOX).where(due).order_by(o.next_attempt_at, o.id).limit(limit)
        conn = self._conn
        if self._postgres:
            rows = conn.execute(query.with_for_update(skip_locked=True)).all()
            mine = {r.id for r in rows}
        else:
            rows = conn.execute(query).all()
            mine = set()
            for part in chunks([r.id for r in rows]):
                mine.update(
                    conn.execute(
                        sa.update(OUTBOX)
                        .where(o.id.in_(part), due)
                        .values(locked_until=now + lock)
                        .returning(o.id)
                    ).scalars()
                )
        if self._postgres and mine:
            conn.execute(
                sa.update(OUTBOX).where(o.id.in_(sorted(mine))).values(locked_until=now + lock)
            )
        return [
            OutboxClaimed(
                id=r.id,
                tenant_id=r.tenant_id,
                kind=r.kind,
                idempotency_key=r.idempotency_key,
                payload=dict(r.payload),
                attempts=r.attempts,
                in_doubt=r.locked_until is not None,
            )
            for r in rows
            if r.id in mine
        ]

    def finish_delivery(
        self,
        outbox_id: int,
        *,
        status: str,
        attempts: int,
        error: str | None,
        now: datetime,
        next_attempt_at: datetime,
        claim_ids: Sequence[int],
        message_status: str | None,
    ) -> None:
        """Record one delivery attempt: the outbox row, the message's status, and wake its
        claims (Core statements; one round trip each)."""
        tenant_id = tenant_of_session(self.session)
        conn = self._conn
        o = OUTBOX.c
        values: dict[str, Any] = {
            "status": status,
            "attempts": attempts,
            "last_error": error,
            "locked_until": None,
        }
        if status == "delivered":
            values["delivered_at"] = now
        elif status == "pending":
            values["next_attempt_at"] = next_attempt_at
        conn.execute(
            sa.update(OUTBOX).where(o.tenant_id == tenant_id, o.id == outbox_id).values(**values)
        )
        if message_status is None:
            return
        key = conn.execute(sa.select(o.idempotency_key).where(o.id == outbox_id)).scalar_one()
        m = MESSAGES.c
        changes: dict[str, Any] = {"status": message_status}
        if message_status == "delivered":
            changes["delivered_at"] = now
        conn.execute(
            sa.update(MESSAGES)
            .where(m.tenant_id == tenant_id, m.idempotency_key == key)
            .values(**changes)
        )
        if claim_ids:
            c = CLAIMS.c
            conn.execute(
                sa.update(CLAIMS)
                .where(
                    c.tenant_id == tenant_id,
                    c.id.in_(sorted(claim_ids)),
                    sa.or_(c.next_wake_at.is_(None), c.next_wake_at > now),
                )
                .values(next_wake_at=now)
            )

    def outbox_counts(self) -> dict[str, int]:
        tenant_id = tenant_of_session(self.session)
        rows = self._conn.execute(
            sa.select(OUTBOX.c.status, sa.func.count())
            .where(OUTBOX.c.tenant_id == tenant_id)
            .group_by(OUTBOX.c.status)
        )
        return {str(status): int(n) for status, n in rows}
