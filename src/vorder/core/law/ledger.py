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

from calendar import isleap
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from vorder.core.law.settings import DayCount, FixedRate, InterestSettings, Rounding
from vorder.core.law.tables import RateTable
from vorder.core.money import ZERO, round_cents
from vorder.core.periods import Period, anniversary

NEVER = date.max.toordinal() + 1
_FIXED_ORIGIN = (date.min.toordinal(),)


@dataclass(frozen=True, slots=True)
class InterestSegment:
    """One stretch of days with one rate and one base; ``end`` is exclusive.

    ``year_days`` is the day-count denominator (365, or 366 in a leap year under ACT/ACT);
    ``provisional`` marks a segment that runs past the rate table's ``valid_through``.
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
    """Mutable interest state of one principal; pure (no IO, no clock)."""

    __slots__ = (
        "principal",
        "capitalised",
        "accrued",
        "pending",
        "total",
        "segments",
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
        "_compound",
        "_next_january",
    )

    def __init__(
        self,
        principal: Decimal,
        first_day: date,
        source: RateTable | FixedRate,
        settings: InterestSettings,
    ) -> None:
        self.principal = principal
        self.capitalised = ZERO
        self.accrued = ZERO
        self.pending = ZERO
        self.total = ZERO
        self.segments: list[InterestSegment] = []
        self.pos = first_day.toordinal()
        self._first = first_day
        self._years = 1
        self._compound = settings.compound
        self._next_anniversary = (
            anniversary(first_day, 1).toordinal() if settings.compound else NEVER
        )
        if isinstance(source, FixedRate):
            self._ordinals: tuple[int, ...] = _FIXED_ORIGIN
            self._rates: tuple[Decimal, ...] = (source.rate,)
            self._known_end = NEVER
        else:
            self._ordinals = source.change_ordinals
            self._rates = source.change_rates
            self._known_end = source.valid_through.toordinal() + 1
        index = 0
        ordinals = self._ordinals
        while index + 1 < len(ordinals) and ordinals[index + 1] <= self.pos:
            index += 1
        self._index = index
        self._actact = settings.day_count is DayCount.ACT_ACT
        self._per_segment = settings.rounding is Rounding.PER_SEGMENT
        self._next_january = date(first_day.year + 1, 1, 1).toordinal() if self._actact else NEVER

    @property
    def base(self) -> Decimal:
        """The amount that bears interest now: principal plus capitalised interest."""
        return self.principal + self.capitalised

    def accrue_to(self, end: int) -> None:
        """Accrue interest for the days ``[pos, end)`` (ordinals), splitting into segments."""
        ordinals = self._ordinals
        last_index = len(ordinals) - 1
        segments = self.segments
        pos = self.pos
        while pos < end:
            index = self._index
            while index < last_index and ordinals[index + 1] <= pos:
                index += 1
            self._index = index
            stop = end
            if index < last_index and ordinals[index + 1] < stop:
                stop = ordinals[index + 1]
            if self._next_anniversary < stop:
                stop = self._next_anniversary
            year_days = 365
            if self._actact:
                if self._next_january <= pos:
                    self._next_january = date(date.fromordinal(pos).year + 1, 1, 1).toordinal()
                if self._next_january < stop:
                    stop = self._next_january
                if isleap(date.fromordinal(pos).year):
                    year_days = 366
            rate = self._rates[index]
            days = stop - pos
            base = self.principal + self.capitalised
            exact = base * rate * days / year_days
            if self._per_segment:
                amount = round_cents(exact)
                self.accrued += amount
                self.total += amount
            else:
                amount = exact
                self.pending += exact
            segments.append(
                InterestSegment(
                    date.fromordinal(pos),
                    date.fromordinal(stop),
                    days,
                    rate,
                    base,
                    amount,
                    year_days,
                    stop > self._known_end,
                )
            )
            pos = stop
            if pos == self._next_anniversary:
                self._capitalise()
        self.pos = pos

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
        """Unpaid interest, capitalised and this year's (book pending interest first)."""
        return self.capitalised + self.accrued

    def pay_interest(self, amount: Decimal) -> Decimal:
        """Settle up to ``amount`` of interest, oldest (capitalised) first; return what was used."""
        self.book_pending()
        used = min(amount, self.capitalised + self.accrued)
        from_capitalised = min(used, self.capitalised)
        self.capitalised -= from_capitalised
        self.accrued -= used - from_capitalised
        return used

    def pay_principal(self, amount: Decimal) -> Decimal:
        """Reduce the principal by up to ``amount``; return what was used."""
        used = min(amount, self.principal)
        self.principal -= used
        return used
