"""Real third-party UBL e-invoices through the ledger's import, end to end (samples fetched at
test time by the e-invoice tests' fixtures: OASIS UBL 2.1 examples, the Dutch Ketentest)."""

from __future__ import annotations

from datetime import date

from tests.integration.ledger.conftest import Samples
from vorder.adapters.einvoice import parse_ubl
from vorder.app.ledger import claims, debtors, imports, invoices

PARSERS = {"ubl": lambda data, name: parse_ubl(data, filename=name)}


def _import(books, data: bytes, name: str):
    return imports.import_invoices(
        books.c.uow,
        actor=books.actor,
        data=data,
        file_name=name,
        format="ubl",
        partial=False,
        rates=books.rates,
        now=books.now,
        parsers=PARSERS,
    )


def test_oasis_example_invoice_becomes_a_commercial_claim(books, oasis_samples: Samples):
    name = "UBL-Invoice-2.1-Example.xml"
    report = _import(books, oasis_samples.read(name), name)
    assert (report.status, report.invoices_created, report.debtors_created) == ("imported", 1, 1)
    assert [(e.code, e.severity.value) for e in report.errors] == [("dropped_value", "warning")] * 3
    (invoice,) = invoices.list_invoices(books.c.uow, actor=books.actor).items
    assert (invoice.number, invoice.issue_date, invoice.due_date) == (
        "TOSL108",
        date(2009, 12, 15),
        date(2009, 12, 31),
    )
    assert (invoice.total_cents, invoice.vat_cents, invoice.amount_due_cents) == (
        172900,
        29220,
        72900,
    )
    assert (invoice.payment_reference, invoice.payment_reference_kind, invoice.source) == (
        "Payref1",
        "free_text",
        "ubl",
    )
    assert (invoice.description, invoice.buyer_reference) == (
        "Ordered in our booth at the convention.",
        "123",
    )
    claim = claims.get_claim(books.c.uow, actor=books.actor, claim_id=invoice.claim_id)
    assert (claim.kind, claim.currency, claim.principal_cents, claim.outstanding_cents) == (
        "commercial",
        "EUR",
        72900,
        72900,
    )
    debtor = debtors.get_debtor(
        books.c.uow, actor=books.actor, debtor_id=invoice.debtor_id, now=books.now
    ).data
    assert (debtor.name, debtor.kind, debtor.external_number, debtor.emails) == (
        "Buyercompany ltd",
        "business",
        "345KS5324",
        ("john@buyercompany.eu",),
    )
    assert (debtor.street, debtor.house_number, debtor.postcode, debtor.city, debtor.country) == (
        "Anystreet",
        "8",
        "101",
        "Anytown",
        "BE",
    )


def test_oasis_credit_note_without_its_invoice_is_rejected_and_nothing_is_written(
    books, oasis_samples: Samples
):
    name = "UBL-CreditNote-2.1-Example.xml"
    before = books.counts()
    report = _import(books, oasis_samples.read(name), name)
    assert report.status == "rejected"
    assert [(e.code, e.severity.value) for e in report.errors if e.severity.value == "error"] == [
        ("credited_invoice_missing", "error")
    ]
    assert books.counts() == before


def test_dutch_ketentest_invoice(books, ketentest_samples: Samples):
    name = "UBLKetentest_Referentiefactuur_20150100.xml"
    data = ketentest_samples.read(name)
    report = _import(books, data, name)
    assert (report.status, report.invoices_created, report.claims_opened) == ("imported", 1, 1)
    (invoice,) = invoices.list_invoices(books.c.uow, actor=books.actor).items
    assert (invoice.number, invoice.issue_date, invoice.due_date) == (
        "20150101",
        date(2015, 2, 16),
        date(2015, 2, 16),
    )
    assert (invoice.total_cents, invoice.vat_cents, invoice.amount_due_cents) == (
        47520,
        5520,
        47520,
    )
    assert invoice.debtor_name == "Efficient Den Haag BV"
    debtor = debtors.get_debtor(
        books.c.uow, actor=books.actor, debtor_id=invoice.debtor_id, now=books.now
    ).data
    assert (debtor.street, debtor.house_number, debtor.postcode, debtor.city, debtor.line2) == (
        "Spui",
        "23",
        "2500 AA",
        "Den Haag",
        "1a",
    )
    # Statement a year after the due date: commercial interest (6:119a BW) on 475.20.
    result = claims.claim_statement(
        books.c.uow,
        actor=books.actor,
        claim_id=invoice.claim_id,
        on=date(2015, 3, 18),
        rates=books.rates,
    )
    # 2015-02-17..2015-03-18 = 30 days at 8.05%: 475.20 x 0.0805 x 30 / 365 = 3.14
    assert result.statement.interest_outstanding.to_eng_string() == "3.14"
    again = _import(books, data, name)
    assert (again.status, again.duplicate_of) == ("duplicate", report.batch_id)
