"""Pydantic models of the statement of account (money as decimal strings, ISO dates)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from vorder.app.ledger.claims import ClaimStatement
from vorder.web.api.ledger._common import MoneyOut


class StatementLineOut(BaseModel):
    on: date
    kind: str
    description: str
    amount: MoneyOut = Field(description="Positive: becomes owed; negative: paid")
    basis: str = Field(description="The legal basis of the line")
    invoice: str | None


class SegmentOut(BaseModel):
    start: date
    last: date = Field(description="Last interest day (inclusive)")
    days: int
    rate: str
    base: MoneyOut
    interest: MoneyOut
    provisional: bool


class StatementInvoiceOut(BaseModel):
    number: str
    invoice_id: int | None
    due: date
    principal: MoneyOut
    principal_outstanding: MoneyOut
    interest: MoneyOut
    interest_outstanding: MoneyOut
    segments: list[SegmentOut]


class StatementOut(BaseModel):
    claim_id: int
    on: date
    kind: str
    currency: str
    lines: list[StatementLineOut]
    invoices: list[StatementInvoiceOut]
    principal_outstanding: MoneyOut
    interest_outstanding: MoneyOut
    costs_outstanding: MoneyOut
    total_outstanding: MoneyOut
    paid: MoneyOut
    credit: MoneyOut
    provisional: bool = Field(description="Rates after the tables' known end were assumed")
    missing_from: date | None = None
    missing_until: date | None = None

    @classmethod
    def of(cls, result: ClaimStatement) -> StatementOut:
        s = result.statement

        def m(value: object) -> str:
            return f"{value:.2f}"

        return cls(
            claim_id=result.claim.id,
            on=s.on,
            kind=s.kind.value,
            currency=result.claim.currency,
            lines=[
                StatementLineOut(
                    on=ln.on,
                    kind=ln.kind.value,
                    description=ln.description,
                    amount=m(ln.amount),
                    basis=ln.basis,
                    invoice=ln.invoice,
                )
                for ln in result.lines
            ],
            invoices=[
                StatementInvoiceOut(
                    number=b.number,
                    invoice_id=result.invoice_ids.get(b.number),
                    due=b.due,
                    principal=m(b.principal),
                    principal_outstanding=m(b.principal_outstanding),
                    interest=m(b.interest),
                    interest_outstanding=m(b.interest_outstanding),
                    segments=[
                        SegmentOut(
                            start=g.start,
                            last=g.last,
                            days=g.days,
                            rate=str(g.rate),
                            base=m(g.base),
                            interest=m(g.interest),
                            provisional=g.provisional,
                        )
                        for g in b.segments
                    ],
                )
                for b in s.invoices
            ],
            principal_outstanding=m(s.principal_outstanding),
            interest_outstanding=m(s.interest_outstanding),
            costs_outstanding=m(s.costs_outstanding),
            total_outstanding=m(s.total_outstanding),
            paid=m(s.paid),
            credit=m(s.credit),
            provisional=s.provisional,
            missing_from=s.missing.start if s.missing else None,
            missing_until=s.missing.end if s.missing else None,
        )
