"""Settings: the index, modules (switched with htmx after a confirmation), people, API keys."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from vorder.app import admin, modules
from vorder.app.admin import Workspace
from vorder.core.access import Permission
from vorder.web.deps import container_of, require_permission
from vorder.web.i18n import N_
from vorder.web.ui.context import UiWorkspace, page, ui_workspace

router = APIRouter(include_in_schema=False)

# What each module does, in one sentence (shown on Settings → Modules).
DESCRIPTIONS: dict[str, str] = {
    "core": N_("Claims, debtors, strategies and the timeline. Always on."),
    "communication": N_("Letters, e-mails and text messages from templates and letterheads."),
    "payments": N_("Payment links, bank statement import and matching, payment plans."),
    "portal": N_("A secure page where debtors pay, propose a plan or raise a dispute."),
    "scoring": N_("Predicts when and how much a debtor will pay."),
    "bi": N_("Reports: outstanding, ageing, days to pay, results per strategy."),
    "partners": N_("Hand claims over to a collection agency, bailiff or lawyer."),
    "enrichment": N_("Company register, address, insolvency and credit data."),
}


@router.get("/t/{tenant_slug}/settings", response_class=HTMLResponse)
def settings_index(request: Request, ui: UiWorkspace = Depends(ui_workspace)) -> HTMLResponse:
    return page(request, ui, "settings/index.html", "settings")


def _module_rows(request: Request, ws: Workspace) -> list[modules.ModuleView]:
    return modules.tenant_modules(container_of(request).uow, tenant_id=ws.tenant.id)


@router.get("/t/{tenant_slug}/settings/modules", response_class=HTMLResponse)
def modules_page(request: Request, ui: UiWorkspace = Depends(ui_workspace)) -> HTMLResponse:
    views = _module_rows(request, ui.ws)
    return page(
        request,
        ui,
        "settings/modules.html",
        "settings",
        {"views": views, "descriptions": DESCRIPTIONS, "changed": None},
    )


@router.post("/t/{tenant_slug}/settings/modules/{name}", response_class=HTMLResponse)
def switch_module(
    request: Request,
    name: str,
    enabled: str = Form(pattern="^[01]$"),
    ui: UiWorkspace = Depends(ui_workspace),
    ws: Workspace = Depends(require_permission(Permission.MANAGE_SETTINGS)),
) -> Response:
    c = container_of(request)
    view = admin.set_module(
        c.uow,
        tenant_id=ws.tenant.id,
        name=name,
        enabled=enabled == "1",
        settings=None,
        actor=ws.actor.ref,
        now=c.clock.now(),
    )
    if request.headers.get("hx-request") != "true":
        return RedirectResponse(f"/t/{ws.tenant.slug}/settings/modules", status_code=303)
    return page(
        request,
        ui,
        "settings/_module_row.html",
        "settings",
        {"view": view, "descriptions": DESCRIPTIONS, "changed": view.module.name},
    )


@router.get("/t/{tenant_slug}/settings/members", response_class=HTMLResponse)
def members_page(request: Request, ui: UiWorkspace = Depends(ui_workspace)) -> HTMLResponse:
    members = admin.list_members(container_of(request).uow, tenant_id=ui.ws.tenant.id)
    return page(request, ui, "settings/members.html", "settings", {"members": members})


@router.get("/t/{tenant_slug}/settings/api-keys", response_class=HTMLResponse)
def api_keys_page(
    request: Request,
    ui: UiWorkspace = Depends(ui_workspace),
    ws: Workspace = Depends(require_permission(Permission.MANAGE_USERS)),
) -> HTMLResponse:
    keys = admin.list_api_keys(container_of(request).uow, tenant_id=ws.tenant.id)
    return page(request, ui, "settings/api_keys.html", "settings", {"keys": keys})
