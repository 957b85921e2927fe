"""Use case: import a file of invoices and credit notes (CSV or UBL e-invoice).

* A file with any error is rejected whole by default: every error is listed (line, field,
  reason in Dutch and English) and **nothing** is written. With ``partial`` the valid
  documents are imported and the rest is reported.
* The same file imported twice creates nothing new: a file whose SHA-256 was imported before
  answers with that import (``duplicate``); a document whose number is already stored with the
  same date, amount and debtor is skipped (``already_present``); the same number with other
  details is an error.
* One transaction; documents are written in chunks (batch inserts, see :mod:`.intake`).

Parsing is the intake parsers' job (:mod:`vorder.core.intake` for CSV; the UBL parser is an
adapter and is passed in by the entry point).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from vorder.app.ledger.debtors import ledger, page_bounds
from vorder.app.ledger.errors import ImportNotFound, InvalidImport
from vorder.app.ledger.intake import Prepared, check_against_ledger, prepare_all
from vorder.app.ledger.messages import ledger_error
from vorder.app.ledger.records import ImportBatchRow, Page
from vorder.app.ledger.writer import write
from vorder.app.ports import UnitOfWorkFactory
from vorder.app.records import Actor, Event
from vorder.core.intake import IntakeError, IntakeResult, Severity, decode_text, parse_invoice_csv
from vorder.core.law import StatutoryRates

Parser = Callable[[bytes, str], IntakeResult]
Progress = Callable[[str, int, int], None]  # stage, done, total
FORMATS = ("csv", "ubl")
MAX_BYTES = 64 * 1024 * 1024
MAX_REPORTED = 2000  # errors kept in the stored report


def parse_csv(data: bytes, file_name: str) -> IntakeResult:
    """Bytes → text (BOM, UTF-8 or Windows-1252) → the CSV intake."""
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in data[:4096] and not utf16:
        return IntakeResult((), (ledger_error("not_text", line=1, field=None),))
    return parse_invoice_csv(decode_text(data))


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did (or would have done) and every problem found."""

    status: str  # imported | partial | rejected | duplicate
    file_name: str
    sha256: str
    format: str
    partial: bool
    rows: int = 0
    invoices_created: int = 0
    credit_notes_created: int = 0
    debtors_created: int = 0
    claims_opened: int = 0
    already_present: int = 0
    rejected_rows: int = 0
    batch_id: int | None = None
    duplicate_of: int | None = None
    errors: tuple[IntakeError, ...] = field(default_factory=tuple)

    @property
    def error_count(self) -> int:
        return sum(1 for e in self.errors if e.severity is Severity.ERROR)

    def counts(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            "invoices_created": self.invoices_created,
            "credit_notes_created": self.credit_notes_created,
            "debtors_created": self.debtors_created,
            "claims_opened": self.claims_opened,
            "already_present": self.already_present,
            "rejected_rows": self.rejected_rows,
        }


def _error_dict(e: IntakeError) -> dict[str, Any]:
    out = asdict(e)
    out["severity"] = e.severity.value
    return out


def _error_of(d: Mapping[str, Any]) -> IntakeError:
    return IntakeError(**{**d, "severity": Severity(d["severity"])})


def report_of(batch: ImportBatchRow, *, status: str | None = None) -> ImportReport:
    """A stored import's report (``status`` overrides, e.g. ``duplicate``)."""
    errors = tuple(_error_of(d) for d in batch.report.get("errors", []))
    return ImportReport(
        status=status or batch.status,
        file_name=batch.file_name,
        sha256=batch.sha256,
        format=batch.format,
        partial=batch.partial,
        rows=batch.rows,
        invoices_created=batch.invoices_created,
        credit_notes_created=batch.credit_notes_created,
        debtors_created=batch.debtors_created,
        claims_opened=batch.claims_opened,
        already_present=batch.already_present,
        rejected_rows=batch.rejected_rows,
        batch_id=batch.id,
        errors=errors,
    )


def _lines_with_errors(errors: Sequence[IntakeError]) -> int:
    return len({(e.file, e.line) for e in errors if e.severity is Severity.ERROR})


def import_invoices(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    data: bytes,
    file_name: str,
    format: str,
    partial: bool,
    rates: StatutoryRates,
    now: datetime,
    parsers: Mapping[str, Parser] | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import one file (see the module docstring); returns the report, also on rejection."""
    if format not in FORMATS:
        raise InvalidImport(f"unknown format '{format}' (csv or ubl)", field="format")
    if len(data) > MAX_BYTES:
        raise InvalidImport(f"the file is larger than {MAX_BYTES // 2**20} MB", field="file")
    parse = {"csv": parse_csv, **(parsers or {})}.get(format)
    if parse is None:
        raise InvalidImport(f"no parser for '{format}' files here", field="format")
    sha = hashlib.sha256(data).hexdigest()
    base_report = ImportReport("rejected", file_name, sha, format, partial)
    tick = progress or (lambda stage, done, total: None)
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = ledger(base)
        earlier = uow.import_batches.by_sha256(sha)
        if earlier is not None:
            return _replace(
                base_report,
                status="duplicate",
                rows=earlier.rows,
                duplicate_of=earlier.id,
                already_present=earlier.invoices_created + earlier.credit_notes_created,
            )
        parsed = parse(data, file_name)
        tick("parsed", parsed.rows, parsed.rows)
        docs: list[Prepared] = prepare_all(parsed.records, source=format)
        checked = check_against_ledger(uow, docs, file=file_name if format == "ubl" else None)
        errors = [*parsed.errors, *checked.errors]
        if not docs and not any(e.severity is Severity.ERROR for e in errors):
            errors.append(ledger_error("no_records", line=1, field=None))
        rows = parsed.rows or len(docs)
        failed = any(e.severity is Severity.ERROR for e in errors)
        to_write = [
            d
            for i, d in enumerate(docs)
            if i not in checked.rejected and i not in checked.already_present
        ]
        rejected_rows = _lines_with_errors(errors)
        if failed and (not partial or not (to_write or checked.already_present)):
            return _replace(base_report, rows=rows, rejected_rows=rejected_rows, errors=errors)
        status = "partial" if failed else "imported"
        batch_id = uow.import_batches.add(
            file_name=file_name,
            sha256=sha,
            format=format,
            partial=partial,
            actor=actor.ref,
            now=now,
        )
        total = write(
            uow,
            to_write,
            actor=actor,
            rates=rates,
            now=now,
            batch_id=batch_id,
            progress=lambda n: tick("written", n, len(to_write)),
        )
        report = ImportReport(
            status=status,
            file_name=file_name,
            sha256=sha,
            format=format,
            partial=partial,
            rows=rows,
            invoices_created=len(total.invoices),
            credit_notes_created=len(total.credit_notes),
            debtors_created=total.debtors_created,
            claims_opened=len(total.claims_opened),
            already_present=len(checked.already_present),
            rejected_rows=rejected_rows if failed else 0,
            batch_id=batch_id,
            errors=tuple(errors),
        )
        uow.import_batches.finish(
            batch_id,
            status=status,
            counts=report.counts(),
            report={"errors": [_error_dict(e) for e in errors[:MAX_REPORTED]]},
        )
        uow.events.append(
            Event(
                "import_batch",
                batch_id,
                "InvoicesImported",
                {"format": format, "status": status, **report.counts()},
                now,
                actor.ref,
            ),
            now=now,
        )
        uow.commit()
    return report


def _replace(report: ImportReport, **changes: Any) -> ImportReport:
    values = {**{f: getattr(report, f) for f in report.__dataclass_fields__}, **changes}
    values["errors"] = tuple(values["errors"])
    return ImportReport(**values)


def get_import(uow_factory: UnitOfWorkFactory, *, actor: Actor, import_id: int) -> ImportReport:
    with uow_factory(tenant_id=actor.tenant_id) as base:
        batch = ledger(base).import_batches.get(import_id)
    if batch is None:
        raise ImportNotFound(f"no import {import_id}", field="import_id")
    return report_of(batch)


def list_imports(
    uow_factory: UnitOfWorkFactory, *, actor: Actor, limit: int = 50, offset: int = 0
) -> Page:
    limit, offset = page_bounds(limit, offset)
    with uow_factory(tenant_id=actor.tenant_id) as base:
        rows = ledger(base).import_batches.search(limit=limit + 1, offset=offset)
    items = [report_of(b) for b in rows[:limit]]
    return Page(items, offset + limit if len(rows) > limit else None)
