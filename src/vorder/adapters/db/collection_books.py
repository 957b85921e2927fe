"""The law engine's facts for many claims at once (the ledger's ``ClaimBook``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

import sqlalchemy as sa

from vorder.adapters.db.collection_base import (
    ALLOCATIONS,
    CLAIM_ROW_FIELDS,
    CLAIMS,
    CREDITS,
    EVENTS,
    INVOICE_ROW_FIELDS,
    INVOICES,
    MEMBERS,
    PAYMENT_ROW_FIELDS,
    PAYMENTS,
    Queries,
    by_key,
    is_in,
)
from vorder.adapters.db.ledger_bulk import chunks, tenant_of_session
from vorder.app.ledger.accounts import LETTER_EVENT, ClaimBook, letters_from
from vorder.app.ledger.records import ClaimRow, ClaimShare, InvoiceRow, PaymentRow
from vorder.app.records import Event


class BookQueries(Queries):
    def books(self, claim_ids: Collection[int]) -> dict[int, ClaimBook]:
        tenant_id = tenant_of_session(self.session)
        conn = self._conn
        ids = sorted(claim_ids)
        claims: dict[int, ClaimRow] = {}
        invoices: dict[int, list[InvoiceRow]] = defaultdict(list)
        cents: dict[tuple[int, int], int] = defaultdict(int)
        letters: dict[int, list[Event]] = defaultdict(list)
        for part in chunks(ids):
            for r in conn.execute(
                sa.select(CLAIMS).where(by_key(CLAIMS, tenant_id), is_in(conn, CLAIMS.c.id, part))
            ):
                m = r._mapping
                claims[r.id] = ClaimRow(**{n: m[n] for n in CLAIM_ROW_FIELDS if n in m})
            for r in conn.execute(
                sa.select(INVOICES, MEMBERS.c.claim_id)
                .join(MEMBERS, MEMBERS.c.invoice_id == INVOICES.c.id)
                .where(MEMBERS.c.tenant_id == tenant_id, is_in(conn, MEMBERS.c.claim_id, part))
                .order_by(INVOICES.c.due_date, INVOICES.c.id)
            ):
                m = r._mapping
                values = {n: m[n] for n in INVOICE_ROW_FIELDS if n in m}
                invoices[r.claim_id].append(InvoiceRow(**values))
            a = ALLOCATIONS.c
            for claim_id, payment_id, total in conn.execute(
                sa.select(
                    a.claim_id,
                    a.payment_id,
                    sa.func.sum(a.costs_cents + a.interest_cents + a.principal_cents),
                )
                .where(a.tenant_id == tenant_id, is_in(conn, a.claim_id, part))
                .group_by(a.claim_id, a.payment_id)
            ):
                cents[(claim_id, payment_id)] += int(total or 0)
            for claim_id, payment_id, total in conn.execute(
                sa.select(
                    CREDITS.c.claim_id, CREDITS.c.payment_id, sa.func.sum(CREDITS.c.amount_cents)
                )
                .where(
                    CREDITS.c.tenant_id == tenant_id,
                    is_in(conn, CREDITS.c.claim_id, part),
                    CREDITS.c.status == "open",
                    CREDITS.c.payment_id.is_not(None),
                )
                .group_by(CREDITS.c.claim_id, CREDITS.c.payment_id)
            ):
                cents[(claim_id, payment_id)] += int(total or 0)
            for r in conn.execute(
                sa.select(EVENTS)
                .where(
                    EVENTS.c.tenant_id == tenant_id,
                    EVENTS.c.subject_type == "claim",
                    is_in(conn, EVENTS.c.subject_id, part),
                    EVENTS.c.type == LETTER_EVENT,
                )
                .order_by(EVENTS.c.id)
            ):
                letters[r.subject_id].append(
                    Event(
                        r.subject_type,
                        r.subject_id,
                        r.type,
                        dict(r.payload),
                        r.occurred_at,
                        r.actor,
                    )
                )
        payments: dict[int, PaymentRow] = {}
        for part in chunks(sorted({p for _, p in cents})):
            for r in conn.execute(
                sa.select(PAYMENTS).where(
                    by_key(PAYMENTS, tenant_id), is_in(conn, PAYMENTS.c.id, part)
                )
            ):
                m = r._mapping
                payments[r.id] = PaymentRow(**{n: m[n] for n in PAYMENT_ROW_FIELDS if n in m})
        shares: dict[int, list[ClaimShare]] = defaultdict(list)
        for (claim_id, payment_id), amount in cents.items():
            if amount > 0 and payment_id in payments:
                shares[claim_id].append(ClaimShare(payments[payment_id], amount))
        books: dict[int, ClaimBook] = {}
        for claim_id, claim in claims.items():
            rows = invoices.get(claim_id, [])
            mine = sorted(shares.get(claim_id, []), key=lambda s: (s.payment.paid_on, s.payment.id))
            books[claim_id] = ClaimBook(
                claim=claim,
                invoices=tuple(r for r in rows if r.document_type == "invoice"),
                credit_notes=tuple(r for r in rows if r.document_type == "credit_note"),
                shares=tuple(mine),
                letters=letters_from(letters.get(claim_id, [])),
            )
        return books
