"""Writing invoices and credit notes into the ledger, one or a hundred thousand at a time.

Every intake path (API, CSV, UBL, demo) ends here with a list of :class:`Prepared`
documents whose debtors are known by id or by match key. :func:`check_against_ledger` finds
what conflicts with the stored ledger (bilingual :class:`IntakeError` s); :func:`write` stores
the rest in the caller's transaction:

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
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from vorder.app.ledger.accounts import refresh_claim, refresh_events
from vorder.app.ledger.debtors import claim_kind, from_core, match_key
from vorder.app.ledger.messages import ledger_error
from vorder.app.ledger.records import DebtorData, InvoiceRow, NewClaim, NewInvoice
from vorder.app.ports import LedgerUnitOfWork
from vorder.app.records import Actor, Event
from vorder.core.intake import IntakeError, InvoiceRecord
from vorder.core.law import StatutoryRates
from vorder.core.money import format_amount, from_cents, to_cents
from vorder.core.references import make_betalingskenmerk, reference_number

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


def prepare(record: InvoiceRecord, *, source: str) -> Prepared:
    """An intake record (CSV, UBL, demo) as a document to write."""
    debtor = from_core(record.debtor)
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
        debtor_key=match_key(debtor),
        debtor=debtor,
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


@dataclass(slots=True)
class Written:
    invoices: list[int] = field(default_factory=list)
    credit_notes: list[int] = field(default_factory=list)
    debtors_created: int = 0
    claims_opened: list[int] = field(default_factory=list)
    claims_touched: set[int] = field(default_factory=set)


def _reference(tenant_id: int, sequence: int) -> str:
    """A 16-digit betalingskenmerk from the tenant and a per-tenant sequence number."""
    return make_betalingskenmerk(reference_number(tenant_id % 100_000, sequence))


def _new_invoice(doc: Prepared, debtor_id: int, reference: str, kind: str) -> NewInvoice:
    return NewInvoice(
        debtor_id=debtor_id,
        document_type=doc.document_type,
        number=doc.number,
        issue_date=doc.issue_date,
        due_date=doc.due_date,
        due_date_stated=doc.due_date_stated,
        total_cents=doc.total_cents,
        vat_cents=doc.vat_cents,
        amount_due_cents=doc.amount_due_cents,
        currency=doc.currency,
        payment_reference=reference,
        payment_reference_kind=kind,
        source=doc.source,
        description=doc.description,
        buyer_reference=doc.buyer_reference,
        attachment_path=doc.attachment_path,
    )


def write(
    uow: LedgerUnitOfWork,
    docs: Sequence[Prepared],
    *,
    actor: Actor,
    rates: StatutoryRates,
    now: datetime,
    batch_id: int | None = None,
) -> Written:
    """Store ``docs`` (already checked) with their debtors, claims and events."""
    out = Written()
    tenant_id = actor.tenant_id
    events: list[Event] = []

    def event(subject: str, subject_id: int, kind: str, payload: dict[str, object]) -> None:
        events.append(Event(subject, subject_id, kind, payload, now, actor.ref))

    # Debtors: known by id, by match key, or new.
    keys = {d.debtor_key for d in docs if d.debtor_id is None}
    debtor_ids = uow.debtors.ids_by_match_keys(keys) if keys else {}
    new_debtors: dict[str, DebtorData] = {}
    for d in docs:
        if d.debtor_id is None and d.debtor_key not in debtor_ids and d.debtor is not None:
            new_debtors.setdefault(d.debtor_key, d.debtor)
    if new_debtors:
        created = uow.debtors.add_many(list(new_debtors.items()), now=now)
        debtor_ids.update(created)
        out.debtors_created = len(created)
        for key, debtor_id in created.items():
            event("debtor", debtor_id, "DebtorCreated", {"kind": new_debtors[key].kind})
        uow.bulk_events.record_access_many(
            list(created.values()),
            actor=actor,
            subject_type="debtor",
            action="change",
            purpose="register debtors from an invoice intake",
            now=now,
        )
    resolved = [
        replace(d, debtor_id=d.debtor_id if d.debtor_id is not None else debtor_ids[d.debtor_key])
        for d in docs
    ]

    # Payment references: keep the document's, else a generated betalingskenmerk.
    missing = sum(1 for d in resolved if d.payment_reference is None)
    first = uow.invoices.reserve_sequence(REFERENCE_SEQUENCE, missing) if missing else 0

    def reference_of(doc: Prepared, counter: list[int]) -> tuple[str, str]:
        if doc.payment_reference is not None:
            return doc.payment_reference, doc.payment_reference_kind or "free_text"
        counter[0] += 1
        return _reference(tenant_id, first + counter[0] - 1), "betalingskenmerk"

    counter = [0]
    invoices = [d for d in resolved if d.document_type == "invoice"]
    notes = [d for d in resolved if d.document_type == "credit_note"]

    # Claims: the debtor's open in-house claim in the currency, else a new one.
    extendable = uow.claims.extendable({d.debtor_id for d in invoices if d.debtor_id})
    kinds = uow.debtors.kinds({d.debtor_id for d in invoices if d.debtor_id}) if invoices else {}
    groups: dict[tuple[int, str], list[Prepared]] = defaultdict(list)
    for d in invoices:
        assert d.debtor_id is not None
        groups[(d.debtor_id, d.currency)].append(d)
    claim_of: dict[tuple[int, str], int] = {k: c.id for k, c in extendable.items() if k in groups}
    to_open = [k for k in groups if k not in claim_of]
    if to_open:
        new_claims = [
            NewClaim(
                debtor_id=debtor_id,
                kind=claim_kind(kinds[debtor_id]),
                currency=currency,
                oldest_due_date=min(d.due_date for d in groups[(debtor_id, currency)]),
                principal_cents=sum(d.amount_due_cents for d in groups[(debtor_id, currency)]),
            )
            for debtor_id, currency in to_open
        ]
        opened = uow.claims.add_many(new_claims, now=now)
        for group, new, claim_id in zip(to_open, new_claims, opened, strict=True):
            claim_of[group] = claim_id
            out.claims_opened.append(claim_id)
            event(
                "claim",
                claim_id,
                "ClaimOpened",
                {"debtor_id": new.debtor_id, "kind": new.kind, "currency": new.currency},
            )
    rows = []
    for d in invoices:
        reference, kind = reference_of(d, counter)
        assert d.debtor_id is not None
        rows.append(
            replace(_new_invoice(d, d.debtor_id, reference, kind), import_batch_id=batch_id)
        )
    invoice_ids = uow.invoices.add_many(rows, now=now)
    out.invoices = invoice_ids
    members: list[tuple[int, int]] = []
    extended: dict[int, tuple[int, date]] = {}
    number_ids: dict[str, tuple[int, int]] = {}
    for d, invoice_id in zip(invoices, invoice_ids, strict=True):
        assert d.debtor_id is not None
        claim_id = claim_of[(d.debtor_id, d.currency)]
        members.append((claim_id, invoice_id))
        number_ids[d.number] = (invoice_id, claim_id)
        if claim_id not in out.claims_opened:
            cents, due = extended.get(claim_id, (0, d.due_date))
            extended[claim_id] = (cents + d.amount_due_cents, min(due, d.due_date))
        event(
            "claim",
            claim_id,
            "InvoiceRegistered",
            {
                "invoice_id": invoice_id,
                "number": d.number,
                "amount": format_amount(from_cents(d.amount_due_cents)),
                "currency": d.currency,
                "due_date": d.due_date.isoformat(),
                "source": d.source,
            },
        )
    uow.claims.add_principal(extended, now=now)

    # Credit notes: in the claim of the invoice they credit.
    credited = (
        uow.invoices.by_numbers(
            "invoice", {d.credited_number for d in notes if d.credited_number} - set(number_ids)
        )
        if notes
        else {}
    )
    for row in credited.values():
        if row.claim_id is not None:
            number_ids[row.number] = (row.id, row.claim_id)
    note_rows = []
    for d in notes:
        reference, kind = reference_of(d, counter)
        assert d.debtor_id is not None and d.credited_number is not None
        invoice_id, _ = number_ids[d.credited_number]
        note_rows.append(
            replace(
                _new_invoice(d, d.debtor_id, reference, kind),
                credited_invoice_id=invoice_id,
                import_batch_id=batch_id,
            )
        )
    note_ids = uow.invoices.add_many(note_rows, now=now) if note_rows else []
    out.credit_notes = note_ids
    to_refresh: set[int] = set()
    for d, note_id in zip(notes, note_ids, strict=True):
        assert d.credited_number is not None
        invoice_id, claim_id = number_ids[d.credited_number]
        members.append((claim_id, note_id))
        to_refresh.add(claim_id)
        event(
            "claim",
            claim_id,
            "CreditNoteApplied",
            {
                "credit_note_id": note_id,
                "number": d.number,
                "invoice_id": invoice_id,
                "invoice_number": d.credited_number,
                "amount": format_amount(from_cents(d.amount_due_cents)),
            },
        )
    uow.claims.add_members(members, now=now)
    uow.bulk_events.append_many(events, now=now)
    to_refresh |= uow.payments.claims_with_payments(set(extended))
    for claim_id in sorted(to_refresh):
        claim_row = uow.claims.get(claim_id)
        if claim_row is not None:
            done = refresh_claim(uow, claim_row, rates=rates, now=now)
            for e in refresh_events(done, actor=actor, now=now):
                uow.events.append(e, now=now)
    out.claims_touched = set(out.claims_opened) | set(extended) | to_refresh
    uow.claims.wake(out.claims_touched, at=now)
    return out
