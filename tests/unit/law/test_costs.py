"""Collection costs (art. 6:96 BW, Besluit BIK): law-nl.md s. 9 vectors, B2B, small claims."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.law.notation import table
from vorder.core.law.checks import NegativeAmount
from vorder.core.law.costs import (
    MAXIMUM,
    MINIMUM,
    BikNotApplicable,
    CostsCharge,
    NoInvoices,
    b2b_costs,
    consumer_costs,
    small_instalment_cap,
    staffel,
)

M = Decimal
D = date.fromisoformat

# law-nl.md section 9: "principal → costs (with VAT uplift)"; '-' = not given.
VECTORS = list(
    table(
        """
        principal    costs     with_vat
        100.00       40.00     48.40
        266.67       40.00     -
        267.00       40.05     48.46
        1000.00      150.00    181.50
        1234.56      185.18    224.07
        2500.00      375.00    -
        3000.00      425.00    -
        5000.00      625.00    -
        6000.00      675.00    -
        8400.00      795.00    -
        10000.00     875.00    -
        25000.00     1025.00   -
        200000.00    2775.00   -
        250000.00    3025.00   -
        1000000.00   6775.00   8197.75
        2000000.00   6775.00   -
        """
    )
)


@pytest.mark.parametrize("row", VECTORS, ids=[r["principal"] for r in VECTORS])
def test_staffel_vector(row: dict[str, str]) -> None:
    result = consumer_costs([M(row["principal"])])
    assert (result.costs, result.vat, result.total) == (M(row["costs"]), M("0.00"), M(row["costs"]))


WITH_VAT = [r for r in VECTORS if r["with_vat"]]


@pytest.mark.parametrize("row", WITH_VAT, ids=[r["principal"] for r in WITH_VAT])
def test_staffel_vector_with_vat_uplift_after_the_cap(row: dict[str, str]) -> None:
    result = consumer_costs([M(row["principal"])], vat_uplift=True)
    assert result.costs == M(row["costs"])
    assert result.total == M(row["with_vat"])
    assert result.vat == result.total - result.costs


def test_consumer_claims_dunned_together_add_their_principals() -> None:
    together = consumer_costs([M("1000.00"), M("1500.00")])
    assert together.costs == M("375.00")  # staffel(2,500), not 150 + 225
    assert together.principal == M("2500.00")


@pytest.mark.parametrize(
    ("principals", "invoices", "costs"),
    [
        (["100.00", "100.00", "100.00"], None, "120.00"),  # 3 × 40 beats staffel(300) = 45
        (["1234.56"], 3, "185.18"),  # staffel(1,234.56) beats 3 × 40
        (["10.00"] * 200, None, "8000.00"),  # the per-invoice minimum is not capped
    ],
)
def test_b2b_at_least_40_per_invoice(
    principals: list[str], invoices: int | None, costs: str
) -> None:
    assert b2b_costs([M(p) for p in principals], invoices=invoices).costs == M(costs)


def test_named_errors() -> None:
    with pytest.raises(NegativeAmount):
        consumer_costs([M("-1.00")])
    with pytest.raises(NoInvoices):
        consumer_costs([])
    with pytest.raises(NoInvoices):
        b2b_costs([M("1.00")], invoices=0)
    with pytest.raises(BikNotApplicable):
        consumer_costs([M("1000.00")], default_since=D("2012-06-30"))
    assert consumer_costs([M("1000.00")], default_since=D("2012-07-01")).costs == M("150.00")


def test_small_instalment_cap_is_a_dated_rule() -> None:
    earlier = [CostsCharge(D("2025-01-15"), M("100.00"))]
    # from 2024-10-01, instalment below 266.67: at most 140 per six months
    assert small_instalment_cap(
        M("40.00"), instalment=M("50.00"), on=D("2025-03-01"), earlier=earlier
    ) == M("40.00")
    assert small_instalment_cap(
        M("60.00"), instalment=M("50.00"), on=D("2025-03-01"), earlier=earlier
    ) == M("40.00")
    assert small_instalment_cap(
        M("60.00"), instalment=M("50.00"), on=D("2025-07-16"), earlier=earlier
    ) == M("60.00")  # the January charge left the window
    assert small_instalment_cap(M("200.00"), instalment=M("50.00"), on=D("2025-03-01")) == M(
        "140.00"
    )
    # before the rule, or for a larger instalment: unchanged
    assert small_instalment_cap(M("200.00"), instalment=M("50.00"), on=D("2024-09-30")) == M(
        "200.00"
    )
    assert small_instalment_cap(M("200.00"), instalment=M("266.67"), on=D("2025-03-01")) == M(
        "200.00"
    )


@settings(max_examples=200)
@given(st.integers(0, 10**10).map(lambda c: Decimal(c) / 100))
def test_costs_stay_within_their_bounds(principal: Decimal) -> None:
    costs = staffel(principal)
    assert MINIMUM <= costs <= MAXIMUM
    assert costs == costs.quantize(Decimal("0.01"))
    with_vat = consumer_costs([principal], vat_uplift=True)
    assert with_vat.total <= Decimal("8197.75")


@settings(max_examples=200)
@given(st.integers(0, 10**9), st.integers(0, 10**9))
def test_staffel_is_monotone(a: int, b: int) -> None:
    low, high = sorted((Decimal(a) / 100, Decimal(b) / 100))
    assert staffel(low) <= staffel(high)
