"""Claims, statements and payments through the use cases, on SQLite and PostgreSQL.

Golden case from law-nl.md section 9 ("Allocation"): a consumer owes 1,000.00 due 2025-01-31;
after a valid 14-day letter the costs are 150.00; 400.00 paid on 2025-06-30 goes 150.00 to
costs, 24.66 to interest (2025-02-01..06-30, 150 days at 6%) and 225.34 to principal;
774.66 of the principal remains.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from vorder.app.ledger import claims, payments
from vorder.app.ledger.errors import (
    CreditedInvoiceMissing,
    CreditExceedsInvoice,
    DuplicateInvoiceNumber,
    WrongDebtor,
)
from vorder.app.ledger.payments import PaymentInput
from vorder.core.law.statement_costs import CostsNotChargeable


def _letter_costs_and_payment(books, claim_id: int) -> payments.PaymentView:
    claims.record_letter_sent(
        books.c.uow,
        actor=books.actor,
        claim_id=claim_id,
        on=date(2025, 2, 5),
        channel="email",
        rates=books.rates,
        now=books.now,
    )
    charged = claims.charge_collection_costs(
        books.c.uow,
        actor=books.actor,
        claim_id=claim_id,
        on=date(2025, 2, 20),
        rates=books.rates,
        now=books.now,
    )
    assert (charged.costs_cents, charged.outstanding_cents) == (15000, 115000)
    return payments.record_payment(
        books.c.uow,
        actor=books.actor,
        entry=PaymentInput(amount=Decimal("400.00"), paid_on=date(2025, 6, 30), claim_id=claim_id),
        rates=books.rates,
        now=books.now,
    )


def test_law_nl_allocation_example(books):
    debtor = books.debtor()
    registered = books.invoice(debtor, "F-2025-001", "1000.00", date(2025, 1, 31))
    claim_id = registered.claim.id
    assert registered.claim.kind == "consumer"
    assert registered.invoice.payment_reference == registered.invoice.payment_reference.strip()
    assert len(registered.invoice.payment_reference) == 16

    view = _letter_costs_and_payment(books, claim_id)

    assert [
        (a.invoice_id, a.costs_cents, a.interest_cents, a.principal_cents) for a in view.allocations
    ] == [
        (None, 15000, 0, 0),
        (registered.invoice.id, 0, 2466, 22534),
    ]
    assert view.credits == []
    assert (view.payment.allocated_cents, view.payment.credit_cents) == (40000, 0)

    claim = claims.get_claim(books.c.uow, actor=books.actor, claim_id=claim_id)
    assert (claim.principal_cents, claim.costs_cents, claim.paid_cents) == (100000, 15000, 40000)
    assert claim.outstanding_cents == 77466
    assert claim.status == "open"

    result = claims.claim_statement(
        books.c.uow, actor=books.actor, claim_id=claim_id, on=date(2025, 6, 30), rates=books.rates
    )
    s = result.statement
    assert (s.principal_outstanding, s.interest_outstanding, s.costs_outstanding, s.paid) == (
        Decimal("774.66"),
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("400.00"),
    )
    paid = [(ln.kind.value, ln.amount) for ln in result.lines if ln.on == date(2025, 6, 30)]
    assert paid == [
        ("interest", Decimal("24.66")),
        ("payment", Decimal("-400.00")),
        ("payment_to_costs", Decimal("-150.00")),
        ("payment_to_interest", Decimal("-24.66")),
        ("payment_to_principal", Decimal("-225.34")),
    ]
    timeline = [
        e.type for e in claims.claim_timeline(books.c.uow, actor=books.actor, claim_id=claim_id)
    ]
    assert timeline == [
        "PaymentAllocated",
        "CollectionCostsCharged",
        "FourteenDayLetterSent",
        "InvoiceRegistered",
        "ClaimOpened",
    ]


def test_costs_on_a_consumer_without_a_letter_are_refused_and_nothing_changes(books):
    debtor = books.debtor()
    claim_id = books.invoice(debtor, "F-1", "1000.00", date(2025, 1, 31)).claim.id
    before = books.counts()
    with pytest.raises(CostsNotChargeable):
        claims.charge_collection_costs(
            books.c.uow,
            actor=books.actor,
            claim_id=claim_id,
            on=date(2025, 3, 1),
            rates=books.rates,
            now=books.now,
        )
    assert books.counts() == before
    claim = claims.get_claim(books.c.uow, actor=books.actor, claim_id=claim_id)
    assert (claim.costs_cents, claim.costs_charged_on, claim.outstanding_cents) == (0, None, 100000)


def test_invoices_of_one_debtor_share_a_claim_and_another_currency_opens_one(books):
    debtor = books.debtor()
    other = books.debtor("Bakkerij Smit B.V.", kind="business", kvk_number="12345678")
    a = books.invoice(debtor, "F-1", "100.00", date(2025, 3, 1))
    b = books.invoice(debtor, "F-2", "250.50", date(2025, 2, 1))
    c = books.invoice(debtor, "F-3", "10.00", date(2025, 2, 1), currency="USD")
    d = books.invoice(other, "F-4", "99.99", date(2025, 2, 1))
    assert a.claim.id == b.claim.id
    assert len({a.claim.id, c.claim.id, d.claim.id}) == 3
    assert (b.claim.principal_cents, b.claim.outstanding_cents) == (35050, 35050)
    assert b.claim.oldest_due_date == date(2025, 2, 1)
    assert (c.claim.currency, d.claim.kind) == ("USD", "commercial")


def test_overpayment_becomes_a_credit(books):
    debtor = books.debtor()
    registered = books.invoice(debtor, "F-9", "100.00", date(2025, 3, 31))
    view = payments.record_payment(
        books.c.uow,
        actor=books.actor,
        entry=PaymentInput(amount=Decimal("150.00"), paid_on=date(2025, 3, 31), debtor_id=debtor),
        rates=books.rates,
        now=books.now,
    )
    assert [(a.interest_cents, a.principal_cents) for a in view.allocations] == [(0, 10000)]
    assert [(c.amount_cents, c.claim_id, c.status) for c in view.credits] == [(5000, None, "open")]
    claim = claims.get_claim(books.c.uow, actor=books.actor, claim_id=registered.claim.id)
    assert (claim.status, claim.outstanding_cents, claim.paid_cents) == ("closed", 0, 10000)


def test_payment_between_claims_goes_to_the_due_claim_first(books):
    debtor = books.debtor()
    due = books.invoice(debtor, "F-10", "100.00", date(2025, 3, 1))
    later = books.invoice(debtor, "F-11", "100.00", date(2025, 9, 1), currency="EUR")
    assert due.claim.id == later.claim.id  # one claim; between invoices 6:43 applies
    view = payments.record_payment(
        books.c.uow,
        actor=books.actor,
        entry=PaymentInput(amount=Decimal("50.00"), paid_on=date(2025, 3, 1), debtor_id=debtor),
        rates=books.rates,
        now=books.now,
    )
    assert [(a.invoice_id, a.principal_cents) for a in view.allocations] == [(due.invoice.id, 5000)]


def test_credit_note_reduces_the_invoice_and_shows_on_the_statement(books):
    debtor = books.debtor()
    registered = books.invoice(debtor, "F-20", "500.00", date(2025, 1, 31))
    note = books.invoice(
        debtor,
        "C-20",
        "200.00",
        date(2025, 2, 10),
        document_type="credit_note",
        credited_invoice_number="F-20",
    )
    assert note.claim.id == registered.claim.id
    assert (note.claim.principal_cents, note.claim.outstanding_cents) == (30000, 30000)
    assert note.invoice.credited_invoice_id == registered.invoice.id
    result = claims.claim_statement(
        books.c.uow,
        actor=books.actor,
        claim_id=note.claim.id,
        on=date(2025, 3, 2),
        rates=books.rates,
    )
    assert [(ln.description, ln.amount) for ln in result.lines[:2]] == [
        ("invoice F-20, due 2025-01-31", Decimal("500.00")),
        ("credit note C-20 on invoice F-20", Decimal("-200.00")),
    ]
    # 300.00 at 6% from 2025-02-01 through 2025-03-02: 30 days → 1.48
    assert result.statement.interest_outstanding == Decimal("1.48")
    assert result.statement.principal_outstanding == Decimal("300.00")


def test_credit_note_errors_write_nothing(books):
    debtor = books.debtor()
    other = books.debtor("Piet Jansen")
    books.invoice(debtor, "F-30", "100.00", date(2025, 1, 31))
    before = books.counts()
    cases = [
        ("C-1", "F-404", debtor, "100.00", CreditedInvoiceMissing),
        ("C-2", "F-30", other, "10.00", WrongDebtor),
        ("C-3", "F-30", debtor, "100.01", CreditExceedsInvoice),
        ("F-30", None, debtor, "100.00", DuplicateInvoiceNumber),
    ]
    for number, credited, who, amount, error in cases:
        extra = {"document_type": "credit_note", "credited_invoice_number": credited}
        with pytest.raises(error):
            books.invoice(who, number, amount, date(2025, 2, 1), **(extra if credited else {}))
    assert books.counts() == before
