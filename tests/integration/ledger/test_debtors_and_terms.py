"""Debtors (validation, access log, no personal data in events) and claim terms (contractual
rate, backdated payments recompute the allocation); on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from vorder.adapters.db import tables as t
from vorder.app.ledger import claim_terms, claims, debtors, payments
from vorder.app.ledger.errors import DuplicateDebtor
from vorder.app.ledger.payments import PaymentInput
from vorder.core.parties import InvalidDebtor


def _access(books) -> list[tuple[str, int, str, str]]:
    with books.c.uow(tenant_id=books.actor.tenant_id) as uow:
        rows = uow.session.execute(
            sa.select(
                t.PersonalDataAccess.subject_type,
                t.PersonalDataAccess.subject_id,
                t.PersonalDataAccess.action,
                t.PersonalDataAccess.purpose,
            ).order_by(t.PersonalDataAccess.id)
        )
        return [tuple(r) for r in rows]


def _events(books, subject: str) -> list[tuple[str, dict]]:
    with books.c.uow(tenant_id=books.actor.tenant_id) as uow:
        rows = uow.session.execute(
            sa.select(t.EventRow.type, t.EventRow.payload)
            .where(t.EventRow.subject_type == subject)
            .order_by(t.EventRow.id)
        )
        return [(k, dict(p)) for k, p in rows]


def test_create_change_read_and_search_a_debtor_with_its_purposes_logged(books):
    fields = debtors.DebtorFields(
        name="Fatima el Amrani",
        address="Julianalaan 4 bis",
        postcode="2611 gb",
        city="Delft",
        emails=("fatima@example.nl", "f.amrani@example.com"),
        phones=("015 212 3456",),
        ibans=("NL91ABNA0417164300",),
        preferred_channels=("email",),
    )
    created = debtors.create_debtor(books.c.uow, actor=books.actor, details=fields, now=books.now)
    d = created.data
    assert (d.street, d.house_number, d.house_number_addition, d.postcode) == (
        "Julianalaan",
        "4",
        "BIS",
        "2611 GB",
    )
    assert (d.emails, d.phones, d.accounts[0].bank_name) == (
        ("fatima@example.nl", "f.amrani@example.com"),
        ("+31152123456",),
        "ABN AMRO BANK N.V.",
    )
    changed = debtors.update_debtor(
        books.c.uow,
        actor=books.actor,
        debtor_id=created.id,
        changes={"emails": ("fatima@example.org",), "city": "Delft"},
        now=books.now,
    )
    assert changed.data.emails == ("fatima@example.org",)
    got = debtors.get_debtor(books.c.uow, actor=books.actor, debtor_id=created.id, now=books.now)
    assert got.data == changed.data
    page = debtors.search_debtors(books.c.uow, actor=books.actor, q="amrani", now=books.now)
    assert [r.id for r in page.items] == [created.id]
    assert _access(books) == [
        ("debtor", created.id, "change", "register a debtor of the creditor"),
        ("debtor", created.id, "change", "keep the debtor's details correct"),
        ("debtor", created.id, "read", "collect the creditor's claims on this debtor"),
        ("debtor", created.id, "read", "find a debtor"),
    ]
    # The append-only log names what changed, never the personal data itself.
    assert _events(books, "debtor") == [
        ("DebtorCreated", {"kind": "consumer", "source": "api"}),
        ("DebtorChanged", {"fields": ["emails"]}),
    ]


def test_invalid_or_duplicate_debtors_write_nothing(books):
    books.debtor("Jan de Vries", external_number="K-1")
    before = books.counts()
    with pytest.raises(InvalidDebtor) as caught:
        debtors.create_debtor(
            books.c.uow,
            actor=books.actor,
            details=debtors.DebtorFields(name="X", postcode="12", kvk_number="abc"),
            now=books.now,
        )
    assert sorted(e.field for e in caught.value.errors) == [
        "city",
        "kvk_number",
        "postcode",
        "street",
    ]
    with pytest.raises(DuplicateDebtor):
        books.debtor("Jan de Vries B.V.", external_number="K-1")
    assert books.counts() == before


def test_a_contractual_rate_replaces_the_statutory_rate(books):
    debtor = books.debtor()
    claim = claim_terms.open_claim(
        books.c.uow, actor=books.actor, debtor_id=debtor, contractual_rate="0.12", now=books.now
    )
    joined = books.invoice(debtor, "R-1", "1000.00", date(2025, 1, 31))
    assert joined.claim.id == claim.id
    on = date(2025, 3, 1)  # 2025-02-01..03-01: 29 days

    def interest() -> Decimal:
        result = claims.claim_statement(
            books.c.uow, actor=books.actor, claim_id=claim.id, on=on, rates=books.rates
        )
        return result.statement.interest_outstanding

    assert interest() == Decimal("9.53")  # 1000 x 12% x 29 / 365
    claim_terms.update_claim(
        books.c.uow,
        actor=books.actor,
        claim_id=claim.id,
        changes={"contractual_rate": None},
        rates=books.rates,
        now=books.now,
    )
    assert interest() == Decimal("4.77")  # statutory 6%: 1000 x 6% x 29 / 365


def test_a_backdated_payment_recomputes_the_later_allocation(books):
    debtor = books.debtor()
    claim_id = books.invoice(debtor, "B-1", "1000.00", date(2025, 1, 31)).claim.id

    def pay(amount: str, on: date) -> None:
        payments.record_payment(
            books.c.uow,
            actor=books.actor,
            entry=PaymentInput(amount=Decimal(amount), paid_on=on, claim_id=claim_id),
            rates=books.rates,
            now=books.now,
        )

    pay("100.00", date(2025, 6, 30))
    pay("100.00", date(2025, 3, 31))  # recorded later, paid earlier
    with books.c.uow(tenant_id=books.actor.tenant_id) as uow:
        rows = uow.payments.allocations_for_claim(claim_id)  # type: ignore[attr-defined]
    # 2025-03-31: 59 days on 1000 = 9.70 interest, 90.30 principal;
    # 2025-06-30: 91 days on 909.70 = 13.61 interest, 86.39 principal.
    assert [(r.allocated_on, r.interest_cents, r.principal_cents) for r in rows] == [
        (date(2025, 3, 31), 970, 9030),
        (date(2025, 6, 30), 1361, 8639),
    ]
    claim = claims.get_claim(books.c.uow, actor=books.actor, claim_id=claim_id)
    assert (claim.paid_cents, claim.outstanding_cents) == (20000, 82331)
