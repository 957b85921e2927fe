"""The interest ledger of one principal: accrues interest day-exactly and takes payments.

Basis: art. 6:119 BW (non-commercial), 6:119a/6:119b BW (commercial), compounding per full year
of verzuim (6:119 lid 2, 6:119a lid 3), allocation interest before principal (6:44 BW).

Both :func:`vorder.core.law.interest.compute_interest` and the statement of account drive
this ledger. It works on date ordinals internally for speed; segments are half-open
``[start, end)`` and are split at every effective rate change, every anniversary of the first
interest day, every payment and (ACT/ACT) every 1 January.

Interest owed is kept in two pots: ``capitalised`` (earlier years' interest, part of the base)
and ``accrued`` (this interest year's, not yet in the base). A payment on interest settles the
capitalised interest first (it is the oldest), then the accrued interest.
"""

from __future__ import annotations

from bisect import bisect_right
from calendar import isleap
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from vorder.core.law.settings import DayCount, FixedRate, InterestSettings, Rounding
from vorder.core.law.tables import RateTable
from vorder.core.money import ZERO, round_cents
from vorder.core.periods import Period, anniversary

NEVER = date.max.toordinal() + 1
# (start, end, days, rate, base, interest, year_days, provisional) with ordinal dates
_Row = tuple[int, int, int, Decimal, Decimal, Decimal, int, bool]


class InterestSegment(NamedTuple):
    """One stretch of days with one rate and one base; ``end`` is exclusive.

    ``year_days`` is the day-count denominator (365, or 366 in a leap year under ACT/ACT);
    ``provisional`` marks a segment that runs past the rate table's ``valid_through``.

    An immutable value like the engine's frozen dataclasses (same fields, defaults, equality,
    hash and repr), but a ``NamedTuple``: a claim has a segment per rate change and year, a
    portfolio run builds millions of them, and a tuple is built several times faster than a
    frozen dataclass (``bench/bench_law.py``). Being a tuple, it also unpacks and compares
    equal to a plain tuple of the same values; use the field names.
    """

    start: date
    end: date
    days: int
    rate: Decimal
    base: Decimal
    interest: Decimal
    year_days: int = 365
    provisional: bool = False

    @property
    def period(self) -> Period:
        return Period(self.start, self.end)

    @property
    def last(self) -> date:
        """The last interest day of the segment (inclusive), as a letter prints it."""
        return date.fromordinal(self.end.toordinal() - 1)


class Ledger:
    """Mutable interest state of one principal; pure (no IO, no clock).

    Segments are kept as plain rows while accruing and turned into :class:`InterestSegment`
    values by :meth:`segments` (the hot loop creates no objects but the amounts).
    """

    __slots__ = (
        "principal",
        "capitalised",
        "accrued",
        "pending",
        "total",
        "rows",
        "pos",
        "_first",
        "_years",
        "_next_anniversary",
        "_ordinals",
        "_rates",
        "_index",
        "_known_end",
        "_actact",
        "_per_segment",
        "_next_january",
        "_keep",
    )

    def __init__(
        self,
        principal: Decimal,
        first_day: date,
        source: RateTable | FixedRate,
        settings: InterestSettings,
        *,
        keep_segments: bool = True,
    ) -> None:
        self.principal = principal
        self.capitalised = ZERO
        self.accrued = ZERO
        self.pending = ZERO
        self.total = ZERO
        self.rows: list[_Row] = []
        pos = first_day.toordinal()
        self.pos = pos
        self._first = first_day
        self._years = 1
        self._next_anniversary = (
            anniversary(first_day, 1).toordinal() if settings.compound else NEVER
        )
        self._ordinals = ordinals = source.change_ordinals
        self._rates = source.change_rates
        self._known_end = source.known_end
        self._index = max(0, bisect_right(ordinals, pos) - 1)
        self._keep = keep_segments
        self._actact = settings.day_count is DayCount.ACT_ACT
        self._per_segment = settings.rounding is Rounding.PER_SEGMENT
        self._next_january = date(first_day.year + 1, 1, 1).toordinal() if self._actact else NEVER

    @property
    def base(self) -> Decimal:
        """The amount that bears interest now: principal plus capitalised interest."""
        return self.principal + self.capitalised

    def accrue_to(self, end: int) -> None:
        """Accrue interest for the days ``[pos, end)`` (ordinals), splitting into segments.

        Basis: art. 6:119 lid 1-2 / 6:119a BW; one segment per stretch of one rate and base.
        """
        pos = self.pos
        if pos >= end:
            return
        ordinals = self._ordinals
        rates = self._rates
        last_index = len(ordinals) - 1
        rows = self.rows
        index = self._index
        known_end = self._known_end
        per_segment = self._per_segment
        actact = self._actact
        keep = self._keep
        while pos < end:
            while index < last_index and ordinals[index + 1] <= pos:
                index += 1
            stop = end
            if index < last_index and ordinals[index + 1] < stop:
                stop = ordinals[index + 1]
            anniversary_at = self._next_anniversary
            if anniversary_at < stop:
                stop = anniversary_at
            year_days = 365
            if actact:
                year = date.fromordinal(pos).year
                january = date(year + 1, 1, 1).toordinal()
                if january < stop:
                    stop = january
                if isleap(year):
                    year_days = 366
            rate = rates[index]
            days = stop - pos
            base = self.principal + self.capitalised
            exact = base * rate * days / year_days
            if per_segment:
                amount = round_cents(exact)
                self.accrued += amount
                self.total += amount
            else:
                amount = exact
                self.pending += exact
            if keep:
                rows.append((pos, stop, days, rate, base, amount, year_days, stop > known_end))
            pos = stop
            if pos == anniversary_at:
                self.pos = pos
                self._capitalise()
        self._index = index
        self.pos = pos

    def segments(self) -> tuple[InterestSegment, ...]:
        """The segments accrued so far, as values a letter can print."""
        day = date.fromordinal
        return tuple(
            InterestSegment(day(a), day(b), days, rate, base, amount, year_days, provisional)
            for a, b, days, rate, base, amount, year_days, provisional in self.rows
        )

    def book_pending(self) -> None:
        """Round the exact interest accrued since the last booking (``Rounding.TOTAL``)."""
        if self.pending:
            amount = round_cents(self.pending)
            self.pending = ZERO
            self.accrued += amount
            self.total += amount

    def _capitalise(self) -> None:
        self.book_pending()
        self.capitalised += self.accrued
        self.accrued = ZERO
        self._years += 1
        self._next_anniversary = anniversary(self._first, self._years).toordinal()

    @property
    def interest_outstanding(self) -> Decimal:
        """Unpaid interest, capitalised and this year's."""
        return self.capitalised + self.accrued

    def pay_interest(self, amount: Decimal) -> Decimal:
        """Settle up to ``amount`` of interest, oldest (capitalised) first; return what was used.

        Basis: art. 6:44 lid 1 BW (interest before principal).
        """
        self.book_pending()
        used = min(amount, self.capitalised + self.accrued)
        from_capitalised = min(used, self.capitalised)
        self.capitalised -= from_capitalised
        self.accrued -= used - from_capitalised
        return used

    def pay_principal(self, amount: Decimal) -> Decimal:
        """Reduce the principal by up to ``amount``; return what was used (art. 6:44 BW)."""
        used = min(amount, self.principal)
        self.principal -= used
        return used
