"""Half-open periods of days ``[start, end)``.

Interest segments, rate validity and prescription terms are periods. Internally every period is
half-open: ``start`` is the first day inside, ``end`` the first day after it. A period with
``start == end`` is empty (zero days). Letters and JSON print the inclusive last day
(:attr:`Period.last`), which is ``end - 1 day``.

Algebra (tested, also with hypothesis): :meth:`Period.contains`, :meth:`Period.intersect`,
:meth:`Period.split`, :meth:`Period.overlaps`.
"""

from __future__ import annotations

from calendar import isleap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from vorder.core.errors import DomainError

ONE_DAY = timedelta(days=1)


class ImpossiblePeriod(DomainError):
    """A period whose end lies before its start (e.g. an interest end before the due date)."""

    code = "impossible_period"


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months; a day past the month's end is clamped
    (31 August - 6 months = 28/29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (date(year + month // 12, month % 12 + 1, 1) - ONE_DAY).day
    return date(year, month, min(day.day, last))


def anniversary(day: date, years: int) -> date:
    """The day ``years`` after ``day``; from 29 February the year ends on 28 February, so the
    anniversary is 1 March in a common year (law-nl.md section 1, compounding; also used for
    prescription terms: a term of n years starting on ``day`` ends the day before)."""
    year = day.year + years
    if day.month == 2 and day.day == 29 and not isleap(year):
        return date(year, 3, 1)
    return day.replace(year=year)


@dataclass(frozen=True, slots=True)
class Period:
    """The days ``start <= d < end``. Raises :class:`ImpossiblePeriod` when ``end < start``."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ImpossiblePeriod(
                f"period ends ({self.end.isoformat()}) before it starts ({self.start.isoformat()})",
                field="end",
            )

    @classmethod
    def inclusive(cls, first: date, last: date) -> Period:
        """The period from ``first`` up to and including ``last``."""
        return cls(first, last + ONE_DAY)

    @property
    def days(self) -> int:
        """Number of days in the period (0 when empty)."""
        return (self.end - self.start).days

    @property
    def is_empty(self) -> bool:
        return self.start == self.end

    @property
    def last(self) -> date:
        """The last day inside the period (inclusive). Undefined for an empty period."""
        if self.is_empty:
            raise ImpossiblePeriod("an empty period has no last day", field="end")
        return self.end - ONE_DAY

    def contains(self, day: date) -> bool:
        """True when ``start <= day < end``."""
        return self.start <= day < self.end

    def overlaps(self, other: Period) -> bool:
        """True when the two periods share at least one day."""
        return self.start < other.end and other.start < self.end

    def intersect(self, other: Period) -> Period | None:
        """The days in both periods, or ``None`` when they share none."""
        start = max(self.start, other.start)
        end = min(self.end, other.end)
        if start >= end:
            return None
        return Period(start, end)

    def split(self, cuts: Iterable[date]) -> list[Period]:
        """Split at each cut strictly inside the period; cuts outside are ignored.

        The pieces are non-empty, adjacent and cover the period exactly; an empty period
        splits into no pieces.
        """
        if self.is_empty:
            return []
        points = sorted({c for c in cuts if self.start < c < self.end})
        pieces: list[Period] = []
        start = self.start
        for cut in points:
            pieces.append(Period(start, cut))
            start = cut
        pieces.append(Period(start, self.end))
        return pieces

    def each_day(self) -> Iterator[date]:
        day = self.start
        while day < self.end:
            yield day
            day += ONE_DAY

    def __str__(self) -> str:
        if self.is_empty:
            return f"[{self.start.isoformat()}, {self.end.isoformat()})"
        return f"{self.start.isoformat()}..{self.last.isoformat()}"
