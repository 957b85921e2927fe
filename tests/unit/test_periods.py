"""Half-open periods [start, end): construction, contains, intersect, split (habits.md #4)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vorder.core.periods import ImpossiblePeriod, Period, add_months, anniversary

D = date.fromisoformat


def test_days_last_and_inclusive_constructor() -> None:
    period = Period.inclusive(D("2024-02-01"), D("2024-12-31"))
    assert period == Period(D("2024-02-01"), D("2025-01-01"))
    assert period.days == 335
    assert period.last == D("2024-12-31")
    assert str(period) == "2024-02-01..2024-12-31"


def test_empty_period_has_no_days_and_no_last_day() -> None:
    period = Period(D("2024-03-01"), D("2024-03-01"))
    assert period.is_empty and period.days == 0
    assert not period.contains(D("2024-03-01"))
    assert period.split([D("2024-03-01")]) == []
    with pytest.raises(ImpossiblePeriod):
        _ = period.last


def test_end_before_start_is_an_error() -> None:
    with pytest.raises(ImpossiblePeriod) as exc:
        Period(D("2024-03-02"), D("2024-03-01"))
    assert exc.value.field == "end"


def test_contains_is_half_open() -> None:
    period = Period(D("2024-01-01"), D("2024-01-31"))
    assert period.contains(D("2024-01-01"))
    assert period.contains(D("2024-01-30"))
    assert not period.contains(D("2024-01-31"))
    assert not period.contains(D("2023-12-31"))


def test_intersect_and_overlaps() -> None:
    a = Period(D("2024-01-01"), D("2024-07-01"))
    b = Period(D("2024-06-01"), D("2025-01-01"))
    assert a.intersect(b) == Period(D("2024-06-01"), D("2024-07-01"))
    adjacent = Period(D("2024-07-01"), D("2024-08-01"))
    assert a.intersect(adjacent) is None
    assert not a.overlaps(adjacent)
    assert a.overlaps(b)


def test_split_ignores_cuts_outside_and_on_the_edges() -> None:
    period = Period(D("2024-01-01"), D("2024-12-31"))
    cuts = [D("2023-05-01"), D("2024-01-01"), D("2024-07-01"), D("2024-07-01"), D("2024-12-31")]
    assert period.split(cuts) == [
        Period(D("2024-01-01"), D("2024-07-01")),
        Period(D("2024-07-01"), D("2024-12-31")),
    ]


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(D("2025-08-31"), -6) == D("2025-02-28")
    assert add_months(D("2024-08-31"), -6) == D("2024-02-29")
    assert add_months(D("2025-12-15"), 1) == D("2026-01-15")
    assert add_months(D("2025-01-31"), 13) == D("2026-02-28")


def test_anniversary_of_29_february_is_1_march_in_a_common_year() -> None:
    assert anniversary(D("2024-02-29"), 1) == D("2025-03-01")
    assert anniversary(D("2024-02-29"), 4) == D("2028-02-29")
    assert anniversary(D("2023-06-01"), 1) == D("2024-06-01")


days = st.dates(min_value=D("2000-01-01"), max_value=D("2040-12-31"))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = draw(days)
    return Period(start, start + timedelta(days=draw(st.integers(0, 800))))


@settings(max_examples=200)
@given(periods(), st.lists(days, max_size=8))
def test_split_pieces_are_adjacent_non_empty_and_cover_the_period(
    period: Period, cuts: list[date]
) -> None:
    pieces = period.split(cuts)
    assert sum(p.days for p in pieces) == period.days
    assert all(not p.is_empty for p in pieces)
    if pieces:
        assert pieces[0].start == period.start and pieces[-1].end == period.end
    for left, right in zip(pieces, pieces[1:], strict=False):
        assert left.end == right.start


@settings(max_examples=200)
@given(periods(), periods(), days)
def test_intersection_contains_exactly_the_common_days(a: Period, b: Period, day: date) -> None:
    both = a.intersect(b)
    in_both = a.contains(day) and b.contains(day)
    assert (both is not None and both.contains(day)) == in_both
    assert (both is not None) == a.overlaps(b)
