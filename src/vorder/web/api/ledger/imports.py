"""``/api/imports``: import a CSV or UBL file of invoices and credit notes; the report lists
every error with its line, field and reason in Dutch and English."""

from __future__ import annotations

import hashlib
from typing import Any, Literal

from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, UploadFile
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse

from vorder.adapters.einvoice.ubl import parse_ubl
from vorder.app.admin import Workspace
from vorder.app.ledger import imports
from vorder.app.ledger.imports import ImportReport
from vorder.core.access import Permission
from vorder.core.intake import IntakeResult
from vorder.web.api.ledger._common import (
    IDEMPOTENCY_KEY,
    POST_RESPONSES,
    RESPONSES,
    PageOut,
    Rates,
    language,
    respond,
)
from vorder.web.deps import container_of, require_permission

router = APIRouter(prefix="/api/imports", tags=["imports"], responses=RESPONSES)
ImportId = Path(ge=1, description="The import's id")


def _ubl(data: bytes, file_name: str) -> IntakeResult:
    return parse_ubl(data, filename=file_name)


PARSERS = {"ubl": _ubl}


class ProblemOut(BaseModel):
    line: int
    field: str | None = Field(description="The column as written in the file, or XML path")
    code: str
    severity: str = Field(description="error (not imported) or warning")
    message: str = Field(description="In your language")
    message_en: str
    message_nl: str
    file: str | None


class ImportOut(BaseModel):
    id: int | None = Field(description="The import's id (null: rejected, nothing stored)")
    status: str = Field(description="imported, partial, rejected or duplicate")
    file_name: str
    sha256: str
    format: str
    partial: bool
    rows: int
    invoices_created: int
    credit_notes_created: int
    debtors_created: int
    claims_opened: int
    already_present: int = Field(description="Documents already stored: skipped")
    rejected_rows: int
    duplicate_of: int | None = Field(description="The earlier import of this same file")
    errors: list[ProblemOut]

    @classmethod
    def of(cls, r: ImportReport, lang: str) -> ImportOut:
        return cls(
            id=r.batch_id,
            status=r.status,
            file_name=r.file_name,
            sha256=r.sha256,
            format=r.format,
            partial=r.partial,
            rows=r.rows,
            invoices_created=r.invoices_created,
            credit_notes_created=r.credit_notes_created,
            debtors_created=r.debtors_created,
            claims_opened=r.claims_opened,
            already_present=r.already_present,
            rejected_rows=r.rejected_rows,
            duplicate_of=r.duplicate_of,
            errors=[
                ProblemOut(
                    line=e.line,
                    field=e.field,
                    code=e.code,
                    severity=e.severity.value,
                    message=e.message_nl if lang == "nl" else e.message_en,
                    message_en=e.message_en,
                    message_nl=e.message_nl,
                    file=e.file,
                )
                for e in r.errors
            ],
        )


class ImportRejected(ImportOut):
    error: str
    field: str | None
    code: str


class ImportPage(PageOut):
    items: list[ImportOut]


IMPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    **POST_RESPONSES,
    200: {"model": ImportOut, "description": "This same file was imported before: nothing new"},
    422: {
        "model": ImportRejected,
        "description": "The file has errors and was not imported (nothing stored); every "
        "error is listed. Fix them, or send partial=true to import the valid rows",
    },
}


@router.post(
    "",
    status_code=201,
    response_model=ImportOut,
    responses=IMPORT_RESPONSES,
    summary="Import invoices and credit notes from a CSV or UBL file",
)
async def upload(
    request: Request,
    rates: Rates,
    file: UploadFile = File(description="The CSV or UBL (XML) file"),
    format: Literal["csv", "ubl"] | None = Form(
        default=None, description="Default: ubl for .xml files, else csv"
    ),
    partial: bool = Form(default=False, description="Import the valid rows of a bad file"),
    key: str | None = IDEMPOTENCY_KEY,
    ws: Workspace = Depends(require_permission(Permission.MANAGE_CLAIMS)),
) -> JSONResponse:
    data = await file.read(imports.MAX_BYTES + 1)
    name = (file.filename or "upload").rsplit("/", 1)[-1][:255]
    kind = format or ("ubl" if name.lower().endswith(".xml") else "csv")
    lang = language(request, ws)
    c = container_of(request)

    def work() -> tuple[int, ImportOut | ImportRejected]:
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
        out = ImportOut.of(report, lang)
        if report.status == "rejected":
            count = report.error_count
            return 422, ImportRejected(
                **out.model_dump(),
                error=f"the file was not imported: {count} error(s); fix them, or import with "
                "partial=true to take the valid rows",
                field="file",
                code="import_rejected",
            )
        return (200 if report.status == "duplicate" else 201), out

    fingerprint = f"{kind}|{partial}|{hashlib.sha256(data).hexdigest()}"
    return await run_in_threadpool(respond, request, ws, key, None, work, extra=fingerprint)


@router.get("", response_model=ImportPage, summary="Earlier imports, newest first")
def list_imports(
    request: Request,
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0),
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> ImportPage:
    page = imports.list_imports(
        container_of(request).uow, actor=ws.actor, limit=limit, offset=offset
    )
    lang = language(request, ws)
    return ImportPage(
        items=[ImportOut.of(r, lang) for r in page.items], next_offset=page.next_offset
    )


@router.get("/{import_id}", response_model=ImportOut, summary="One import and its report")
def get(
    request: Request,
    import_id: int = ImportId,
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> ImportOut:
    report = imports.get_import(container_of(request).uow, actor=ws.actor, import_id=import_id)
    return ImportOut.of(report, language(request, ws))
