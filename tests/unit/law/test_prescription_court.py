"""Prescription (3:307, 3:308, 7:28, 3:324 BW) with stuiting; kanton fees and competence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from vorder.adapters.lawdata import load_court_fees
from vorder.core.law.checks import NegativeAmount
from vorder.core.law.court import (
    CaseType,
    CourtFeesNotKnown,
    CourtFeeTableFormatError,
    Litigant,
    NotKantonCompetent,
    kanton_competent,
    kanton_court_fee,
    parse_court_fee_table,
)
from vorder.core.law.prescription import PrescriptionKind, prescription

D = date.fromisoformat
M = Decimal


@pytest.mark.parametrize(
    ("kind", "due", "prescribed_on"),
    [
        (PrescriptionKind.CLAIM, "2025-01-31", "2030-02-01"),
        (PrescriptionKind.INTEREST, "2025-01-31", "2030-02-01"),
        (PrescriptionKind.CONSUMER_SALE, "2025-01-31", "2027-02-01"),
        (PrescriptionKind.JUDGMENT, "2025-01-31", "2045-02-01"),
        (PrescriptionKind.CLAIM, "2024-02-28", "2029-03-01"),  # starts 29 Feb → ends 28 Feb
    ],
)
def test_prescription_periods(kind: PrescriptionKind, due: str, prescribed_on: str) -> None:
    result = prescription(kind, due=D(due))
    assert result.prescribed_on == D(prescribed_on)
    assert result.starts == D(due) + (D("2025-01-02") - D("2025-01-01"))
    assert result.is_prescribed(today=D(prescribed_on))
    assert not result.is_prescribed(today=result.last_day)


def test_interruption_starts_a_new_period_the_next_day() -> None:
    result = prescription(
        PrescriptionKind.CLAIM,
        due=D("2020-01-31"),
        interruptions=[D("2024-06-10"), D("2028-01-05")],
    )
    assert result.prescribed_on == D("2033-01-06")
    assert result.interruptions == (D("2024-06-10"), D("2028-01-05"))
    assert "3:317" in result.basis


def test_interruption_after_prescription_does_not_revive() -> None:
    result = prescription(
        PrescriptionKind.CONSUMER_SALE, due=D("2020-01-31"), interruptions=[D("2022-02-01")]
    )
    assert result.prescribed_on == D("2022-02-01")
    assert result.ineffective == (D("2022-02-01"),)


def test_judgment_renewed_for_at_most_five_years_never_shorter() -> None:
    early = prescription(
        PrescriptionKind.JUDGMENT, due=D("2020-01-31"), interruptions=[D("2021-01-01")]
    )
    assert early.prescribed_on == D("2040-02-01")  # 5 years from 2021 would shorten it
    late = prescription(
        PrescriptionKind.JUDGMENT, due=D("2020-01-31"), interruptions=[D("2039-06-30")]
    )
    assert late.prescribed_on == D("2044-07-01")


FEES = [
    (2024, None, Litigant.LEGAL_PERSON, "130"),
    (2024, "500.00", Litigant.NATURAL_PERSON, "87"),
    (2024, "500.01", Litigant.LEGAL_PERSON, "328"),
    (2024, "2500.00", Litigant.NATURAL_PERSON, "248"),
    (2024, "12500.01", Litigant.LEGAL_PERSON, "1409"),
    (2024, "25000.00", Litigant.LIMITED_MEANS, "87"),
    (2026, "1000.00", Litigant.NATURAL_PERSON, "233"),
    (2026, "5000.00", Litigant.LEGAL_PERSON, "529"),
    (2026, "20000.00", Litigant.NATURAL_PERSON, "753"),
]


@pytest.mark.parametrize(("year", "value", "litigant", "fee"), FEES)
def test_kanton_court_fees(year: int, value: str | None, litigant: Litigant, fee: str) -> None:
    result = kanton_court_fee(
        load_court_fees(),
        year=year,
        claim_value=None if value is None else M(value),
        litigant=litigant,
    )
    assert result.amount == M(fee)
    assert result.source


def test_a_missing_year_is_an_error_not_a_guess() -> None:
    with pytest.raises(CourtFeesNotKnown, match="2025"):
        kanton_court_fee(
            load_court_fees(), year=2025, claim_value=M("100.00"), litigant=Litigant.LEGAL_PERSON
        )


def test_kanton_competence_limit() -> None:
    assert kanton_competent(M("25000.00"))
    assert not kanton_competent(M("25000.01"))
    assert kanton_competent(M("90000.00"), case_type=CaseType.RENT)
    with pytest.raises(NotKantonCompetent):
        kanton_court_fee(
            load_court_fees(), year=2026, claim_value=M("25000.01"), litigant=Litigant.LEGAL_PERSON
        )
    rent = kanton_court_fee(
        load_court_fees(),
        year=2026,
        claim_value=M("90000.00"),
        litigant=Litigant.LEGAL_PERSON,
        case_type=CaseType.RENT,
    )
    assert rent.amount == M("1504")
    with pytest.raises(NegativeAmount):
        kanton_competent(M("-1"))


def test_fee_table_format_errors() -> None:
    header = "year,up_to,legal_person,natural_person,limited_means,source\n"
    with pytest.raises(CourtFeeTableFormatError, match="top band"):
        parse_court_fee_table(header + "2024,500,1,1,1,src\n")
    with pytest.raises(CourtFeeTableFormatError, match="source"):
        parse_court_fee_table(header + "2024,,1,1,1,\n")
