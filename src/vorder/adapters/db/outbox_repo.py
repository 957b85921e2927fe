"""Claiming and finishing outbox rows for delivery (across tenants, in a platform session)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from vorder.adapters.db import tables as t
from vorder.adapters.db.uow import AREA_REPOSITORIES
from vorder.app.records import DueMessage


class OutboxDeliveryRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    def claim_due(self, *, now: datetime, limit: int, lock_until: datetime) -> list[DueMessage]:
        o = t.OutboxRow
        query = (
            sa.select(o)
            .where(
                o.status == "pending",
                o.next_attempt_at <= now,
                sa.or_(o.locked_until.is_(None), o.locked_until <= now),
            )
            .order_by(o.next_attempt_at, o.id)
            .limit(limit)
        )
        if self.session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        rows = list(self.session.scalars(query))
        for row in rows:
            row.locked_until = lock_until
        self.session.flush()
        return [
            DueMessage(r.id, r.tenant_id, r.kind, r.idempotency_key, dict(r.payload), r.attempts)
            for r in rows
        ]

    def finish(
        self,
        outbox_id: int,
        *,
        status: str,
        attempts: int,
        error: str | None,
        now: datetime,
        next_attempt_at: datetime,
    ) -> None:
        values: dict[str, object] = {
            "status": status,
            "attempts": attempts,
            "last_error": error,
            "locked_until": None,
        }
        if status == "delivered":
            values["delivered_at"] = now
        elif status == "pending":
            values["next_attempt_at"] = next_attempt_at
        self.session.execute(
            sa.update(t.OutboxRow).where(t.OutboxRow.id == outbox_id).values(**values)
        )


AREA_REPOSITORIES["outbox_delivery"] = OutboxDeliveryRepo
