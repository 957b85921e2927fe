"""The claims ledger on the command line: ``vorder import invoices``, ``vorder invoices list``,
``vorder claims list|statement``. Each command makes one application call.

``--json`` prints exactly one JSON document on stdout (money as decimal strings, ISO dates).
Bad input exits 2 with one error line on stderr; a rejected import exits 2 after its report.
Imports show a progress bar on stderr.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click
from tqdm import tqdm

from vorder.adapters import lawdata
from vorder.adapters.einvoice import parse_ubl
from vorder.app import tenancy
from vorder.app.ledger import claims, imports, invoices
from vorder.app.ledger.imports import ImportReport
from vorder.app.records import Actor
from vorder.bootstrap import Container
from vorder.cli._common import EXIT_BAD_INPUT, domain_errors, emit_json, json_option
from vorder.cli._context import container
from vorder.core.access import Role
from vorder.core.intake import IntakeResult
from vorder.core.law.documents import statement_document
from vorder.core.money import format_amount, from_cents

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
tenant_option = click.option(
    "--tenant", "tenant_slug", required=True, help="The organisation's short name."
)


def _ubl(data: bytes, file_name: str) -> IntakeResult:
    return parse_ubl(data, filename=file_name)


def _actor(c: Container, slug: str, as_json: bool) -> Actor:
    with domain_errors(as_json=as_json):
        tenant = tenancy.tenant_by_slug(c.uow, slug)
    return Actor("system", 0, "cli", tenant.id, Role.OWNER)


def _rates(c: Container) -> Any:
    return lawdata.cached_rate_tables(c.settings.data_dir / "law")


def _money(cents: int | None) -> str | None:
    return None if cents is None else format_amount(from_cents(cents))


@click.group("import")
def import_group() -> None:
    """Import files into the ledger."""


@import_group.command("invoices")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@tenant_option
@click.option("--format", "fmt", type=click.Choice(["csv", "ubl"]), default=None,
              help="Default: ubl for .xml files, else csv.")  # fmt: skip
@click.option("--partial", is_flag=True, help="Import the valid rows of a file with errors.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None,
              help="Language of the messages (default: the organisation's).")  # fmt: skip
@json_option
def import_invoices(
    file: Path, tenant_slug: str, fmt: str | None, partial: bool, lang: str | None, as_json: bool
) -> None:
    """Import invoices and credit notes from a CSV or UBL file (all or nothing by default)."""
    c = container(as_json=as_json)
    actor = _actor(c, tenant_slug, as_json)
    kind = fmt or ("ubl" if file.suffix.lower() == ".xml" else "csv")
    language = lang or tenancy.tenant_by_slug(c.uow, tenant_slug).language
    bar = tqdm(total=0, desc=f"import {file.name}", unit="invoice", file=sys.stderr, leave=False)

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "written":
            bar.total = total
            bar.n = done
            bar.refresh()

    with domain_errors(as_json=as_json):
        report = imports.import_invoices(
            c.uow,
            actor=actor,
            data=file.read_bytes(),
            file_name=file.name,
            format=kind,
            partial=partial,
            rates=_rates(c),
            now=c.clock.now(),
            parsers={"ubl": _ubl},
            progress=progress,
        )
    bar.close()
    if as_json:
        emit_json(_report_document(report, language))
    else:
        _print_report(report, language)
    if report.status == "rejected":
        sys.exit(EXIT_BAD_INPUT)


def _report_document(r: ImportReport, language: str) -> dict[str, Any]:
    return {
        "id": r.batch_id,
        "status": r.status,
        "file_name": r.file_name,
        "sha256": r.sha256,
        "format": r.format,
        "partial": r.partial,
        **r.counts(),
        "duplicate_of": r.duplicate_of,
        "errors": [
            {
                "line": e.line,
                "field": e.field,
                "code": e.code,
                "severity": e.severity.value,
                "message": e.message_nl if language == "nl" else e.message_en,
                "message_en": e.message_en,
                "message_nl": e.message_nl,
            }
            for e in r.errors
        ],
    }


def _print_report(r: ImportReport, language: str) -> None:
    nl = language == "nl"
    if r.status == "duplicate":
        click.echo(
            f"dit bestand is al ingelezen (import {r.duplicate_of}); er is niets toegevoegd"
            if nl
            else f"this file was imported before (import {r.duplicate_of}); nothing was added"
        )
        return
    if r.status == "rejected":
        click.echo(
            f"niet ingelezen: {r.error_count} fout(en); niets is opgeslagen"
            if nl
            else f"not imported: {r.error_count} error(s); nothing was stored",
            err=True,
        )
    else:
        click.echo(
            f"{r.invoices_created} invoices, {r.credit_notes_created} credit notes, "
            f"{r.debtors_created} new debtors, {r.claims_opened} new claims; "
            f"{r.already_present} already present ({r.status}, import {r.batch_id})"
        )
    for e in r.errors:
        where = f"line {e.line}" + (f", {e.field}" if e.field else "")
        text = e.message_nl if nl else e.message_en
        click.echo(f"{e.severity.value}: {where}: {text}", err=True)


@click.group("invoices")
def invoices_group() -> None:
    """Invoices and credit notes."""


@invoices_group.command("list")
@tenant_option
@click.option("--q", default=None, help="Number, payment reference, debtor name or IBAN.")
@click.option("--open", "open_only", is_flag=True, help="Only invoices with principal open.")
@click.option("--limit", type=click.IntRange(1, 500), default=100)
@click.option("--offset", type=click.IntRange(0), default=0)
@json_option
def list_invoices(
    tenant_slug: str, q: str | None, open_only: bool, limit: int, offset: int, as_json: bool
) -> None:
    """List invoices, oldest due date first."""
    c = container(as_json=as_json)
    actor = _actor(c, tenant_slug, as_json)
    with domain_errors(as_json=as_json):
        page = invoices.list_invoices(
            c.uow, actor=actor, q=q, open_only=open_only, limit=limit, offset=offset
        )
    rows = [
        {
            "id": i.id,
            "number": i.number,
            "type": i.document_type,
            "debtor": i.debtor_name,
            "debtor_id": i.debtor_id,
            "issue_date": i.issue_date.isoformat(),
            "due_date": i.due_date.isoformat(),
            "total": _money(i.total_cents),
            "outstanding": _money(i.outstanding_cents),
            "currency": i.currency,
            "payment_reference": i.payment_reference,
            "claim_id": i.claim_id,
        }
        for i in page.items
    ]
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        click.echo(
            f"{r['number']:<20} {r['due_date']}  {r['total']:>12} {r['outstanding']:>12}  "
            f"claim {r['claim_id']}  {r['debtor']}"
        )


@click.group("claims")
def claims_group() -> None:
    """Claims (vorderingen)."""


class _Date(click.ParamType[date, Any]):
    name = "DATE"

    def convert(self, value: Any, param: Any, ctx: Any) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"'{value}' is not a date (yyyy-mm-dd)", param, ctx)


@claims_group.command("statement")
@click.argument("claim_id", type=click.IntRange(1))
@tenant_option
@click.option("--on", "on", type=_Date(), default=None, help="The day (default: today).")
@json_option
def statement(claim_id: int, tenant_slug: str, on: date | None, as_json: bool) -> None:
    """The statement of account of a claim on a date, every line with its legal basis."""
    c = container(as_json=as_json)
    actor = _actor(c, tenant_slug, as_json)
    day = on or c.clock.now().astimezone(AMSTERDAM).date()
    with domain_errors(as_json=as_json):
        result = claims.claim_statement(
            c.uow, actor=actor, claim_id=claim_id, on=day, rates=_rates(c)
        )
    lines = [
        {
            "on": ln.on.isoformat(),
            "kind": ln.kind.value,
            "description": ln.description,
            "amount": format_amount(ln.amount),
            "basis": ln.basis,
            "invoice": ln.invoice,
        }
        for ln in result.lines
    ]
    document = {
        "claim_id": claim_id,
        "currency": result.claim.currency,
        **statement_document(result.statement),
        "lines": lines,
    }
    if as_json:
        emit_json(document)
        return
    for ln in lines:
        click.echo(f"{ln['on']}  {ln['amount']:>12}  {ln['description']}  [{ln['basis']}]")
    click.echo(
        f"outstanding on {day.isoformat()}: principal {document['principal']}, interest "
        f"{document['interest']}, costs {document['costs']}, total {document['total']}"
        + (" (provisional rates)" if document["provisional"] else "")
    )


@claims_group.command("list")
@tenant_option
@click.option("--q", default=None, help="Debtor name, invoice number, reference or IBAN.")
@click.option("--status", default=None)
@click.option("--phase", default=None)
@click.option("--limit", type=click.IntRange(1, 500), default=100)
@json_option
def list_claims(
    tenant_slug: str,
    q: str | None,
    status: str | None,
    phase: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """List claims, largest outstanding first."""
    c = container(as_json=as_json)
    actor = _actor(c, tenant_slug, as_json)
    with domain_errors(as_json=as_json):
        page = claims.list_claims(c.uow, actor=actor, q=q, status=status, phase=phase, limit=limit)
    rows = [
        {
            "id": k.id,
            "debtor": k.debtor_name,
            "kind": k.kind,
            "phase": k.phase,
            "status": k.status,
            "outstanding": _money(k.outstanding_cents),
            "oldest_due_date": k.oldest_due_date.isoformat(),
            "invoices": k.invoice_count,
        }
        for k in page.items
    ]
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        click.echo(
            f"{r['id']:>8}  {r['phase']:<10} {r['status']:<9} {r['outstanding']:>12}  {r['debtor']}"
        )


COMMANDS = [import_group, invoices_group, claims_group]
