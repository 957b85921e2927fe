"""The workspace pages: the sections of the navigation, search, client switch.

Sections whose screens arrive in later issues show an empty state that says what will be
there and how to start; a later issue replaces its entry in :data:`SECTIONS`. The overview,
claims, debtors, new invoice and import pages have their own modules, included below.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from vorder.app import admin
from vorder.core.access import Permission
from vorder.core.errors import NotFound
from vorder.web.deps import (
    Caller,
    container_of,
    current_caller,
    require_module,
    require_permission,
)
from vorder.web.i18n import N_
from vorder.web.ui import claims, debtors, imports, invoices, overview
from vorder.web.ui.context import UiWorkspace, page, ui_workspace

router = APIRouter(include_in_schema=False)
for _pages in (overview, claims, debtors, invoices, imports):
    router.include_router(_pages.router)

# section -> (module or None, empty-state title, empty-state text)
SECTIONS: dict[str, tuple[str | None, str, str]] = {
    "strategies": (
        None,
        N_("No strategies yet"),
        N_("A strategy decides which reminders go out, when, by which channel and in which tone."),
    ),
    "messages": (
        "communication",
        N_("No messages yet"),
        N_("Templates, letterheads and the messages that were sent will be shown here."),
    ),
    "payments": (
        "payments",
        N_("No payments yet"),
        N_("Import a bank statement: payments are matched to claims automatically."),
    ),
    "reports": (
        "bi",
        N_("Nothing to report yet"),
        N_("Reports show what each strategy, tone and channel achieved once claims are paid."),
    ),
}


def _section_route(key: str, module: str | None, title: str, text: str) -> None:
    dependencies = [Depends(require_module(module))] if module else []

    def section(request: Request, ui: UiWorkspace = Depends(ui_workspace)) -> HTMLResponse:
        require_permission(Permission.READ)(ui.ws)
        return page(request, ui, "section.html", key, {"empty_title": title, "empty_text": text})

    section.__name__ = f"section_{key}"
    router.add_api_route(
        f"/t/{{tenant_slug}}/{key}",
        section,
        methods=["GET"],
        response_class=HTMLResponse,
        dependencies=dependencies,
    )


for _key, (_module, _title, _text) in SECTIONS.items():
    _section_route(_key, _module, _title, _text)


@router.get("/t/{tenant_slug}/search", response_class=HTMLResponse)
def search(
    request: Request,
    q: str = Query(default="", max_length=200),
    ui: UiWorkspace = Depends(ui_workspace),
) -> HTMLResponse:
    require_permission(Permission.READ)(ui.ws)
    return page(request, ui, "search.html", "search", {"q": q.strip()})


@router.get("/switch")
def switch_client(
    request: Request,
    to: str = Query(max_length=63),
    caller: Caller = Depends(current_caller),
) -> Response:
    """The client switcher's target; an unreachable organisation is 404 like everywhere."""
    if caller.user is None:
        raise NotFound(f"no organisation '{to}'", field="tenant")
    ws = admin.workspace_for_user(container_of(request).uow, user=caller.user, tenant_slug=to)
    return RedirectResponse(f"/t/{ws.tenant.slug}/", status_code=303)
