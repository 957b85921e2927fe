"""Properties of the interest engine (hypothesis): monotone, additive up to rounding, exact."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from vorder.core.law.interest import Payment, compute_interest
from vorder.core.law.settings import DayCount, InterestSettings
from vorder.core.law.tables import RateKind, StatutoryRates
from vorder.core.money import ZERO

CENT = Decimal("0.01")
FIRST = date(2002, 8, 8)
LAST = date(2026, 6, 30)
kinds = st.sampled_from(list(RateKind))
amounts = st.integers(0, 5_000_000_00).map(lambda c: Decimal(c) / 100)
day_counts = st.sampled_from(list(DayCount))


@st.composite
def windows(draw: st.DrawFn, parts: int = 2) -> list[date]:
    """Sorted dates inside the tables: due <= ... <= until."""
    days = (LAST - FIRST).days
    points = sorted(draw(st.lists(st.integers(0, days), min_size=parts, max_size=parts)))
    return [FIRST + timedelta(days=p) for p in points]


@settings(max_examples=200, deadline=None)
@given(kinds, amounts, windows(3), day_counts)
def test_interest_grows_weakly_with_time(
    rates: StatutoryRates, kind: RateKind, principal: Decimal, w: list[date], dc: DayCount
) -> None:
    due, shorter, longer = w
    options = InterestSettings(day_count=dc)
    table = rates.for_kind(kind)
    a = compute_interest(principal, due=due, until=shorter, rates=table, settings=options)
    b = compute_interest(principal, due=due, until=longer, rates=table, settings=options)
    assert a.interest <= b.interest


@settings(max_examples=200, deadline=None)
@given(kinds, amounts, amounts, windows(2))
def test_interest_grows_weakly_with_principal(
    rates: StatutoryRates, kind: RateKind, p1: Decimal, p2: Decimal, w: list[date]
) -> None:
    low, high = sorted((p1, p2))
    table = rates.for_kind(kind)
    a = compute_interest(low, due=w[0], until=w[1], rates=table)
    b = compute_interest(high, due=w[0], until=w[1], rates=table)
    assert a.interest <= b.interest


@settings(max_examples=200, deadline=None)
@given(kinds, amounts, windows(3), day_counts)
def test_splitting_a_period_changes_simple_interest_by_at_most_the_rounding(
    rates: StatutoryRates, kind: RateKind, principal: Decimal, w: list[date], dc: DayCount
) -> None:
    due, middle, until = w
    options = InterestSettings(day_count=dc, compound=False)
    table = rates.for_kind(kind)
    whole = compute_interest(principal, due=due, until=until, rates=table, settings=options)
    left = compute_interest(principal, due=due, until=middle, rates=table, settings=options)
    right = compute_interest(principal, due=middle, until=until, rates=table, settings=options)
    assert abs(whole.interest - (left.interest + right.interest)) <= CENT


@settings(max_examples=200, deadline=None)
@given(kinds, amounts, windows(2), day_counts, st.booleans())
def test_segments_tile_the_period_and_add_up(
    rates: StatutoryRates,
    kind: RateKind,
    principal: Decimal,
    w: list[date],
    dc: DayCount,
    compound: bool,
) -> None:
    options = InterestSettings(day_count=dc, compound=compound)
    result = compute_interest(
        principal, due=w[0], until=w[1], rates=rates.for_kind(kind), settings=options
    )
    assert sum(s.days for s in result.segments) == result.period.days
    assert sum((s.interest for s in result.segments), ZERO) == result.interest
    if result.segments:
        assert result.segments[0].start == result.period.start
        assert result.segments[-1].end == result.period.end
    for left, right in zip(result.segments, result.segments[1:], strict=False):
        assert left.end == right.start


@settings(max_examples=200, deadline=None)
@given(kinds, amounts, windows(2), st.lists(st.tuples(st.integers(0, 4000), amounts), max_size=5))
def test_payments_create_or_lose_no_cent(
    rates: StatutoryRates,
    kind: RateKind,
    principal: Decimal,
    w: list[date],
    raw: list[tuple[int, Decimal]],
) -> None:
    due, until = w
    span = (until - due).days
    payments = [
        Payment(due + timedelta(days=offset % (span + 1)), amount) for offset, amount in raw
    ]
    result = compute_interest(
        principal, due=due, until=until, rates=rates.for_kind(kind), payments=payments
    )
    for applied in result.payments:
        assert applied.to_interest + applied.to_principal + applied.surplus == applied.amount
        assert min(applied.to_interest, applied.to_principal, applied.surplus) >= 0
    paid_principal = sum((p.to_principal for p in result.payments), ZERO)
    paid_interest = sum((p.to_interest for p in result.payments), ZERO)
    assert result.principal_outstanding == principal - paid_principal
    assert result.interest_outstanding == result.interest - paid_interest
    assert result.principal_outstanding >= 0 and result.interest_outstanding >= 0
