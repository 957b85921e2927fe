"""The typed records every intake path produces (CSV, UBL e-invoice, demo generator).

One shape for all sources, so the application layer has one import path: an
:class:`InvoiceRecord` per invoice or credit note, with its validated :class:`Debtor`, and a
list of :class:`IntakeError` (errors and warnings) that point at a line and a field.
Amounts are ``Decimal`` with two decimals; a credit note's amounts are positive (the amount
credited).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from vorder.core.parties import Address, Debtor
from vorder.core.references import PaymentReference


class DocumentType(StrEnum):
    INVOICE = "invoice"  # factuur
    CREDIT_NOTE = "credit_note"  # creditnota


class Severity(StrEnum):
    ERROR = "error"  # the record is not produced
    WARNING = "warning"  # the record is produced; something was dropped or is doubtful


@dataclass(frozen=True, slots=True)
class SupplierParty:
    """The issuer of an e-invoice as stated on it (identifiers as given, not validated).

    The application layer matches it against the tenant (creditor); a CSV has no supplier.
    """

    name: str | None
    registration_name: str | None = None
    kvk_number: str | None = None
    vat_number: str | None = None
    endpoint_id: str | None = None
    endpoint_scheme: str | None = None  # e.g. "0106" (KvK), "9944" (NL VAT), "GLN"
    address: Address | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True)
class InvoiceRecord:
    """One invoice or credit note, ready to become a claim line (vordering).

    ``line`` is the 1-based physical line where the record starts (CSV) or the line of the
    root element (XML). ``total`` includes VAT; ``amount_due`` is what is still payable on
    the document itself (``total`` minus any prepaid amount; equal to ``total`` for CSV).
    ``due_date`` is None only when an e-invoice states none (the law engine then applies
    the statutory term). ``credited_invoice_number`` is set for credit notes; whether that
    invoice exists is for the application layer to check.
    """

    line: int
    document_type: DocumentType
    number: str
    issue_date: date
    due_date: date | None
    total: Decimal
    vat: Decimal | None
    amount_due: Decimal
    currency: str
    debtor: Debtor
    payment_reference: PaymentReference | None = None
    description: str | None = None
    credited_invoice_number: str | None = None
    buyer_reference: str | None = None
    supplier: SupplierParty | None = None
    payee_iban: str | None = None
    payee_bic: str | None = None
    source: str = "csv"  # "csv", "ubl-2.1", "ubl-2.0", "demo"


@dataclass(frozen=True, slots=True)
class IntakeError:
    """A problem found in an input file, in English and Dutch.

    ``field`` is the column header exactly as written in the file (CSV) or the element path
    (XML); None when the problem is the whole line or file.
    """

    line: int
    field: str | None
    code: str
    message_en: str
    message_nl: str
    severity: Severity = Severity.ERROR
    file: str | None = None


@dataclass(frozen=True, slots=True)
class IntakeResult:
    """Records that passed, and every error and warning (records never carry an error)."""

    records: tuple[InvoiceRecord, ...]
    errors: tuple[IntakeError, ...]
    rows: int = 0  # data rows read (blank lines not counted)

    @property
    def ok(self) -> bool:
        return not any(e.severity is Severity.ERROR for e in self.errors)

    @property
    def warnings(self) -> tuple[IntakeError, ...]:
        return tuple(e for e in self.errors if e.severity is Severity.WARNING)
