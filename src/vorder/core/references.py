"""Payment references: the Dutch betalingskenmerk and the RF creditor reference.

**Betalingskenmerk** (Betaalvereniging Nederland, formerly Currence/NVB acceptgiro rules,
"Specificaties betalingskenmerk"): 7, 9–14 or 16 digits. 16 digits = check digit + 15
digits; 9–14 digits = check digit + length code + 7–12 digits; 7 digits have no check.
The check digit is the weighted modulus 11 over every digit after it: weights
2, 4, 8, 5, 10, 9, 7, 3, 6, 1 from the rightmost digit to the left (repeating), check =
11 − (sum mod 11), with 10 → 1 and 11 → 0. Example from the specification:
``5000 0567 8901 2345``.

**RF creditor reference** (ISO 11649): ``RF`` + 2 check digits (ISO 7064 mod 97-10) + up
to 21 alphanumerics; checked with ``stdnum.iso11649``.

Vorder generates 16-digit betalingskenmerken deterministically from a tenant code and an
invoice sequence number (:func:`reference_number`), so the same invoice always gets the same
reference and a bank line can be traced back without a lookup table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from stdnum import iso11649
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.iso7064 import mod_97_10

from vorder.core.errors import DomainError

WEIGHTS = (2, 4, 8, 5, 10, 9, 7, 3, 6, 1)
TENANT_DIGITS = 5
SEQUENCE_DIGITS = 10
_TENANT_LIMIT = 100_000
_SEQUENCE_LIMIT = 10_000_000_000
MAX_FREE_TEXT = 140  # SEPA unstructured remittance information
_LENGTH_CODES = {9: 7, 10: 8, 11: 9, 12: 0, 13: 1, 14: 2}  # total length → code L
_SEPARATORS = re.compile(r"[\s.\-]")


class InvalidPaymentReference(DomainError):
    """Not a valid betalingskenmerk / RF reference (wrong length, check digit or form)."""

    code = "invalid_payment_reference"


class PaymentReferenceKind(StrEnum):
    BETALINGSKENMERK = "betalingskenmerk"
    RF = "rf"
    FREE_TEXT = "free_text"


@dataclass(frozen=True, slots=True)
class PaymentReference:
    """A classified payment reference: ``value`` is compact (no spaces) unless free text."""

    kind: PaymentReferenceKind
    value: str

    @property
    def formatted(self) -> str:
        if self.kind is PaymentReferenceKind.BETALINGSKENMERK:
            return format_betalingskenmerk(self.value)
        if self.kind is PaymentReferenceKind.RF:
            return str(iso11649.format(self.value))
        return self.value


def check_digit(digits: str) -> int:
    """The weighted modulus-11 check digit over ``digits`` (everything after the check)."""
    total = sum(int(d) * WEIGHTS[i % len(WEIGHTS)] for i, d in enumerate(reversed(digits)))
    check = 11 - total % 11
    return {10: 1, 11: 0}.get(check, check)


def reference_number(tenant_code: int, sequence: int) -> int:
    """The 15-digit body for a tenant (0..99999) and an invoice sequence (0..9999999999)."""
    if not 0 <= tenant_code < _TENANT_LIMIT:
        raise InvalidPaymentReference(
            f"tenant code {tenant_code} must have at most {TENANT_DIGITS} digits",
            field="tenant_code",
        )
    if not 0 <= sequence < _SEQUENCE_LIMIT:
        raise InvalidPaymentReference(
            f"sequence {sequence} must have at most {SEQUENCE_DIGITS} digits", field="sequence"
        )
    return tenant_code * _SEQUENCE_LIMIT + sequence


def make_betalingskenmerk(number: int) -> str:
    """The 16-digit betalingskenmerk for a body 0..10**15−1: check digit + 15 digits."""
    if not 0 <= number < 10**15:
        raise InvalidPaymentReference(
            f"{number} does not fit in the 15 digits of a betalingskenmerk", field="number"
        )
    body = f"{number:015d}"
    return f"{check_digit(body)}{body}"


def format_betalingskenmerk(value: str) -> str:
    """ "5000056789012345" → "5000 0567 8901 2345" (groups of four, as on a payment slip)."""
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def validate_betalingskenmerk(text: str, *, field: str = "payment_reference") -> str:
    """Check a betalingskenmerk of 7, 9–14 or 16 digits; return it compact.

    Raises :class:`InvalidPaymentReference`.
    """
    digits = _SEPARATORS.sub("", text)
    if not digits.isdigit() or not digits.isascii():
        raise InvalidPaymentReference(f"'{text}' is not a betalingskenmerk", field=field)
    n = len(digits)
    if n == 7:
        return digits
    if n == 16:
        if int(digits[0]) != check_digit(digits[1:]):
            raise InvalidPaymentReference(f"'{text}': wrong check digit", field=field)
        return digits
    if n in _LENGTH_CODES:
        if int(digits[1]) != _LENGTH_CODES[n]:
            raise InvalidPaymentReference(f"'{text}': wrong length code", field=field)
        if int(digits[0]) != check_digit(digits[1:]):
            raise InvalidPaymentReference(f"'{text}': wrong check digit", field=field)
        return digits
    raise InvalidPaymentReference(
        f"'{text}' has {n} digits; a betalingskenmerk has 7, 9 to 14 or 16", field=field
    )


def make_rf_reference(body: str | int) -> str:
    """ISO 11649 RF reference for an alphanumeric body of 1..21 characters (compact)."""
    text = str(body).upper()
    if not text.isalnum() or not text.isascii() or not 1 <= len(text) <= 21:
        raise InvalidPaymentReference(
            f"'{body}' cannot be the body of an RF reference", field="number"
        )
    check = mod_97_10.calc_check_digits(text + "RF")
    return f"RF{check}{text}"


def validate_rf_reference(text: str, *, field: str = "payment_reference") -> str:
    """Check an RF creditor reference; return it compact. Raises InvalidPaymentReference."""
    try:
        return str(iso11649.validate(text))
    except StdnumError:
        raise InvalidPaymentReference(
            f"'{text}' is not a valid RF reference", field=field
        ) from None


def classify_payment_reference(text: str, *, field: str = "payment_reference") -> PaymentReference:
    """Recognise a payment reference as given on an invoice.

    - starts with ``RF``: must be a valid RF reference;
    - exactly 16 digits (spaces/dots allowed): must be a valid betalingskenmerk;
    - anything else (an invoice number, "Payref1", …) is free text, at most 140 characters.

    Shorter digit strings are *not* taken as betalingskenmerk: they are usually invoice
    numbers used as the remittance text. Raises :class:`InvalidPaymentReference`.
    """
    raw = text.strip()
    compact = _SEPARATORS.sub("", raw).upper()
    if not raw:
        raise InvalidPaymentReference("the payment reference is empty", field=field)
    if compact.startswith("RF") and compact[2:4].isdigit():
        return PaymentReference(PaymentReferenceKind.RF, validate_rf_reference(raw, field=field))
    if compact.isdigit() and len(compact) == 16:
        return PaymentReference(
            PaymentReferenceKind.BETALINGSKENMERK, validate_betalingskenmerk(raw, field=field)
        )
    if len(raw) > MAX_FREE_TEXT:
        raise InvalidPaymentReference(
            f"the payment reference is longer than {MAX_FREE_TEXT} characters", field=field
        )
    return PaymentReference(PaymentReferenceKind.FREE_TEXT, raw)
