"""Bilingual (English, Dutch) messages of intake errors, by stable code.

Templates are ``str.format`` strings. Party-field errors bring their own two messages
(:mod:`vorder.core.parties.errors`); everything else found while reading a file is here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from vorder.core.intake.records import IntakeError, Severity
from vorder.core.parties import PartyFieldError

MESSAGES: dict[str, tuple[str, str]] = {
    "empty_file": ("the file has no header line", "het bestand heeft geen kopregel"),
    "missing_column": (
        "required column '{column}' is missing (accepted headers: {aliases})",
        "verplichte kolom '{column}' ontbreekt (toegestane kopjes: {aliases})",
    ),
    "duplicate_column": (
        "columns '{value}' and '{other}' mean the same thing; keep one",
        "kolommen '{value}' en '{other}' betekenen hetzelfde; houd er één",
    ),
    "unknown_column": (
        "column '{value}' is not known and is ignored",
        "kolom '{value}' is onbekend en wordt genegeerd",
    ),
    "malformed_csv": (
        "the file cannot be read as CSV from here on: {reason}",
        "het bestand is vanaf hier niet als CSV te lezen: {reason}",
    ),
    "wrong_field_count": (
        "the line has {count} fields but the header has {expected}",
        "de regel heeft {count} velden maar de kopregel heeft er {expected}",
    ),
    "missing_value": ("a value is required", "een waarde is verplicht"),
    "too_long": (
        "the value is longer than {limit} characters",
        "de waarde is langer dan {limit} tekens",
    ),
    "invalid_document_type": (
        "'{value}' is not a document type (use invoice or credit_note)",
        "'{value}' is geen documentsoort (gebruik factuur of creditnota)",
    ),
    "invalid_date": (
        "'{value}' is not a date (use yyyy-mm-dd or dd-mm-yyyy)",
        "'{value}' is geen datum (gebruik jjjj-mm-dd of dd-mm-jjjj)",
    ),
    "due_before_issue": (
        "the due date {due} is before the issue date {issue}",
        "de vervaldatum {due} ligt vóór de factuurdatum {issue}",
    ),
    "invalid_amount": (
        "'{value}' is not an amount with at most two decimals (e.g. 1234.56 or 1.234,56)",
        "'{value}' is geen bedrag met hoogstens twee decimalen (bijv. 1234.56 of 1.234,56)",
    ),
    "negative_total": (
        "the total {value} is negative; give a credit note's amount as a positive number",
        "het totaal {value} is negatief; geef het bedrag van een creditnota positief op",
    ),
    "zero_total": ("the total is 0.00", "het totaal is 0,00"),
    "negative_vat": ("the VAT amount {value} is negative", "het btw-bedrag {value} is negatief"),
    "vat_exceeds_total": (
        "the VAT amount {vat} is more than the total {total}",
        "het btw-bedrag {vat} is hoger dan het totaal {total}",
    ),
    "amount_due_exceeds_total": (
        "the amount due {due} is more than the total {total}",
        "het te betalen bedrag {due} is hoger dan het totaal {total}",
    ),
    "invalid_currency": (
        "'{value}' is not a currency code (ISO 4217, e.g. EUR)",
        "'{value}' is geen valutacode (ISO 4217, bijv. EUR)",
    ),
    "duplicate_number": (
        "number '{value}' already appears on line {first_line}",
        "nummer '{value}' staat al op regel {first_line}",
    ),
    "missing_credited_invoice": (
        "a credit note must name the invoice it credits",
        "een creditnota moet de factuur noemen die zij crediteert",
    ),
    "invalid_payment_reference": (
        "'{value}' is not a valid payment reference (16-digit betalingskenmerk or RF reference)",
        "'{value}' is geen geldig betalingskenmerk (16 cijfers) of RF-referentie",
    ),
    "xml_syntax": (
        "the file is not well-formed XML: {reason}",
        "het bestand is geen geldige XML: {reason}",
    ),
    "not_ubl": (
        "the root element {value} is not a UBL Invoice or CreditNote",
        "het hoofdelement {value} is geen UBL Invoice of CreditNote",
    ),
    "xsd_invalid": (
        "not valid against the UBL {version} schema: {reason}",
        "niet geldig volgens het UBL {version}-schema: {reason}",
    ),
    "unsupported_ubl_version": (
        "UBL version {value} is read with the UBL 2.1 schema",
        "UBL-versie {value} wordt gelezen met het UBL 2.1-schema",
    ),
    "missing_due_date": (
        "the document states no due date; the statutory term applies",
        "het document noemt geen vervaldatum; de wettelijke termijn geldt",
    ),
    "dropped_value": (
        "'{value}' is not valid and is left out: {reason}",
        "'{value}' is niet geldig en wordt weggelaten: {reason}",
    ),
}


def _format(value: Any, language: str) -> Any:
    """Amounts and dates in each language's notation: 1234.56 / 1.234,56; ISO / dd-mm-jjjj."""
    if isinstance(value, Decimal):
        text = f"{value:,.2f}"
        return text if language == "en" else text.translate(_NL_DIGITS)
    if isinstance(value, date):
        return value.isoformat() if language == "en" else value.strftime("%d-%m-%Y")
    return value


_NL_DIGITS = str.maketrans({",": ".", ".": ","})


def intake_error(
    code: str,
    *,
    line: int,
    field: str | None,
    severity: Severity = Severity.ERROR,
    file: str | None = None,
    **params: Any,
) -> IntakeError:
    """An :class:`IntakeError` with both messages filled from :data:`MESSAGES`."""
    en, nl = MESSAGES[code]
    return IntakeError(
        line=line,
        field=field,
        code=code,
        message_en=en.format(**{k: _format(v, "en") for k, v in params.items()}),
        message_nl=nl.format(**{k: _format(v, "nl") for k, v in params.items()}),
        severity=severity,
        file=file,
    )


def from_party_error(
    exc: PartyFieldError,
    *,
    line: int,
    severity: Severity = Severity.ERROR,
    file: str | None = None,
) -> IntakeError:
    """The intake form of a party-field error (its own code and messages)."""
    return IntakeError(
        line=line,
        field=exc.field,
        code=exc.code,
        message_en=exc.message_en,
        message_nl=exc.message_nl,
        severity=severity,
        file=file,
    )
