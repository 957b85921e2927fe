"""``/api/invoices``: register invoices and credit notes (they join the debtor's claim), read,
list and search them, change their descriptive fields."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.responses import JSONResponse

from vorder.app.admin import Workspace
from vorder.app.ledger import invoices
from vorder.core.access import Permission
from vorder.web.api.ledger._common import (
    IDEMPOTENCY_KEY,
    POST_RESPONSES,
    RESPONSES,
    Rates,
    amount,
    respond,
)
from vorder.web.api.ledger.schemas import InvoiceIn, InvoiceOut, InvoicePage, InvoicePatch
from vorder.web.deps import container_of, require_permission

router = APIRouter(prefix="/api/invoices", tags=["invoices"], responses=RESPONSES)
InvoiceId = Path(ge=1, description="The invoice's (or credit note's) id")
SORTS = Literal[
    "due_date", "-due_date", "number", "-number", "outstanding", "-outstanding", "created_at",
    "-created_at",
]  # fmt: skip


@router.post(
    "",
    status_code=201,
    response_model=InvoiceOut,
    responses=POST_RESPONSES,
    summary="Register an invoice or credit note; it joins (or opens) the debtor's claim",
)
def register(
    request: Request,
    body: InvoiceIn,
    rates: Rates,
    key: str | None = IDEMPOTENCY_KEY,
    ws: Workspace = Depends(require_permission(Permission.MANAGE_CLAIMS)),
) -> JSONResponse:
    c = container_of(request)

    def work() -> tuple[int, InvoiceOut]:
        entry = invoices.InvoiceInput(
            debtor_id=body.debtor_id,
            number=body.number,
            issue_date=body.issue_date,
            due_date=body.due_date,
            total=amount(body.total),
            vat=amount(body.vat) if body.vat is not None else None,
            amount_due=amount(body.amount_due) if body.amount_due is not None else None,
            currency=body.currency,
            payment_reference=body.payment_reference,
            description=body.description,
            buyer_reference=body.buyer_reference,
            attachment_path=body.attachment_path,
            document_type=body.document_type,
            credited_invoice_number=body.credited_invoice_number,
        )
        done = invoices.register_invoice(
            c.uow, actor=ws.actor, entry=entry, rates=rates, now=c.clock.now()
        )
        return 201, InvoiceOut.of(done.invoice)

    return respond(request, ws, key, body, work)


@router.get("", response_model=InvoicePage, summary="List and search invoices")
def search(
    request: Request,
    q: str | None = Query(
        default=None, max_length=100, description="Number, payment reference, debtor, IBAN"
    ),
    debtor_id: int | None = Query(default=None, ge=1),
    claim_id: int | None = Query(default=None, ge=1),
    document_type: Literal["invoice", "credit_note"] | None = None,
    open: bool = Query(default=False, description="Only invoices with principal still open"),
    due_from: date | None = None,
    due_to: date | None = None,
    sort: SORTS = "due_date",
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0),
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> InvoicePage:
    page = invoices.list_invoices(
        container_of(request).uow,
        actor=ws.actor,
        q=q,
        debtor_id=debtor_id,
        claim_id=claim_id,
        document_type=document_type,
        open_only=open,
        due_from=due_from,
        due_to=due_to,
        sort=sort,
        limit=limit,
        offset=offset,
    )
    return InvoicePage(items=[InvoiceOut.of(i) for i in page.items], next_offset=page.next_offset)


@router.get("/{invoice_id}", response_model=InvoiceOut, summary="One invoice or credit note")
def get(
    request: Request,
    invoice_id: int = InvoiceId,
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> InvoiceOut:
    row = invoices.get_invoice(container_of(request).uow, actor=ws.actor, invoice_id=invoice_id)
    return InvoiceOut.of(row)


@router.patch(
    "/{invoice_id}",
    response_model=InvoiceOut,
    summary="Change the description, your reference or the attachment (amounts: credit note)",
)
def update(
    request: Request,
    body: InvoicePatch,
    invoice_id: int = InvoiceId,
    ws: Workspace = Depends(require_permission(Permission.MANAGE_CLAIMS)),
) -> InvoiceOut:
    c = container_of(request)
    row = invoices.update_invoice(
        c.uow,
        actor=ws.actor,
        invoice_id=invoice_id,
        changes=body.model_dump(exclude_unset=True),
        now=c.clock.now(),
    )
    return InvoiceOut.of(row)
