"""``/api/claims/{claim_id}/...``: a claim's collection — where it is in its strategy, the
messages it got, and the actions of a person: pause (with a reason and an optional end
date), resume, promise to pay, dispute and resolve, move phase, change strategy, record an
outside event. Every POST honours ``Idempotency-Key``; another organisation's claim is 404.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import JSONResponse

import vorder.worker  # noqa: F401 - registers the "collection.run" task the actions queue
from vorder.adapters.strategy_defaults import PackagedDefaults
from vorder.app.admin import Workspace
from vorder.app.collection import actions
from vorder.app.collection.actions import CollectionView
from vorder.app.collection.records import MessageRow
from vorder.app.collection.strategies import cuow
from vorder.app.ledger.errors import ClaimNotFound
from vorder.core.access import Permission
from vorder.core.money import format_amount, from_cents
from vorder.web.api.ledger._common import IDEMPOTENCY_KEY, POST_RESPONSES, In, respond
from vorder.web.deps import container_of, require_permission
from vorder.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/claims", tags=["claim actions"], responses=ERROR_RESPONSES)
ClaimId = Path(ge=1, description="The claim's id (its number)")
PHASES = Literal["in_house", "amicable", "judicial", "execution", "monitoring"]
EVENTS = Literal["judgment_obtained", "partner_returned", "debtor_responded"]


class CollectionOut(BaseModel):
    claim_id: int
    status: str = Field(description="open, paused, disputed, promise, plan, closed, written_off")
    phase: str | None
    strategy: str
    version: int
    variant: str | None = Field(description="The champion/challenger variant, if any")
    current_step_id: str | None
    next_step_id: str | None
    finished: bool
    wake_at: datetime | None = Field(description="When the engine looks again; null: on an event")
    held_reason: str | None
    paused_until: date | None
    pause_reason: str | None
    promise_date: date | None
    dispute_reason: str | None
    letter_sent_on: date | None = Field(description="The 14-day letter, when sent")
    letter_last_day: date | None = Field(description="The last day of its term")

    @classmethod
    def of(cls, v: CollectionView) -> CollectionOut:
        return cls(**{name: getattr(v, name) for name in cls.model_fields})


class MessageOut(BaseModel):
    id: int
    kind: str = Field(description="message, 14_day_letter or call_task")
    channel: str
    template: str | None
    tone: str | None
    letterhead: str | None
    language: str
    strategy: str
    strategy_version: int
    variant: str | None
    claim_ids: list[int]
    step_ids: list[str]
    sent_on: date
    total: str = Field(examples=["1234.56"], description="Decimal string")
    costs: str | None = Field(description="The 14-day letter's announced costs")
    status: str = Field(description="queued, delivered, bounced, failed; open for call tasks")

    @classmethod
    def of(cls, m: MessageRow) -> MessageOut:
        return cls(
            id=m.id,
            kind=m.kind,
            channel=m.channel,
            template=m.template,
            tone=m.tone,
            letterhead=m.letterhead,
            language=m.language,
            strategy=m.strategy_name,
            strategy_version=m.strategy_version,
            variant=m.variant,
            claim_ids=list(m.claim_ids),
            step_ids=list(m.step_ids),
            sent_on=m.sent_on,
            total=format_amount(from_cents(m.total_cents)),
            costs=format_amount(from_cents(m.costs_cents)) if m.costs_cents is not None else None,
            status=m.status,
        )


def _example(example: dict[str, Any]) -> ConfigDict:
    return ConfigDict(extra="forbid", json_schema_extra={"examples": [example]})


class PauseIn(In):
    reason: str = Field(min_length=1, max_length=500)
    until: date | None = Field(default=None, description="The first day collection resumes")
    model_config = _example({"reason": "Klant belt terug na zijn vakantie"})


class NoteIn(In):
    note: str | None = Field(default=None, max_length=500)
    model_config = _example({})


class PromiseIn(In):
    promise_date: date = Field(description="The day the debtor promised to pay")
    note: str | None = Field(default=None, max_length=500)
    model_config = _example({"promise_date": "2099-01-15"})


class DisputeIn(In):
    reason: str = Field(min_length=1, max_length=500)
    model_config = _example({"reason": "Levering niet ontvangen"})


class PhaseIn(In):
    phase: PHASES
    model_config = _example({"phase": "amicable"})


class StrategyIn(In):
    strategy: str = Field(min_length=1, max_length=100)
    version: int | None = Field(default=None, ge=1, description="Default: the latest")
    model_config = _example({"strategy": "consumer-friendly"})


class EventIn(In):
    event: EVENTS
    model_config = _example({"event": "debtor_responded"})


@router.get(
    "/{claim_id}/collection",
    response_model=CollectionOut | None,
    summary="Where the claim is in its strategy (null: not in collection yet)",
)
def collection(
    request: Request,
    claim_id: int = ClaimId,
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> CollectionOut | None:
    view = actions.get_collection(container_of(request).uow, actor=ws.actor, claim_id=claim_id)
    return CollectionOut.of(view) if view is not None else None


@router.get(
    "/{claim_id}/messages",
    response_model=list[MessageOut],
    summary="The messages, 14-day letters and call tasks of the claim, newest first",
)
def messages(
    request: Request,
    claim_id: int = ClaimId,
    limit: int = Query(default=100, ge=1, le=500),
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> list[MessageOut]:
    with container_of(request).uow(tenant_id=ws.tenant.id) as base:
        uow = cuow(base)
        if not uow.collection.one(claim_id).claims:
            raise ClaimNotFound(f"no claim {claim_id}", field="claim_id")
        rows = uow.collection.messages(claim_id=claim_id, debtor_id=None, limit=limit)
    return [MessageOut.of(m) for m in rows]


def _act(
    request: Request,
    ws: Workspace,
    key: str | None,
    body: BaseModel,
    action: Callable[..., CollectionView],
    claim_id: int,
    **kw: Any,
) -> JSONResponse:
    c = container_of(request)
    queue = None if c.settings.task_backend == "immediate" else c.queue

    def work() -> tuple[int, CollectionOut]:
        view = action(
            c.uow,
            actor=ws.actor,
            claim_id=claim_id,
            now=c.clock.now(),
            queue=queue,
            defaults=PackagedDefaults(),
            **kw,
        )
        return 200, CollectionOut.of(view)

    return respond(request, ws, key, body, work)


def _post(path: str, summary: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return router.post(
        f"/{{claim_id}}/{path}",
        response_model=CollectionOut,
        responses=POST_RESPONSES,
        summary=summary,
    )


@_post("pause", "Pause collection, with a reason and an optional end date")
def pause(
    request: Request,
    body: PauseIn,
    claim_id: int = ClaimId,
    key: str | None = IDEMPOTENCY_KEY,
    ws: Workspace = Depends(require_permission(Permission.WORK)),
) -> JSONResponse:
    return _act(
        request, ws, key, body, actions.pause_claim, claim_id, reason=body.reason, until=body.until
    )


@_post("resume", "End a pause or promise: the strategy continues now")
def resume(
    request: Request,
    body: NoteIn,
    claim_id: int = ClaimId,
    key: str | None = IDEMPOTENCY_KEY,
    ws: Workspace = Depends(require_permission(Permission.WORK)),
) -> JSONResponse:
    return _act(request, ws, key, body, actions.resume_claim, claim_id)


@_post("promise", "Register a promise to pay (nothing is sent until the date plus grace)")
def promise(
    request: Request,
    body: PromiseIn,
    claim_id: int = ClaimId,
    key: str | None = IDEMPOTENCY_KEY,
    ws: Workspace = Depends(require_permission(Permission.WORK)),
) -> JSONResponse:
    return _act(
        request,
        ws,
        key,
        body,
        actions.register_promise,
        claim_id,
        promise_date=body.promise_date,
        note=body.note,
    )


@_post("dispute", "Register a dispute (collection is held until it is resolved)")
def dispute(
    request: Request,
    body: DisputeIn,
    claim_id: int = ClaimId,
    key: str | None = IDEMPOTENCY_KEY,
    ws: Workspace = Depends(require_permission(Permission.WORK)),
) -> JSONResponse:
    return _act(request, ws, key, body, actions.register_dispute, claim_id, reason=body.reason)


@_post("dispute/resolve", "Resolve the dispute: the strategy continues now")
def resolve(
    request: Request,
    body: NoteIn,
    claim_id: int = ClaimId,
    key: str | None = IDEMPOTENCY_KEY,
    ws: Workspace = Depends(require_permission(Permission.WORK)),
) -> JSONResponse:
    return _act(request, ws, key, body, actions.resolve_dispute, claim_id, note=body.note)


@_post("phase", "Continue at the first step of another phase")
def phase(
    request: Request,
    body: PhaseIn,
    claim_id: int = ClaimId,
    key: str | None = IDEMPOTENCY_KEY,
    ws: Workspace = Depends(require_permission(Permission.MANAGE_CLAIMS)),
) -> JSONResponse:
    return _act(request, ws, key, body, actions.move_phase, claim_id, phase=body.phase)


@_post("strategy", "Move the claim to another strategy or version")
def strategy(
    request: Request,
    body: StrategyIn,
    claim_id: int = ClaimId,
    key: str | None = IDEMPOTENCY_KEY,
    ws: Workspace = Depends(require_permission(Permission.MANAGE_CLAIMS)),
) -> JSONResponse:
    return _act(
        request,
        ws,
        key,
        body,
        actions.change_strategy,
        claim_id,
        strategy=body.strategy,
        version=body.version,
    )


@_post("events", "Record an outside event: judgment obtained, partner returned, response")
def event(
    request: Request,
    body: EventIn,
    claim_id: int = ClaimId,
    key: str | None = IDEMPOTENCY_KEY,
    ws: Workspace = Depends(require_permission(Permission.WORK)),
) -> JSONResponse:
    return _act(request, ws, key, body, actions.record_claim_event, claim_id, event=body.event)
