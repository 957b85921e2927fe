"""CSV intake end to end on small files: Dutch and English headers, both delimiters,
decimal comma, BOM, cp1252, multi-line fields; every error with its line and column."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from vorder.core.intake import (
    DocumentType,
    IntakeResult,
    Severity,
    decode_text,
    detect_delimiter,
    detect_encoding,
    parse_invoice_csv,
)
from vorder.core.parties import Address, Channel, DebtorKind, Language
from vorder.core.references import PaymentReference, PaymentReferenceKind

FIXTURES = Path(__file__).parents[2] / "fixtures" / "intake"


def load(name: str) -> IntakeResult:
    return parse_invoice_csv(decode_text((FIXTURES / name).read_bytes()))


def errors_of(result: IntakeResult) -> list[tuple[int, str | None, str]]:
    return [(e.line, e.field, e.code) for e in result.errors]


def test_dutch_file_with_bom_semicolons_and_decimal_comma() -> None:
    assert detect_encoding((FIXTURES / "facturen_nl.csv").read_bytes()) == "utf-8-sig"
    result = load("facturen_nl.csv")
    assert result.errors == ()
    assert result.rows == 4
    first, second, third, credit = result.records

    assert (first.line, first.document_type, first.number) == (2, DocumentType.INVOICE, "2026-0001")
    assert (first.issue_date, first.due_date) == (date(2026, 1, 2), date(2026, 1, 16))
    assert (first.total, first.vat, first.amount_due) == (
        Decimal("1234.56"),
        Decimal("214.26"),
        Decimal("1234.56"),
    )
    assert first.currency == "EUR"
    assert first.payment_reference == PaymentReference(
        PaymentReferenceKind.BETALINGSKENMERK, "5000056789012345"
    )
    assert first.description == "Taarten voor het nieuwjaarsfeest"
    assert first.source == "csv"
    debtor = first.debtor
    assert debtor.kind is DebtorKind.BUSINESS
    assert debtor.name == "Restaurant De Gouden Leeuw B.V."
    assert debtor.external_number == "D-1001"
    assert debtor.address == Address("Oudegracht", "123", "BIS", "3511 AB", "Utrecht", "NL")
    assert (debtor.email, debtor.phone) == ("administratie@example.com", "+31301234567")
    assert (debtor.iban, debtor.bic, debtor.bank_name) == (
        "NL91ABNA0417164300",
        "ABNANL2A",
        "ABN AMRO BANK N.V.",
    )
    assert (debtor.kvk_number, debtor.vat_number) == ("12345678", "NL000099998B57")

    assert (second.line, second.total, second.vat) == (3, Decimal("45.80"), Decimal("3.78"))
    assert second.debtor.kind is DebtorKind.CONSUMER
    assert second.debtor.phone == "+31612345678"
    assert (second.debtor.bic, second.debtor.bank_name) == ("INGBNL2A", "ING")

    assert third.payment_reference == PaymentReference(PaymentReferenceKind.RF, "RF18539007547034")
    assert third.description == 'Bruidstaart "drie lagen"'
    assert third.total == Decimal("1250.00")
    assert third.debtor.address == Address("Rue de la Loi 16", None, None, "1000", "Brussel", "BE")
    assert (third.debtor.phone, third.debtor.language) == ("+3225010211", Language.EN)

    assert credit.document_type is DocumentType.CREDIT_NOTE
    assert (credit.line, credit.number, credit.due_date) == (5, "C-2026-0001", None)
    assert (credit.total, credit.credited_invoice_number) == (Decimal("100.00"), "2026-0001")


def test_english_file_with_commas_quotes_blank_and_multiline_fields() -> None:
    result = load("invoices_en.csv")
    assert result.errors == ()
    inv1, inv2, credit = result.records
    assert (inv1.line, inv1.total, inv1.vat) == (3, Decimal("1234.56"), Decimal("0.00"))
    assert inv1.description == "Boiler replacement, incl. labour"
    assert inv1.debtor.name == "Installatiebedrijf Van Dijk, B.V."
    assert inv1.debtor.address == Address("Molenweg", "4", "A", "5611 AB", "Eindhoven", "NL")
    assert inv1.debtor.preferred_channels == (Channel.EMAIL, Channel.POST)
    assert inv1.debtor.refused_channels == (Channel.PHONE,)
    # The quoted description spans physical lines 4 and 5; the credit note is on line 6.
    assert (inv2.line, inv2.description) == (4, "Service visit\nsecond line of the description")
    assert (credit.line, credit.document_type, credit.credited_invoice_number) == (
        6,
        DocumentType.CREDIT_NOTE,
        "INV-2",
    )


def test_every_error_is_listed_with_line_and_column_as_written() -> None:
    result = load("errors_nl.csv")
    assert result.records == ()
    assert result.rows == 10
    assert errors_of(result) == [
        (1, "onbekend", "unknown_column"),
        (2, "factuurdatum", "invalid_date"),
        (3, "vervaldatum", "due_before_issue"),
        (3, "totaal", "negative_total"),
        (4, "btw_bedrag", "vat_exceeds_total"),
        (5, "totaal", "invalid_amount"),
        (6, "factuurnummer", "duplicate_number"),
        (7, "vervaldatum", "missing_value"),
        (7, "valuta", "invalid_currency"),
        (7, "betalingskenmerk", "invalid_payment_reference"),
        (7, "naam", "missing_value"),
        (7, "adres", "invalid_street_address"),
        (7, "postcode", "invalid_postcode"),
        (7, "plaats", "missing_value"),
        (7, "email", "invalid_email"),
        (7, "telefoon", "invalid_phone"),
        (7, "iban", "invalid_iban"),
        (7, "kvk", "invalid_kvk"),
        (7, "btw_nummer", "invalid_vat_number"),
        (7, "taal", "invalid_language"),
        (8, "gecrediteerde_factuur", "missing_credited_invoice"),
        (9, "soort", "invalid_document_type"),
        (10, "vervaldatum", "invalid_date"),
        (10, "totaal", "invalid_amount"),
        (11, None, "wrong_field_count"),
    ]
    assert result.errors[0].severity is Severity.WARNING
    assert all(e.severity is Severity.ERROR for e in result.errors[1:])
    assert not result.ok


def test_messages_in_english_and_dutch_in_each_notation() -> None:
    by_code = {e.code: e for e in load("errors_nl.csv").errors}
    due = by_code["due_before_issue"]
    assert due.message_en == "the due date 2026-02-15 is before the issue date 2026-03-01"
    assert due.message_nl == "de vervaldatum 15-02-2026 ligt vóór de factuurdatum 01-03-2026"
    vat = by_code["vat_exceeds_total"]
    assert vat.message_en == "the VAT amount 12.00 is more than the total 10.00"
    assert vat.message_nl == "het btw-bedrag 12,00 is hoger dan het totaal 10,00"
    dup = by_code["duplicate_number"]
    assert dup.message_en == "number 'A-1' already appears on line 2"
    assert dup.message_nl == "nummer 'A-1' staat al op regel 2"
    count = by_code["wrong_field_count"]
    assert count.message_nl == "de regel heeft 10 velden maar de kopregel heeft er 20"


def test_missing_required_columns_reported_once_on_line_1_and_no_rows_read() -> None:
    text = "factuurnummer;totaal;naam\nA-1;10,00;Jan\nA-2;11,00;Piet\n"
    result = parse_invoice_csv(text)
    assert result.records == ()
    assert result.rows == 0
    assert errors_of(result) == [
        (1, "issue_date", "missing_column"),
        (1, "due_date", "missing_column"),
    ]
    assert result.errors[0].message_en.startswith(
        "required column 'issue_date' is missing (accepted headers: issue_date, invoice_date"
    )


def test_two_headers_for_one_column_is_an_error() -> None:
    text = "factuurnummer;invoice_number;factuurdatum;vervaldatum;totaal;naam\n"
    result = parse_invoice_csv(text)
    assert errors_of(result) == [(1, "invoice_number", "duplicate_column")]
    assert result.errors[0].message_en == (
        "columns 'invoice_number' and 'factuurnummer' mean the same thing; keep one"
    )


def test_empty_file() -> None:
    assert errors_of(parse_invoice_csv("\n\n")) == [(1, None, "empty_file")]


def test_cp1252_file_is_decoded() -> None:
    data = (FIXTURES / "cp1252.csv").read_bytes()
    assert detect_encoding(data) == "cp1252"
    (record,) = parse_invoice_csv(decode_text(data)).records
    assert record.debtor.name == "José Müller €"


def test_utf16_tab_separated_file_as_excel_writes_it() -> None:
    text = (
        "Factuurnummer\tFactuurdatum\tVervaldatum\tTotaal\tNaam\r\n"
        "7\t1-2-2026\t15-2-2026\t8,50\tAnna\r\n"
    )
    data = text.encode("utf-16")
    assert detect_encoding(data) == "utf-16"
    (record,) = parse_invoice_csv(decode_text(data)).records
    assert (record.line, record.number, record.total) == (2, "7", Decimal("8.50"))


def test_undefined_cp1252_bytes_do_not_fail() -> None:
    assert decode_text(b"a\x81b\x80") == "a\x81b€"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("a;b;c", ";"),
        ("a,b,c", ","),
        ("a\tb\tc", "\t"),
        ('"a;b",c,d', ","),
        ("a", ","),
        ("a;b,c", ";"),
    ],
)
def test_delimiter_detection(line: str, expected: str) -> None:
    assert detect_delimiter(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01", date(2026, 3, 1)),
        ("01-03-2026", date(2026, 3, 1)),
        ("1-3-2026", date(2026, 3, 1)),
        ("01/03/2026", date(2026, 3, 1)),
        ("01.03.2026", date(2026, 3, 1)),
        ("29-02-2028", date(2028, 2, 29)),
    ],
)
def test_dates(text: str, expected: date) -> None:
    result = parse_invoice_csv(
        f"invoice_number,issue_date,due_date,total,name\n1,{text},{text},1.00,A\n"
    )
    assert result.records[0].issue_date == expected


@pytest.mark.parametrize(
    "text", ["29-02-2026", "2026/03/01", "20260301", "03-2026", "2026-13-01", "1 maart 2026"]
)
def test_bad_dates(text: str) -> None:
    result = parse_invoice_csv(
        f"invoice_number,issue_date,due_date,total,name\n1,{text},2026-12-31,1.00,A\n"
    )
    assert errors_of(result) == [(2, "issue_date", "invalid_date")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234.56", "1234.56"),
        ("1234,56", "1234.56"),
        ("1.234,56", "1234.56"),
        ('"1,234.56"', "1234.56"),
        ("€ 12,50", "12.50"),
        ("7", "7.00"),
        ("0,5", "0.50"),
    ],
)
def test_amount_notations(text: str, expected: str) -> None:
    result = parse_invoice_csv(
        f"invoice_number;issue_date;due_date;total;name\n1;2026-01-01;2026-01-15;{text};A\n"
    )
    assert result.records[0].total == Decimal(expected)


def test_zero_total_is_a_warning_and_the_record_is_kept() -> None:
    result = parse_invoice_csv(
        "invoice_number;issue_date;due_date;total;name\n1;2026-01-01;2026-01-15;0,00;A\n"
    )
    assert len(result.records) == 1
    assert errors_of(result) == [(2, "total", "zero_total")]
    assert result.ok


def test_same_number_for_an_invoice_and_a_credit_note_is_not_a_duplicate() -> None:
    result = parse_invoice_csv(
        "invoice_number;type;credited_invoice_number;issue_date;due_date;total;name\n"
        "7;invoice;;2026-01-01;2026-01-15;10;A\n"
        "7;credit_note;6;2026-01-02;;10;A\n"
        "7;invoice;;2026-01-03;2026-01-17;10;A\n"
    )
    assert errors_of(result) == [(4, "invoice_number", "duplicate_number")]
    assert [r.document_type for r in result.records] == [
        DocumentType.INVOICE,
        DocumentType.CREDIT_NOTE,
    ]


def test_credit_note_for_an_unknown_invoice_is_not_checked_here() -> None:
    result = parse_invoice_csv(
        "invoice_number;type;credited_invoice_number;issue_date;due_date;total;name\n"
        "C1;creditnota;DOES-NOT-EXIST;2026-01-02;;10;A\n"
    )
    assert result.errors == ()
    assert result.records[0].credited_invoice_number == "DOES-NOT-EXIST"


def test_default_currency_and_debtor_kind_are_options() -> None:
    result = parse_invoice_csv(
        "invoice_number;issue_date;due_date;total;name\n1;2026-01-01;2026-01-15;10;A\n",
        default_currency="USD",
        default_debtor_kind=DebtorKind.BUSINESS,
    )
    assert (result.records[0].currency, result.records[0].debtor.kind) == (
        "USD",
        DebtorKind.BUSINESS,
    )


def test_many_rows_with_repeating_debtors() -> None:
    lines = [
        "factuurnummer;factuurdatum;vervaldatum;totaal;debiteurnummer;naam;adres;postcode;"
        "plaats;telefoon"
    ]
    for i in range(5000):
        d = i % 250
        lines.append(
            f"F{i};01-03-2026;31-03-2026;{i + 1},{i % 100:02d};D{d};Klant {d};Kerkstraat {d + 1};"
            f"3511 AB;Utrecht;0612{d:06d}"
        )
    result = parse_invoice_csv("\n".join(lines))
    assert result.errors == ()
    assert len(result.records) == 5000
    assert result.records[4999].total == Decimal("5000.99")
    assert result.records[4999].line == 5001
    assert result.records[4999].debtor.phone == "+31612000249"


def test_header_of_only_empty_quotes_is_an_empty_file() -> None:
    assert errors_of(parse_invoice_csv('""\n')) == [(1, None, "empty_file")]


def test_unreadable_rest_of_file_is_reported_and_earlier_rows_kept() -> None:
    text = (
        "invoice_number;issue_date;due_date;total;name;description\n"
        "1;2026-01-01;2026-01-15;1;A;ok\n"
        f'2;2026-01-01;2026-01-15;1;A;"{"x" * 200_000}"\n'
    )
    result = parse_invoice_csv(text)
    assert [r.number for r in result.records] == ["1"]
    assert errors_of(result) == [(3, None, "malformed_csv")]
    assert result.errors[0].message_en == (
        "the file cannot be read as CSV from here on: field larger than field limit (131072)"
    )
