"""New invoice: one page — find the debtor or enter a new one, the invoice's fields, and on
submit the whole form is checked and registered (vorder.app.views.entry); problems are shown
next to their fields in the user's language and nothing is saved."""

from __future__ import annotations

from dataclasses import fields

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, RedirectResponse, Response

from vorder.app.admin import Workspace
from vorder.app.views import debtor_pages, entry
from vorder.core.access import Permission
from vorder.core.law import StatutoryRates
from vorder.web.api.law import get_rate_tables
from vorder.web.deps import container_of, require_permission
from vorder.web.ui.context import UiWorkspace, page, ui_workspace

router = APIRouter(include_in_schema=False)
FORM_FIELDS = tuple(f.name for f in fields(entry.InvoiceForm))
MAX_FIELD = 500
RESULTS = 8


def _lang(request: Request) -> str:
    return str(request.app.state.renderer.language(request))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _form_page(
    request: Request,
    ui: UiWorkspace,
    form: entry.InvoiceForm,
    *,
    chosen: str | None,
    results: debtor_pages.DebtorList | None = None,
    q: str = "",
    problems: tuple[entry.Problem, ...] = (),
    status_code: int = 200,
) -> HTMLResponse:
    nl = _lang(request) == "nl"
    errors: dict[str, str] = {}
    for p in problems:
        errors.setdefault(p.field, _sentence(p.message_nl if nl else p.message_en))
    return page(
        request,
        ui,
        "invoices/new.html",
        "claims",
        {
            "form": form,
            "chosen": chosen,
            "results": results,
            "q": q,
            "errors": errors,
            "problems": [(field, message) for field, message in errors.items()],
        },
        status_code=status_code,
    )


def _search(request: Request, ws: Workspace, q: str) -> debtor_pages.DebtorList | None:
    if not q.strip():
        return None
    c = container_of(request)
    return debtor_pages.debtor_list(
        c.uow,
        actor=ws.actor,
        q=q,
        kind=None,
        offset=0,
        now=c.clock.now(),
        limit=RESULTS,
        purpose=debtor_pages.PURPOSE_PICK,
    )


@router.get("/t/{tenant_slug}/invoices/new", response_class=HTMLResponse)
def new_invoice(
    request: Request,
    debtor_id: str = Query(default="", max_length=20),
    q: str = Query(default="", max_length=200),
    ui: UiWorkspace = Depends(ui_workspace),
    ws: Workspace = Depends(require_permission(Permission.MANAGE_CLAIMS)),
) -> HTMLResponse:
    chosen = None
    if debtor_id:
        chosen = entry.debtor_name(container_of(request).uow, actor=ws.actor, debtor_id=debtor_id)
    form = entry.InvoiceForm(debtor_id=debtor_id if chosen else "")
    return _form_page(request, ui, form, chosen=chosen, results=_search(request, ws, q), q=q)


@router.get("/t/{tenant_slug}/invoices/new/debtors", response_class=HTMLResponse)
def debtor_results(
    request: Request,
    q: str = Query(default="", max_length=200),
    ui: UiWorkspace = Depends(ui_workspace),
    ws: Workspace = Depends(require_permission(Permission.MANAGE_CLAIMS)),
) -> HTMLResponse:
    """The search results only (htmx swaps them in as the user types)."""
    return page(
        request,
        ui,
        "invoices/_debtor_results.html",
        "claims",
        {"results": _search(request, ws, q), "q": q},
    )


@router.post("/t/{tenant_slug}/invoices/new", response_class=HTMLResponse)
async def register(
    request: Request,
    rates: StatutoryRates = Depends(get_rate_tables),
    ui: UiWorkspace = Depends(ui_workspace),
    ws: Workspace = Depends(require_permission(Permission.MANAGE_CLAIMS)),
) -> Response:
    data = await request.form()
    values = {
        name: str(data.get(name) or "")[:MAX_FIELD]
        for name in FORM_FIELDS
        if isinstance(data.get(name) or "", str)
    }
    form = entry.InvoiceForm(**values)
    return await run_in_threadpool(_register, request, ui, ws, form, rates)


def _register(
    request: Request,
    ui: UiWorkspace,
    ws: Workspace,
    form: entry.InvoiceForm,
    rates: StatutoryRates,
) -> Response:
    c = container_of(request)
    try:
        done = entry.enter_invoice(
            c.uow,
            actor=ws.actor,
            form=form,
            language=_lang(request),
            rates=rates,
            now=c.clock.now(),
        )
    except entry.EntryInvalid as exc:
        chosen = entry.debtor_name(c.uow, actor=ws.actor, debtor_id=form.debtor_id)
        return _form_page(request, ui, form, chosen=chosen, problems=exc.problems, status_code=422)
    claim = done.registered.claim
    target = f"/t/{ws.tenant.slug}/claims/{claim.id}?done=invoice"
    return RedirectResponse(target, status_code=303)
