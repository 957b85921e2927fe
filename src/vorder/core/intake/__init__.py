"""Intake of invoices and credit notes: CSV parsing and the records every source produces."""

from vorder.core.intake.csv_intake import detect_delimiter, parse_invoice_csv
from vorder.core.intake.decode import decode_text, detect_encoding
from vorder.core.intake.records import (
    DocumentType,
    IntakeError,
    IntakeResult,
    InvoiceRecord,
    Severity,
    SupplierParty,
)

__all__ = [
    "DocumentType",
    "IntakeError",
    "IntakeResult",
    "InvoiceRecord",
    "Severity",
    "SupplierParty",
    "decode_text",
    "detect_delimiter",
    "detect_encoding",
    "parse_invoice_csv",
]
