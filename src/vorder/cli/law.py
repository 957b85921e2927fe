"""``vorder law``: the collection-law engine on the command line (contract: docs/law.md).

Every command prints one JSON document on stdout (money as decimal strings, ISO dates). Bad
input -- a usage error, an invalid value or a domain error -- exits with code 2 and prints one
JSON line ``{"error": "..."}`` on stderr; never a traceback.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import click

from vorder.adapters import lawdata
from vorder.cli._common import EXIT_BAD_INPUT, emit_json, fail
from vorder.core.errors import DomainError
from vorder.core.law.checks import require_rate
from vorder.core.law.costs import b2b_costs, consumer_costs
from vorder.core.law.documents import (
    costs_document,
    deadline_document,
    format_rate,
    interest_document,
    parse_claim_document,
    statement_document,
)
from vorder.core.law.interest import Payment, compute_interest, due_without_term
from vorder.core.law.letter import Channel, letter_deadline
from vorder.core.law.settings import DayCount, FixedRate, InterestSettings
from vorder.core.law.statement import statement_of_account
from vorder.core.law.tables import RateKind, RateRow, RateTable
from vorder.core.money import parse_amount


class _JsonErrors(click.Group):
    """A group whose usage errors are one JSON line on stderr with exit code 2."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            fail(exc.format_message(), as_json=True, code=EXIT_BAD_INPUT)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            fail(exc.format_message(), as_json=True, code=EXIT_BAD_INPUT)
        except DomainError as exc:
            fail(exc.message, as_json=True)
        except OSError as exc:
            fail(f"{type(exc).__name__}: {exc}", as_json=True, code=1)


class _Date(click.ParamType[date, Any]):
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"'{value}' is not an ISO date (YYYY-MM-DD)", param, ctx)


class _Amount(click.ParamType[Decimal, Any]):
    name = "AMOUNT"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Decimal:
        try:
            amount = parse_amount(
                str(value), field=param.name if param and param.name else "amount"
            )
        except DomainError as exc:
            self.fail(exc.message, param, ctx)
        if amount < 0:
            self.fail(f"'{value}' must not be negative", param, ctx)
        return amount


class _Rate(click.ParamType[Decimal, Any]):
    name = "RATE"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Decimal:
        try:
            return require_rate(Decimal(str(value)))
        except InvalidOperation:
            self.fail(f"'{value}' is not a decimal rate such as 0.08", param, ctx)
        except DomainError as exc:
            self.fail(exc.message, param, ctx)


class _PaymentArg(click.ParamType[Payment, Any]):
    name = "DATE=AMOUNT"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Payment:
        day, sep, amount = str(value).partition("=")
        if not sep:
            self.fail(f"'{value}' must look like 2024-06-30=400.00", param, ctx)
        return Payment(_Date().convert(day, param, ctx), _Amount().convert(amount, param, ctx))


DATE, AMOUNT, RATE = _Date(), _Amount(), _Rate()
KINDS = click.Choice([k.value for k in RateKind])
data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=lawdata.DEFAULT_DATA_DIR,
    show_default=True,
    help="Directory with the operator's rate overlay files.",
)


@click.group(cls=_JsonErrors)
def law() -> None:
    """Dutch collection law: interest, collection costs, 14-day letters, statements."""


@law.command()
@click.option("--principal", type=AMOUNT, required=True, help="Principal, e.g. 1000.00.")
@click.option("--kind", type=KINDS, required=True, help="consumer (6:119) or commercial (6:119a).")
@click.option("--due", type=DATE, help="Last day on which payment was on time.")
@click.option("--received", type=DATE, help="Commercial without agreed term: invoice receipt.")
@click.option("--until", type=DATE, required=True, help="Last interest day (inclusive).")
@click.option("--day-count", type=click.Choice(["act365", "actact"]), default="act365")
@click.option("--simple", is_flag=True, help="No yearly compounding.")
@click.option("--rate", type=RATE, help="Contractual yearly rate replacing the statutory one.")
@click.option("--payment", "payments", type=_PaymentArg(), multiple=True, help="DATE=AMOUNT")
@click.option("--provisional", is_flag=True, help="Allow dates past the table's valid_through.")
@click.option("--exclude-last-day", is_flag=True, help="The last day bears no interest.")
@data_dir_option
def interest(
    principal: Decimal,
    kind: str,
    due: date | None,
    received: date | None,
    until: date,
    day_count: str,
    simple: bool,
    rate: Decimal | None,
    payments: tuple[Payment, ...],
    provisional: bool,
    exclude_last_day: bool,
    data_dir: Path,
) -> None:
    """Statutory or contractual interest, segment by segment (art. 6:119, 6:119a BW)."""
    rate_kind = RateKind(kind)
    if received is not None and rate_kind is not RateKind.COMMERCIAL:
        fail(
            "--received (no agreed term, art. 6:119a lid 2 BW) is for commercial claims",
            as_json=True,
        )
    if due is not None and received is None:
        last_on_time = due
    elif received is not None and due is None:
        last_on_time = due_without_term(received)
    else:
        fail("give exactly one of --due or --received", as_json=True)
    settings = InterestSettings(
        day_count=DayCount(day_count),
        compound=not simple,
        include_last_day=not exclude_last_day,
        provisional=provisional,
    )
    rates: RateTable | FixedRate = (
        FixedRate(rate) if rate is not None else lawdata.load_rate_table(rate_kind, data_dir)
    )
    result = compute_interest(
        principal, due=last_on_time, until=until, rates=rates, payments=payments, settings=settings
    )
    emit_json(
        {
            **interest_document(result),
            "kind": kind,
            "due": last_on_time.isoformat(),
            "until": until.isoformat(),
            "day_count": day_count,
            "compound": not simple,
        }
    )


@law.command()
@click.option(
    "--principal",
    "principals",
    type=AMOUNT,
    multiple=True,
    required=True,
    help="Principal incl. VAT; repeat for claims dunned together (added).",
)
@click.option("--vat", is_flag=True, help="21% VAT uplift (creditor cannot deduct VAT).")
@click.option("--b2b", is_flag=True, help="Business debtor: max(40 x invoices, staffel).")
@click.option("--invoices", type=click.IntRange(min=1), help="Number of invoices (with --b2b).")
def costs(principals: tuple[Decimal, ...], vat: bool, b2b: bool, invoices: int | None) -> None:
    """Extrajudicial collection costs (art. 6:96 BW, Besluit BIK)."""
    if invoices is not None and not b2b:
        fail("--invoices applies to --b2b claims only (40 per invoice)", as_json=True)
    if b2b:
        result = b2b_costs(list(principals), invoices=invoices, vat_uplift=vat)
    else:
        result = consumer_costs(list(principals), vat_uplift=vat)
    emit_json(costs_document(result))


@law.command()
@click.option("--sent", type=DATE, required=True, help="Day the 14-day letter was sent.")
@click.option("--channel", type=click.Choice([c.value for c in Channel]), default="post")
@click.option(
    "--post-days",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Counted days until presumed delivery of post.",
)
def deadline(sent: date, channel: str, post_days: int) -> None:
    """Presumed delivery, last day and costs-due date of a 14-day letter (6:96 lid 6 BW)."""
    emit_json(deadline_document(letter_deadline(sent, Channel(channel), post_days=post_days)))


@law.command()
@click.option("--file", "path", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--on", type=DATE, required=True, help="Date of the statement.")
@data_dir_option
def statement(path: Path, on: date, data_dir: Path) -> None:
    """Statement of account of a claim file on a date (format: docs/law.md)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"cannot read {path}: {exc}", as_json=True)
    except json.JSONDecodeError as exc:
        fail(f"{path} is not JSON: {exc}", as_json=True)
    facts = parse_claim_document(document)
    result = statement_of_account(facts, on=on, rates=lawdata.load_rate_tables(data_dir))
    emit_json(statement_document(result))


@law.group()
def rates() -> None:
    """Statutory rate tables (package data plus the operator's overlay)."""


def _table_document(table: RateTable, overlay: RateTable | None) -> dict[str, Any]:
    own = {r.start: r for r in overlay.rows} if overlay else {}
    return {
        "kind": table.kind.value,
        "valid_through": table.valid_through.isoformat(),
        "title": table.title,
        "rows": [
            {
                "from": r.start.isoformat(),
                "rate": format_rate(r.rate),
                "source": r.source,
                "note": r.note,
                "origin": "overlay" if own.get(r.start) == r else "package",
            }
            for r in table.rows
        ],
    }


@rates.command("list")
@click.option("--kind", type=KINDS, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@data_dir_option
def rates_list(kind: str, as_json: bool, data_dir: Path) -> None:
    """List the rows of a rate table with their sources."""
    rate_kind = RateKind(kind)
    doc = _table_document(
        lawdata.load_rate_table(rate_kind, data_dir), lawdata.load_overlay(rate_kind, data_dir)
    )
    if as_json:
        emit_json(doc)
        return
    click.echo(f"{doc['title']} -- known through {doc['valid_through']}")
    for row in doc["rows"]:
        click.echo(f"{row['from']}  {row['rate']:>7}  {row['origin']:<8} {row['source']}")


@rates.command("add")
@click.option("--kind", type=KINDS, required=True)
@click.option("--from", "start", type=DATE, required=True, help="First day of the new rate.")
@click.option("--rate", type=RATE, required=True, help="Yearly fraction, e.g. 0.04.")
@click.option("--source", required=True, help='Official source, e.g. "Stb. 2026, 123".')
@click.option("--note", default="", help="Free note kept with the row.")
@click.option("--valid-through", type=DATE, help="Table complete through (default: half year).")
@click.option("--replace", is_flag=True, help="Correct an existing row on the same date.")
@data_dir_option
def rates_add(
    kind: str,
    start: date,
    rate: Decimal,
    source: str,
    note: str,
    valid_through: date | None,
    replace: bool,
    data_dir: Path,
) -> None:
    """Add an official rate row to the operator overlay (no code change needed)."""
    if not source.strip():
        fail("--source must name the official publication", as_json=True)
    rate_kind = RateKind(kind)
    row = RateRow(start, rate, source.strip(), note.strip())
    table = lawdata.add_rate_row(
        rate_kind, row, valid_through=valid_through, replace=replace, data_dir=data_dir
    )
    emit_json(
        {
            "added": {"from": start.isoformat(), "rate": format_rate(rate), "source": row.source},
            "kind": kind,
            "valid_through": table.valid_through.isoformat(),
            "overlay": str(lawdata.overlay_path(rate_kind, data_dir)),
        }
    )
