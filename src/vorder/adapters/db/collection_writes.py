"""The runner's writes: collection states, the ledger's claim rows, the events."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa

from vorder.adapters.db.collection_base import (
    CLAIMS,
    EVENTS,
    LIGHT_FIELDS,
    STATE_FIELDS,
    STATES,
    BulkUpdate,
    Queries,
)
from vorder.adapters.db.ledger_bulk import BulkInsert, chunks, tenant_of_session
from vorder.app.collection.records import (
    ClaimUpdate,
    StateRow,
)
from vorder.app.records import Event


class StateWrites(Queries):
    def save_states(
        self,
        new: Sequence[StateRow],
        changed: Sequence[StateRow],
        touched: Sequence[StateRow] = (),
    ) -> None:
        """Insert ``new``, rewrite ``changed``; of ``touched`` (decided, nothing else
        changed) only the hold, the wake-up and the run counter are written."""
        tenant_id = tenant_of_session(self.session)
        conn = self._conn
        for part in chunks(new):
            conn.execute(
                sa.insert(STATES),
                [
                    {"tenant_id": tenant_id, **{n: getattr(s, n) for n in STATE_FIELDS}}
                    for s in part
                ],
            )
        for rows, names in ((changed, STATE_FIELDS[1:]), (touched, LIGHT_FIELDS)):
            if not rows:
                continue
            many = BulkUpdate(
                conn,
                # the column names are the record's fields (fixed), values are bound
                "UPDATE collection_states SET "  # noqa: S608
                + ", ".join(f"{n} = {{p_{n}}}" for n in names)
                + " WHERE collection_states.tenant_id = {p_tenant_id}"
                " AND collection_states.claim_id = {p_claim_id}",
                {f"p_{n}": STATES.c[n].type for n in (*names, "tenant_id", "claim_id")},
            )
            many.run(
                [
                    {
                        **{f"p_{n}": getattr(r, n) for n in names},
                        "p_tenant_id": tenant_id,
                        "p_claim_id": r.claim_id,
                    }
                    for r in rows
                ]
            )

    def update_claims(self, updates: Sequence[ClaimUpdate], *, now: datetime) -> None:
        """Status, phase, strategy and wake-up on the ledger's claim rows; a row changed
        since it was read (paid, principal or status differ) is woken at ``now`` instead,
        and a closed or written-off claim keeps its status."""
        if not updates:
            return
        tenant_id = tenant_of_session(self.session)
        c = CLAIMS.c
        many = BulkUpdate(
            self._conn,
            "UPDATE claims SET"
            " status = CASE WHEN claims.status = 'closed' OR claims.status = 'written_off'"
            " THEN claims.status ELSE {p_status} END,"
            " phase = {p_phase},"
            " strategy_name = COALESCE({p_name}, claims.strategy_name),"
            " strategy_version = COALESCE({p_version}, claims.strategy_version),"
            " strategy_variant = CASE WHEN {p_name} IS NULL THEN claims.strategy_variant"
            " ELSE {p_variant} END,"
            " next_wake_at = CASE WHEN claims.paid_cents <> {p_seen_paid}"
            " OR claims.principal_cents <> {p_seen_principal} OR claims.status <> {p_seen_status}"
            " THEN {p_now} ELSE {p_wake} END"
            " WHERE claims.tenant_id = {p_tenant_id} AND claims.id = {p_id}",
            {
                "p_status": c.status.type,
                "p_phase": c.phase.type,
                "p_name": c.strategy_name.type,
                "p_version": c.strategy_version.type,
                "p_variant": c.strategy_variant.type,
                "p_seen_paid": c.paid_cents.type,
                "p_seen_principal": c.principal_cents.type,
                "p_seen_status": c.status.type,
                "p_now": c.next_wake_at.type,
                "p_wake": c.next_wake_at.type,
                "p_tenant_id": c.tenant_id.type,
                "p_id": c.id.type,
            },
        )
        many.run(
            [
                {
                    "p_status": u.status,
                    "p_phase": u.phase,
                    "p_name": u.strategy_name,
                    "p_version": u.strategy_version,
                    "p_variant": u.variant,
                    "p_seen_paid": u.seen[0],
                    "p_seen_principal": u.seen[1],
                    "p_seen_status": u.seen[2],
                    "p_now": now,
                    "p_wake": u.wake_at,
                    "p_tenant_id": tenant_id,
                    "p_id": u.claim_id,
                }
                for u in updates
            ]
        )

    def append_events(self, events: Sequence[Event], *, now: datetime) -> None:
        """The batch's events in one bulk insert (the same rows as the event log's)."""
        if not events:
            return
        tenant_id = tenant_of_session(self.session)
        columns = (
            "tenant_id",
            "subject_type",
            "subject_id",
            "type",
            "payload",
            "occurred_at",
            "recorded_at",
            "actor",
        )
        BulkInsert(self.session, EVENTS, columns).run(
            (
                tenant_id,
                e.subject_type,
                e.subject_id,
                e.type,
                e.payload,
                e.occurred_at,
                now,
                e.actor,
            )
            for e in events
        )
