"""The runner's reads: due tenants, debtor locks, the batch (claims, debtors, states),
feedback events. See :mod:`.collection_repos` for the concurrency rules."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

import sqlalchemy as sa

from vorder.adapters.db.collection_base import (
    CLAIMS,
    CONTACTS,
    DEBTORS,
    EVENTS,
    FEEDBACK_EVENTS,
    INVOICES,
    MEMBERS,
    STATE_COLUMNS,
    STATES,
    WINDOW,
    Queries,
    address_lines,
    by_key,
    is_in,
)
from vorder.adapters.db.ledger_bulk import chunks, tenant_of_session
from vorder.app.collection.records import (
    Batch,
    DebtorContactInfo,
    DueClaim,
    StateRow,
)
from vorder.app.records import StoredEvent


class SweepQueries(Queries):
    def due_tenants(self, *, now: datetime, limit: int) -> list[int]:
        query = (
            sa.select(CLAIMS.c.tenant_id)
            .where(CLAIMS.c.next_wake_at <= now)
            .group_by(CLAIMS.c.tenant_id)
            .order_by(sa.func.min(CLAIMS.c.next_wake_at))
            .limit(limit)
        )
        return [int(v) for v in self._conn.execute(query).scalars()]

    def lock_due_debtors(self, *, now: datetime, limit: int) -> list[int]:
        tenant_id = tenant_of_session(self.session)
        conn = self._conn
        # ``tenant_id + 0``: no index on tenant_id may be chosen here, so the due range is
        # read in wake-up order from ix_claims_wake (next_wake_at, tenant_id) and the debtors
        # by primary key — otherwise every batch scans the tenant's whole portfolio.
        window = (
            sa.select(CLAIMS.c.debtor_id)
            .where(by_key(CLAIMS, tenant_id), CLAIMS.c.next_wake_at <= now)
            .order_by(CLAIMS.c.next_wake_at)
            .limit(limit * WINDOW)
        )
        query = (
            sa.select(DEBTORS.c.id)
            .where(by_key(DEBTORS, tenant_id), DEBTORS.c.id.in_(window))
            .order_by(DEBTORS.c.id)
            .limit(limit)
        )
        if self._postgres:
            query = query.with_for_update(skip_locked=True, of=DEBTORS)
        else:  # take SQLite's write lock first: batches of several workers queue up here
            conn.execute(sa.update(STATES).where(sa.false()).values(runs=STATES.c.runs))
        return [int(v) for v in conn.execute(query).scalars()]

    def lock_debtor_of(self, claim_id: int) -> int | None:
        tenant_id = tenant_of_session(self.session)
        conn = self._conn
        debtor_id = conn.execute(
            sa.select(CLAIMS.c.debtor_id).where(
                CLAIMS.c.tenant_id == tenant_id, CLAIMS.c.id == claim_id
            )
        ).scalar_one_or_none()
        if debtor_id is None:
            return None
        if self._postgres:
            conn.execute(
                sa.select(DEBTORS.c.id)
                .where(DEBTORS.c.tenant_id == tenant_id, DEBTORS.c.id == debtor_id)
                .with_for_update()
            )
        else:
            conn.execute(sa.update(STATES).where(sa.false()).values(runs=STATES.c.runs))
        return int(debtor_id)

    def _claims(self, where: sa.ColumnElement[bool], limit: int | None = None) -> list[DueClaim]:
        tenant_id = tenant_of_session(self.session)
        c = CLAIMS
        rows = self._conn.execute(
            sa.select(
                c.c.id,
                c.c.debtor_id,
                c.c.kind,
                c.c.currency,
                c.c.status,
                c.c.phase,
                c.c.strategy_name,
                c.c.strategy_version,
                c.c.strategy_variant,
                c.c.next_wake_at,
                c.c.principal_cents,
                c.c.paid_cents,
                c.c.outstanding_cents,
                c.c.costs_charged_on,
                c.c.oldest_due_date,
            )
            .where(c.c.tenant_id == tenant_id, where)
            .order_by(c.c.id)
            .limit(limit)
        ).all()
        ids = [r.id for r in rows]
        open_principal: dict[int, int] = {}
        for part in chunks(ids):
            for claim_id, cents in self._conn.execute(
                sa.select(MEMBERS.c.claim_id, sa.func.sum(INVOICES.c.outstanding_cents))
                .join(INVOICES, INVOICES.c.id == MEMBERS.c.invoice_id)
                .where(
                    MEMBERS.c.tenant_id == tenant_id,
                    INVOICES.c.tenant_id == tenant_id,
                    is_in(self._conn, MEMBERS.c.claim_id, part),
                    INVOICES.c.document_type == "invoice",
                )
                .group_by(MEMBERS.c.claim_id)
            ):
                open_principal[int(claim_id)] = int(cents or 0)
        return [
            DueClaim(
                id=r.id,
                debtor_id=r.debtor_id,
                kind=r.kind,
                currency=r.currency,
                status=r.status,
                phase=r.phase,
                strategy_name=r.strategy_name,
                strategy_version=r.strategy_version,
                strategy_variant=r.strategy_variant,
                next_wake_at=r.next_wake_at,
                principal_cents=r.principal_cents,
                open_principal_cents=open_principal.get(r.id, 0),
                paid_cents=r.paid_cents,
                outstanding_cents=r.outstanding_cents,
                costs_charged_on=r.costs_charged_on,
                oldest_due_date=r.oldest_due_date,
            )
            for r in rows
        ]

    def _debtors(self, debtor_ids: Collection[int]) -> dict[int, DebtorContactInfo]:
        tenant_id = tenant_of_session(self.session)
        conn = self._conn
        found: dict[int, DebtorContactInfo] = {}
        for part in chunks(sorted(debtor_ids)):
            email: dict[int, str] = {}
            phone: dict[int, str] = {}
            contacts = conn.execute(
                sa.select(CONTACTS.c.debtor_id, CONTACTS.c.kind, CONTACTS.c.value)
                .where(CONTACTS.c.tenant_id == tenant_id, is_in(conn, CONTACTS.c.debtor_id, part))
                .order_by(CONTACTS.c.position.desc(), CONTACTS.c.id.desc())
            )
            for debtor_id, kind, value in contacts:  # the last written is the first position
                (email if kind == "email" else phone)[debtor_id] = value
            d = DEBTORS.c
            for r in conn.execute(
                sa.select(
                    d.id,
                    d.kind,
                    d.name,
                    d.language,
                    d.street,
                    d.house_number,
                    d.house_number_addition,
                    d.line2,
                    d.postcode,
                    d.city,
                    d.country,
                    d.refused_channels,
                ).where(by_key(DEBTORS, tenant_id), is_in(conn, d.id, part))
            ):
                found[r.id] = DebtorContactInfo(
                    id=r.id,
                    kind=r.kind,
                    name=r.name,
                    language=r.language or "nl",
                    address_lines=address_lines(r),
                    email=email.get(r.id),
                    phone=phone.get(r.id),
                    refused_channels=tuple(p for p in (r.refused_channels or "").split(",") if p),
                )
        return found

    def _states(self, claim_ids: Collection[int]) -> dict[int, StateRow]:
        tenant_id = tenant_of_session(self.session)
        found: dict[int, StateRow] = {}
        for part in chunks(sorted(claim_ids)):
            for r in self._conn.execute(
                sa.select(*STATE_COLUMNS).where(
                    STATES.c.tenant_id == tenant_id, is_in(self._conn, STATES.c.claim_id, part)
                )
            ):
                found[r[0]] = StateRow(*r)
        return found

    def load_batch(self, debtor_ids: Collection[int], *, now: datetime) -> Batch:
        claims: list[DueClaim] = []
        for part in chunks(sorted(debtor_ids)):
            claims += self._claims(
                sa.and_(is_in(self._conn, CLAIMS.c.debtor_id, part), CLAIMS.c.next_wake_at <= now)
            )
        return Batch(
            claims,
            self._debtors({c.debtor_id for c in claims}),
            self._states([c.id for c in claims]),
        )

    def open_portfolio(self, *, after_claim_id: int, limit: int) -> Batch:
        claims = self._claims(
            sa.and_(
                CLAIMS.c.id > after_claim_id, CLAIMS.c.status.notin_(("closed", "written_off"))
            ),
            limit,
        )
        return Batch(
            claims,
            self._debtors({c.debtor_id for c in claims}),
            self._states([c.id for c in claims]),
        )

    def one(self, claim_id: int) -> Batch:
        """One claim (whatever its wake-up), its debtor and its state."""
        claims = self._claims(CLAIMS.c.id == claim_id)
        return Batch(
            claims,
            self._debtors({c.debtor_id for c in claims}),
            self._states([c.id for c in claims]),
        )

    def feedback_events(
        self, claim_ids: Collection[int], *, after_ids: dict[int, int]
    ) -> list[StoredEvent]:
        tenant_id = tenant_of_session(self.session)
        if not claim_ids:
            return []
        low = min(after_ids.get(c, 0) for c in claim_ids)
        out: list[StoredEvent] = []
        for part in chunks(sorted(claim_ids)):
            rows = self._conn.execute(
                sa.select(EVENTS)
                .where(
                    EVENTS.c.tenant_id == tenant_id,
                    EVENTS.c.subject_type == "claim",
                    is_in(self._conn, EVENTS.c.subject_id, part),
                    EVENTS.c.type.in_(FEEDBACK_EVENTS),
                    EVENTS.c.id > low,
                )
                .order_by(EVENTS.c.id)
            )
            out += [
                StoredEvent(
                    r.id,
                    r.subject_type,
                    r.subject_id,
                    r.type,
                    dict(r.payload),
                    r.occurred_at,
                    r.recorded_at,
                    r.actor,
                )
                for r in rows
                if r.id > after_ids.get(r.subject_id, 0)
            ]
        return out

    def state(self, claim_id: int) -> StateRow | None:
        return self._states([claim_id]).get(claim_id)

    def next_wake(self, *, before: datetime) -> datetime | None:
        tenant_id = tenant_of_session(self.session)
        value: datetime | None = self._conn.execute(
            sa.select(sa.func.min(CLAIMS.c.next_wake_at)).where(
                CLAIMS.c.tenant_id == tenant_id, CLAIMS.c.next_wake_at < before
            )
        ).scalar_one_or_none()  # min() keeps the column's type: an aware UTC moment
        return value
