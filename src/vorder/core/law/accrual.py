"""The fast path of the interest engine: one principal without payments, in one loop.

Basis: as :mod:`vorder.core.law.ledger` -- art. 6:119 BW (non-commercial), 6:119a/6:119b BW
(commercial) or the agreed rate (6:119 lid 3, 6:119a lid 8 BW), compounding per full year of
verzuim (6:119 lid 2, 6:119a lid 3 BW).

Why a second implementation: :func:`vorder.core.law.interest.compute_interest` is called once
per claim in portfolio runs (a million claims is a normal batch; goal and measurement in
``bench/bench_law.py``). For a claim without payments -- the common case -- the
:class:`~vorder.core.law.ledger.Ledger` is overhead: an object with eighteen attributes, an
anniversary computed for claims shorter than a year, a date per segment boundary computed twice
and the result copied from rows into values in a second pass. :func:`accrue` does the same
arithmetic on local variables and builds each :class:`InterestSegment` once.

The contract is strict: for every claim without payments :func:`accrue` returns exactly what the
ledger computes -- the same segments (dates, days, rate, base, interest, year days, provisional
flag), the same total and the same outstanding interest, Decimal for Decimal, so even the
exponent and the sign of a zero agree. It performs the ledger's Decimal operations in the
ledger's order; the only ones it leaves out are those whose result it already holds (the
ledger's ``accrued`` equals ``total`` until the first capitalisation; the base only changes at
one). The reference path (the ledger) stays the one used for payments and for the statement of
account; ``tests/unit/law/test_fast_path.py`` checks fast path == reference path on random
claims, segment by segment.

Limits (the caller uses the ledger there): payments, and periods that reach into year 9999
(where the ledger's own date arithmetic fails and the failure must stay the same).
"""

from __future__ import annotations

from bisect import bisect_right
from calendar import isleap
from datetime import MAXYEAR, date
from decimal import Decimal

from vorder.core.law.ledger import NEVER, InterestSegment
from vorder.core.law.settings import DayCount, FixedRate, InterestSettings, Rounding
from vorder.core.law.tables import RateTable
from vorder.core.money import ZERO, round_cents
from vorder.core.periods import anniversary

# The fast path covers periods ending before this day (see "Limits" above).
FAST_END = date(MAXYEAR, 1, 1)
# An anniversary lies at least this many days after the first interest day (365, or 366 when a
# 29 February lies between), so a shorter period never needs one.
MIN_YEAR_DAYS = 365
# enum members as module constants: looking a member up on its class costs more than a
# Decimal addition, and this module runs once per claim
PER_SEGMENT = Rounding.PER_SEGMENT
ACT_ACT = DayCount.ACT_ACT


def accrue(
    principal: Decimal,
    first: date,
    end: date,
    source: RateTable | FixedRate,
    settings: InterestSettings,
    keep_segments: bool,
) -> tuple[list[InterestSegment], Decimal, Decimal]:
    """Interest on ``principal`` for the days ``[first, end)`` without payments.

    Returns ``(segments, total, interest_outstanding)``; ``segments`` is empty unless
    ``keep_segments``. The caller has validated the input (principal, period, rates) and checked
    ``end < FAST_END``. Same splits, arithmetic and rounding as ``Ledger.accrue_to`` followed by
    ``Ledger.book_pending`` (see the module docstring); the comments name the ledger's step.
    """
    segments: list[InterestSegment] = []
    total = accrued = capitalised = pending = ZERO
    pos = first.toordinal()
    end_ordinal = end.toordinal()
    if pos >= end_ordinal:
        return segments, total, capitalised + accrued
    ordinals = source.change_ordinals
    rates = source.change_rates
    known_end = source.known_end
    last_index = len(ordinals) - 1
    index = bisect_right(ordinals, pos) - 1
    if index < 0:  # Ledger: max(0, ...); a validated period never starts before the first row
        index = 0
    next_change = ordinals[index + 1] if index < last_index else NEVER
    per_segment = settings.rounding is PER_SEGMENT
    actact = settings.day_count is ACT_ACT
    years = 1
    # Ledger.__init__ computes the first anniversary eagerly; it only matters when it can fall
    # on or before the end (a capitalisation on the last day is also mirrored).
    next_anniversary = NEVER
    if settings.compound and end_ordinal - pos >= MIN_YEAR_DAYS:
        next_anniversary = anniversary(first, 1).toordinal()
    # Without a capitalisation the ledger's ``accrued`` receives the same additions in the same
    # order as ``total``, so it *is* ``total``; it is only kept apart when the base can grow.
    compounding = next_anniversary != NEVER
    base = principal + capitalised  # Ledger.base, recomputed only when the base changes
    start_day = first
    day = date.fromordinal
    while pos < end_ordinal:
        # Ledger.accrue_to: the segment ends at the next rate change, anniversary, 1 January
        # (ACT/ACT) or the end, whichever comes first.
        while next_change <= pos:
            index += 1
            next_change = ordinals[index + 1] if index < last_index else NEVER
        stop = next_change if next_change < end_ordinal else end_ordinal
        if next_anniversary < stop:
            stop = next_anniversary
        year_days = 365
        if actact:
            year = day(pos).year
            january = date(year + 1, 1, 1).toordinal()
            if january < stop:
                stop = january
            if isleap(year):
                year_days = 366
        rate = rates[index]
        days = stop - pos
        exact = base * rate * days / year_days
        if per_segment:
            amount = round_cents(exact)
            total += amount
            if compounding:
                accrued += amount
        else:
            amount = exact
            pending += exact
        if keep_segments:
            stop_day = end if stop == end_ordinal else day(stop)
            segments.append(
                InterestSegment(
                    start_day, stop_day, days, rate, base, amount, year_days, stop > known_end
                )
            )
            start_day = stop_day
        pos = stop
        if pos == next_anniversary:
            # Ledger._capitalise: book the pending interest, add the year's interest to the base
            if pending:
                booked = round_cents(pending)
                pending = ZERO
                accrued += booked
                total += booked
            capitalised += accrued
            accrued = ZERO
            years += 1
            next_anniversary = anniversary(first, years).toordinal()
            base = principal + capitalised
    # Ledger.book_pending at the end of the computation
    if pending:
        booked = round_cents(pending)
        total += booked
        if compounding:
            accrued += booked
    return segments, total, capitalised + (accrued if compounding else total)
