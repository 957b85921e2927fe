"""Invoices and credit notes on their way into the ledger: prepared and checked.

Every intake path (API, CSV, UBL, demo) produces a list of :class:`Prepared` documents whose
debtors are known by id or by match key. :func:`check_against_ledger` finds what conflicts
with the stored ledger (bilingual :class:`IntakeError` s); :func:`.writer.write` stores the
rest in the caller's transaction:

* a debtor not yet known is created (matched on the creditor's own debtor number, else on
  name and address);
* each invoice joins the open in-house claim of its debtor in its currency, or opens one
  (one claim groups one debtor's invoices for collection; a claim has one currency);
* a credit note reduces the invoice it credits, in that invoice's claim (the claim is then
  recomputed by the law engine, see :mod:`.accounts`);
* events: ``DebtorCreated``, ``ClaimOpened``, ``InvoiceRegistered``, ``CreditNoteApplied``.

Bulk writes go through the repositories' batch methods (no per-row flushes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from vorder.app.ledger.debtors import from_core, match_key
from vorder.app.ledger.messages import ledger_error
from vorder.app.ledger.records import DebtorData, InvoiceRow
from vorder.app.ports import LedgerUnitOfWork
from vorder.core.intake import IntakeError, InvoiceRecord
from vorder.core.money import format_amount, from_cents, to_cents

STATUTORY_TERM = timedelta(days=30)  # art. 6:119a lid 2 BW, when a document states no term
REFERENCE_SEQUENCE = "payment_reference"


@dataclass(frozen=True, slots=True)
class Prepared:
    """A validated invoice or credit note, before it has an id."""

    line: int
    document_type: str
    number: str
    issue_date: date
    due_date: date
    due_date_stated: bool
    total_cents: int
    vat_cents: int | None
    amount_due_cents: int
    currency: str
    source: str
    debtor_key: str
    debtor: DebtorData | None = None
    debtor_id: int | None = None
    payment_reference: str | None = None
    payment_reference_kind: str | None = None
    description: str | None = None
    buyer_reference: str | None = None
    attachment_path: str | None = None
    credited_number: str | None = None


def prepare_all(records: Sequence[InvoiceRecord], *, source: str) -> list[Prepared]:
    """Intake records as documents to write (a debtor repeated in a file is converted once)."""
    seen: dict[int, tuple[DebtorData, str]] = {}
    out = []
    for record in records:
        known = seen.get(id(record.debtor))
        if known is None:
            debtor = from_core(record.debtor)
            known = seen[id(record.debtor)] = (debtor, match_key(debtor))
        out.append(prepare(record, source=source, debtor=known))
    return out


def prepare(
    record: InvoiceRecord, *, source: str, debtor: tuple[DebtorData, str] | None = None
) -> Prepared:
    """An intake record (CSV, UBL, demo) as a document to write."""
    data, key = debtor if debtor is not None else (d := from_core(record.debtor), match_key(d))
    due = record.due_date
    reference = record.payment_reference
    return Prepared(
        line=record.line,
        document_type=record.document_type.value,
        number=record.number,
        issue_date=record.issue_date,
        due_date=due if due is not None else record.issue_date + STATUTORY_TERM,
        due_date_stated=due is not None,
        total_cents=to_cents(record.total),
        vat_cents=to_cents(record.vat) if record.vat is not None else None,
        amount_due_cents=to_cents(record.amount_due),
        currency=record.currency,
        source=source,
        debtor_key=key,
        debtor=data,
        payment_reference=reference.value if reference else None,
        payment_reference_kind=reference.kind.value if reference else None,
        description=record.description,
        buyer_reference=record.buyer_reference,
        credited_number=record.credited_invoice_number,
    )


@dataclass(slots=True)
class Checked:
    """What :func:`check_against_ledger` found: errors, documents already stored."""

    errors: list[IntakeError] = field(default_factory=list)
    already_present: set[int] = field(default_factory=set)  # indexes into the documents
    rejected: set[int] = field(default_factory=set)


def _same(existing: InvoiceRow, doc: Prepared, debtor_id: int | None) -> bool:
    return (
        existing.issue_date == doc.issue_date
        and existing.total_cents == doc.total_cents
        and existing.currency == doc.currency
        and existing.debtor_id == debtor_id
    )


def check_against_ledger(
    uow: LedgerUnitOfWork, docs: Sequence[Prepared], *, file: str | None = None
) -> Checked:
    """Numbers already used (the same document is skipped, another one is an error) and
    credit notes whose invoice is missing, of another debtor or currency, or over-credited."""
    out = Checked()
    keys = {d.debtor_key for d in docs if d.debtor_id is None}
    known = uow.debtors.ids_by_match_keys(keys) if keys else {}

    def debtor_of(doc: Prepared) -> int | None:
        return doc.debtor_id if doc.debtor_id is not None else known.get(doc.debtor_key)

    stored: dict[str, dict[str, InvoiceRow]] = {}
    for kind in ("invoice", "credit_note"):
        numbers = {d.number for d in docs if d.document_type == kind}
        stored[kind] = uow.invoices.by_numbers(kind, numbers) if numbers else {}
    for index, doc in enumerate(docs):
        existing = stored[doc.document_type].get(doc.number)
        if existing is None:
            continue
        if _same(existing, doc, debtor_of(doc)):
            out.already_present.add(index)
        else:
            out.errors.append(
                ledger_error(
                    "number_exists", line=doc.line, field=None, file=file, number=doc.number
                )
            )
            out.rejected.add(index)

    in_file = {
        d.number: (i, d)
        for i, d in enumerate(docs)
        if d.document_type == "invoice" and i not in out.rejected
    }
    credited_numbers = {
        d.credited_number for d in docs if d.document_type == "credit_note" and d.credited_number
    }
    targets = uow.invoices.by_numbers("invoice", credited_numbers) if credited_numbers else {}
    credit_sum: dict[str, int] = defaultdict(int)
    for index, doc in enumerate(docs):
        if doc.document_type != "credit_note" or index in out.rejected:
            continue
        number = doc.credited_number or ""
        problem: tuple[str, dict[str, Any]] | None = None
        target = targets.get(number)
        found = in_file.get(number)
        if target is not None:
            limit = target.amount_due_cents - target.credited_cents
            same_debtor = target.debtor_id == debtor_of(doc)
            currency = target.currency
        elif found is not None:
            invoice = found[1]
            limit = invoice.amount_due_cents
            same_debtor = (invoice.debtor_key, invoice.debtor_id) == (doc.debtor_key, doc.debtor_id)
            currency = invoice.currency
        else:
            problem = ("credited_invoice_missing", {})
        if problem is None and not same_debtor:
            problem = ("credited_invoice_other_debtor", {})
        elif problem is None and currency != doc.currency:
            problem = (
                "credited_invoice_other_currency",
                {"currency": currency, "other": doc.currency},
            )
        elif problem is None and index not in out.already_present:
            credit_sum[number] += doc.amount_due_cents
            if credit_sum[number] > limit:
                problem = ("credit_exceeds_invoice", {"amount": format_amount(from_cents(limit))})
        if problem is not None:
            code, params = problem
            out.errors.append(
                ledger_error(code, line=doc.line, field=None, file=file, number=number, **params)
            )
            out.rejected.add(index)
    return out
