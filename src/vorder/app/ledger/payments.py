"""Use cases: record a payment and allocate it; read and list payments.

Allocation (toerekening), art. 6:43 and 6:44 BW (HR 10-07-2015, ECLI:NL:HR:2015:1868):

* between the debtor's open claims in the payment's currency: first the claim (or the claim of
  the invoice) the debtor designated, then the claims that are due, the most onerous (highest
  rate), the oldest, pro rata — :func:`vorder.core.law.allocate_payment`, on what is open on
  the payment date (interest accrued through that day);
* within a claim: costs, then interest, then principal, per invoice in the same order — the
  law engine's statement of account, from which the allocation rows are stored;
* what is left is an over-payment, kept as a credit for the debtor (to refund or allocate).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from vorder.app.ledger.accounts import (
    CLOSED,
    load_book,
    refresh_claim,
    refresh_events,
    statement_for,
)
from vorder.app.ledger.debtors import check_sort, ledger, page_bounds
from vorder.app.ledger.errors import (
    ClaimNotFound,
    CurrencyMismatch,
    DebtorNotFound,
    InvalidPaymentAmount,
    InvalidPaymentDate,
    InvoiceNotFound,
    PaymentNotFound,
    WrongDebtor,
)
from vorder.app.ledger.records import (
    AllocationRow,
    ClaimRow,
    ClaimShare,
    CreditRow,
    Page,
    PaymentRow,
)
from vorder.app.ports import LedgerUnitOfWork, UnitOfWorkFactory
from vorder.app.records import Actor, Event
from vorder.core.law import OpenClaim, StatutoryRates, allocate_payment
from vorder.core.law.tables import RateKind
from vorder.core.money import format_amount, from_cents, parse_amount, to_cents

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PAYMENT_SORTS = ("-paid_on", "paid_on", "-amount", "amount")
SOURCES = ("manual", "api", "bank", "psp", "csv", "demo")
MAX_REFERENCE = 140


@dataclass(frozen=True, slots=True)
class PaymentInput:
    amount: Decimal
    paid_on: date
    currency: str = "EUR"
    debtor_id: int | None = None
    claim_id: int | None = None
    invoice_id: int | None = None
    source: str = "api"
    reference: str | None = None


@dataclass(frozen=True, slots=True)
class PaymentView:
    payment: PaymentRow
    allocations: list[AllocationRow]
    credits: list[CreditRow]


def _designation(uow: LedgerUnitOfWork, entry: PaymentInput) -> tuple[int, int | None, int | None]:
    """(debtor id, designated claim id, designated invoice id), checked for consistency."""
    debtor_id, claim_id = entry.debtor_id, entry.claim_id
    if entry.invoice_id is not None:
        invoice = uow.invoices.get(entry.invoice_id)
        if invoice is None or invoice.document_type != "invoice":
            raise InvoiceNotFound(f"no invoice {entry.invoice_id}", field="invoice_id")
        if claim_id is not None and invoice.claim_id != claim_id:
            raise WrongDebtor(
                f"invoice {entry.invoice_id} is not in claim {claim_id}", field="invoice_id"
            )
        claim_id = invoice.claim_id
        if debtor_id is not None and debtor_id != invoice.debtor_id:
            raise WrongDebtor(f"invoice {entry.invoice_id} is another debtor's", field="invoice_id")
        debtor_id = invoice.debtor_id
    if claim_id is not None:
        claim = uow.claims.get(claim_id)
        if claim is None:
            raise ClaimNotFound(f"no claim {claim_id}", field="claim_id")
        if debtor_id is not None and debtor_id != claim.debtor_id:
            raise WrongDebtor(f"claim {claim_id} is another debtor's", field="claim_id")
        if claim.currency != entry.currency:
            raise CurrencyMismatch(
                f"claim {claim_id} is in {claim.currency}, the payment in {entry.currency}",
                field="currency",
            )
        debtor_id = claim.debtor_id
    if debtor_id is None:
        raise DebtorNotFound(
            "name the debtor, the claim or the invoice the payment is for", field="debtor_id"
        )
    if uow.debtors.get(debtor_id) is None:
        raise DebtorNotFound(f"no debtor {debtor_id}", field="debtor_id")
    return debtor_id, claim_id, entry.invoice_id


def _open_claim(
    uow: LedgerUnitOfWork, claim: ClaimRow, on: date, rates: StatutoryRates
) -> OpenClaim | None:
    """What is open on ``claim`` on the payment date (None: nothing issued by then)."""
    book = load_book(uow, claim)
    if not any(i.issue_date <= on for i in book.invoices):
        return None
    statement = statement_for(book, on=on, rates=rates)
    if claim.contractual_rate is not None:
        burden = Decimal(claim.contractual_rate)
    else:
        burden = rates.for_kind(RateKind(claim.kind)).rate_on(on)
    return OpenClaim(
        claim_id=str(claim.id),
        due=claim.oldest_due_date,
        costs=statement.costs_outstanding,
        interest=statement.interest_outstanding,
        principal=statement.principal_outstanding,
        burden=burden,
    )


def record_payment(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    entry: PaymentInput,
    rates: StatutoryRates,
    now: datetime,
) -> PaymentView:
    """Record a payment and allocate it (see the module docstring); one transaction."""
    amount = parse_amount(entry.amount, field="amount")
    if amount <= 0:
        raise InvalidPaymentAmount("a payment is more than 0.00", field="amount")
    if entry.source not in SOURCES:
        raise InvalidPaymentAmount(
            f"unknown source '{entry.source}' ({', '.join(SOURCES)})", field="source"
        )
    if entry.paid_on > now.astimezone(AMSTERDAM).date():
        raise InvalidPaymentDate(
            f"the payment date {entry.paid_on.isoformat()} is in the future", field="paid_on"
        )
    reference = (entry.reference or "").strip()[:MAX_REFERENCE] or None
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = ledger(base)
        debtor_id, claim_id, invoice_id = _designation(uow, entry)
        payment_id = uow.payments.add(
            debtor_id=debtor_id,
            amount_cents=to_cents(amount),
            currency=entry.currency,
            paid_on=entry.paid_on,
            source=entry.source,
            reference=reference,
            designated_claim_id=claim_id,
            designated_invoice_id=invoice_id,
            now=now,
        )
        payment = uow.payments.get(payment_id)
        assert payment is not None
        uow.events.append(
            Event(
                "payment",
                payment_id,
                "PaymentRecorded",
                {
                    "amount": format_amount(amount),
                    "currency": entry.currency,
                    "paid_on": entry.paid_on.isoformat(),
                    "debtor_id": debtor_id,
                    "claim_id": claim_id,
                    "invoice_id": invoice_id,
                    "source": entry.source,
                },
                now,
                actor.ref,
            ),
            now=now,
        )
        claims = {
            c.id: c
            for c in uow.claims.for_debtor(debtor_id, open_only=True)
            if c.currency == entry.currency and c.status not in CLOSED
        }
        if claim_id is not None and claim_id not in claims:
            designated_claim = uow.claims.get(claim_id)
            if designated_claim is not None:
                claims[claim_id] = designated_claim
        opened = [
            o
            for o in (_open_claim(uow, c, entry.paid_on, rates) for c in claims.values())
            if o is not None
        ]
        designated = (
            [str(claim_id)]
            if claim_id is not None and str(claim_id) in {o.claim_id for o in opened}
            else []
        )
        split = allocate_payment(amount, opened, on=entry.paid_on, designated=designated)
        for share in split.allocations:
            if share.total <= 0:
                continue
            claim = claims[int(share.claim_id)]
            done = refresh_claim(
                uow,
                claim,
                rates=rates,
                now=now,
                extra=[ClaimShare(payment, to_cents(share.total))],
            )
            mine = [a for a in done.allocations if a.payment_id == payment_id]
            uow.events.append(
                Event(
                    "claim",
                    claim.id,
                    "PaymentAllocated",
                    {
                        "payment_id": payment_id,
                        "paid_on": entry.paid_on.isoformat(),
                        "amount": format_amount(share.total),
                        "costs": format_amount(from_cents(sum(a.costs_cents for a in mine))),
                        "interest": format_amount(from_cents(sum(a.interest_cents for a in mine))),
                        "principal": format_amount(
                            from_cents(sum(a.principal_cents for a in mine))
                        ),
                        "reason": share.reason,
                    },
                    now,
                    actor.ref,
                ),
                now=now,
            )
            for e in refresh_events(done, actor=actor, now=now):
                uow.events.append(e, now=now)
        if split.surplus > 0:
            credit = uow.payments.set_open_credit(
                payment_id=payment_id,
                claim_id=None,
                debtor_id=debtor_id,
                cents=to_cents(split.surplus),
                currency=entry.currency,
                now=now,
            )
            assert credit is not None
            uow.events.append(
                Event(
                    "debtor",
                    debtor_id,
                    "OverpaymentCredited",
                    {
                        "payment_id": payment_id,
                        "credit_id": credit.id,
                        "amount": format_amount(split.surplus),
                        "currency": entry.currency,
                    },
                    now,
                    actor.ref,
                ),
                now=now,
            )
        uow.payments.refresh_totals([payment_id])
        uow.claims.wake({int(s.claim_id) for s in split.allocations}, at=now)
        uow.commit()
        view = _view(uow, payment_id)
    return view


def _view(uow: LedgerUnitOfWork, payment_id: int) -> PaymentView:
    payment = uow.payments.get(payment_id)
    if payment is None:
        raise PaymentNotFound(f"no payment {payment_id}", field="payment_id")
    return PaymentView(
        payment,
        uow.payments.allocations_for_payment(payment_id),
        uow.payments.credits_for_payment(payment_id),
    )


def get_payment(uow_factory: UnitOfWorkFactory, *, actor: Actor, payment_id: int) -> PaymentView:
    with uow_factory(tenant_id=actor.tenant_id) as base:
        return _view(ledger(base), payment_id)


def list_payments(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    q: str | None = None,
    debtor_id: int | None = None,
    claim_id: int | None = None,
    paid_from: date | None = None,
    paid_to: date | None = None,
    sort: str = "-paid_on",
    limit: int = 50,
    offset: int = 0,
) -> Page:
    check_sort(sort, PAYMENT_SORTS)
    limit, offset = page_bounds(limit, offset)
    with uow_factory(tenant_id=actor.tenant_id) as base:
        rows = ledger(base).payments.search(
            q=q,
            debtor_id=debtor_id,
            claim_id=claim_id,
            paid_from=paid_from,
            paid_to=paid_to,
            sort=sort,
            limit=limit + 1,
            offset=offset,
        )
    return Page(rows[:limit], offset + limit if len(rows) > limit else None)


def update_payment(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    payment_id: int,
    reference: str | None,
    now: datetime,
) -> PaymentView:
    """Change a payment's reference (remittance text). A payment's amount, date and debtor
    are facts from the bank: a wrong payment is reversed, not edited."""
    text = (reference or "").strip() or None
    if text is not None and len(text) > MAX_REFERENCE:
        raise InvalidPaymentAmount(
            f"the reference is longer than {MAX_REFERENCE} characters", field="reference"
        )
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = ledger(base)
        view = _view(uow, payment_id)
        if view.payment.reference == text:
            return view
        uow.payments.set_reference(payment_id, text)
        uow.events.append(
            Event("payment", payment_id, "PaymentReferenceChanged", {}, now, actor.ref), now=now
        )
        uow.commit()
        return _view(uow, payment_id)
