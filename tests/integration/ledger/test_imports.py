"""Bulk intake of a CSV: rejected whole with every error (nothing written), --partial, the same
file twice, a credit note in the same file; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from vorder.app.ledger import claims, imports, invoices

HEADER = "factuurnummer;factuurdatum;vervaldatum;totaal;btw-bedrag;naam;soort debiteur;debiteurnummer;straat;huisnummer;postcode;plaats;email;iban\n"  # noqa: E501
GOOD = [
    "F-1;2025-01-02;2025-01-31;1.210,00;210,00;Jan de Vries;consument;D1;Kerkstraat;12;3512 AB;Utrecht;jan@example.nl;NL91ABNA0417164300",  # noqa: E501
    "F-2;2025-01-05;2025-02-04;121,00;21,00;Jan de Vries;consument;D1;Kerkstraat;12;3512 AB;Utrecht;jan@example.nl;NL91ABNA0417164300",  # noqa: E501
    "F-3;2025-01-06;2025-02-05;500,00;;Bakkerij Smit;zakelijk;D2;Dorpsstraat;1;1234 AB;Amersfoort;;",  # noqa: E501
]
BAD = [
    "F-4;2025-13-01;2025-02-05;500,00;;Piet Bakker;consument;D3;Dorpsstraat;2;1234 AB;Amersfoort;;",
    "F-5;2025-01-06;2025-02-05;abc;;Piet Bakker;consument;D3;Dorpsstraat;2;9999;Amersfoort;;",
]


def _csv(*rows: str) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode()


def _import(books, data: bytes, *, partial: bool = False, name: str = "facturen.csv"):
    return imports.import_invoices(
        books.c.uow,
        actor=books.actor,
        data=data,
        file_name=name,
        format="csv",
        partial=partial,
        rates=books.rates,
        now=books.now,
    )


def test_a_good_file_creates_debtors_claims_and_invoices(books):
    report = _import(books, _csv(*GOOD))
    assert (report.status, report.rows, report.invoices_created, report.debtors_created) == (
        "imported",
        3,
        3,
        2,
    )
    assert (report.claims_opened, report.already_present, report.error_count) == (2, 0, 0)
    page = invoices.list_invoices(books.c.uow, actor=books.actor, sort="number")
    assert [(i.number, i.total_cents, i.vat_cents, i.outstanding_cents) for i in page.items] == [
        ("F-1", 121000, 21000, 121000),
        ("F-2", 12100, 2100, 12100),
        ("F-3", 50000, None, 50000),
    ]
    assert page.items[0].claim_id == page.items[1].claim_id != page.items[2].claim_id
    assert {len(i.payment_reference) for i in page.items} == {16}
    listed = claims.list_claims(books.c.uow, actor=books.actor)
    assert [
        (c.debtor_name, c.kind, c.outstanding_cents, c.invoice_count) for c in listed.items
    ] == [
        ("Jan de Vries", "consumer", 133100, 2),
        ("Bakkerij Smit", "commercial", 50000, 1),
    ]
    counts = books.counts()
    assert (counts["debtor_contacts"], counts["debtor_accounts"], counts["import_batches"]) == (
        1,
        1,
        1,
    )


def test_a_file_with_errors_is_rejected_whole_with_every_error_and_nothing_is_written(books):
    before = books.counts()
    report = _import(books, _csv(*GOOD, *BAD))
    assert report.status == "rejected"
    assert (report.invoices_created, report.rejected_rows, report.batch_id) == (0, 2, None)
    found = [(e.line, e.field, e.code) for e in report.errors]
    assert found == [
        (5, "factuurdatum", "invalid_date"),
        (6, "totaal", "invalid_amount"),
        (6, "postcode", "invalid_postcode"),
    ]
    assert report.errors[0].message_nl == (
        "'2025-13-01' is geen datum (gebruik jjjj-mm-dd of dd-mm-jjjj)"
    )
    assert books.counts() == before


def test_partial_imports_the_valid_rows_and_reports_the_rest(books):
    report = _import(books, _csv(*GOOD, *BAD), partial=True)
    assert (report.status, report.invoices_created, report.rejected_rows) == ("partial", 3, 2)
    assert [e.line for e in report.errors] == [5, 6, 6]
    stored = imports.get_import(books.c.uow, actor=books.actor, import_id=report.batch_id)
    assert (stored.status, stored.invoices_created, [e.code for e in stored.errors]) == (
        "partial",
        3,
        ["invalid_date", "invalid_amount", "invalid_postcode"],
    )


def test_the_same_file_twice_creates_nothing_new(books):
    first = _import(books, _csv(*GOOD))
    after_first = books.counts()
    again = _import(books, _csv(*GOOD))
    assert (again.status, again.duplicate_of, again.invoices_created) == (
        "duplicate",
        first.batch_id,
        0,
    )
    assert books.counts() == after_first
    # Another file (other bytes) with the same invoices: matched on the invoice numbers.
    reordered = _import(books, _csv(GOOD[2], GOOD[0], GOOD[1]), name="export-2.csv")
    assert (reordered.status, reordered.invoices_created, reordered.already_present) == (
        "imported",
        0,
        3,
    )
    counts = books.counts()
    assert {k: v for k, v in counts.items() if counts[k] != after_first[k]} == {
        "import_batches": 2,
        "events": after_first["events"] + 1,
    }


def test_same_number_with_other_details_is_an_error(books):
    _import(books, _csv(*GOOD))
    before = books.counts()
    changed = GOOD[0].replace("1.210,00", "1.200,00")
    report = _import(books, _csv(changed))
    assert [(e.line, e.code) for e in report.errors] == [(2, "number_exists")]
    assert report.status == "rejected"
    assert books.counts() == before


def test_credit_note_in_the_same_file_reduces_its_invoice(books):
    rows = [
        "type;" + HEADER.strip() + ";gecrediteerde factuur",
        "factuur;" + GOOD[0] + ";",
        "creditnota;C-1;2025-01-10;;210,00;;Jan de Vries;consument;D1;Kerkstraat;12;3512 AB;"
        "Utrecht;jan@example.nl;NL91ABNA0417164300;F-1",
    ]
    report = _import(books, ("\n".join(rows) + "\n").encode())
    assert (report.status, report.invoices_created, report.credit_notes_created) == (
        "imported",
        1,
        1,
    )
    page = invoices.list_invoices(books.c.uow, actor=books.actor, sort="number")
    assert [
        (i.number, i.document_type, i.credited_cents, i.outstanding_cents) for i in page.items
    ] == [
        ("C-1", "credit_note", 0, 0),
        ("F-1", "invoice", 21000, 100000),
    ]
    claim = claims.get_claim(books.c.uow, actor=books.actor, claim_id=page.items[1].claim_id)
    assert (claim.principal_cents, claim.outstanding_cents, claim.oldest_due_date) == (
        100000,
        100000,
        date(2025, 1, 31),
    )
