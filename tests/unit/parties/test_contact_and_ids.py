"""E-mail, phone (E.164), IBAN (with bank), KvK and VAT numbers, language and channels."""

from __future__ import annotations

import pytest

from vorder.core.parties import (
    BankAccount,
    Channel,
    Language,
    check_iban,
    normalise_email,
    normalise_kvk,
    normalise_phone,
    normalise_vat_number,
    parse_channels,
    parse_language,
)
from vorder.core.parties.errors import (
    InvalidChannel,
    InvalidEmail,
    InvalidIban,
    InvalidKvkNumber,
    InvalidLanguage,
    InvalidPhone,
    InvalidVatNumber,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jan@example.com", "jan@example.com"),
        (" Jan.de.Vries@Example.NL ", "Jan.de.Vries@example.nl"),
        ("ublketentest@gbned.nl", "ublketentest@gbned.nl"),
        ("john@buyercompany.eu", "john@buyercompany.eu"),
        ("a+tag@sub.domain.org", "a+tag@sub.domain.org"),
        ("mailto:info@bakkerij.nl", "info@bakkerij.nl"),
        ("info@bäckerei.de", "info@bäckerei.de"),
    ],
)
def test_email(text: str, expected: str) -> None:
    assert normalise_email(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "jan",
        "jan@",
        "@example.com",
        "jan@@example.com",
        "jan@example",
        "jan@example.c",
        "jan..x@example.com",
        ".jan@example.com",
        "jan@-example.com",
        "jan@exa mple.com",
        "jan@example.123",
        "a" * 65 + "@example.com",
    ],
)
def test_email_rejected(text: str) -> None:
    with pytest.raises(InvalidEmail) as info:
        normalise_email(text, field="E-mail")
    assert info.value.field == "E-mail"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("06-12345678", "+31612345678"),
        ("06 1234 5678", "+31612345678"),
        ("0031 6 12345678", "+31612345678"),
        ("+31 (0)20 123 4567", "+31201234567"),
        ("020-1234567", "+31201234567"),
        ("0524-560034", "+31524560034"),  # Ketentest supplier, Coevorden
        ("085-1234567", "+31851234567"),
        ("+32 2 501 02 11", "+3225010211"),
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_phone_e164(text: str, expected: str) -> None:
    assert normalise_phone(text) == expected


def test_phone_national_number_read_in_its_region() -> None:
    assert normalise_phone("02 501 02 11", region="BE") == "+3225010211"


@pytest.mark.parametrize("text", ["12", "06-1234", "4621230", "abc", "+99 123"])
def test_phone_rejected(text: str) -> None:
    with pytest.raises(InvalidPhone):
        normalise_phone(text)


ABN = "ABN AMRO BANK N.V."
CB = "Commerzbank"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The public example IBAN of the Dutch banks' IBAN documentation.
        ("NL91ABNA0417164300", BankAccount("NL91ABNA0417164300", "ABNANL2A", ABN)),
        ("nl91 abna 0417 1643 00", BankAccount("NL91ABNA0417164300", "ABNANL2A", ABN)),
        ("NL20INGB0001234567", BankAccount("NL20INGB0001234567", "INGBNL2A", "ING")),
        ("NL44RABO0123456789", BankAccount("NL44RABO0123456789", "RABONL2U", "RABOBANK")),
        ("DE89370400440532013000", BankAccount("DE89370400440532013000", "COBADEFFXXX", CB)),
        ("BE68539007547034", BankAccount("BE68539007547034", None, None)),
    ],
)
def test_iban(text: str, expected: BankAccount) -> None:
    assert check_iban(text) == expected


def test_iban_formatted() -> None:
    assert check_iban("NL91ABNA0417164300").formatted == "NL91 ABNA 0417 1643 00"


@pytest.mark.parametrize(
    "text",
    [
        "NL91ABNA0417164301",  # checksum
        "NL23ABNA0123456789",  # the Ketentest invoice's (fictitious) payee account
        "NL91ABNA041716430",  # length
        "NL91XXXX0417164300",  # no such bank code
        "XX91ABNA0417164300",
        "",
    ],
)
def test_iban_rejected(text: str) -> None:
    with pytest.raises(InvalidIban):
        check_iban(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12345678", "12345678"),
        ("1234 5678", "12345678"),
        ("KvK 12345678", "12345678"),
        ("01234567", "01234567"),
        ("12.34.56.78", "12345678"),
    ],
)
def test_kvk(text: str, expected: str) -> None:
    assert normalise_kvk(text) == expected


@pytest.mark.parametrize("text", ["1234567", "123456789", "1234567a", "00000000", ""])
def test_kvk_rejected(text: str) -> None:
    with pytest.raises(InvalidKvkNumber):
        normalise_kvk(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NL000099998B57", "NL000099998B57"),  # the Belastingdienst's test number
        ("NL 0000.99998.B57", "NL000099998B57"),
        ("nl123456782b01", "NL123456782B01"),  # 11-proof
        ("123456782B01", "NL123456782B01"),  # no prefix: Dutch
        ("NL002455799B11", "NL002455799B11"),  # mod 97-10 btw-id (sole trader, since 2020)
        ("BE0505890632", "BE0505890632"),  # from the e-fff sample in the OCA UBL tests
        ("DE136695976", "DE136695976"),
    ],
)
def test_vat_number(text: str, expected: str) -> None:
    assert normalise_vat_number(text) == expected


@pytest.mark.parametrize(
    "text",
    ["NL123456789B01", "NL000099998B00", "NL000099998X57", "NL00009999B57", "DK12345", "XX1", ""],
)
def test_vat_number_rejected(text: str) -> None:
    with pytest.raises(InvalidVatNumber):
        normalise_vat_number(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nl", Language.NL),
        ("NL", Language.NL),
        ("Nederlands", Language.NL),
        ("en", Language.EN),
        ("English", Language.EN),
        ("engels", Language.EN),
    ],
)
def test_language(text: str, expected: Language) -> None:
    assert parse_language(text) is expected


@pytest.mark.parametrize("text", ["fr", "", "nederlandsch"])
def test_language_rejected(text: str) -> None:
    with pytest.raises(InvalidLanguage):
        parse_language(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("email", (Channel.EMAIL,)),
        ("email, post", (Channel.EMAIL, Channel.POST)),
        ("SMS|telefoon", (Channel.SMS, Channel.PHONE)),
        ("e-mail;e-mail;brief", (Channel.EMAIL, Channel.POST)),
        ("", ()),
    ],
)
def test_channels(text: str, expected: tuple[Channel, ...]) -> None:
    assert parse_channels(text) == expected


def test_channel_rejected_names_the_part() -> None:
    with pytest.raises(InvalidChannel) as info:
        parse_channels("email,fax", field="voorkeurskanaal")
    assert (info.value.value, info.value.field) == ("fax", "voorkeurskanaal")
    assert info.value.message_nl == "'fax' is geen kanaal (post, email, sms, telefoon)"
