"""``/api/payments``: record a payment (allocated by art. 6:43/6:44 BW at once; over-payment
becomes a credit), read and list payments."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field
from starlette.responses import JSONResponse

from vorder.app.admin import Workspace
from vorder.app.ledger import payments
from vorder.app.ledger.payments import PaymentView
from vorder.app.ledger.records import PaymentRow
from vorder.core.access import Permission
from vorder.web.api.ledger._common import (
    IDEMPOTENCY_KEY,
    POST_RESPONSES,
    RESPONSES,
    In,
    Money,
    MoneyOut,
    PageOut,
    Rates,
    amount,
    money,
    respond,
)
from vorder.web.deps import container_of, require_permission

router = APIRouter(prefix="/api/payments", tags=["payments"], responses=RESPONSES)
PaymentId = Path(ge=1, description="The payment's id")


class PaymentIn(In):
    amount: Money
    paid_on: date
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    debtor_id: int | None = Field(default=None, ge=1, description="Who paid (or name a claim)")
    claim_id: int | None = Field(default=None, ge=1, description="The claim the debtor named")
    invoice_id: int | None = Field(default=None, ge=1, description="The invoice the debtor named")
    source: Literal["manual", "api", "bank", "psp"] = "api"
    reference: str | None = Field(default=None, max_length=140, description="Remittance text")


class PaymentPatch(In):
    reference: str | None = Field(default=None, max_length=140)


class AllocationOut(BaseModel):
    claim_id: int
    invoice_id: int | None = Field(description="null: the claim's collection costs")
    on: date
    costs: MoneyOut
    interest: MoneyOut
    principal: MoneyOut


class CreditOut(BaseModel):
    id: int
    amount: MoneyOut
    claim_id: int | None
    status: str = Field(description="open (to refund or allocate), refunded, allocated")


class PaymentOut(BaseModel):
    id: int
    debtor_id: int
    amount: MoneyOut
    currency: str
    paid_on: date
    source: str
    reference: str | None
    claim_id: int | None = Field(description="The claim the debtor designated")
    invoice_id: int | None = Field(description="The invoice the debtor designated")
    allocated: MoneyOut
    credit: MoneyOut = Field(description="Over-payment kept as credit")
    allocations: list[AllocationOut] | None = None
    credits: list[CreditOut] | None = None

    @classmethod
    def of(cls, p: PaymentRow, view: PaymentView | None = None) -> PaymentOut:
        return cls(
            id=p.id,
            debtor_id=p.debtor_id,
            amount=money(p.amount_cents) or "0.00",
            currency=p.currency,
            paid_on=p.paid_on,
            source=p.source,
            reference=p.reference,
            claim_id=p.designated_claim_id,
            invoice_id=p.designated_invoice_id,
            allocated=money(p.allocated_cents) or "0.00",
            credit=money(p.credit_cents) or "0.00",
            allocations=None
            if view is None
            else [
                AllocationOut(
                    claim_id=a.claim_id,
                    invoice_id=a.invoice_id,
                    on=a.allocated_on,
                    costs=money(a.costs_cents) or "0.00",
                    interest=money(a.interest_cents) or "0.00",
                    principal=money(a.principal_cents) or "0.00",
                )
                for a in view.allocations
            ],
            credits=None
            if view is None
            else [
                CreditOut(
                    id=cr.id,
                    amount=money(cr.amount_cents) or "0.00",
                    claim_id=cr.claim_id,
                    status=cr.status,
                )
                for cr in view.credits
            ],
        )


class PaymentPage(PageOut):
    items: list[PaymentOut]


@router.post(
    "",
    status_code=201,
    response_model=PaymentOut,
    responses=POST_RESPONSES,
    summary="Record a payment; it is allocated at once (costs, interest, principal)",
)
def record(
    request: Request,
    body: PaymentIn,
    rates: Rates,
    key: str | None = IDEMPOTENCY_KEY,
    ws: Workspace = Depends(require_permission(Permission.WORK)),
) -> JSONResponse:
    c = container_of(request)

    def work() -> tuple[int, PaymentOut]:
        view = payments.record_payment(
            c.uow,
            actor=ws.actor,
            entry=payments.PaymentInput(
                amount=amount(body.amount),
                paid_on=body.paid_on,
                currency=body.currency,
                debtor_id=body.debtor_id,
                claim_id=body.claim_id,
                invoice_id=body.invoice_id,
                source=body.source,
                reference=body.reference,
            ),
            rates=rates,
            now=c.clock.now(),
        )
        return 201, PaymentOut.of(view.payment, view)

    return respond(request, ws, key, body, work)


@router.get("", response_model=PaymentPage, summary="List and search payments")
def search(
    request: Request,
    q: str | None = Query(default=None, max_length=100, description="Reference or debtor name"),
    debtor_id: int | None = Query(default=None, ge=1),
    claim_id: int | None = Query(default=None, ge=1),
    paid_from: date | None = None,
    paid_to: date | None = None,
    sort: Literal["-paid_on", "paid_on", "-amount", "amount"] = "-paid_on",
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0),
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> PaymentPage:
    page = payments.list_payments(
        container_of(request).uow,
        actor=ws.actor,
        q=q,
        debtor_id=debtor_id,
        claim_id=claim_id,
        paid_from=paid_from,
        paid_to=paid_to,
        sort=sort,
        limit=limit,
        offset=offset,
    )
    return PaymentPage(items=[PaymentOut.of(p) for p in page.items], next_offset=page.next_offset)


@router.get("/{payment_id}", response_model=PaymentOut, summary="One payment and its allocation")
def get(
    request: Request,
    payment_id: int = PaymentId,
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> PaymentOut:
    view = payments.get_payment(container_of(request).uow, actor=ws.actor, payment_id=payment_id)
    return PaymentOut.of(view.payment, view)


@router.patch(
    "/{payment_id}",
    response_model=PaymentOut,
    summary="Change the payment's reference (amounts and dates are bank facts)",
)
def update(
    request: Request,
    body: PaymentPatch,
    payment_id: int = PaymentId,
    ws: Workspace = Depends(require_permission(Permission.WORK)),
) -> PaymentOut:
    c = container_of(request)
    view = payments.update_payment(
        c.uow, actor=ws.actor, payment_id=payment_id, reference=body.reference, now=c.clock.now()
    )
    return PaymentOut.of(view.payment, view)
