"""Postal addresses: Dutch postcode "1234 AB", house number and addition; foreign addresses.

A Dutch address (country ``NL``) needs a postcode in the PostNL form (four digits, the first
not 0, two letters, not SA/SD/SS; checked with ``stdnum.nl.postcode``) and a house number
1..99999 with an optional addition (huisletter / huisnummertoevoeging, as in the BAG).
A foreign address keeps its postcode and house number as given (trimmed, upper-cased
postcode) with its ISO 3166-1 alpha-2 country code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import postcode as nl_postcode

from vorder.core.parties.countries import normalise_country
from vorder.core.parties.errors import (
    InvalidHouseNumber,
    InvalidHouseNumberAddition,
    InvalidPostcode,
    InvalidStreetAddress,
    MissingValue,
    PartyFieldError,
    ValueTooLong,
)

MAX_LINE = 100
_HOUSE_NUMBER = re.compile(r"^[1-9][0-9]{0,4}$")
_ADDITION = re.compile(r"^[A-Z0-9](?:[A-Z0-9 \-]{0,4}[A-Z0-9])?$")
_FOREIGN_POSTCODE = re.compile(r"^[A-Z0-9][A-Z0-9 \-]{0,10}$")
# "Kerkstraat 12", "Kerkstraat 12A", "Kerkstraat 12 bis", "Kerkstraat 12-2", "Plein 1944 3".
# The house number is the last group of digits; an addition either follows a hyphen or
# starts with a letter (so "Plein 1944 3" is street "Plein 1944", number 3).
_STREET_LINE = re.compile(
    r"^(?P<street>.*?\D.*?)\s+(?P<number>\d{1,5})"
    r"(?:\s*-\s*(?P<add1>[A-Za-z0-9]{1,6})|\s*(?P<add2>[A-Za-z][A-Za-z0-9]{0,5}))?$"
)
_NUMBER_WITH_ADDITION = re.compile(
    r"^(?P<number>\d{1,5})(?:\s*-\s*|\s*)(?P<addition>[A-Za-z0-9][A-Za-z0-9 \-]{0,5})?$"
)


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address. For ``country == "NL"`` postcode and house number are validated."""

    street: str
    house_number: str | None
    house_number_addition: str | None
    postcode: str | None
    city: str
    country: str = "NL"
    line2: str | None = None

    @property
    def street_line(self) -> str:
        """ "Kerkstraat 12 A" (Dutch order: street, number, addition)."""
        parts = [self.street]
        if self.house_number:
            parts.append(self.house_number)
        if self.house_number_addition:
            parts.append(self.house_number_addition)
        return " ".join(parts)


@lru_cache(maxsize=65536)
def normalise_postcode(text: str, *, country: str = "NL", field: str = "postcode") -> str:
    """ "1234ab" → "1234 AB" for NL; a foreign postcode trimmed and upper-cased.

    Raises :class:`InvalidPostcode`.
    """
    raw = " ".join(text.split()).upper()
    if country == "NL":
        if raw.startswith("NL-") or raw.startswith("NL "):
            raw = raw[3:].strip()
        try:
            return str(nl_postcode.validate(raw))
        except StdnumError:
            raise InvalidPostcode(text, field=field) from None
    if not _FOREIGN_POSTCODE.match(raw):
        raise InvalidPostcode(text, field=field)
    return raw


def normalise_house_number(text: str, *, field: str = "house_number") -> str:
    """A house number 1..99999 as digits without leading zeros. Raises InvalidHouseNumber."""
    raw = text.strip()
    if not _HOUSE_NUMBER.match(raw):
        raise InvalidHouseNumber(text, field=field)
    return raw


def normalise_addition(text: str, *, field: str = "house_number_addition") -> str | None:
    """ "-a" / " A" / "bis" / "2-hoog" → "A" / "A" / "BIS" / "2-HOOG"; empty → None."""
    raw = " ".join(text.split()).lstrip("- ").upper()
    if not raw:
        return None
    if not _ADDITION.match(raw):
        raise InvalidHouseNumberAddition(text, field=field)
    return raw


def split_house_number(text: str, *, field: str = "house_number") -> tuple[str, str | None]:
    """ "9a" → ("9", "A"); "12-2" → ("12", "2"); "12" → ("12", None)."""
    match = _NUMBER_WITH_ADDITION.match(text.strip())
    if not match:
        raise InvalidHouseNumber(text, field=field)
    number = normalise_house_number(match["number"], field=field)
    addition = match["addition"]
    return number, normalise_addition(addition, field=field) if addition else None


def split_street_line(text: str, *, field: str = "address") -> tuple[str, str, str | None]:
    """ "Kerkstraat 12 A" → ("Kerkstraat", "12", "A"). Raises InvalidStreetAddress."""
    line = " ".join(text.split())
    match = _STREET_LINE.match(line)
    if not match:
        raise InvalidStreetAddress(text, field=field)
    addition = match["add1"] or match["add2"]
    return (
        match["street"].rstrip(" ,"),
        normalise_house_number(match["number"], field=field),
        normalise_addition(addition, field=field) if addition else None,
    )


def _text(value: str | None, *, field: str, required: bool) -> str | None:
    cleaned = " ".join(value.split()) if value else ""
    if not cleaned:
        if required:
            raise MissingValue("", field=field)
        return None
    if len(cleaned) > MAX_LINE:
        raise ValueTooLong(cleaned, field=field)
    return cleaned


@dataclass(frozen=True, slots=True)
class AddressFields:
    """The names under which each address part is reported (e.g. the CSV's own headers)."""

    street: str = "street"
    house_number: str = "house_number"
    house_number_addition: str = "house_number_addition"
    address: str = "address"
    postcode: str = "postcode"
    city: str = "city"
    country: str = "country"
    line2: str = "line2"


def build_address(
    *,
    street: str | None = None,
    house_number: str | None = None,
    house_number_addition: str | None = None,
    street_line: str | None = None,
    postcode: str | None = None,
    city: str | None = None,
    country: str | None = None,
    line2: str | None = None,
    errors: list[PartyFieldError],
    fields: AddressFields = AddressFields(),
) -> Address | None:
    """Validate the parts of an address, appending every problem to ``errors``.

    Either ``street`` (+ ``house_number`` [+ addition]) or one ``street_line``
    ("Kerkstraat 12 A") is given. A house number that carries its addition ("9a") is split.
    Returns None when nothing was given or when any part is invalid.
    """
    if not any(v and v.strip() for v in (street, house_number, street_line, postcode, city)):
        return None
    before = len(errors)
    try:
        code = normalise_country(country or "NL", field=fields.country)
    except PartyFieldError as exc:
        errors.append(exc)
        code = "NL"
    number: str | None = None
    addition: str | None = None
    street_name: str | None = None
    try:
        if street and street.strip():
            street_name = _text(street, field=fields.street, required=True)
            if house_number and house_number.strip():
                number, addition = (
                    split_house_number(house_number, field=fields.house_number)
                    if code == "NL"
                    else (house_number.strip(), None)
                )
            elif code == "NL":
                # The street column may hold the whole line "Kerkstraat 12 A".
                street_name, number, addition = split_street_line(street, field=fields.street)
        elif street_line and street_line.strip():
            if code == "NL":
                street_name, number, addition = split_street_line(street_line, field=fields.address)
            else:
                street_name = _text(street_line, field=fields.address, required=True)
        else:
            missing = fields.address if street_line is not None else fields.street
            raise MissingValue("", field=missing)
    except PartyFieldError as exc:
        errors.append(exc)
    if house_number_addition and house_number_addition.strip():
        try:
            addition = normalise_addition(house_number_addition, field=fields.house_number_addition)
        except PartyFieldError as exc:
            errors.append(exc)
    pc: str | None = None
    if postcode and postcode.strip():
        try:
            pc = normalise_postcode(postcode, country=code, field=fields.postcode)
        except PartyFieldError as exc:
            errors.append(exc)
    elif code == "NL":
        errors.append(MissingValue("", field=fields.postcode))
    city_name: str | None = None
    try:
        city_name = _text(city, field=fields.city, required=True)
        extra = _text(line2, field=fields.line2, required=False)
    except PartyFieldError as exc:
        errors.append(exc)
        extra = None
    if len(errors) > before or street_name is None or city_name is None:
        return None
    return Address(
        street=street_name,
        house_number=number,
        house_number_addition=addition,
        postcode=pc,
        city=city_name,
        country=code,
        line2=extra,
    )
