"""Debtors: the list with search, and a debtor's page (contact details and claims).

Both reads go through the ledger's debtor use cases, which log every access to a debtor's
personal data with its purpose (vorder.app.views.debtor_pages)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.responses import HTMLResponse

from vorder.app.views import debtor_pages
from vorder.core.access import Permission
from vorder.web.deps import container_of, require_permission
from vorder.web.ui.context import UiWorkspace, page, ui_workspace

router = APIRouter(include_in_schema=False)
KINDS = ("consumer", "business")


@router.get("/t/{tenant_slug}/debtors", response_class=HTMLResponse)
def debtors_list(
    request: Request,
    q: str = Query(default="", max_length=200),
    kind: str = Query(default="", max_length=10),
    offset: int = Query(default=0, ge=0, le=10_000_000),
    ui: UiWorkspace = Depends(ui_workspace),
) -> HTMLResponse:
    require_permission(Permission.READ)(ui.ws)
    c = container_of(request)
    view = debtor_pages.debtor_list(
        c.uow,
        actor=ui.ws.actor,
        q=q,
        kind=kind if kind in KINDS else None,
        offset=offset,
        now=c.clock.now(),
    )
    return page(request, ui, "debtors/list.html", "debtors", {"view": view, "q": view.q or ""})


@router.get("/t/{tenant_slug}/debtors/{debtor_id}", response_class=HTMLResponse)
def debtor_detail(
    request: Request,
    debtor_id: int = Path(ge=1, le=2**62),
    ui: UiWorkspace = Depends(ui_workspace),
) -> HTMLResponse:
    require_permission(Permission.READ)(ui.ws)
    c = container_of(request)
    view = debtor_pages.debtor_page(
        c.uow, actor=ui.ws.actor, debtor_id=debtor_id, now=c.clock.now()
    )
    return page(request, ui, "debtors/detail.html", "debtors", {"view": view})
