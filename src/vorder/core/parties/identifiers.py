"""Bank account (IBAN), Chamber of Commerce (KvK) and VAT (btw) numbers.

- IBAN: ISO 13616 via ``schwifty`` (checksum, length and national structure); the BIC and
  bank name come from schwifty's bank registry (for NL: the Betaalvereniging's list).
- KvK number: 8 digits (Handelsregisterbesluit 2008; the KvK publishes no check digit).
- VAT number: Dutch btw-id ``NL`` + 9 digits + ``B`` + 2 digits, checked with
  ``stdnum.nl.btw`` (11-proof of the old RSIN/BSN-based numbers or ISO 7064 mod 97-10 of
  the btw-id issued to sole traders since 2020); other EU numbers with ``stdnum.eu.vat``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from schwifty import IBAN
from schwifty.exceptions import SchwiftyException
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import btw as nl_btw

from vorder.core.parties.errors import InvalidIban, InvalidKvkNumber, InvalidVatNumber

_KVK = re.compile(r"^[0-9]{8}$")
_SEPARATORS = re.compile(r"[\s.\-]")


@dataclass(frozen=True, slots=True)
class BankAccount:
    """A validated IBAN (compact, upper case) with the bank's BIC and name where known."""

    iban: str
    bic: str | None
    bank_name: str | None

    @property
    def formatted(self) -> str:
        """ "NL91 ABNA 0417 1643 00"."""
        return " ".join(self.iban[i : i + 4] for i in range(0, len(self.iban), 4))


@lru_cache(maxsize=65536)
def check_iban(text: str, *, field: str = "iban") -> BankAccount:
    """Validate an IBAN ("NL91 ABNA 0417 1643 00" or compact). Raises :class:`InvalidIban`."""
    try:
        iban = IBAN(text)
    except (SchwiftyException, ValueError):
        raise InvalidIban(text, field=field) from None
    bic = iban.bic
    return BankAccount(
        iban=iban.compact,
        bic=str(bic) if bic is not None else None,
        bank_name=iban.bank_name,
    )


def normalise_kvk(text: str, *, field: str = "kvk") -> str:
    """ "12 34 56 78" / "KvK 12345678" → "12345678". Raises :class:`InvalidKvkNumber`."""
    raw = _SEPARATORS.sub("", text).upper()
    if raw.startswith("KVK"):
        raw = raw[3:].lstrip(":")
    if not _KVK.match(raw) or raw == "00000000":
        raise InvalidKvkNumber(text, field=field)
    return raw


@lru_cache(maxsize=65536)
def normalise_vat_number(text: str, *, field: str = "vat_number") -> str:
    """ "NL 0000.99998.B57" → "NL000099998B57"; a number without prefix is taken as Dutch.

    Raises :class:`InvalidVatNumber`.
    """
    raw = _SEPARATORS.sub("", text).upper()
    try:
        if raw.startswith("NL") or (raw[:1].isdigit() and len(raw) == 12):
            return "NL" + str(nl_btw.validate(raw))
        return str(eu_vat.validate(raw))
    except StdnumError:
        raise InvalidVatNumber(text, field=field) from None
