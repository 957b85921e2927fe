"""A claim's account: its facts for the law engine, and the stored projection of the result.

The law engine (:func:`vorder.core.law.statement_of_account`) is the one source of amounts.
A claim's facts are built from its rows: the invoices (net of their credit notes — a credit
note corrects the invoice from the start), the 14-day letters (``FourteenDayLetterSent``
events), the collection costs charged (on the claim row) and each payment's share for this
claim. After every change (invoice added, credit note, costs charged, payment) the claim is
*refreshed*: the statement is computed on the latest date of its facts and its allocations
(art. 6:44 BW, per payment: costs, interest, principal), credits (over-payments) and
denormalised amounts are rewritten from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from vorder.app.ledger.records import (
    AllocationRow,
    ClaimRow,
    ClaimShare,
    ClaimTotals,
    CreditRow,
    InvoiceRow,
)
from vorder.app.ports import LedgerUnitOfWork
from vorder.app.records import Actor, Event
from vorder.core.law import (
    ClaimFacts,
    ContractualRate,
    CostsCharged,
    InterestSettings,
    Invoice,
    LetterSent,
    PaymentReceived,
    Statement,
    StatutoryRates,
    statement_of_account,
)
from vorder.core.law.letter import Channel
from vorder.core.law.statement import LineKind
from vorder.core.law.tables import RateKind
from vorder.core.money import format_amount, from_cents, to_cents

# Keep working past the rate table's known end; every statement shows the flag (law-nl.md §2).
SETTINGS = InterestSettings(provisional=True)
LETTER_EVENT = "FourteenDayLetterSent"
CLOSED = ("closed", "written_off")


@dataclass(frozen=True, slots=True)
class ClaimBook:
    """Everything stored about one claim that its statement depends on."""

    claim: ClaimRow
    invoices: tuple[InvoiceRow, ...]
    credit_notes: tuple[InvoiceRow, ...]
    shares: tuple[ClaimShare, ...]
    letters: tuple[LetterSent, ...]

    def credited(self, invoice_id: int) -> int:
        return sum(
            c.amount_due_cents for c in self.credit_notes if c.credited_invoice_id == invoice_id
        )

    def last_day(self) -> date:
        days = [i.issue_date for i in self.invoices]
        days += [s.payment.paid_on for s in self.shares]
        days += [letter.on for letter in self.letters]
        if self.claim.costs_charged_on is not None:
            days.append(self.claim.costs_charged_on)
        return max(days)


@dataclass(slots=True)
class Split:
    """One payment's share as the engine allocated it within the claim (art. 6:44 BW)."""

    amount: Decimal
    costs: Decimal = Decimal("0.00")
    interest: dict[str, Decimal] = field(default_factory=dict)
    principal: dict[str, Decimal] = field(default_factory=dict)
    surplus: Decimal = Decimal("0.00")


def letters_from(events: Sequence[Event]) -> tuple[LetterSent, ...]:
    out = []
    for e in events:
        if e.type != LETTER_EVENT:
            continue
        p = e.payload
        out.append(
            LetterSent(
                on=date.fromisoformat(p["on"]),
                channel=Channel(p.get("channel", "post")),
                cost_amount=Decimal(p["cost_amount"]) if p.get("cost_amount") else None,
                vat_uplift_stated=bool(p.get("vat_uplift_stated", False)),
            )
        )
    return tuple(out)


def load_book(
    uow: LedgerUnitOfWork, claim: ClaimRow, extra: Sequence[ClaimShare] = ()
) -> ClaimBook:
    rows = uow.invoices.for_claim(claim.id)
    shares = [s for s in (*uow.payments.shares_for_claim(claim.id), *extra) if s.cents > 0]
    shares.sort(key=lambda s: (s.payment.paid_on, s.payment.id))
    return ClaimBook(
        claim=claim,
        invoices=tuple(r for r in rows if r.document_type == "invoice"),
        credit_notes=tuple(r for r in rows if r.document_type == "credit_note"),
        shares=tuple(shares),
        letters=letters_from(uow.events.for_subject("claim", claim.id)),
    )


def facts_of(book: ClaimBook) -> ClaimFacts:
    """The claim as the law engine reads it (see the module docstring)."""
    claim = book.claim
    numbers = {i.id: i.number for i in book.invoices}
    invoices = tuple(
        Invoice(
            number=i.number,
            issued=i.issue_date,
            amount=from_cents(i.amount_due_cents - book.credited(i.id)),
            due=i.due_date,
        )
        for i in book.invoices
    )
    events: list[LetterSent | CostsCharged | PaymentReceived] = list(book.letters)
    if claim.costs_charged_on is not None:
        events.append(CostsCharged(on=claim.costs_charged_on, vat_uplift=claim.vat_uplift))
    for share in book.shares:
        designated = share.payment.designated_invoice_id
        events.append(
            PaymentReceived(
                on=share.payment.paid_on,
                amount=from_cents(share.cents),
                designated=(numbers[designated],) if designated in numbers else (),
            )
        )
    rate = None
    if claim.contractual_rate is not None:
        rate = ContractualRate(Decimal(claim.contractual_rate), compound=claim.compound)
    return ClaimFacts(
        kind=RateKind(claim.kind),
        invoices=invoices,
        events=tuple(events),
        contractual_rate=rate,
        settings=SETTINGS,
        reference=f"claim {claim.id}",
    )


def statement_for(book: ClaimBook, *, on: date, rates: StatutoryRates) -> Statement:
    return statement_of_account(facts_of(book), on=on, rates=rates)


_ALLOCATED = {LineKind.TO_COSTS, LineKind.TO_INTEREST, LineKind.TO_PRINCIPAL, LineKind.SURPLUS}


def splits_of(statement: Statement) -> list[Split]:
    """Each payment's allocation, read from the statement's lines in the engine's order."""
    splits: list[Split] = []
    current: Split | None = None
    for line in statement.lines:
        if line.kind is LineKind.PAYMENT:
            current = Split(-line.amount)
            splits.append(current)
        elif current is not None and line.kind in _ALLOCATED:
            amount = -line.amount
            if line.kind is LineKind.TO_COSTS:
                current.costs += amount
            elif line.kind is LineKind.SURPLUS:
                current.surplus += amount
            else:
                target = (
                    current.interest if line.kind is LineKind.TO_INTEREST else current.principal
                )
                key = line.invoice or ""
                target[key] = target.get(key, Decimal("0.00")) + amount
        else:
            current = None
    return splits


@dataclass(frozen=True, slots=True)
class Refreshed:
    claim_id: int
    statement: Statement | None
    allocations: tuple[AllocationRow, ...]
    credits_changed: tuple[CreditRow, ...]
    closed_now: bool


def refresh_claim(
    uow: LedgerUnitOfWork,
    claim: ClaimRow,
    *,
    rates: StatutoryRates,
    now: datetime,
    extra: Sequence[ClaimShare] = (),
) -> Refreshed:
    """Recompute the claim from its facts and store allocations, credits and amounts."""
    book = load_book(uow, claim, extra)
    if not book.invoices:
        return Refreshed(claim.id, None, (), (), False)
    statement = statement_for(book, on=book.last_day(), rates=rates)
    splits = splits_of(statement)
    if len(splits) != len(book.shares):  # pragma: no cover - the engine's contract
        raise RuntimeError(f"claim {claim.id}: {len(splits)} allocations for {len(book.shares)}")
    ids = {i.number: i.id for i in book.invoices}
    rows: list[AllocationRow] = []
    changed: list[CreditRow] = []
    for share, split in zip(book.shares, splits, strict=True):
        if to_cents(split.amount) != share.cents:  # pragma: no cover - the engine's contract
            raise RuntimeError(f"claim {claim.id}: payment {share.payment.id} split mismatch")
        on = share.payment.paid_on
        if split.costs:
            rows.append(
                AllocationRow(share.payment.id, claim.id, None, on, to_cents(split.costs), 0, 0)
            )
        for number in dict.fromkeys([*split.interest, *split.principal]):
            rows.append(
                AllocationRow(
                    share.payment.id,
                    claim.id,
                    ids[number],
                    on,
                    0,
                    to_cents(split.interest.get(number, Decimal(0))),
                    to_cents(split.principal.get(number, Decimal(0))),
                )
            )
        credit = uow.payments.set_open_credit(
            payment_id=share.payment.id,
            claim_id=claim.id,
            debtor_id=claim.debtor_id,
            cents=to_cents(split.surplus),
            currency=claim.currency,
            now=now,
        )
        if credit is not None:
            changed.append(credit)
    uow.payments.replace_allocations(claim.id, rows)
    uow.payments.refresh_totals({s.payment.id for s in book.shares})
    by_number = {b.number: b for b in statement.invoices}
    uow.invoices.set_balances(
        {
            i.id: (
                book.credited(i.id),
                to_cents(by_number[i.number].principal_outstanding)
                if i.number in by_number
                else i.amount_due_cents - book.credited(i.id),
            )
            for i in book.invoices
        }
    )
    costs = sum(
        (ln.amount for ln in statement.lines if ln.kind in (LineKind.COSTS, LineKind.VAT)),
        Decimal("0.00"),
    )
    open_due = [
        i.due_date
        for i in book.invoices
        if by_number.get(i.number) is None or by_number[i.number].principal_outstanding > 0
    ]
    paid_in_full = statement.total_outstanding == 0
    status = claim.status
    closed_now = False
    if paid_in_full and status not in CLOSED:
        status, closed_now = "closed", True
    uow.claims.set_totals(
        claim.id,
        ClaimTotals(
            principal_cents=sum(i.amount_due_cents - book.credited(i.id) for i in book.invoices),
            costs_cents=to_cents(costs),
            paid_cents=sum(r.total_cents for r in rows),
            outstanding_cents=to_cents(
                statement.principal_outstanding + statement.costs_outstanding
            ),
            oldest_due_date=min(open_due or [i.due_date for i in book.invoices]),
            status=status,
        ),
        now=now,
    )
    return Refreshed(claim.id, statement, tuple(rows), tuple(changed), closed_now)


def refresh_events(done: Refreshed, *, actor: Actor, now: datetime) -> list[Event]:
    """What a refresh changed that the timeline shows: new credits, a claim paid in full."""
    events = [
        Event(
            "claim",
            done.claim_id,
            "OverpaymentCredited",
            {
                "payment_id": c.payment_id,
                "credit_id": c.id,
                "amount": format_amount(from_cents(c.amount_cents)),
                "currency": c.currency,
            },
            now,
            actor.ref,
        )
        for c in done.credits_changed
    ]
    if done.closed_now:
        events.append(Event("claim", done.claim_id, "ClaimPaidInFull", {}, now, actor.ref))
    return events
