"""Building a debtor from raw text: every field checked, every error reported at once."""

from __future__ import annotations

import pytest

from vorder.core.parties import (
    Address,
    Channel,
    Debtor,
    DebtorInput,
    DebtorKind,
    InvalidDebtor,
    Language,
    build_debtor,
    check_debtor,
    parse_debtor_kind,
)
from vorder.core.parties.errors import InvalidDebtorKind


def test_consumer_with_every_field() -> None:
    debtor = build_debtor(
        DebtorInput(
            name=" Jan  de Vries ",
            kind="consument",
            external_number="D-1001",
            address="Kerkstraat 12a",
            postcode="1234ab",
            city="Amsterdam",
            email="Jan@Example.COM",
            phone="06-12345678",
            iban="NL91 ABNA 0417 1643 00",
            language="en",
            preferred_channels="email,sms",
            refused_channels="phone",
        )
    )
    assert debtor == Debtor(
        kind=DebtorKind.CONSUMER,
        name="Jan de Vries",
        external_number="D-1001",
        address=Address("Kerkstraat", "12", "A", "1234 AB", "Amsterdam", "NL"),
        email="Jan@example.com",
        phone="+31612345678",
        iban="NL91ABNA0417164300",
        bic="ABNANL2A",
        bank_name="ABN AMRO BANK N.V.",
        language=Language.EN,
        preferred_channels=(Channel.EMAIL, Channel.SMS),
        refused_channels=(Channel.PHONE,),
    )


def test_business_with_company_ids() -> None:
    debtor = build_debtor(
        DebtorInput(
            name="Efficient Den Haag BV",
            kind="zakelijk",
            street="Spui",
            house_number="23",
            postcode="2500 AA",
            city="Den Haag",
            kvk_number="12345678",
            vat_number="NL123456782B01",
        )
    )
    assert debtor.kind is DebtorKind.BUSINESS
    assert (debtor.kvk_number, debtor.vat_number) == ("12345678", "NL123456782B01")
    assert debtor.address == Address("Spui", "23", None, "2500 AA", "Den Haag", "NL")


def test_phone_of_a_foreign_debtor_is_read_in_its_country() -> None:
    debtor = build_debtor(
        DebtorInput(
            name="Brasserie Noord",
            street="Grote Markt",
            house_number="1",
            postcode="1000",
            city="Brussel",
            country="BE",
            phone="02 501 02 11",
        )
    )
    assert debtor.phone == "+3225010211"


def test_every_invalid_field_is_reported_with_the_name_given() -> None:
    debtor, errors = check_debtor(
        DebtorInput(
            name="",
            kind="klant",
            address="Kerkstraat",
            postcode="0000",
            city="Utrecht",
            email="x@",
            phone="12",
            iban="NL91ABNA0417164301",
            kvk_number="123",
            vat_number="NL123456789B01",
            language="fr",
            preferred_channels="email",
            refused_channels="e-mail",
        ),
        fields={"name": "naam", "postcode": "Postcode", "iban": "IBAN"},
    )
    assert debtor is None
    assert [(e.field, e.code, e.value) for e in errors] == [
        ("naam", "missing_value", ""),
        ("kind", "invalid_debtor_kind", "klant"),
        ("address", "invalid_street_address", "Kerkstraat"),
        ("Postcode", "invalid_postcode", "0000"),
        ("email", "invalid_email", "x@"),
        ("phone", "invalid_phone", "12"),
        ("IBAN", "invalid_iban", "NL91ABNA0417164301"),
        ("kvk_number", "invalid_kvk", "123"),
        ("vat_number", "invalid_vat_number", "NL123456789B01"),
        ("language", "invalid_language", "fr"),
        ("refused_channels", "conflicting_channels", "email"),
    ]


def test_build_debtor_raises_with_all_errors() -> None:
    with pytest.raises(InvalidDebtor) as info:
        build_debtor(DebtorInput(name="X", email="nope", iban="nope"))
    assert [e.field for e in info.value.errors] == ["email", "iban"]
    assert info.value.code == "invalid_debtor"


def test_name_is_the_only_required_field() -> None:
    assert build_debtor(DebtorInput(name="P. Jansen")) == Debtor(
        kind=DebtorKind.CONSUMER, name="P. Jansen"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("consumer", DebtorKind.CONSUMER),
        ("Particulier", DebtorKind.CONSUMER),
        ("B2C", DebtorKind.CONSUMER),
        ("business", DebtorKind.BUSINESS),
        ("Zakelijk", DebtorKind.BUSINESS),
        ("b2b", DebtorKind.BUSINESS),
    ],
)
def test_debtor_kind(text: str, expected: DebtorKind) -> None:
    assert parse_debtor_kind(text) is expected


def test_debtor_kind_rejected() -> None:
    with pytest.raises(InvalidDebtorKind):
        parse_debtor_kind("klant")
