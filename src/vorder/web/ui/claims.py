"""The claims table, a claim's page (statement, timeline, invoices, payments, next step) and
the actions on a claim: pause, resume, promise to pay, dispute, resolve the dispute.

Each action posts a plain form (it works without JavaScript); with htmx the confirmation
dialog names the consequence first, a success reloads the claim page with a note of what
was done, and an error re-renders the action panel with the message next to the field.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

import vorder.worker  # noqa: F401 - registers the "collection.run" task the actions queue
from vorder.adapters.strategy_defaults import PackagedDefaults
from vorder.app.admin import Workspace
from vorder.app.collection import actions
from vorder.app.collection.errors import InvalidClaimAction
from vorder.app.views import claim_list, claim_page
from vorder.app.views.portfolio import PHASES
from vorder.core.access import Permission, can
from vorder.core.errors import DomainError, NotFound
from vorder.core.intake.values import InvalidValue, parse_date
from vorder.core.law import StatutoryRates
from vorder.web.api.law import get_rate_tables
from vorder.web.deps import container_of, require_permission
from vorder.web.ui.context import UiWorkspace, page, ui_workspace

router = APIRouter(include_in_schema=False)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ClaimId = Path(ge=1, le=2**62)
STATUS_CHIPS = ("open", "paused", "disputed", "promise", "closed")
DONE = ("invoice", "paused", "resumed", "promise", "disputed", "resolved")
# Payload keys of timeline events that hold an ISO date.
DATE_KEYS = ("on", "paid_on", "due_date", "until", "promise_date", "sent_on")


def _today(request: Request) -> date:
    return container_of(request).clock.now().astimezone(AMSTERDAM).date()


@router.get("/t/{tenant_slug}/claims", response_class=HTMLResponse)
def claims_list(
    request: Request,
    q: str = Query(default="", max_length=200),
    phase: str = Query(default="", max_length=20),
    status: str = Query(default="", max_length=20),
    overdue: str = Query(default="", max_length=1),
    sort: str = Query(default="-outstanding", max_length=20),
    offset: int = Query(default=0, ge=0, le=10_000_000),
    ui: UiWorkspace = Depends(ui_workspace),
) -> HTMLResponse:
    require_permission(Permission.READ)(ui.ws)
    query = claim_list.ClaimQuery(
        q=q or None,
        phase=phase or None,
        status=status or None,
        overdue=overdue == "1",
        sort=sort,
        offset=offset,
    )
    table = claim_list.claim_table(
        container_of(request).uow, actor=ui.ws.actor, query=query, today=_today(request)
    )
    return page(
        request,
        ui,
        "claims/list.html",
        "claims",
        {
            "table": table,
            "phases": PHASES,
            "status_chips": STATUS_CHIPS,
            "q": table.query.q or "",
            "link": _linker(table.query),
        },
    )


def _linker(query: claim_list.ClaimQuery) -> Any:
    """``link(**changes)``: the list's query string with some values changed."""
    current = {
        "q": query.q or "",
        "phase": query.phase or "",
        "status": query.status or "",
        "overdue": "1" if query.overdue else "",
        "sort": "" if query.overdue or query.sort == "-outstanding" else query.sort,
        "offset": "",
    }

    def link(**changes: Any) -> str:
        values = {**current, **{k: ("" if v is None else str(v)) for k, v in changes.items()}}
        if "offset" not in changes:
            values["offset"] = ""
        kept = {k: v for k, v in values.items() if v not in ("", "0")}
        return "?" + urlencode(kept) if kept else "?"

    return link


class _Payload(dict[str, Any]):
    """An event's payload for the templates: a key it lacks reads as empty."""

    def __missing__(self, key: str) -> str:
        return ""


def _timeline(events: tuple[Any, ...]) -> list[dict[str, Any]]:
    """Events with local times and their ISO dates as dates (for the date filter)."""
    items = []
    for e in events:
        payload = _Payload(e.payload)
        for key in DATE_KEYS:
            value = payload.get(key)
            if isinstance(value, str):
                try:
                    payload[key] = date.fromisoformat(value)
                except ValueError:
                    pass
        items.append(
            {
                "type": e.type,
                "p": payload,
                "at": e.occurred_at.astimezone(AMSTERDAM),
                "actor": e.actor,
            }
        )
    return items


def render_claim(
    request: Request,
    ui: UiWorkspace,
    claim_id: int,
    *,
    on: str = "",
    done: str = "",
    rates: StatutoryRates,
    failed: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The claim page (one application call); ``failed``: an action's error and its input."""
    c = container_of(request)
    today = _today(request)
    day, bad_day = today, False
    if on.strip():
        try:
            day = parse_date(on)
        except InvalidValue:
            bad_day = True
    view = claim_page.claim_page(c.uow, actor=ui.ws.actor, claim_id=claim_id, on=day, rates=rates)
    return page(
        request,
        ui,
        "claims/detail.html",
        "claims",
        {
            "view": view,
            "claim": view.claim,
            "on": day,
            "bad_day": bad_day,
            "timeline": _timeline(view.timeline),
            "done": done if done in DONE else "",
            "failed": failed or {},
            "can_work": can(ui.ws.actor.role, Permission.WORK),
        },
        status_code=status_code,
    )


@router.get("/t/{tenant_slug}/claims/{claim_id}", response_class=HTMLResponse)
def claim_detail(
    request: Request,
    claim_id: int = ClaimId,
    on: str = Query(default="", max_length=10),
    done: str = Query(default="", max_length=20),
    rates: StatutoryRates = Depends(get_rate_tables),
    ui: UiWorkspace = Depends(ui_workspace),
) -> HTMLResponse:
    require_permission(Permission.READ)(ui.ws)
    return render_claim(request, ui, claim_id, on=on, done=done, rates=rates)


# ------------------------------------------------------------------------------ actions


def _after(request: Request, ui: UiWorkspace, claim_id: int, done: str) -> Response:
    target = f"/t/{ui.ws.tenant.slug}/claims/{claim_id}?done={done}"
    if request.headers.get("hx-request") == "true":
        return Response(status_code=204, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


def _day(text: str, field: str) -> date | None:
    if not text.strip():
        return None
    try:
        return parse_date(text)
    except InvalidValue:
        raise InvalidClaimAction(f"'{text}' is not a date", field=field) from None


def _act(
    request: Request,
    ui: UiWorkspace,
    claim_id: int,
    action: str,
    done: str,
    form: dict[str, str],
    rates: StatutoryRates,
    call: Any,
) -> Response:
    c = container_of(request)
    try:
        call(c, ui.ws)
    except NotFound:
        raise
    except DomainError as exc:
        failed = {"action": action, "code": exc.code, "field": exc.field, "message": exc.message}
        return render_claim(
            request, ui, claim_id, rates=rates, failed={**failed, "form": form}, status_code=422
        )
    return _after(request, ui, claim_id, done)


def _common(c: Any, ws: Workspace) -> dict[str, Any]:
    return {
        "actor": ws.actor,
        "now": c.clock.now(),
        "queue": c.queue,
        "defaults": PackagedDefaults(),
    }


@router.post("/t/{tenant_slug}/claims/{claim_id}/pause", response_class=HTMLResponse)
def pause(
    request: Request,
    claim_id: int = ClaimId,
    reason: str = Form(default="", max_length=1000),
    until: str = Form(default="", max_length=10),
    rates: StatutoryRates = Depends(get_rate_tables),
    ui: UiWorkspace = Depends(ui_workspace),
    _ws: Workspace = Depends(require_permission(Permission.WORK)),
) -> Response:
    def call(c: Any, ws: Workspace) -> None:
        actions.pause_claim(
            c.uow, claim_id=claim_id, reason=reason, until=_day(until, "until"), **_common(c, ws)
        )

    form = {"reason": reason, "until": until}
    return _act(request, ui, claim_id, "pause", "paused", form, rates, call)


@router.post("/t/{tenant_slug}/claims/{claim_id}/resume", response_class=HTMLResponse)
def resume(
    request: Request,
    claim_id: int = ClaimId,
    rates: StatutoryRates = Depends(get_rate_tables),
    ui: UiWorkspace = Depends(ui_workspace),
    _ws: Workspace = Depends(require_permission(Permission.WORK)),
) -> Response:
    def call(c: Any, ws: Workspace) -> None:
        actions.resume_claim(c.uow, claim_id=claim_id, **_common(c, ws))

    return _act(request, ui, claim_id, "resume", "resumed", {}, rates, call)


@router.post("/t/{tenant_slug}/claims/{claim_id}/promise", response_class=HTMLResponse)
def promise(
    request: Request,
    claim_id: int = ClaimId,
    promise_date: str = Form(default="", max_length=10),
    note: str = Form(default="", max_length=1000),
    rates: StatutoryRates = Depends(get_rate_tables),
    ui: UiWorkspace = Depends(ui_workspace),
    _ws: Workspace = Depends(require_permission(Permission.WORK)),
) -> Response:
    def call(c: Any, ws: Workspace) -> None:
        day = _day(promise_date, "promise_date")
        if day is None:
            raise InvalidClaimAction("give the promised date", field="promise_date")
        actions.register_promise(
            c.uow, claim_id=claim_id, promise_date=day, note=note, **_common(c, ws)
        )

    form = {"promise_date": promise_date, "note": note}
    return _act(request, ui, claim_id, "promise", "promise", form, rates, call)


@router.post("/t/{tenant_slug}/claims/{claim_id}/dispute", response_class=HTMLResponse)
def dispute(
    request: Request,
    claim_id: int = ClaimId,
    reason: str = Form(default="", max_length=1000),
    rates: StatutoryRates = Depends(get_rate_tables),
    ui: UiWorkspace = Depends(ui_workspace),
    _ws: Workspace = Depends(require_permission(Permission.WORK)),
) -> Response:
    def call(c: Any, ws: Workspace) -> None:
        actions.register_dispute(c.uow, claim_id=claim_id, reason=reason, **_common(c, ws))

    return _act(request, ui, claim_id, "dispute", "disputed", {"reason": reason}, rates, call)


@router.post("/t/{tenant_slug}/claims/{claim_id}/resolve", response_class=HTMLResponse)
def resolve(
    request: Request,
    claim_id: int = ClaimId,
    note: str = Form(default="", max_length=1000),
    rates: StatutoryRates = Depends(get_rate_tables),
    ui: UiWorkspace = Depends(ui_workspace),
    _ws: Workspace = Depends(require_permission(Permission.WORK)),
) -> Response:
    def call(c: Any, ws: Workspace) -> None:
        actions.resolve_dispute(c.uow, claim_id=claim_id, note=note, **_common(c, ws))

    return _act(request, ui, claim_id, "resolve", "resolved", {"note": note}, rates, call)
