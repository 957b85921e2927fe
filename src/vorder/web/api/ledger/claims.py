"""``/api/claims``: claims (vorderingen), their statement of account and timeline, agreed
terms, 14-day letters and collection costs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field
from starlette.responses import JSONResponse

from vorder.app.admin import Workspace
from vorder.app.ledger import claim_terms, claims
from vorder.core.access import Permission
from vorder.web.api.ledger._common import (
    IDEMPOTENCY_KEY,
    POST_RESPONSES,
    RESPONSES,
    MoneyOut,
    Rates,
    respond,
    today,
)
from vorder.web.api.ledger.schemas import (
    ClaimDetailOut,
    ClaimIn,
    ClaimOut,
    ClaimPage,
    ClaimPatch,
    CostsIn,
    InvoiceOut,
    LetterIn,
)
from vorder.web.api.ledger.schemas_statement import StatementOut
from vorder.web.api.schemas import EventOut
from vorder.web.deps import container_of, require_permission

router = APIRouter(prefix="/api/claims", tags=["claims"], responses=RESPONSES)
ClaimId = Path(ge=1, description="The claim's id (its number)")
STATUSES = Literal["open", "paused", "disputed", "promise", "plan", "closed", "written_off"]


class LetterOut(BaseModel):
    claim_id: int
    sent_on: date
    channel: str
    cost_amount: MoneyOut = Field(description="The collection costs the letter announced")
    vat_uplift_stated: bool


PHASES = Literal["in_house", "amicable", "judicial", "execution", "monitoring"]


def _detail(request: Request, ws: Workspace, claim_id: int) -> ClaimDetailOut:
    uow = container_of(request).uow
    claim = claims.get_claim(uow, actor=ws.actor, claim_id=claim_id)
    rows = claims.claim_invoices(uow, actor=ws.actor, claim_id=claim_id)
    base = ClaimOut.of(claim, today(request))
    return ClaimDetailOut(**base.model_dump(), invoices=[InvoiceOut.of(i) for i in rows])


@router.post(
    "",
    status_code=201,
    response_model=ClaimDetailOut,
    responses=POST_RESPONSES,
    summary="Open a claim with agreed terms (the debtor's next invoices join it)",
)
def open_claim(
    request: Request,
    body: ClaimIn,
    key: str | None = IDEMPOTENCY_KEY,
    ws: Workspace = Depends(require_permission(Permission.MANAGE_CLAIMS)),
) -> JSONResponse:
    c = container_of(request)

    def work() -> tuple[int, ClaimDetailOut]:
        claim = claim_terms.open_claim(
            c.uow,
            actor=ws.actor,
            debtor_id=body.debtor_id,
            currency=body.currency,
            contractual_rate=body.contractual_rate,
            compound=body.compound,
            cost_clause=body.cost_clause,
            now=c.clock.now(),
        )
        return 201, _detail(request, ws, claim.id)

    return respond(request, ws, key, body, work)


@router.get("", response_model=ClaimPage, summary="List and search claims")
def search(
    request: Request,
    q: str | None = Query(
        default=None,
        max_length=100,
        description="Debtor name, invoice number, payment reference, IBAN or claim number",
    ),
    debtor_id: int | None = Query(default=None, ge=1),
    status: STATUSES | None = None,
    phase: PHASES | None = None,
    kind: Literal["consumer", "commercial"] | None = None,
    sort: Literal[
        "-outstanding", "outstanding", "due_date", "-due_date", "created_at", "-created_at"
    ] = "-outstanding",
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0),
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> ClaimPage:
    page = claims.list_claims(
        container_of(request).uow,
        actor=ws.actor,
        q=q,
        debtor_id=debtor_id,
        status=status,
        phase=phase,
        kind=kind,
        sort=sort,
        limit=limit,
        offset=offset,
    )
    day = today(request)
    return ClaimPage(items=[ClaimOut.of(c, day) for c in page.items], next_offset=page.next_offset)


@router.get("/{claim_id}", response_model=ClaimDetailOut, summary="One claim with its invoices")
def get(
    request: Request,
    claim_id: int = ClaimId,
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> ClaimDetailOut:
    return _detail(request, ws, claim_id)


@router.patch(
    "/{claim_id}",
    response_model=ClaimDetailOut,
    summary="Change the agreed terms (recomputes the claim), phase, status or strategy",
)
def update(
    request: Request,
    body: ClaimPatch,
    rates: Rates,
    claim_id: int = ClaimId,
    ws: Workspace = Depends(require_permission(Permission.MANAGE_CLAIMS)),
) -> ClaimDetailOut:
    c = container_of(request)
    claim_terms.update_claim(
        c.uow,
        actor=ws.actor,
        claim_id=claim_id,
        changes=body.model_dump(exclude_unset=True),
        rates=rates,
        now=c.clock.now(),
    )
    return _detail(request, ws, claim_id)


@router.get(
    "/{claim_id}/statement",
    response_model=StatementOut,
    summary="Statement of account on a date: every line with its legal basis",
)
def statement(
    request: Request,
    rates: Rates,
    claim_id: int = ClaimId,
    on: date | None = Query(default=None, description="The day (default: today)"),
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> StatementOut:
    result = claims.claim_statement(
        container_of(request).uow,
        actor=ws.actor,
        claim_id=claim_id,
        on=on or today(request),
        rates=rates,
    )
    return StatementOut.of(result)


@router.get(
    "/{claim_id}/timeline",
    response_model=list[EventOut],
    summary="What happened to the claim, newest first",
)
def timeline(
    request: Request,
    claim_id: int = ClaimId,
    before_id: int | None = Query(default=None, ge=1, description="Page: events older than"),
    limit: int = Query(default=100, ge=1, le=500),
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> list[EventOut]:
    events = claims.claim_timeline(
        container_of(request).uow,
        actor=ws.actor,
        claim_id=claim_id,
        before_id=before_id,
        limit=limit,
    )
    return [EventOut.of(e) for e in events]


@router.post(
    "/{claim_id}/letters",
    status_code=201,
    response_model=LetterOut,
    responses=POST_RESPONSES,
    summary="Record that a 14-day letter was sent (art. 6:96 lid 6 BW)",
)
def letter(
    request: Request,
    body: LetterIn,
    rates: Rates,
    claim_id: int = ClaimId,
    key: str | None = IDEMPOTENCY_KEY,
    ws: Workspace = Depends(require_permission(Permission.MANAGE_CLAIMS)),
) -> JSONResponse:
    c = container_of(request)

    def work() -> tuple[int, LetterOut]:
        event = claims.record_letter_sent(
            c.uow,
            actor=ws.actor,
            claim_id=claim_id,
            on=body.sent_on,
            channel=body.channel,
            rates=rates,
            now=c.clock.now(),
            cost_amount=Decimal(body.cost_amount) if body.cost_amount else None,
            vat_uplift_stated=body.vat_uplift_stated,
        )
        p = event.payload
        return 201, LetterOut(
            claim_id=claim_id,
            sent_on=p["on"],
            channel=p["channel"],
            cost_amount=p["cost_amount"],
            vat_uplift_stated=p["vat_uplift_stated"],
        )

    return respond(request, ws, key, body, work)


@router.post(
    "/{claim_id}/costs",
    response_model=ClaimDetailOut,
    responses=POST_RESPONSES,
    summary="Charge the statutory collection costs (art. 6:96 BW, Besluit BIK)",
)
def charge_costs(
    request: Request,
    body: CostsIn,
    rates: Rates,
    claim_id: int = ClaimId,
    key: str | None = IDEMPOTENCY_KEY,
    ws: Workspace = Depends(require_permission(Permission.MANAGE_CLAIMS)),
) -> JSONResponse:
    c = container_of(request)

    def work() -> tuple[int, ClaimDetailOut]:
        claims.charge_collection_costs(
            c.uow,
            actor=ws.actor,
            claim_id=claim_id,
            on=body.on,
            rates=rates,
            now=c.clock.now(),
            vat_uplift=body.vat_uplift,
        )
        return 200, _detail(request, ws, claim_id)

    return respond(request, ws, key, body, work)
