"""UBL import of our own NLCIUS / Peppol BIS 3 fixtures, and every way a file can fail."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from vorder.adapters.einvoice import parse_ubl
from vorder.adapters.einvoice.schemas import ubl_schema
from vorder.core.intake import DocumentType, IntakeResult, Severity, SupplierParty
from vorder.core.parties import Address, Debtor, DebtorKind
from vorder.core.references import PaymentReference, PaymentReferenceKind

FIXTURES = Path(__file__).parents[2] / "fixtures" / "einvoice"
INVOICE = (FIXTURES / "nlcius-invoice.xml").read_bytes()
HOTEL = Address(
    "Havenkade", "12", "A", "8261 AB", "Kampen", "NL", "t.a.v. crediteurenadministratie"
)
BAKERY = SupplierParty(
    name="Bakkerij De Korenschoof",
    registration_name="Bakkerij De Korenschoof V.O.F.",
    kvk_number="12345678",
    vat_number="NL000099998B57",
    endpoint_id="12345678",
    endpoint_scheme="0106",
    address=Address("Korenmarkt", "5", None, "8011 NB", "Zwolle", "NL"),
    email="administratie@example.com",
    phone="038-1234567",
)


def issues(result: IntakeResult) -> list[tuple[int, str | None, str, Severity]]:
    return [(e.line, e.field, e.code, e.severity) for e in result.errors]


def test_nlcius_invoice() -> None:
    result = parse_ubl(INVOICE, filename="nlcius-invoice.xml")
    assert result.errors == ()
    (record,) = result.records
    assert (record.source, record.document_type, record.number, record.line) == (
        "ubl-2.1",
        DocumentType.INVOICE,
        "KS-2026-0042",
        6,
    )
    assert (record.issue_date, record.due_date) == (date(2026, 3, 2), date(2026, 3, 16))
    assert (record.total, record.vat, record.amount_due) == (
        Decimal("453.99"),
        Decimal("37.49"),
        Decimal("403.99"),
    )
    assert record.payment_reference == PaymentReference(
        PaymentReferenceKind.BETALINGSKENMERK, "5000056789012345"
    )
    assert (record.payee_iban, record.payee_bic) == ("NL91ABNA0417164300", "ABNANL2A")
    assert (record.buyer_reference, record.description) == (
        "PO-7781",
        "Brood en banket februari 2026",
    )
    assert record.debtor == Debtor(
        kind=DebtorKind.BUSINESS,
        name="Hotel Het Anker B.V.",
        external_number="DEB-0815",
        address=HOTEL,
        email="Crediteuren@example.org",
        phone="+31383334455",
        kvk_number="87654321",
        vat_number="NL123456782B01",
    )
    assert record.supplier == BAKERY


def test_nlcius_credit_note_names_the_credited_invoice() -> None:
    result = parse_ubl((FIXTURES / "nlcius-credit-note.xml").read_bytes())
    assert result.errors == ()
    (record,) = result.records
    assert (record.document_type, record.number, record.credited_invoice_number) == (
        DocumentType.CREDIT_NOTE,
        "KS-C-2026-0003",
        "KS-2026-0042",
    )
    assert (record.total, record.vat, record.amount_due, record.due_date) == (
        Decimal("37.06"),
        Decimal("3.06"),
        Decimal("37.06"),
        None,
    )
    assert record.debtor.kvk_number == "87654321"


def test_consumer_kind_can_be_chosen() -> None:
    (record,) = parse_ubl(INVOICE, default_debtor_kind=DebtorKind.CONSUMER).records
    assert record.debtor.kind is DebtorKind.CONSUMER


def test_not_well_formed() -> None:
    result = parse_ubl(b"<Invoice>\n<cbc:ID>1</cbc:ID>\n</Invoce>", filename="x.xml")
    assert result.records == ()
    assert [(e.line, e.code, e.file) for e in result.errors] == [(2, "xml_syntax", "x.xml")]
    assert result.errors[0].message_nl.startswith("het bestand is geen geldige XML: ")


def test_entities_are_not_expanded() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
    result = parse_ubl(data)
    assert result.records == ()
    assert [e.code for e in result.errors] == ["not_ubl"]


def test_not_a_ubl_document() -> None:
    result = parse_ubl(b'<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>')
    assert issues(result) == [(1, None, "not_ubl", Severity.ERROR)]
    assert result.errors[0].message_en == (
        "the root element {urn:oasis:names:specification:ubl:schema:xsd:Order-2}Order "
        "is not a UBL Invoice or CreditNote"
    )


def test_xsd_violations_are_listed_with_line_and_path_and_nothing_is_imported() -> None:
    broken = INVOICE.replace(
        b"<cbc:IssueDate>2026-03-02</cbc:IssueDate>", b"<cbc:IssueDate>2026-02-30</cbc:IssueDate>"
    ).replace(b"<cbc:Name>Hotel Het Anker B.V.</cbc:Name>", b"<cbc:Naam>Hotel</cbc:Naam>")
    result = parse_ubl(broken, filename="broken.xml")
    assert result.records == ()
    assert issues(result) == [
        (10, "/Invoice/cbc:IssueDate", "xsd_invalid", Severity.ERROR),
        (
            52,  # the cac:PartyName element whose content is wrong
            "/Invoice/cac:AccountingCustomerParty/cac:Party/cac:PartyName",
            "xsd_invalid",
            Severity.ERROR,
        ),
    ]
    assert result.errors[1].message_en == (
        "not valid against the UBL 2.1 schema: Unexpected child with tag 'cbc:Naam' at "
        "position 1. Tag 'cbc:Name' expected."
    )


def test_amount_with_three_decimals_is_an_error() -> None:
    data = INVOICE.replace(
        b'"EUR">403.99</cbc:PayableAmount>', b'"EUR">403.995</cbc:PayableAmount>'
    )
    result = parse_ubl(data)
    assert result.records == ()
    assert issues(result) == [
        (113, "cac:LegalMonetaryTotal/cbc:PayableAmount", "invalid_amount", Severity.ERROR),
    ]


def test_due_date_before_issue_date_and_vat_above_total() -> None:
    data = INVOICE.replace(b"<cbc:DueDate>2026-03-16", b"<cbc:DueDate>2026-02-16").replace(
        b'<cbc:TaxAmount currencyID="EUR">37.49</cbc:TaxAmount>\n    <cac:TaxSubtotal>',
        b'<cbc:TaxAmount currencyID="EUR">999.00</cbc:TaxAmount>\n    <cac:TaxSubtotal>',
    )
    result = parse_ubl(data)
    assert result.records == ()
    assert issues(result) == [
        (11, "cbc:DueDate", "due_before_issue", Severity.ERROR),
        (95, "cac:TaxTotal/cbc:TaxAmount", "vat_exceeds_total", Severity.ERROR),
    ]


def test_customer_without_a_name_is_an_error() -> None:
    data = INVOICE.replace(b"<cbc:Name>Hotel Het Anker B.V.</cbc:Name>", b"<cbc:Name> </cbc:Name>")
    data = data.replace(
        b"<cbc:RegistrationName>Het Anker Exploitatie B.V.</cbc:RegistrationName>",
        b"<cbc:RegistrationName> </cbc:RegistrationName>",
    )
    result = parse_ubl(data)
    assert result.records == ()
    assert issues(result) == [
        (
            53,
            "cac:AccountingCustomerParty/cac:Party/cac:PartyName/cbc:Name",
            "missing_value",
            Severity.ERROR,
        ),
    ]


def test_invalid_customer_postcode_drops_the_address_with_a_warning() -> None:
    data = INVOICE.replace(
        b"<cbc:PostalZone>8261ab</cbc:PostalZone>", b"<cbc:PostalZone>0261ab</cbc:PostalZone>"
    )
    result = parse_ubl(data)
    (record,) = result.records
    assert record.debtor.address is None
    assert issues(result) == [
        (
            59,
            "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cbc:PostalZone",
            "dropped_value",
            Severity.WARNING,
        ),
    ]


def test_wrong_betalingskenmerk_is_kept_as_text_with_a_warning() -> None:
    data = INVOICE.replace(b"5000 0567 8901 2345", b"5000 0567 8901 2346")
    result = parse_ubl(data)
    (record,) = result.records
    assert record.payment_reference == PaymentReference(
        PaymentReferenceKind.FREE_TEXT, "5000 0567 8901 2346"
    )
    assert issues(result) == [
        (82, "cac:PaymentMeans/cbc:PaymentID", "invalid_payment_reference", Severity.WARNING),
    ]


@pytest.mark.parametrize("version", ["2.1", "2.0"])
def test_schema_sets_hold_both_documents_and_xml_signature(version: str) -> None:
    elements = ubl_schema(version).maps.elements
    assert "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice" in elements
    assert "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote" in elements
    if version == "2.1":
        # Resolved from xmlschema's own copy of the W3C schema (not vendored).
        assert "{http://www.w3.org/2000/09/xmldsig#}Signature" in elements
