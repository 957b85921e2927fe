"""Allocation of payments (art. 6:43, 6:44 BW): the law-nl.md example, order, pro rata, cents."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vorder.core.law.allocation import (
    OpenClaim,
    PaymentAllocation,
    UnknownClaim,
    allocate_payment,
    allocate_within_claim,
)
from vorder.core.law.checks import NegativeAmount
from vorder.core.law.costs import consumer_costs
from vorder.core.law.interest import compute_interest
from vorder.core.law.tables import RateTable

M = Decimal
D = date.fromisoformat


def test_law_nl_example(consumer: RateTable) -> None:
    """Consumer, 1,000 due 2025-01-31, valid 14-day letter → costs 150.00; 400.00 paid on
    2025-06-30: interest 02-01..06-30 (150 days at 6%) 24.66; 150.00 to costs, 24.66 to
    interest, 225.34 to principal; remaining principal 774.66."""
    costs = consumer_costs([M("1000.00")]).costs
    accrued = compute_interest(
        M("1000.00"), due=D("2025-01-31"), until=D("2025-06-30"), rates=consumer
    )
    assert (costs, accrued.interest, accrued.segments[0].days) == (M("150.00"), M("24.66"), 150)
    split = allocate_within_claim(
        M("400.00"), costs=costs, interest=accrued.interest, principal=M("1000.00")
    )
    assert (split.to_costs, split.to_interest, split.to_principal, split.surplus) == (
        M("150.00"),
        M("24.66"),
        M("225.34"),
        M("0.00"),
    )
    assert M("1000.00") - split.to_principal == M("774.66")


def claim(
    cid: str,
    due: str,
    principal: str,
    interest: str = "0.00",
    costs: str = "0.00",
    burden: str = "0",
) -> OpenClaim:
    return OpenClaim(cid, D(due), M(costs), M(interest), M(principal), M(burden))


def shares(result: PaymentAllocation) -> list[tuple[str, str, str, str]]:
    return [
        (a.claim_id, str(a.to_costs), str(a.to_interest), str(a.to_principal))
        for a in result.allocations
    ]


def test_designated_claim_first_then_the_statutory_order() -> None:
    claims = [claim("A", "2025-01-31", "100.00"), claim("B", "2025-02-28", "100.00", "5.00")]
    result = allocate_payment(M("150.00"), claims, on=D("2025-03-10"), designated=["B"])
    assert shares(result) == [("B", "0.00", "5.00", "100.00"), ("A", "0.00", "0.00", "45.00")]
    assert result.surplus == M("0.00")


def test_due_claims_before_claims_not_yet_due_then_onerous_then_oldest() -> None:
    claims = [
        claim("not-due", "2025-04-30", "100.00", burden="0.12"),
        claim("old", "2025-01-31", "100.00", burden="0.06"),
        claim("onerous", "2025-02-28", "100.00", burden="0.12"),
        claim("young", "2025-02-28", "100.00", burden="0.06"),
    ]
    result = allocate_payment(M("250.00"), claims, on=D("2025-03-10"))
    assert shares(result) == [
        ("onerous", "0.00", "0.00", "100.00"),
        ("old", "0.00", "0.00", "100.00"),
        ("young", "0.00", "0.00", "50.00"),
    ]


def test_equal_claims_share_pro_rata_to_the_cent() -> None:
    claims = [
        claim("A", "2025-01-31", "100.00"),
        claim("B", "2025-01-31", "200.00"),
        claim("C", "2025-01-31", "100.00"),
    ]
    result = allocate_payment(M("100.00"), claims, on=D("2025-03-10"))
    assert shares(result) == [
        ("A", "0.00", "0.00", "25.00"),
        ("B", "0.00", "0.00", "50.00"),
        ("C", "0.00", "0.00", "25.00"),
    ]
    odd = allocate_payment(M("0.01"), claims[:1] + claims[2:], on=D("2025-03-10"))
    assert sum(a.total for a in odd.allocations) == M("0.01")


def test_within_each_claim_costs_interest_principal() -> None:
    result = allocate_payment(
        M("20.00"), [claim("A", "2025-01-31", "100.00", "5.00", "40.00")], on=D("2025-03-10")
    )
    assert shares(result) == [("A", "20.00", "0.00", "0.00")]


def test_overpayment_is_surplus_and_errors_are_named() -> None:
    result = allocate_payment(M("150.00"), [claim("A", "2025-01-31", "100.00")], on=D("2025-03-10"))
    assert result.surplus == M("50.00")
    with pytest.raises(UnknownClaim):
        allocate_payment(
            M("1.00"), [claim("A", "2025-01-31", "1.00")], on=D("2025-03-10"), designated=["Z"]
        )
    with pytest.raises(NegativeAmount):
        allocate_payment(M("-1.00"), [], on=D("2025-03-10"))


money = st.integers(0, 10_000_00).map(lambda c: Decimal(c) / 100)
claims_strategy = st.lists(
    st.builds(
        OpenClaim,
        claim_id=st.uuids().map(str),
        due=st.dates(min_value=D("2025-01-01"), max_value=D("2025-03-31")),
        costs=money,
        interest=money,
        principal=money,
        burden=st.sampled_from([M("0.04"), M("0.06"), M("0.1215")]),
    ),
    max_size=6,
    unique_by=lambda c: c.claim_id,
)


@settings(max_examples=200)
@given(money, claims_strategy, st.data())
def test_allocation_creates_or_loses_no_cent(
    amount: Decimal, claims: list[OpenClaim], data: st.DataObject
) -> None:
    designated = data.draw(
        st.lists(st.sampled_from([c.claim_id for c in claims]), max_size=2)
        if claims
        else st.just([])
    )
    result = allocate_payment(amount, claims, on=D("2025-02-15"), designated=designated)
    assert sum((a.total for a in result.allocations), M("0.00")) + result.surplus == amount
    by_id = {c.claim_id: c for c in claims}
    for share in result.allocations:
        c = by_id[share.claim_id]
        assert 0 <= share.to_costs <= c.costs and 0 <= share.to_interest <= c.interest
        assert 0 <= share.to_principal <= c.principal
        # 6:44: nothing to interest before costs are paid, nothing to principal before interest
        assert share.to_interest == 0 or share.to_costs == c.costs
        assert share.to_principal == 0 or share.to_interest == c.interest
    total_open = sum((c.outstanding for c in claims), M("0.00"))
    assert result.surplus == max(M("0.00"), amount - total_open)
