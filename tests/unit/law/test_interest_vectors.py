"""law-nl.md section 9: interest vectors E1-E10 and their ACT/ACT variants, defaults of s. 1.

"due" = last day on time, "until" = last interest day (inclusive); compound interest. E9 is
commercial without an agreed term: the invoice was received 2025-03-03, so the last day on time
is 2025-04-02 and the first interest day 2025-04-03 (receipt + 31 days, art. 6:119a lid 2).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.unit.law.notation import table
from vorder.core.law.interest import InterestResult, compute_interest, due_without_term
from vorder.core.law.settings import DayCount, InterestSettings
from vorder.core.law.tables import RateKind, StatutoryRates

VECTORS = list(
    table(
        """
        case  principal  kind        due         received    until       interest  actact
        E1    1000.00    consumer    2024-01-31  -           2024-12-31  64.25     64.07
        E2    10000.00   commercial  2023-06-30  -           2025-06-30  2542.43   2538.62
        E3    10000.00   consumer    2025-12-16  -           2026-01-15  41.10     -
        E4    8400.00    commercial  2026-05-29  -           2026-06-20  51.39     -
        E5    2500.00    commercial  2024-12-15  -           2025-02-14  47.79     -
        E6    5000.00    consumer    2021-05-31  -           2024-05-31  572.92    572.50
        E7    10000.00   consumer    2010-12-31  -           2015-12-31  1593.14   -
        E8    20000.00   commercial  2013-01-31  -           2013-12-31  1552.60   -
        E9    1000.00    commercial  -           2025-03-03  2025-07-31  35.81     -
        E10   750.00     consumer    2023-12-31  -           2024-03-31  13.09     13.05
        """
    )
)
ACTACT = InterestSettings(day_count=DayCount.ACT_ACT)


def _due(row: dict[str, str]) -> date:
    if row["received"]:
        return due_without_term(date.fromisoformat(row["received"]))
    return date.fromisoformat(row["due"])


def _compute(
    row: dict[str, str], rates: StatutoryRates, settings: InterestSettings | None = None
) -> InterestResult:
    return compute_interest(
        Decimal(row["principal"]),
        due=_due(row),
        until=date.fromisoformat(row["until"]),
        rates=rates.for_kind(RateKind(row["kind"])),
        settings=settings or InterestSettings(),
    )


@pytest.mark.parametrize("row", VECTORS, ids=[r["case"] for r in VECTORS])
def test_vector(row: dict[str, str], rates: StatutoryRates) -> None:
    result = _compute(row, rates)
    assert result.interest == Decimal(row["interest"])
    assert sum(s.interest for s in result.segments) == result.interest
    assert result.provisional is False


ACT_ROWS = [r for r in VECTORS if r["actact"]]


@pytest.mark.parametrize("row", ACT_ROWS, ids=[r["case"] for r in ACT_ROWS])
def test_vector_act_act(row: dict[str, str], rates: StatutoryRates) -> None:
    assert _compute(row, rates, ACTACT).interest == Decimal(row["actact"])


def test_e9_first_interest_day_is_receipt_plus_31_days() -> None:
    assert due_without_term(date(2025, 3, 3)) == date(2025, 4, 2)


def _rows(result: InterestResult) -> list[tuple[str, str, int, str, str, str]]:
    return [
        (
            s.start.isoformat(),
            s.last.isoformat(),
            s.days,
            str(s.rate.normalize()),
            str(s.base),
            str(s.interest),
        )
        for s in result.segments
    ]


def test_e1_one_segment_the_unchanged_july_row_does_not_split(rates: StatutoryRates) -> None:
    assert _rows(_compute(VECTORS[0], rates)) == [
        ("2024-02-01", "2024-12-31", 335, "0.07", "1000.00", "64.25"),
    ]


def test_e2_base_becomes_11228_22_on_2024_07_01(rates: StatutoryRates) -> None:
    assert _rows(_compute(VECTORS[1], rates)) == [
        ("2023-07-01", "2023-12-31", 184, "0.12", "10000.00", "604.93"),
        ("2024-01-01", "2024-06-30", 182, "0.125", "10000.00", "623.29"),
        ("2024-07-01", "2024-12-31", 184, "0.1225", "11228.22", "693.38"),
        ("2025-01-01", "2025-06-30", 181, "0.1115", "11228.22", "620.83"),
    ]


def test_e3_fifteen_days_at_6_and_fifteen_at_4(rates: StatutoryRates) -> None:
    assert _rows(_compute(VECTORS[2], rates)) == [
        ("2025-12-17", "2025-12-31", 15, "0.06", "10000.00", "24.66"),
        ("2026-01-01", "2026-01-15", 15, "0.04", "10000.00", "16.44"),
    ]


def test_e6_compounds_on_each_anniversary_of_1_june(rates: StatutoryRates) -> None:
    assert _rows(_compute(VECTORS[5], rates)) == [
        ("2021-06-01", "2022-05-31", 365, "0.02", "5000.00", "100.00"),
        ("2022-06-01", "2022-12-31", 214, "0.02", "5100.00", "59.80"),
        ("2023-01-01", "2023-05-31", 151, "0.04", "5100.00", "84.39"),
        ("2023-06-01", "2023-06-30", 30, "0.04", "5244.19", "17.24"),
        ("2023-07-01", "2023-12-31", 184, "0.06", "5244.19", "158.62"),
        ("2024-01-01", "2024-05-31", 152, "0.07", "5244.19", "152.87"),
    ]


def test_e2_act_act_splits_at_1_january_and_counts_366_in_2024(rates: StatutoryRates) -> None:
    result = _compute(VECTORS[1], rates, ACTACT)
    assert [(s.start.isoformat(), s.year_days, str(s.interest)) for s in result.segments] == [
        ("2023-07-01", 365, "604.93"),
        ("2024-01-01", 366, "621.58"),
        ("2024-07-01", 366, "691.38"),
        ("2025-01-01", 365, "620.73"),
    ]
