"""Parsing single intake values: dates, document types, currencies, amounts."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache

from vorder.core.intake.records import DocumentType
from vorder.core.money import InvalidAmount, parse_amount

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")

_TYPES = {
    "": DocumentType.INVOICE,
    "invoice": DocumentType.INVOICE,
    "factuur": DocumentType.INVOICE,
    "inv": DocumentType.INVOICE,
    "credit_note": DocumentType.CREDIT_NOTE,
    "credit note": DocumentType.CREDIT_NOTE,
    "creditnote": DocumentType.CREDIT_NOTE,
    "credit": DocumentType.CREDIT_NOTE,
    "creditnota": DocumentType.CREDIT_NOTE,
    "creditfactuur": DocumentType.CREDIT_NOTE,
}


class InvalidValue(ValueError):
    """A value that cannot be read; the caller turns it into an intake error by ``code``."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@lru_cache(maxsize=8192)
def parse_date(text: str) -> date:
    """ "2026-03-01" (ISO) or "01-03-2026" / "1/3/2026" / "01.03.2026" (day first).

    Never month first: "03/01/2026" is 3 January. Raises InvalidValue("invalid_date").
    """
    raw = text.strip()
    match = _ISO.match(raw)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DAY_FIRST.match(raw)
        if not match:
            raise InvalidValue("invalid_date")
        day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidValue("invalid_date") from None


def parse_document_type(text: str) -> DocumentType:
    """ "invoice"/"factuur"/"" → INVOICE; "credit_note"/"creditnota"/"credit" → CREDIT_NOTE."""
    found = _TYPES.get(text.strip().lower().replace("-", " "))
    if found is None:
        found = _TYPES.get(text.strip().lower().replace("-", "_"))
    if found is None:
        raise InvalidValue("invalid_document_type")
    return found


def parse_currency(text: str) -> str:
    """ "eur" → "EUR" (three letters, ISO 4217 form). Raises InvalidValue("invalid_currency")."""
    code = text.strip().upper()
    if not _CURRENCY.match(code):
        raise InvalidValue("invalid_currency")
    return code


def read_amount(text: str) -> Decimal:
    """A money amount, at most two decimals: "1234.56", "1234,56", "1.234,56" (Dutch) or
    "1,234.56" (English: a '.' after the last ',' is the decimal point)."""
    raw = text.strip()
    if "," in raw and "." in raw and raw.rfind(".") > raw.rfind(","):
        raw = raw.replace(",", "")
    try:
        return parse_amount(raw)
    except InvalidAmount:
        raise InvalidValue("invalid_amount") from None
