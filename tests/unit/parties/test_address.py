"""Dutch postcodes, house numbers and additions, street lines, countries (exact values)."""

from __future__ import annotations

import pytest

from vorder.core.parties import (
    Address,
    build_address,
    normalise_addition,
    normalise_country,
    normalise_house_number,
    normalise_postcode,
    split_house_number,
    split_street_line,
)
from vorder.core.parties.errors import (
    InvalidCountry,
    InvalidHouseNumber,
    InvalidHouseNumberAddition,
    InvalidPostcode,
    InvalidStreetAddress,
    PartyFieldError,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234AB", "1234 AB"),
        ("1234 ab", "1234 AB"),
        (" 1234  Ab ", "1234 AB"),
        ("NL-1234 AB", "1234 AB"),
        ("7742KD", "7742 KD"),  # Coevorden, from the Ketentest invoice
        ("2500 AA", "2500 AA"),  # Den Haag
        ("9999 ZZ", "9999 ZZ"),
    ],
)
def test_dutch_postcode_normalised(text: str, expected: str) -> None:
    assert normalise_postcode(text) == expected


@pytest.mark.parametrize(
    "text",
    ["0123 AB", "123 AB", "12345 AB", "1234 A", "1234 ABC", "1234 SA", "1234 SD", "1234 SS", ""],
)
def test_dutch_postcode_rejected(text: str) -> None:
    with pytest.raises(InvalidPostcode) as info:
        normalise_postcode(text, field="Postcode")
    assert info.value.field == "Postcode"
    assert info.value.code == "invalid_postcode"


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [("1000", "BE", "1000"), ("10115", "DE", "10115"), ("sw1a 1aa", "GB", "SW1A 1AA")],
)
def test_foreign_postcode_kept(text: str, country: str, expected: str) -> None:
    assert normalise_postcode(text, country=country) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1", "1"), ("12", "12"), ("99999", "99999")],
)
def test_house_number(text: str, expected: str) -> None:
    assert normalise_house_number(text) == expected


@pytest.mark.parametrize("text", ["0", "012", "100000", "12a", "-1", "", "twaalf"])
def test_house_number_rejected(text: str) -> None:
    with pytest.raises(InvalidHouseNumber):
        normalise_house_number(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a", "A"), ("-b", "B"), (" bis", "BIS"), ("hs", "HS"), ("2-hoog", "2-HOOG"), ("", None)],
)
def test_addition(text: str, expected: str | None) -> None:
    assert normalise_addition(text) == expected


@pytest.mark.parametrize("text", ["toolongx", "a!", "#3"])
def test_addition_rejected(text: str) -> None:
    with pytest.raises(InvalidHouseNumberAddition):
        normalise_addition(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("9a", ("9", "A")), ("12-2", ("12", "2")), ("12 bis", ("12", "BIS")), ("7", ("7", None))],
)
def test_split_house_number(text: str, expected: tuple[str, str | None]) -> None:
    assert split_house_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kerkstraat 12", ("Kerkstraat", "12", None)),
        ("Kerkstraat 12A", ("Kerkstraat", "12", "A")),
        ("Kerkstraat 12 a", ("Kerkstraat", "12", "A")),
        ("Kerkstraat 12-2", ("Kerkstraat", "12", "2")),
        ("1e Helmersstraat 5 hs", ("1e Helmersstraat", "5", "HS")),
        ("Plein 1944 3", ("Plein 1944", "3", None)),
        ("Laan 1940-1945 17", ("Laan 1940-1945", "17", None)),
        ("Berend Slingenbergstraat 9a", ("Berend Slingenbergstraat", "9", "A")),
    ],
)
def test_split_street_line(text: str, expected: tuple[str, str, str | None]) -> None:
    assert split_street_line(text) == expected


@pytest.mark.parametrize("text", ["Kerkstraat", "12", ""])
def test_split_street_line_needs_a_number(text: str) -> None:
    with pytest.raises(InvalidStreetAddress):
        split_street_line(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("nl", "NL"), ("NL", "NL"), ("Nederland", "NL"), ("België", "BE"), ("de", "DE")],
)
def test_country(text: str, expected: str) -> None:
    assert normalise_country(text) == expected


@pytest.mark.parametrize("text", ["XX", "NLD", "Narnia", ""])
def test_country_rejected(text: str) -> None:
    with pytest.raises(InvalidCountry):
        normalise_country(text)


def test_build_dutch_address_from_one_line() -> None:
    errors: list[PartyFieldError] = []
    address = build_address(
        street_line="Kerkstraat 12a", postcode="1234ab", city=" Amsterdam ", errors=errors
    )
    assert errors == []
    assert address == Address("Kerkstraat", "12", "A", "1234 AB", "Amsterdam", "NL")
    assert address.street_line == "Kerkstraat 12 A"


def test_build_foreign_address_keeps_free_form() -> None:
    errors: list[PartyFieldError] = []
    address = build_address(
        street="Rue de la Loi",
        house_number="16",
        postcode="1000",
        city="Brussel",
        country="BE",
        errors=errors,
    )
    assert errors == []
    assert address == Address("Rue de la Loi", "16", None, "1000", "Brussel", "BE")


def test_build_address_reports_every_field() -> None:
    errors: list[PartyFieldError] = []
    address = build_address(
        street="Kerkstraat",
        house_number="0",
        house_number_addition="!!",
        postcode="0000 AA",
        city="",
        country="NL",
        errors=errors,
    )
    assert address is None
    assert [(e.field, e.code) for e in errors] == [
        ("house_number", "invalid_house_number"),
        ("house_number_addition", "invalid_house_number_addition"),
        ("postcode", "invalid_postcode"),
        ("city", "missing_value"),
    ]


def test_dutch_address_needs_a_postcode() -> None:
    errors: list[PartyFieldError] = []
    assert build_address(street_line="Spui 23", city="Den Haag", errors=errors) is None
    assert [(e.field, e.code) for e in errors] == [("postcode", "missing_value")]


def test_no_address_at_all_is_none_without_errors() -> None:
    errors: list[PartyFieldError] = []
    assert build_address(country="NL", errors=errors) is None
    assert errors == []
