"""Repository of payments, their allocations (art. 6:44 BW) and credits (over-payments)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from vorder.adapters.db import ledger_tables as lt
from vorder.adapters.db.ledger_bulk import chunks, like
from vorder.app.ledger.records import AllocationRow, ClaimShare, CreditRow, PaymentRow


def _payment(row: lt.Payment) -> PaymentRow:
    return PaymentRow(
        id=row.id,
        debtor_id=row.debtor_id,
        amount_cents=row.amount_cents,
        currency=row.currency,
        paid_on=row.paid_on,
        source=row.source,
        reference=row.reference,
        designated_claim_id=row.designated_claim_id,
        designated_invoice_id=row.designated_invoice_id,
        allocated_cents=row.allocated_cents,
        credit_cents=row.credit_cents,
        created_at=row.created_at,
    )


def _allocation(row: lt.Allocation) -> AllocationRow:
    return AllocationRow(
        payment_id=row.payment_id,
        claim_id=row.claim_id,
        invoice_id=row.invoice_id,
        allocated_on=row.allocated_on,
        costs_cents=row.costs_cents,
        interest_cents=row.interest_cents,
        principal_cents=row.principal_cents,
    )


def _credit(row: lt.Credit) -> CreditRow:
    return CreditRow(
        id=row.id,
        debtor_id=row.debtor_id,
        payment_id=row.payment_id,
        claim_id=row.claim_id,
        amount_cents=row.amount_cents,
        currency=row.currency,
        status=row.status,
        created_at=row.created_at,
    )


class PaymentRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        *,
        debtor_id: int,
        amount_cents: int,
        currency: str,
        paid_on: date,
        source: str,
        reference: str | None,
        designated_claim_id: int | None,
        designated_invoice_id: int | None,
        now: datetime,
    ) -> int:
        row = lt.Payment(
            debtor_id=debtor_id,
            amount_cents=amount_cents,
            currency=currency,
            paid_on=paid_on,
            source=source,
            reference=reference,
            designated_claim_id=designated_claim_id,
            designated_invoice_id=designated_invoice_id,
            allocated_cents=0,
            credit_cents=0,
            created_at=now,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def get(self, payment_id: int) -> PaymentRow | None:
        row = self.session.scalar(sa.select(lt.Payment).where(lt.Payment.id == payment_id))
        return _payment(row) if row is not None else None

    def search(
        self,
        *,
        q: str | None,
        debtor_id: int | None,
        claim_id: int | None,
        paid_from: date | None,
        paid_to: date | None,
        sort: str,
        limit: int,
        offset: int,
    ) -> list[PaymentRow]:
        query = sa.select(lt.Payment)
        if q:
            text = q.strip()
            query = query.where(
                sa.or_(
                    lt.Payment.reference == text,
                    lt.Payment.reference.like(like(text), escape="\\"),
                    lt.Payment.debtor_id.in_(
                        sa.select(lt.Debtor.id).where(
                            lt.Debtor.name_key.like(like(text.lower()), escape="\\")
                        )
                    ),
                )
            )
        if debtor_id is not None:
            query = query.where(lt.Payment.debtor_id == debtor_id)
        if claim_id is not None:
            query = query.where(
                sa.or_(
                    lt.Payment.designated_claim_id == claim_id,
                    lt.Payment.id.in_(
                        sa.select(lt.Allocation.payment_id).where(
                            lt.Allocation.claim_id == claim_id
                        )
                    ),
                )
            )
        if paid_from is not None:
            query = query.where(lt.Payment.paid_on >= paid_from)
        if paid_to is not None:
            query = query.where(lt.Payment.paid_on <= paid_to)
        order = {
            "paid_on": (lt.Payment.paid_on, lt.Payment.id),
            "-paid_on": (lt.Payment.paid_on.desc(), lt.Payment.id.desc()),
            "amount": (lt.Payment.amount_cents, lt.Payment.id),
            "-amount": (lt.Payment.amount_cents.desc(), lt.Payment.id.desc()),
        }[sort]
        rows = self.session.scalars(query.order_by(*order).limit(limit).offset(offset))
        return [_payment(r) for r in rows]

    def shares_for_claim(self, claim_id: int) -> list[ClaimShare]:
        cents: dict[int, int] = defaultdict(int)
        allocated = self.session.execute(
            sa.select(
                lt.Allocation.payment_id,
                sa.func.sum(
                    lt.Allocation.costs_cents
                    + lt.Allocation.interest_cents
                    + lt.Allocation.principal_cents
                ),
            )
            .where(lt.Allocation.claim_id == claim_id)
            .group_by(lt.Allocation.payment_id)
        )
        for payment_id, total in allocated:
            cents[payment_id] += int(total or 0)
        credited = self.session.execute(
            sa.select(lt.Credit.payment_id, sa.func.sum(lt.Credit.amount_cents))
            .where(lt.Credit.claim_id == claim_id, lt.Credit.status == "open")
            .group_by(lt.Credit.payment_id)
        )
        for credit_payment, total in credited:
            if credit_payment is not None:
                cents[credit_payment] += int(total or 0)
        if not cents:
            return []
        rows = self.session.scalars(sa.select(lt.Payment).where(lt.Payment.id.in_(list(cents))))
        shares = [ClaimShare(_payment(r), cents[r.id]) for r in rows]
        return sorted(shares, key=lambda s: (s.payment.paid_on, s.payment.id))

    def claims_with_payments(self, claim_ids: Collection[int]) -> set[int]:
        found: set[int] = set()
        for part in chunks(list(claim_ids)):
            found.update(
                self.session.scalars(
                    sa.select(lt.Allocation.claim_id)
                    .where(lt.Allocation.claim_id.in_(part))
                    .distinct()
                )
            )
            found.update(
                c
                for c in self.session.scalars(
                    sa.select(lt.Credit.claim_id).where(lt.Credit.claim_id.in_(part)).distinct()
                )
                if c is not None
            )
        return found

    def allocations_for_payment(self, payment_id: int) -> list[AllocationRow]:
        rows = self.session.scalars(
            sa.select(lt.Allocation)
            .where(lt.Allocation.payment_id == payment_id)
            .order_by(lt.Allocation.claim_id, lt.Allocation.id)
        )
        return [_allocation(r) for r in rows]

    def allocations_for_claim(self, claim_id: int) -> list[AllocationRow]:
        rows = self.session.scalars(
            sa.select(lt.Allocation)
            .where(lt.Allocation.claim_id == claim_id)
            .order_by(lt.Allocation.allocated_on, lt.Allocation.payment_id, lt.Allocation.id)
        )
        return [_allocation(r) for r in rows]

    def replace_allocations(self, claim_id: int, rows: Sequence[AllocationRow]) -> None:
        self.session.execute(
            sa.delete(lt.Allocation)
            .where(lt.Allocation.claim_id == claim_id)
            .execution_options(synchronize_session=False)
        )
        self.session.add_all(
            lt.Allocation(
                payment_id=r.payment_id,
                claim_id=r.claim_id,
                invoice_id=r.invoice_id,
                allocated_on=r.allocated_on,
                costs_cents=r.costs_cents,
                interest_cents=r.interest_cents,
                principal_cents=r.principal_cents,
            )
            for r in rows
        )
        self.session.flush()

    def set_open_credit(
        self,
        *,
        payment_id: int,
        claim_id: int | None,
        debtor_id: int,
        cents: int,
        currency: str,
        now: datetime,
    ) -> CreditRow | None:
        claim_match = (
            lt.Credit.claim_id.is_(None) if claim_id is None else lt.Credit.claim_id == claim_id
        )
        row = self.session.scalar(
            sa.select(lt.Credit).where(
                lt.Credit.payment_id == payment_id, claim_match, lt.Credit.status == "open"
            )
        )
        if row is None and cents == 0:
            return None
        if row is not None and row.amount_cents == cents:
            return None
        if row is not None and cents == 0:
            self.session.delete(row)
            self.session.flush()
            return None
        if row is None:
            row = lt.Credit(
                debtor_id=debtor_id,
                payment_id=payment_id,
                claim_id=claim_id,
                currency=currency,
                status="open",
                created_at=now,
            )
            self.session.add(row)
        row.amount_cents = cents
        self.session.flush()
        return _credit(row)

    def credits_for_payment(self, payment_id: int) -> list[CreditRow]:
        rows = self.session.scalars(
            sa.select(lt.Credit).where(lt.Credit.payment_id == payment_id).order_by(lt.Credit.id)
        )
        return [_credit(r) for r in rows]

    def set_reference(self, payment_id: int, reference: str | None) -> None:
        self.session.execute(
            sa.update(lt.Payment)
            .where(lt.Payment.id == payment_id)
            .values(reference=reference)
            .execution_options(synchronize_session=False)
        )

    def refresh_totals(self, payment_ids: Collection[int]) -> None:
        for payment_id in payment_ids:
            allocated = self.session.scalar(
                sa.select(
                    sa.func.coalesce(
                        sa.func.sum(
                            lt.Allocation.costs_cents
                            + lt.Allocation.interest_cents
                            + lt.Allocation.principal_cents
                        ),
                        0,
                    )
                ).where(lt.Allocation.payment_id == payment_id)
            )
            credit = self.session.scalar(
                sa.select(sa.func.coalesce(sa.func.sum(lt.Credit.amount_cents), 0)).where(
                    lt.Credit.payment_id == payment_id
                )
            )
            self.session.execute(
                sa.update(lt.Payment)
                .where(lt.Payment.id == payment_id)
                .values(allocated_cents=int(allocated or 0), credit_cents=int(credit or 0))
                .execution_options(synchronize_session=False)
            )
