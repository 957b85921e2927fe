"""Use cases: register one invoice or credit note, read and list invoices.

Registering an invoice puts it in the open in-house claim of its debtor in its currency (or
opens one); a credit note reduces the invoice it credits and its claim is recomputed by the
law engine (see :mod:`.intake` and :mod:`.accounts`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from vorder.app.ledger.debtors import check_sort, ledger, page_bounds
from vorder.app.ledger.errors import (
    CreditedInvoiceMissing,
    CreditExceedsInvoice,
    CurrencyMismatch,
    DebtorNotFound,
    DuplicateInvoiceNumber,
    InvoiceNotFound,
    WrongDebtor,
)
from vorder.app.ledger.intake import STATUTORY_TERM, Prepared, check_against_ledger
from vorder.app.ledger.records import ClaimRow, InvoiceRow, Page
from vorder.app.ledger.writer import write
from vorder.app.ports import UnitOfWorkFactory
from vorder.app.records import Actor, Event
from vorder.core.errors import DomainError
from vorder.core.intake.checks import check_document
from vorder.core.intake.messages import intake_error
from vorder.core.law import StatutoryRates
from vorder.core.money import DEFAULT_CURRENCY, parse_amount, to_cents
from vorder.core.references import classify_payment_reference

INVOICE_SORTS = (
    "due_date",
    "-due_date",
    "number",
    "-number",
    "outstanding",
    "-outstanding",
    "created_at",
    "-created_at",
)
DOCUMENT_TYPES = ("invoice", "credit_note")
MAX_NUMBER = 64
_CURRENCY = re.compile(r"^[A-Z]{3}$")


class InvalidInvoice(DomainError):
    code = "invalid_invoice"


@dataclass(frozen=True, slots=True)
class InvoiceInput:
    """An invoice or credit note as entered (amounts as Decimal; a credit note positive)."""

    debtor_id: int
    number: str
    issue_date: date
    total: Decimal
    due_date: date | None = None
    vat: Decimal | None = None
    amount_due: Decimal | None = None
    currency: str = DEFAULT_CURRENCY
    payment_reference: str | None = None
    description: str | None = None
    buyer_reference: str | None = None
    attachment_path: str | None = None
    document_type: str = "invoice"
    credited_invoice_number: str | None = None
    source: str = "api"


@dataclass(frozen=True, slots=True)
class Registered:
    invoice: InvoiceRow
    claim: ClaimRow


def _check(entry: InvoiceInput) -> Prepared:
    number = entry.number.strip()
    if not number or len(number) > MAX_NUMBER:
        raise InvalidInvoice(f"give a number of 1 to {MAX_NUMBER} characters", field="number")
    if entry.document_type not in DOCUMENT_TYPES:
        raise InvalidInvoice("the type is invoice or credit_note", field="document_type")
    credit = entry.document_type == "credit_note"
    if credit and not (entry.credited_invoice_number or "").strip():
        raise InvalidInvoice(
            "a credit note must name the invoice it credits", field="credited_invoice_number"
        )
    if not _CURRENCY.match(entry.currency):
        raise InvalidInvoice("the currency is an ISO 4217 code, e.g. EUR", field="currency")
    total = parse_amount(entry.total, field="total")
    vat = parse_amount(entry.vat, field="vat") if entry.vat is not None else None
    due_amount = (
        parse_amount(entry.amount_due, field="amount_due")
        if entry.amount_due is not None
        else total
    )
    for finding in check_document(
        issue_date=entry.issue_date,
        due_date=entry.due_date,
        total=total,
        vat=vat,
        amount_due=due_amount,
    ):
        if finding.severity.value == "error" or (credit and finding.code == "zero_total"):
            message = intake_error(finding.code, line=0, field=None, **finding.params).message_en
            raise InvalidInvoice(message, field=finding.target)
    reference = None
    if entry.payment_reference:
        reference = classify_payment_reference(entry.payment_reference)
    due = entry.due_date
    return Prepared(
        line=0,
        document_type=entry.document_type,
        number=number,
        issue_date=entry.issue_date,
        due_date=due if due is not None else entry.issue_date + STATUTORY_TERM,
        due_date_stated=due is not None,
        total_cents=to_cents(total),
        vat_cents=to_cents(vat) if vat is not None else None,
        amount_due_cents=to_cents(due_amount),
        currency=entry.currency,
        source=entry.source,
        debtor_key="",
        debtor_id=entry.debtor_id,
        payment_reference=reference.value if reference else None,
        payment_reference_kind=reference.kind.value if reference else None,
        description=entry.description,
        buyer_reference=entry.buyer_reference,
        attachment_path=entry.attachment_path,
        credited_number=(entry.credited_invoice_number or "").strip() or None,
    )


_ERRORS: dict[str, type[DomainError]] = {
    "number_exists": DuplicateInvoiceNumber,
    "credited_invoice_missing": CreditedInvoiceMissing,
    "credited_invoice_other_debtor": WrongDebtor,
    "credited_invoice_other_currency": CurrencyMismatch,
    "credit_exceeds_invoice": CreditExceedsInvoice,
}


def register_invoice(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    entry: InvoiceInput,
    rates: StatutoryRates,
    now: datetime,
) -> Registered:
    """Register one invoice or credit note of a known debtor (see the module docstring)."""
    doc = _check(entry)
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = ledger(base)
        if uow.debtors.get(entry.debtor_id) is None:
            raise DebtorNotFound(f"no debtor {entry.debtor_id}", field="debtor_id")
        found = check_against_ledger(uow, [doc])
        if found.already_present:
            existing = uow.invoices.by_numbers(doc.document_type, [doc.number])[doc.number]
            raise DuplicateInvoiceNumber(
                f"number '{doc.number}' is already registered (invoice {existing.id})",
                field="number",
            )
        if found.errors:
            error = found.errors[0]
            field = "number" if error.code == "number_exists" else "credited_invoice_number"
            raise _ERRORS[error.code](error.message_en, field=field)
        written = write(uow, [doc], actor=actor, rates=rates, now=now)
        invoice_id = (written.invoices or written.credit_notes)[0]
        uow.commit()
        invoice = uow.invoices.get(invoice_id)
        assert invoice is not None and invoice.claim_id is not None
        claim = uow.claims.get(invoice.claim_id)
        assert claim is not None
    return Registered(invoice, claim)


def get_invoice(uow_factory: UnitOfWorkFactory, *, actor: Actor, invoice_id: int) -> InvoiceRow:
    with uow_factory(tenant_id=actor.tenant_id) as base:
        invoice = ledger(base).invoices.get(invoice_id)
    if invoice is None:
        raise InvoiceNotFound(f"no invoice {invoice_id}", field="invoice_id")
    return invoice


def list_invoices(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    q: str | None = None,
    debtor_id: int | None = None,
    claim_id: int | None = None,
    document_type: str | None = None,
    open_only: bool = False,
    due_from: date | None = None,
    due_to: date | None = None,
    sort: str = "due_date",
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Invoices and credit notes by number, payment reference, debtor name or IBAN."""
    check_sort(sort, INVOICE_SORTS)
    if document_type is not None and document_type not in DOCUMENT_TYPES:
        raise InvalidInvoice("the type is invoice or credit_note", field="document_type")
    limit, offset = page_bounds(limit, offset)
    with uow_factory(tenant_id=actor.tenant_id) as base:
        rows = ledger(base).invoices.search(
            q=q,
            debtor_id=debtor_id,
            claim_id=claim_id,
            document_type=document_type,
            open_only=open_only,
            due_from=due_from,
            due_to=due_to,
            sort=sort,
            limit=limit + 1,
            offset=offset,
        )
    return Page(rows[:limit], offset + limit if len(rows) > limit else None)


DETAILS = {"description": 500, "buyer_reference": 100, "attachment_path": 500}


def update_invoice(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    invoice_id: int,
    changes: Mapping[str, str | None],
    now: datetime,
) -> InvoiceRow:
    """Change an invoice's descriptive fields. Amounts and dates are corrected with a credit
    note (and a new invoice), so that the claim's history stays explainable."""
    unknown = sorted(set(changes) - set(DETAILS))
    if unknown:
        raise InvalidInvoice(
            f"'{unknown[0]}' cannot be changed; amounts and dates are corrected with a credit note",
            field=unknown[0],
        )
    values: dict[str, str | None] = {}
    for name, value in changes.items():
        text = (value or "").strip() or None
        if text is not None and len(text) > DETAILS[name]:
            raise InvalidInvoice(f"{name} is longer than {DETAILS[name]} characters", field=name)
        values[name] = text
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = ledger(base)
        invoice = uow.invoices.get(invoice_id)
        if invoice is None:
            raise InvoiceNotFound(f"no invoice {invoice_id}", field="invoice_id")
        changed = {k: v for k, v in values.items() if getattr(invoice, k) != v}
        if not changed:
            return invoice
        uow.invoices.update_details(invoice_id, changed)
        if invoice.claim_id is not None:
            uow.events.append(
                Event(
                    "claim",
                    invoice.claim_id,
                    "InvoiceDetailsChanged",
                    {"invoice_id": invoice_id, "fields": sorted(changed)},
                    now,
                    actor.ref,
                ),
                now=now,
            )
        uow.commit()
        updated = uow.invoices.get(invoice_id)
    assert updated is not None
    return updated
