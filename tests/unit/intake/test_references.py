"""Betalingskenmerk (Betaalvereniging spec examples) and RF references (ISO 11649)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vorder.core.references import (
    InvalidPaymentReference,
    PaymentReference,
    PaymentReferenceKind,
    check_digit,
    classify_payment_reference,
    format_betalingskenmerk,
    make_betalingskenmerk,
    make_rf_reference,
    reference_number,
    validate_betalingskenmerk,
    validate_rf_reference,
)


def test_specification_example_16_digits() -> None:
    # "(5)000 0567 8901 2345": sum of weighted digits 215, 215 mod 11 = 6, 11 - 6 = 5.
    assert check_digit("000056789012345") == 5
    assert make_betalingskenmerk(56789012345) == "5000056789012345"
    assert validate_betalingskenmerk("5000 0567 8901 2345") == "5000056789012345"


def test_specification_example_with_length_code() -> None:
    # "12 2345 3462 2567": check digit 1, length code 2 (twelve digits follow).
    assert validate_betalingskenmerk("12 2345 3462 2567") == "12234534622567"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("000000000000000", 0),  # sum 0 → 11 → 0
        ("000000000000001", 9),  # sum 2 → 9
        ("000000000000005", 1),  # sum 10 → 1
        ("000000000000006", 1),  # sum 12 → 12 mod 11 = 1 → 10 → 1
        ("100000000000000", 1),  # 15th from the right has weight 10 (repeat): 11 - 10
        ("000000000010000", 11 - 10),  # 5th from the right: weight 10
    ],
)
def test_check_digit_edges(body: str, expected: int) -> None:
    assert check_digit(body) == expected


def test_reference_number_is_tenant_then_sequence() -> None:
    assert reference_number(42, 1) == 420000000001
    assert make_betalingskenmerk(reference_number(42, 1)) == "0000420000000001"
    # 15 nines: 9 × (55 + 29) = 756, 756 mod 11 = 8, check 11 - 8 = 3.
    assert make_betalingskenmerk(reference_number(99999, 9999999999)) == "3999999999999999"


@pytest.mark.parametrize(
    ("tenant", "sequence", "field"),
    [(100000, 1, "tenant_code"), (-1, 1, "tenant_code"), (1, 10**10, "sequence")],
)
def test_reference_number_out_of_range(tenant: int, sequence: int, field: str) -> None:
    with pytest.raises(InvalidPaymentReference) as info:
        reference_number(tenant, sequence)
    assert info.value.field == field


@pytest.mark.parametrize(
    "text",
    [
        "5000056789012346",  # wrong check digit
        "4000056789012345",
        "02 2345 3462 2567",  # wrong check digit with length code
        "13 2345 3462 2567",  # wrong length code
        "12345678",  # 8 digits: no such length
        "123456789012345",  # 15 digits
        "50000567890123A5",
        "",
    ],
)
def test_betalingskenmerk_rejected(text: str) -> None:
    with pytest.raises(InvalidPaymentReference):
        validate_betalingskenmerk(text)


def test_seven_digits_carry_no_check() -> None:
    assert validate_betalingskenmerk("1234567") == "1234567"


def test_format() -> None:
    assert format_betalingskenmerk("5000056789012345") == "5000 0567 8901 2345"


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_generated_references_validate(number: int) -> None:
    reference = make_betalingskenmerk(number)
    assert len(reference) == 16
    assert validate_betalingskenmerk(reference) == reference
    assert int(reference[1:]) == number


def test_rf_reference_iso_example() -> None:
    assert make_rf_reference("539007547034") == "RF18539007547034"
    assert validate_rf_reference("RF18 5390 0754 7034") == "RF18539007547034"


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=10**21 - 1))
def test_generated_rf_references_validate(number: int) -> None:
    reference = make_rf_reference(number)
    assert validate_rf_reference(reference) == reference


@pytest.mark.parametrize("text", ["RF19539007547034", "RF18", "RF1853900754703X!"])
def test_rf_rejected(text: str) -> None:
    with pytest.raises(InvalidPaymentReference):
        validate_rf_reference(text)


FREE = PaymentReferenceKind.FREE_TEXT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "5000 0567 8901 2345",
            PaymentReference(PaymentReferenceKind.BETALINGSKENMERK, "5000056789012345"),
        ),
        ("rf18 5390 0754 7034", PaymentReference(PaymentReferenceKind.RF, "RF18539007547034")),
        ("Payref1", PaymentReference(PaymentReferenceKind.FREE_TEXT, "Payref1")),
        ("20150101", PaymentReference(PaymentReferenceKind.FREE_TEXT, "20150101")),
        (
            " factuur 2024-001 ",
            PaymentReference(PaymentReferenceKind.FREE_TEXT, "factuur 2024-001"),
        ),
    ],
)
def test_classify(text: str, expected: PaymentReference) -> None:
    assert classify_payment_reference(text) == expected


@pytest.mark.parametrize("text", ["5000 0567 8901 2346", "RF19539007547034", "", "x" * 141])
def test_classify_rejects_broken_structured_references(text: str) -> None:
    with pytest.raises(InvalidPaymentReference):
        classify_payment_reference(text)


def test_formatted() -> None:
    assert classify_payment_reference("5000056789012345").formatted == "5000 0567 8901 2345"
    assert classify_payment_reference("RF18539007547034").formatted == "RF18 5390 0754 7034"
