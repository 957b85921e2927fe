"""Random but *valid* Dutch identifiers for demo debtors: IBANs of real Dutch banks (with
an 11-proof account number, as pre-SEPA Dutch accounts had), KvK numbers, btw numbers
(11-proof RSIN-based, or the sole-trader btw-id with ISO 7064 mod 97-10), postcodes,
mobile and landline numbers."""

from __future__ import annotations

import random

from schwifty import IBAN
from stdnum.iso7064 import mod_97_10

from vorder.core.demo.data import EXCLUDED_LETTER_PAIRS, POSTCODE_LETTERS, Town

# Bank codes of real Dutch banks with their (approximate) share of private accounts.
BANKS: tuple[tuple[str, float], ...] = (
    ("INGB", 0.36),
    ("RABO", 0.27),
    ("ABNA", 0.20),
    ("SNSB", 0.06),
    ("ASNB", 0.03),
    ("TRIO", 0.02),
    ("KNAB", 0.02),
    ("BUNQ", 0.04),
)
_BANK_CODES = tuple(code for code, _ in BANKS)
_BANK_WEIGHTS = tuple(weight for _, weight in BANKS)
_ELF = (10, 9, 8, 7, 6, 5, 4, 3, 2, 1)


def account_number(rng: random.Random) -> str:
    """Ten digits whose weighted sum (weights 10..1) is divisible by 11 (the 'elfproef')."""
    while True:
        digits = [rng.randrange(10) for _ in range(9)]
        if digits[0] == 0 and digits[1] == 0:
            digits[1] = rng.randrange(1, 10)
        partial = sum(d * w for d, w in zip(digits, _ELF, strict=False))
        last = (-partial) % 11  # weight 1 for the last digit
        if last < 10:
            return "".join(map(str, digits)) + str(last)


def iban(rng: random.Random) -> str:
    bank = rng.choices(_BANK_CODES, _BANK_WEIGHTS)[0]
    return str(IBAN.generate("NL", bank_code=bank, account_code=account_number(rng)).compact)


def kvk_number(rng: random.Random) -> str:
    return f"{rng.randrange(10_000_000, 100_000_000)}"


def rsin_vat_number(rng: random.Random) -> str:
    """NL + 9 digits passing the 11-proof + B01 (rarely B02/B03: a fiscal unity's members)."""
    while True:
        digits = [rng.randrange(10) for _ in range(8)]
        if digits[0] == 0:
            digits[0] = rng.randrange(1, 10)
        total = sum(d * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2), strict=True))
        check = total % 11
        if check < 10:
            suffix = rng.choices(("01", "02", "03"), (0.94, 0.04, 0.02))[0]
            return "NL" + "".join(map(str, digits)) + str(check) + "B" + suffix


def sole_trader_vat_number(rng: random.Random) -> str:
    """The btw-id issued to sole traders since 2020: NL + 9 digits + B + mod 97-10 check."""
    while True:
        body = "NL" + f"{rng.randrange(10**9):09d}" + "B"
        check = mod_97_10.calc_check_digits(body)
        if check != "00":
            return body + check


def postcode(rng: random.Random, town: Town) -> str:
    while True:
        letters = rng.choice(POSTCODE_LETTERS) + rng.choice(POSTCODE_LETTERS)
        if letters not in EXCLUDED_LETTER_PAIRS:
            return f"{rng.randint(town.postcode_from, town.postcode_to)} {letters}"


def mobile_number(rng: random.Random) -> str:
    """E.164 Dutch mobile number (+31 6 1… to 6 5…)."""
    return f"+316{rng.randint(1, 5)}{rng.randrange(10**7):07d}"


def landline_number(rng: random.Random, town: Town) -> str:
    """E.164 geographic number: area code + subscriber number (9 digits after +31)."""
    rest = 9 - len(town.area_code)
    first = rng.randint(2, 9)
    return f"+31{town.area_code}{first}{rng.randrange(10 ** (rest - 1)):0{rest - 1}d}"
