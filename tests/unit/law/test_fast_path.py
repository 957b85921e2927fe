"""The fast path (``vorder.core.law.accrual``) computes exactly what the reference path does.

``compute_interest`` / ``interest_amount`` take the fast path for claims without payments;
``reference_interest`` / ``reference_amount`` always use the ledger. On random claims -- both
statutory tables, contractual rates, every setting, provisional periods, invalid input -- the
outcomes must be identical: the same segments one by one, the same amounts to the cent *and*
the same Decimal representation (exponent, sign of zero), or the same error.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vorder.core.law.interest import (
    compute_interest,
    interest_amount,
    reference_amount,
    reference_interest,
)
from vorder.core.law.ledger import InterestSegment
from vorder.core.law.settings import DayCount, FixedRate, InterestSettings, Rounding
from vorder.core.law.tables import RateKind, RateTable, StatutoryRates
from vorder.core.periods import Period

FIRST = date(2002, 8, 8)  # first row of the shipped tables
PAST_TABLES = date(2027, 12, 31)  # beyond valid_through: provisional or RatesNotKnown
M = Decimal

cents = st.integers(0, 5_000_000_00).map(lambda c: Decimal(c) / 100)
# principals as callers pass them: whole euros, odd exponents, a negative zero
odd_principals = st.sampled_from(
    [Decimal("0"), Decimal("-0.00"), Decimal("1E+3"), Decimal("1234.5"), Decimal("0.001")]
)
principals = st.one_of(cents, st.integers(0, 100_000).map(Decimal), odd_principals)
interest_settings = st.builds(
    InterestSettings,
    day_count=st.sampled_from(list(DayCount)),
    compound=st.booleans(),
    include_last_day=st.booleans(),
    rounding=st.sampled_from(list(Rounding)),
    provisional=st.booleans(),
)
fixed_rates = st.integers(0, 2000).map(lambda bp: FixedRate(Decimal(bp) / 10_000))


def days_between(low: date, high: date) -> st.SearchStrategy[date]:
    return st.integers(low.toordinal(), high.toordinal()).map(date.fromordinal)


def outcome(compute: Callable[..., Any], **kwargs: Any) -> tuple[str, Any]:
    """``("ok", result)`` or ``("error", (type, message, field))`` of one computation."""
    try:
        return "ok", compute(**kwargs)
    except Exception as exc:  # the very point is to compare any failure
        return "error", (type(exc), str(exc), getattr(exc, "field", None))


def assert_same_result(fast: tuple[str, Any], reference: tuple[str, Any]) -> None:
    """Equal outcomes; results equal field by field and segment by segment, exact reprs."""
    assert fast[0] == reference[0], (fast, reference)
    if fast[0] == "error":
        assert fast == reference
        return
    a, b = fast[1], reference[1]
    assert a == b
    assert repr(a) == repr(b)  # Decimal reprs: exponent and sign of zero too
    if hasattr(a, "segments"):
        assert len(a.segments) == len(b.segments)
        for mine, theirs in zip(a.segments, b.segments, strict=True):
            assert (mine, repr(mine)) == (theirs, repr(theirs))
        assert a.total_outstanding == b.total_outstanding


def compare(**kwargs: Any) -> None:
    assert_same_result(outcome(compute_interest, **kwargs), outcome(reference_interest, **kwargs))
    assert_same_result(outcome(interest_amount, **kwargs), outcome(reference_amount, **kwargs))


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(list(RateKind)),
    principals,
    days_between(FIRST, date(2026, 6, 30)),
    st.integers(0, 8 * 366),
    interest_settings,
)
def test_statutory_tables(
    rates: StatutoryRates,
    kind: RateKind,
    principal: Decimal,
    due: date,
    length: int,
    options: InterestSettings,
) -> None:
    until = min(due + timedelta(days=length), PAST_TABLES)
    compare(principal=principal, due=due, until=until, rates=rates.for_kind(kind), settings=options)


@settings(max_examples=200, deadline=None)
@given(
    fixed_rates,
    principals,
    days_between(date(1, 1, 1), date(9999, 12, 30)),
    st.integers(0, 12 * 366),
    interest_settings,
)
def test_contractual_rates_anywhere_in_the_calendar(
    rate: FixedRate, principal: Decimal, due: date, length: int, options: InterestSettings
) -> None:
    until = date.fromordinal(min(due.toordinal() + length, date(9999, 12, 30).toordinal()))
    compare(principal=principal, due=due, until=until, rates=rate, settings=options)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(list(RateKind)),
    st.one_of(cents, cents.map(lambda c: -c - Decimal("0.01"))),
    days_between(date(1995, 1, 1), PAST_TABLES),
    days_between(date(1995, 1, 1), PAST_TABLES),
    interest_settings,
)
def test_invalid_input_fails_the_same_way(
    rates: StatutoryRates,
    kind: RateKind,
    principal: Decimal,
    due: date,
    until: date,
    options: InterestSettings,
) -> None:
    # until before due, dates before the first row, past valid_through, negative principals
    compare(principal=principal, due=due, until=until, rates=rates.for_kind(kind), settings=options)


@pytest.mark.parametrize(
    ("due", "until"),
    [
        (date(2023, 12, 31), date(2024, 12, 31)),  # a year starting 1 January, leap year
        (date(2024, 2, 28), date(2025, 2, 28)),  # first day 29 February: anniversary 1 March
        (date(2024, 2, 28), date(2025, 3, 1)),
        (date(2024, 6, 30), date(2025, 6, 29)),  # 365 days: the anniversary is the end
        (date(2024, 6, 30), date(2025, 6, 30)),  # 366 days: one day of the second year
        (date(2025, 6, 30), date(2026, 6, 30)),  # ends on valid_through
        (date(9998, 12, 1), date(9999, 12, 30)),  # the ledger's date arithmetic fails here
    ],
)
@pytest.mark.parametrize("compound", [True, False])
def test_year_boundaries(consumer: RateTable, due: date, until: date, compound: bool) -> None:
    for rates in (consumer, FixedRate(Decimal("0.10"))):
        for day_count in DayCount:
            for rounding in Rounding:
                options = InterestSettings(
                    day_count=day_count, compound=compound, rounding=rounding, provisional=True
                )
                compare(
                    principal=Decimal("1000.00"),
                    due=due,
                    until=until,
                    rates=rates,
                    settings=options,
                )


def test_segments_keep_the_value_api() -> None:
    # InterestSegment became a NamedTuple for speed: same fields, defaults, immutability,
    # properties, equality, hash and repr as the frozen dataclass it was
    segment = InterestSegment(
        date(2024, 2, 1), date(2025, 1, 1), 335, M("0.07"), M("1000.00"), M("64.25")
    )
    assert InterestSegment._fields == (
        "start",
        "end",
        "days",
        "rate",
        "base",
        "interest",
        "year_days",
        "provisional",
    )
    assert (segment.year_days, segment.provisional) == (365, False)
    assert segment.last == date(2024, 12, 31)
    assert segment.period == Period(date(2024, 2, 1), date(2025, 1, 1))
    with pytest.raises(AttributeError):
        segment.interest = M("0.00")  # type: ignore[misc]
    twin = InterestSegment(
        start=date(2024, 2, 1),
        end=date(2025, 1, 1),
        days=335,
        rate=M("0.07"),
        base=M("1000.00"),
        interest=M("64.25"),
    )
    assert twin == segment and hash(twin) == hash(segment)
    assert repr(segment) == (
        "InterestSegment(start=datetime.date(2024, 2, 1), end=datetime.date(2025, 1, 1), "
        "days=335, rate=Decimal('0.07'), base=Decimal('1000.00'), interest=Decimal('64.25'), "
        "year_days=365, provisional=False)"
    )
