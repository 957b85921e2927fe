"""The real third-party UBL samples end to end: exact amounts, dates and parties."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.integration.einvoice.conftest import Samples
from vorder.adapters.einvoice import parse_ubl
from vorder.core.intake import DocumentType, Severity, SupplierParty
from vorder.core.parties import Address, Debtor, DebtorKind, Language
from vorder.core.references import PaymentReference, PaymentReferenceKind

OASIS_BUYER = Debtor(
    kind=DebtorKind.BUSINESS,
    name="Buyercompany ltd",
    external_number="345KS5324",
    address=Address(
        "Anystreet", "8", None, "101", "Anytown", "BE", "Back door, Accounting department"
    ),
    email="john@buyercompany.eu",
    language=Language.NL,
)
OASIS_SELLER = SupplierParty(
    name="Salescompany ltd.",
    registration_name="The Sellercompany Incorporated",
    vat_number="DK12345",
    endpoint_id="1234567890123",
    endpoint_scheme="GLN",
    address=Address(
        "Main street", "1", None, "54321", "Big city", "DK", "Suite 123, Revenue department"
    ),
    email="antonio@salescompany.dk",
    phone="4621230",
)


def warnings_of(result: object) -> list[tuple[int, str | None, str]]:
    return [(e.line, e.field, e.code) for e in result.errors]  # type: ignore[attr-defined]


def test_oasis_example_invoice(oasis_samples: Samples) -> None:
    result = parse_ubl(
        oasis_samples.read("UBL-Invoice-2.1-Example.xml"), filename="UBL-Invoice-2.1-Example.xml"
    )
    (record,) = result.records
    assert record.source == "ubl-2.1"
    assert (record.document_type, record.number, record.line) == (
        DocumentType.INVOICE,
        "TOSL108",
        2,
    )
    assert (record.issue_date, record.due_date) == (date(2009, 12, 15), date(2009, 12, 31))
    # TaxInclusiveAmount 1729, TaxTotal 292.20, PrepaidAmount 1000 → PayableAmount 729.
    assert (record.total, record.vat, record.amount_due) == (
        Decimal("1729.00"),
        Decimal("292.20"),
        Decimal("729.00"),
    )
    assert record.currency == "EUR"
    assert record.payment_reference == PaymentReference(PaymentReferenceKind.FREE_TEXT, "Payref1")
    assert record.description == "Ordered in our booth at the convention."
    assert record.buyer_reference == "123"
    assert record.debtor == OASIS_BUYER
    assert record.supplier == OASIS_SELLER
    assert (record.payee_iban, record.payee_bic, record.credited_invoice_number) == (
        None,
        None,
        None,
    )
    # The sample's fictitious numbers fail their checks: kept out, with a warning each.
    assert warnings_of(result) == [
        (132, "cac:AccountingCustomerParty/cac:Party/cac:Contact/cbc:Telephone", "dropped_value"),
        (
            115,
            "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID",
            "dropped_value",
        ),
        (178, "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID", "dropped_value"),
    ]
    assert all(e.severity is Severity.WARNING for e in result.errors)
    assert {e.file for e in result.errors} == {"UBL-Invoice-2.1-Example.xml"}
    assert result.errors[2].message_en == "'DK1212341234123412' is not a valid IBAN; left out"
    assert result.errors[2].message_nl == "'DK1212341234123412' is geen geldig IBAN; weggelaten"


def test_oasis_example_credit_note(oasis_samples: Samples) -> None:
    result = parse_ubl(oasis_samples.read("UBL-CreditNote-2.1-Example.xml"))
    (record,) = result.records
    assert (record.document_type, record.number) == (DocumentType.CREDIT_NOTE, "TOSL108")
    assert (record.issue_date, record.due_date) == (date(2009, 12, 15), None)
    assert (record.total, record.vat, record.amount_due) == (
        Decimal("1729.00"),
        Decimal("292.20"),
        Decimal("729.00"),
    )
    assert record.debtor == OASIS_BUYER
    assert record.supplier == OASIS_SELLER
    assert record.credited_invoice_number is None
    assert warnings_of(result) == [
        (2, "cac:BillingReference", "missing_credited_invoice"),
        (130, "cac:AccountingCustomerParty/cac:Party/cac:Contact/cbc:Telephone", "dropped_value"),
        (
            113,
            "cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID",
            "dropped_value",
        ),
    ]
    assert result.ok


def test_oasis_trivial_invoice_takes_currency_from_the_amount(oasis_samples: Samples) -> None:
    result = parse_ubl(oasis_samples.read("UBL-Invoice-2.1-Example-Trivial.xml"))
    (record,) = result.records
    assert (record.number, record.issue_date, record.due_date) == ("123", date(2011, 9, 22), None)
    assert (record.total, record.vat, record.amount_due, record.currency) == (
        Decimal("100.00"),
        None,
        Decimal("100.00"),
        "CAD",
    )
    assert record.debtor == Debtor(kind=DebtorKind.BUSINESS, name="North American Veeblefetzer")
    assert record.supplier == SupplierParty(name="Custom Cotter Pins")
    assert warnings_of(result) == [(2, "cbc:DueDate", "missing_due_date")]


def test_dutch_ketentest_reference_invoice_ubl_2_0(ketentest_samples: Samples) -> None:
    result = parse_ubl(ketentest_samples.read("UBLKetentest_Referentiefactuur_20150100.xml"))
    (record,) = result.records
    assert record.source == "ubl-2.0"
    assert (record.number, record.line) == ("20150101", 9)
    assert (record.issue_date, record.due_date) == (date(2015, 2, 16), date(2015, 2, 16))
    # 6 % over 220.00 = 13.20 and 21 % over 200.00 = 42.00.
    assert (record.total, record.vat, record.amount_due, record.currency) == (
        Decimal("475.20"),
        Decimal("55.20"),
        Decimal("475.20"),
        "EUR",
    )
    assert record.description == "10001/20150101"
    assert record.debtor == Debtor(
        kind=DebtorKind.BUSINESS,
        name="Efficient Den Haag BV",
        address=Address("Spui", "23", None, "2500 AA", "Den Haag", "NL", "1a"),
    )
    assert record.supplier == SupplierParty(
        name="UBL Ketentest BV",
        kvk_number="12345678",
        vat_number="NL123456789B01",  # as stated (it fails the 11-proof)
        address=Address("Berend Slingenbergstraat", "9", "A", "7742 KD", "Coevorden", "NL"),
        email="ublketentest@gbned.nl",
        phone="0524-560034",
    )
    # The reference invoice's payee account NL23ABNA0123456789 has wrong check digits.
    assert record.payee_iban is None
    assert warnings_of(result) == [
        (90, "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID", "dropped_value"),
    ]
