"""Import a file of invoices (CSV or UBL e-invoice): upload (drag and drop onto the file
field, or choose a file), the summary (created, skipped, every error with its line, field and
reason in the user's language), and "import the valid rows only" with a confirmation.

A file with errors is not imported at all unless the person chose to import the valid rows
(the ledger's import use case decides; nothing is kept of a rejected file)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import HTMLResponse, RedirectResponse, Response

from vorder.app.admin import Workspace
from vorder.app.ledger import imports
from vorder.app.ledger.errors import InvalidImport
from vorder.core.access import Permission
from vorder.core.law import StatutoryRates
from vorder.web.api.law import get_rate_tables
from vorder.web.api.ledger.imports import PARSERS
from vorder.web.deps import container_of, require_permission
from vorder.web.ui.context import UiWorkspace, page, ui_workspace

router = APIRouter(include_in_schema=False)
RECENT = 20
ERRORS_SHOWN = 200


def _index(
    request: Request,
    ui: UiWorkspace,
    *,
    report: imports.ImportReport | None = None,
    problem: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    earlier = imports.list_imports(container_of(request).uow, actor=ui.ws.actor, limit=RECENT)
    return page(
        request,
        ui,
        "imports/index.html",
        "claims",
        {
            "report": report,
            "problem": problem,
            "earlier": earlier.items,
            "errors_shown": ERRORS_SHOWN,
        },
        status_code=status_code,
    )


@router.get("/t/{tenant_slug}/imports", response_class=HTMLResponse)
def imports_page(
    request: Request,
    ui: UiWorkspace = Depends(ui_workspace),
    _ws: Workspace = Depends(require_permission(Permission.MANAGE_CLAIMS)),
) -> HTMLResponse:
    return _index(request, ui)


@router.post("/t/{tenant_slug}/imports", response_class=HTMLResponse)
async def upload(
    request: Request,
    rates: StatutoryRates = Depends(get_rate_tables),
    ui: UiWorkspace = Depends(ui_workspace),
    ws: Workspace = Depends(require_permission(Permission.MANAGE_CLAIMS)),
) -> Response:
    form = await request.form(max_files=1, max_fields=10)
    file = form.get("file")
    partial = form.get("partial") == "1"
    if not isinstance(file, UploadFile) or not file.filename:
        return await run_in_threadpool(_index, request, ui, problem="no_file", status_code=422)
    data = await file.read(imports.MAX_BYTES + 1)
    name = file.filename.replace("\\", "/").rsplit("/", 1)[-1][:255]
    kind = "ubl" if name.lower().endswith(".xml") or data.lstrip()[:1] == b"<" else "csv"
    return await run_in_threadpool(_import, request, ui, ws, data, name, kind, partial, rates)


def _import(
    request: Request,
    ui: UiWorkspace,
    ws: Workspace,
    data: bytes,
    name: str,
    kind: str,
    partial: bool,
    rates: StatutoryRates,
) -> Response:
    c = container_of(request)
    try:
        report = imports.import_invoices(
            c.uow,
            actor=ws.actor,
            data=data,
            file_name=name,
            format=kind,
            partial=partial,
            rates=rates,
            now=c.clock.now(),
            parsers=PARSERS,
        )
    except InvalidImport as exc:
        problem = "too_large" if exc.field == "file" else "format"
        return _index(request, ui, problem=problem, status_code=422)
    if report.batch_id is not None and report.status != "duplicate":
        target = f"/t/{ws.tenant.slug}/imports/{report.batch_id}?new=1"
        if request.headers.get("hx-request") == "true":
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)
    status = 422 if report.status == "rejected" else 200
    return _index(request, ui, report=report, status_code=status)


@router.get("/t/{tenant_slug}/imports/{import_id}", response_class=HTMLResponse)
def import_report(
    request: Request,
    import_id: int = Path(ge=1, le=2**62),
    new: str = Query(default="", max_length=1),
    ui: UiWorkspace = Depends(ui_workspace),
    _ws: Workspace = Depends(require_permission(Permission.READ)),
) -> HTMLResponse:
    report = imports.get_import(container_of(request).uow, actor=ui.ws.actor, import_id=import_id)
    return page(
        request,
        ui,
        "imports/report.html",
        "claims",
        {"report": report, "new": new == "1", "errors_shown": ERRORS_SHOWN},
    )
