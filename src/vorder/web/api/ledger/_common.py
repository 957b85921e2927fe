"""Shared pieces of the ledger's REST routers: money strings, pages, the rate tables, the
caller's language and the ``Idempotency-Key`` handling of every POST."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import Depends, Header, Request
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import JSONResponse

from vorder.app.admin import Workspace
from vorder.app.ledger import idempotency
from vorder.core.errors import DomainError
from vorder.core.law import StatutoryRates
from vorder.core.money import format_amount, from_cents
from vorder.core.parties import InvalidDebtor
from vorder.web.api.law import get_rate_tables
from vorder.web.deps import container_of
from vorder.web.errors import CONFLICT_RESPONSE, ERROR_RESPONSES, ErrorBody, status_for

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MONEY_PATTERN = r"^\d{1,13}(\.\d{1,2})?$"
Money = Annotated[
    str,
    Field(pattern=MONEY_PATTERN, examples=["1234.56"], description="Decimal string, no sign"),
]
MoneyOut = Annotated[str, Field(examples=["1234.56"], description="Decimal string")]
RESPONSES = ERROR_RESPONSES
POST_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERROR_RESPONSES,
    **CONFLICT_RESPONSE,
    409: {
        "model": ErrorBody,
        "description": "Conflicts with the current state, or the Idempotency-Key was used for "
        "another request (or that request is still running)",
    },
}
Rates = Annotated[StatutoryRates, Depends(get_rate_tables)]


class In(BaseModel):
    model_config = ConfigDict(extra="forbid")


def money(cents: int | None) -> str | None:
    return None if cents is None else format_amount(from_cents(cents))


def amount(text: str) -> Decimal:
    return Decimal(text)


def today(request: Request) -> date:
    """The Dutch calendar day now (statements and defaults use it)."""
    return container_of(request).clock.now().astimezone(AMSTERDAM).date()


def language(request: Request, ws: Workspace) -> str:
    """The caller's language: the user's, else (an API key) the organisation's."""
    caller = request.scope.get("vorder_caller")
    user = getattr(caller, "user", None)
    return str(user.language if user is not None else ws.tenant.language)


class PageOut(BaseModel):
    next_offset: int | None = Field(
        description="Pass as offset for the next page; null on the last page"
    )


IDEMPOTENCY_KEY = Header(
    default=None,
    alias="Idempotency-Key",
    max_length=idempotency.MAX_KEY,
    description="Send the same key again to repeat a request safely: the first answer is "
    "replayed and nothing is done twice; a key used for another request is answered 409.",
)


def error_body(exc: DomainError) -> dict[str, Any]:
    body: dict[str, Any] = {"error": exc.message, "field": exc.field, "code": exc.code}
    if isinstance(exc, InvalidDebtor):
        body["errors"] = [
            {
                "field": e.field,
                "code": e.code,
                "message_en": e.message_en,
                "message_nl": e.message_nl,
            }
            for e in exc.errors
        ]
        body["error"] = "; ".join(f"{e.field}: {e.message_en}" for e in exc.errors)
    return body


def respond(
    request: Request,
    ws: Workspace,
    key: str | None,
    body: BaseModel | None,
    work: Callable[[], tuple[int, Any]],
    *,
    extra: str = "",
) -> JSONResponse:
    """Run ``work`` (returning status and a JSON-able answer) under the Idempotency-Key.

    Domain errors are answered here (and stored for the key) with the API's error shape.
    """
    c = container_of(request)
    if key is None:
        try:
            status, answer = work()
        except DomainError as exc:
            return JSONResponse(error_body(exc), status_code=status_for(exc))
        return JSONResponse(jsonable_encoder(answer), status_code=status)
    request_id = idempotency.fingerprint(
        request.method,
        request.url.path,
        body.model_dump_json() if body is not None else "",
        extra,
    )
    tenant_id = ws.tenant.id
    replay = idempotency.begin_request(
        c.uow, tenant_id=tenant_id, key=key, request=request_id, now=c.clock.now()
    )
    if replay is not None:
        return JSONResponse(
            json.loads(replay.body),
            status_code=replay.status,
            headers={"Idempotent-Replayed": "true"},
        )
    try:
        status, answer = work()
        encoded = jsonable_encoder(answer)
    except DomainError as exc:
        status, encoded = status_for(exc), error_body(exc)
    except BaseException:
        idempotency.abandon_request(c.uow, tenant_id=tenant_id, key=key)
        raise
    idempotency.finish_request(
        c.uow,
        tenant_id=tenant_id,
        key=key,
        status=status,
        body=json.dumps(encoded),
        now=c.clock.now(),
    )
    return JSONResponse(encoded, status_code=status)
