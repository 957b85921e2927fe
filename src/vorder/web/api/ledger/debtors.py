"""``/api/debtors``: create, read, change and search debtors (every access is logged)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.responses import JSONResponse

from vorder.app.admin import Workspace
from vorder.app.ledger import debtors
from vorder.core.access import Permission
from vorder.web.api.ledger._common import IDEMPOTENCY_KEY, POST_RESPONSES, RESPONSES, respond
from vorder.web.api.ledger.schemas import DebtorIn, DebtorOut, DebtorPage, DebtorPatch
from vorder.web.deps import container_of, require_permission

router = APIRouter(prefix="/api/debtors", tags=["debtors"], responses=RESPONSES)
DebtorId = Path(ge=1, description="The debtor's id")


def _fields(body: DebtorIn | DebtorPatch, *, only_set: bool) -> dict[str, object]:
    data = body.model_dump(exclude_unset=only_set)
    for name in ("preferred_channels", "refused_channels", "emails", "phones", "ibans"):
        if name in data:
            data[name] = tuple(data[name] or ())
    return data


@router.post(
    "",
    status_code=201,
    response_model=DebtorOut,
    responses=POST_RESPONSES,
    summary="Register a debtor (422 lists every invalid field)",
)
def create(
    request: Request,
    body: DebtorIn,
    key: str | None = IDEMPOTENCY_KEY,
    ws: Workspace = Depends(require_permission(Permission.MANAGE_CLAIMS)),
) -> JSONResponse:
    c = container_of(request)

    def work() -> tuple[int, DebtorOut]:
        record = debtors.create_debtor(
            c.uow,
            actor=ws.actor,
            details=debtors.DebtorFields(**_fields(body, only_set=False)),  # type: ignore[arg-type]
            now=c.clock.now(),
        )
        return 201, DebtorOut.of(record)

    return respond(request, ws, key, body, work)


@router.get("", response_model=DebtorPage, summary="Search debtors")
def search(
    request: Request,
    q: str | None = Query(
        default=None, max_length=100, description="Name, own number, postcode, KvK, IBAN, e-mail"
    ),
    kind: Literal["consumer", "business"] | None = None,
    sort: Literal["name", "-name", "created_at", "-created_at"] = "name",
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0),
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> DebtorPage:
    c = container_of(request)
    page = debtors.search_debtors(
        c.uow,
        actor=ws.actor,
        q=q,
        kind=kind,
        sort=sort,
        limit=limit,
        offset=offset,
        now=c.clock.now(),
    )
    return DebtorPage(items=[DebtorOut.of(r) for r in page.items], next_offset=page.next_offset)


@router.get("/{debtor_id}", response_model=DebtorOut, summary="One debtor")
def get(
    request: Request,
    debtor_id: int = DebtorId,
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> DebtorOut:
    c = container_of(request)
    record = debtors.get_debtor(c.uow, actor=ws.actor, debtor_id=debtor_id, now=c.clock.now())
    return DebtorOut.of(record)


@router.patch(
    "/{debtor_id}",
    response_model=DebtorOut,
    responses=POST_RESPONSES,
    summary="Change some of a debtor's details",
)
def update(
    request: Request,
    body: DebtorPatch,
    debtor_id: int = DebtorId,
    ws: Workspace = Depends(require_permission(Permission.MANAGE_CLAIMS)),
) -> JSONResponse:
    c = container_of(request)

    def work() -> tuple[int, DebtorOut]:
        record = debtors.update_debtor(
            c.uow,
            actor=ws.actor,
            debtor_id=debtor_id,
            changes=_fields(body, only_set=True),
            now=c.clock.now(),
        )
        return 200, DebtorOut.of(record)

    return respond(request, ws, None, None, work)
