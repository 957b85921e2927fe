"""Recognised holidays (Algemene termijnenwet art. 3), working days, contact windows (Wki)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vorder.core.calendar_nl import (
    LocalTimeRequired,
    easter_sunday,
    extend_to_working_day,
    is_contact_allowed,
    is_recognised_holiday,
    is_working_day,
    next_contact_moment,
    next_working_day,
    recognised_holidays,
)

D = date.fromisoformat
T = datetime.fromisoformat

EASTER = {
    2000: "2000-04-23",
    2008: "2008-03-23",
    2011: "2011-04-24",
    2019: "2019-04-21",
    2024: "2024-03-31",
    2025: "2025-04-20",
    2026: "2026-04-05",
    2038: "2038-04-25",
}


@pytest.mark.parametrize(("year", "easter"), sorted(EASTER.items()))
def test_easter_sunday(year: int, easter: str) -> None:
    assert easter_sunday(year) == D(easter)


def test_holidays_2026() -> None:
    assert recognised_holidays(2026) == {
        D("2026-01-01"): "New Year's Day",
        D("2026-04-06"): "Easter Monday",
        D("2026-04-27"): "King's Day",
        D("2026-05-05"): "Liberation Day",
        D("2026-05-14"): "Ascension Day",
        D("2026-05-25"): "Whit Monday",
        D("2026-12-25"): "Christmas Day",
        D("2026-12-26"): "Boxing Day",
    }


def test_good_friday_is_not_a_recognised_holiday() -> None:
    assert not is_recognised_holiday(D("2026-04-03"))
    assert is_working_day(D("2026-04-03"))


def test_kings_day_moves_to_26_april_when_27th_is_a_sunday() -> None:
    assert is_recognised_holiday(D("2025-04-26"))  # 27 April 2025 is a Sunday
    assert D("2025-04-27") not in recognised_holidays(2025)


def test_liberation_day_every_year_and_shared_with_ascension() -> None:
    assert is_recognised_holiday(D("2023-05-05"))
    assert recognised_holidays(2005)[D("2005-05-05")] == "Ascension Day / Liberation Day"


def test_queens_day_before_2014() -> None:
    assert recognised_holidays(2013)[D("2013-04-30")] == "Queen's Day"
    assert D("2006-04-29") in recognised_holidays(2006)  # 30 April 2006 was a Sunday


def test_working_days_around_christmas_and_new_year() -> None:
    assert next_working_day(D("2025-12-24")) == D("2025-12-29")
    assert next_working_day(D("2025-12-31")) == D("2026-01-02")
    assert extend_to_working_day(D("2026-01-03")) == D("2026-01-05")
    assert extend_to_working_day(D("2026-01-06")) == D("2026-01-06")


CONTACT = [
    ("2026-01-05T07:00:00", True),  # Monday 07:00 exactly
    ("2026-01-05T06:59:59", False),
    ("2026-01-05T19:59:59", True),
    ("2026-01-05T20:00:00", False),  # 20:00 is not allowed
    ("2026-01-10T12:00:00", True),  # Saturday is allowed
    ("2026-01-11T12:00:00", False),  # Sunday
    ("2026-04-06T12:00:00", False),  # Easter Monday
    ("2026-04-03T12:00:00", True),  # Good Friday is not a holiday
]


@pytest.mark.parametrize(("moment", "allowed"), CONTACT)
def test_contact_windows(moment: str, allowed: bool) -> None:
    assert is_contact_allowed(T(moment)) is allowed


NEXT = [
    ("2026-01-05T10:30:00", "2026-01-05T10:30:00"),
    ("2026-01-05T05:00:00", "2026-01-05T07:00:00"),
    ("2026-01-05T20:00:00", "2026-01-06T07:00:00"),
    ("2026-01-10T21:00:00", "2026-01-12T07:00:00"),  # Saturday evening → Monday
    ("2025-12-24T20:30:00", "2025-12-27T07:00:00"),  # Christmas, Boxing Day → Saturday
    ("2026-04-05T09:00:00", "2026-04-07T07:00:00"),  # Easter Sunday, Easter Monday
]


@pytest.mark.parametrize(("moment", "expected"), NEXT)
def test_next_contact_moment(moment: str, expected: str) -> None:
    assert next_contact_moment(T(moment)) == T(expected)


def test_aware_datetimes_are_refused() -> None:
    with pytest.raises(LocalTimeRequired):
        is_contact_allowed(datetime(2026, 1, 5, 10, tzinfo=UTC))
    with pytest.raises(LocalTimeRequired):
        next_contact_moment(datetime(2026, 1, 5, 10, tzinfo=UTC))


@settings(max_examples=200)
@given(st.datetimes(min_value=T("2020-01-01T00:00:00"), max_value=T("2035-12-31T23:59:59")))
def test_next_contact_moment_is_allowed_and_nothing_earlier_is(moment: datetime) -> None:
    found = next_contact_moment(moment)
    assert is_contact_allowed(found) and found >= moment
    if found > moment:
        # no allowed whole minute in between
        probe = moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
        while probe < found:
            assert not is_contact_allowed(probe)
            probe += timedelta(hours=1) if probe.hour not in (6, 19) else timedelta(minutes=1)
