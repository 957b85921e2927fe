"""The overview: key figures, what needs a person, what is planned, ageing and phases."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from vorder.app.views.portfolio import overview as portfolio_overview
from vorder.core.access import Permission
from vorder.web.deps import container_of, require_permission
from vorder.web.ui.context import UiWorkspace, page, ui_workspace

router = APIRouter(include_in_schema=False)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@router.get("/t/{tenant_slug}/", response_class=HTMLResponse)
def overview(request: Request, ui: UiWorkspace = Depends(ui_workspace)) -> HTMLResponse:
    require_permission(Permission.READ)(ui.ws)
    c = container_of(request)
    today = c.clock.now().astimezone(AMSTERDAM).date()
    view = portfolio_overview(c.uow, actor=ui.ws.actor, today=today)
    largest = max([t.cents for t in view.ageing] + [t.cents for t in view.phases] + [1])
    return page(
        request,
        ui,
        "overview/index.html",
        "overview",
        {"view": view, "tiles": view, "largest": largest},
    )


@router.get("/t/{tenant_slug}")
def overview_without_slash(tenant_slug: str) -> Response:
    return RedirectResponse(f"/t/{tenant_slug}/", status_code=308)
