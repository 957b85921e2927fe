"""Storing checked invoices and credit notes, in the caller's transaction, in batches.

* a debtor not yet known is created (matched on the creditor's own debtor number, else on
  name and address); its creation is in the personal-data access log;
* each invoice joins the open in-house claim of its debtor in its currency, or opens one
  (one claim groups one debtor's invoices for collection; a claim has one currency);
* a document without a payment reference gets a 16-digit betalingskenmerk from the tenant and
  a per-tenant sequence (:func:`vorder.core.references.reference_number`);
* a credit note reduces the invoice it credits, in that invoice's claim; that claim (and any
  extended claim that has payments) is then recomputed by the law engine (:mod:`.accounts`);
* events, appended in one batch: ``DebtorCreated``, ``ClaimOpened``, ``InvoiceRegistered``,
  ``CreditNoteApplied`` (and ``OverpaymentCredited``/``ClaimPaidInFull`` from a recompute).

No per-row flushes: the repositories' ``add_many`` methods insert in chunks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from vorder.app.ledger.accounts import refresh_claim, refresh_events
from vorder.app.ledger.debtors import claim_kind
from vorder.app.ledger.intake import REFERENCE_SEQUENCE, Prepared
from vorder.app.ledger.records import DebtorData, NewClaim, NewInvoice
from vorder.app.ports import LedgerUnitOfWork
from vorder.app.records import Actor, Event
from vorder.core.law import StatutoryRates
from vorder.core.money import format_amount, from_cents
from vorder.core.references import make_betalingskenmerk, reference_number

PROGRESS_STEP = 10_000


@dataclass(slots=True)
class Written:
    invoices: list[int] = field(default_factory=list)
    credit_notes: list[int] = field(default_factory=list)
    debtors_created: int = 0
    claims_opened: list[int] = field(default_factory=list)
    claims_touched: set[int] = field(default_factory=set)


def payment_reference(tenant_id: int, sequence: int) -> str:
    """A 16-digit betalingskenmerk from the tenant and a per-tenant sequence number."""
    return make_betalingskenmerk(reference_number(tenant_id % 100_000, sequence))


def _debtor_ids(
    uow: LedgerUnitOfWork, docs: Sequence[Prepared], actor: Actor, now: datetime, out: Written
) -> tuple[list[int], list[Event]]:
    """Each document's debtor id (creating the unknown debtors) and DebtorCreated events."""
    keys = {d.debtor_key for d in docs if d.debtor_id is None}
    ids = uow.debtors.ids_by_match_keys(keys) if keys else {}
    new: dict[str, DebtorData] = {}
    for d in docs:
        if d.debtor_id is None and d.debtor_key not in ids and d.debtor is not None:
            new.setdefault(d.debtor_key, d.debtor)
    events: list[Event] = []
    if new:
        created = uow.debtors.add_many(list(new.items()), now=now)
        ids.update(created)
        out.debtors_created = len(created)
        events = [
            Event("debtor", i, "DebtorCreated", {"kind": new[k].kind}, now, actor.ref)
            for k, i in created.items()
        ]
        uow.bulk_events.record_access_many(
            list(created.values()),
            actor=actor,
            subject_type="debtor",
            action="change",
            purpose="register debtors from an invoice intake",
            now=now,
        )
    return [d.debtor_id if d.debtor_id is not None else ids[d.debtor_key] for d in docs], events


def _row(
    doc: Prepared,
    debtor_id: int,
    reference: tuple[str, str],
    batch_id: int | None,
    credited_id: int | None = None,
) -> NewInvoice:
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
        payment_reference=reference[0],
        payment_reference_kind=reference[1],
        source=doc.source,
        description=doc.description,
        buyer_reference=doc.buyer_reference,
        attachment_path=doc.attachment_path,
        credited_invoice_id=credited_id,
        import_batch_id=batch_id,
    )


def write(
    uow: LedgerUnitOfWork,
    docs: Sequence[Prepared],
    *,
    actor: Actor,
    rates: StatutoryRates,
    now: datetime,
    batch_id: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Written:
    """Store ``docs`` (already checked) with their debtors, claims and events;
    ``progress(n)`` is called as the invoices are inserted (n so far)."""
    out = Written()
    tick = progress or (lambda n: None)
    debtor_of, events = _debtor_ids(uow, docs, actor, now, out)

    def event(subject: str, subject_id: int, kind: str, payload: dict[str, object]) -> None:
        events.append(Event(subject, subject_id, kind, payload, now, actor.ref))

    missing = sum(1 for d in docs if d.payment_reference is None)
    next_seq = uow.invoices.reserve_sequence(REFERENCE_SEQUENCE, missing) if missing else 0
    references: list[tuple[str, str]] = []
    for d in docs:
        if d.payment_reference is None:
            references.append((payment_reference(actor.tenant_id, next_seq), "betalingskenmerk"))
            next_seq += 1
        else:
            references.append((d.payment_reference, d.payment_reference_kind or "free_text"))

    invoice_idx = [i for i, d in enumerate(docs) if d.document_type == "invoice"]
    note_idx = [i for i, d in enumerate(docs) if d.document_type == "credit_note"]

    # Claims: the debtor's open in-house claim in the currency, else a new one.
    groups: dict[tuple[int, str], list[int]] = defaultdict(list)
    for i in invoice_idx:
        groups[(debtor_of[i], docs[i].currency)].append(i)
    debtors = {k[0] for k in groups}
    claim_of = {k: c for k, c in uow.claims.extendable(debtors).items() if k in groups}
    to_open = [k for k in groups if k not in claim_of]
    if to_open:
        kinds = uow.debtors.kinds({k[0] for k in to_open})
        new_claims = [
            NewClaim(
                debtor_id=debtor_id,
                kind=claim_kind(kinds[debtor_id]),
                currency=currency,
                oldest_due_date=min(docs[i].due_date for i in groups[(debtor_id, currency)]),
                principal_cents=sum(
                    docs[i].amount_due_cents for i in groups[(debtor_id, currency)]
                ),
            )
            for debtor_id, currency in to_open
        ]
        opened = uow.claims.add_many(new_claims, now=now)
        for group, new, claim_id in zip(to_open, new_claims, opened, strict=True):
            claim_of[group] = claim_id
            event(
                "claim",
                claim_id,
                "ClaimOpened",
                {"debtor_id": new.debtor_id, "kind": new.kind, "currency": new.currency},
            )
        out.claims_opened = list(opened)
    opened_set = set(out.claims_opened)

    invoice_ids: list[int] = []
    for start in range(0, len(invoice_idx), PROGRESS_STEP):
        part = invoice_idx[start : start + PROGRESS_STEP]
        invoice_ids += uow.invoices.add_many(
            [_row(docs[i], debtor_of[i], references[i], batch_id) for i in part], now=now
        )
        tick(len(invoice_ids))
    out.invoices = invoice_ids
    members: list[tuple[int, int]] = []
    extended: dict[int, tuple[int, date]] = {}
    by_number: dict[str, tuple[int, int]] = {}
    for i, invoice_id in zip(invoice_idx, invoice_ids, strict=True):
        d = docs[i]
        claim_id = claim_of[(debtor_of[i], d.currency)]
        members.append((claim_id, invoice_id))
        by_number[d.number] = (invoice_id, claim_id)
        if claim_id not in opened_set:
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

    to_refresh: set[int] = set()
    if note_idx:
        wanted = {docs[i].credited_number or "" for i in note_idx} - set(by_number)
        for row in uow.invoices.by_numbers("invoice", wanted).values() if wanted else []:
            if row.claim_id is not None:
                by_number[row.number] = (row.id, row.claim_id)
        note_ids = uow.invoices.add_many(
            [
                _row(
                    docs[i],
                    debtor_of[i],
                    references[i],
                    batch_id,
                    by_number[docs[i].credited_number or ""][0],
                )
                for i in note_idx
            ],
            now=now,
        )
        out.credit_notes = note_ids
        for i, note_id in zip(note_idx, note_ids, strict=True):
            d = docs[i]
            invoice_id, claim_id = by_number[d.credited_number or ""]
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
    to_refresh |= uow.payments.claims_with_payments(set(extended)) if extended else set()
    for claim_id in sorted(to_refresh):
        claim = uow.claims.get(claim_id)
        if claim is not None:
            done = refresh_claim(uow, claim, rates=rates, now=now)
            for e in refresh_events(done, actor=actor, now=now):
                uow.events.append(e, now=now)
    out.claims_touched = opened_set | set(extended) | to_refresh
    uow.claims.wake(out.claims_touched - opened_set, at=now)
    return out
