"""Conventions of the interest engine (law-nl.md section 1); each one a setting.

The defaults are the ones law-nl.md prescribes: per-segment rounding, ACT/365, compounding on
the anniversary of the first interest day, the last interest day inclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class DayCount(StrEnum):
    """How a day's share of the yearly rate is counted.

    ``act365``: every day is 1/365 of the yearly rate, leap years too (default).
    ``actact``: 1/366 in leap years; segments are split at 1 January.
    """

    ACT_365 = "act365"
    ACT_ACT = "actact"


class Rounding(StrEnum):
    """Where interest is rounded to cents (half up, :func:`vorder.core.money.round_cents`).

    ``segment``: every segment is rounded (default; the letter adds up).
    ``total``: segments are kept exact and rounded once per booking: at each anniversary (the
    year's interest is added to the base as an amount of money), at each payment, and at the
    end. For a claim without payments within one interest year this is the total only.
    """

    PER_SEGMENT = "segment"
    TOTAL = "total"


@dataclass(frozen=True, slots=True)
class InterestSettings:
    """Settings of an interest computation (law-nl.md section 1).

    ``compound``: after each full year of verzuim that year's interest is added to the base
    (art. 6:119 lid 2 BW; 6:119a lid 3 BW). Off for a contractual rate without a compounding
    clause. ``include_last_day``: the last interest day (and a payment day) bears interest
    ("tot en met", art. 6:119a lid 1 BW); off excludes it. ``provisional``: allow periods past
    the rate table's ``valid_through`` with the last known rate, flagged on the result.
    """

    day_count: DayCount = DayCount.ACT_365
    compound: bool = True
    include_last_day: bool = True
    rounding: Rounding = Rounding.PER_SEGMENT
    provisional: bool = False


DEFAULT_SETTINGS = InterestSettings()


@dataclass(frozen=True, slots=True)
class FixedRate:
    """A contractual yearly rate that replaces the statutory rate (6:119 lid 3, 6:119a lid 8)."""

    rate: Decimal
    basis: str = "contractual rate (art. 6:119 lid 3 / 6:119a lid 8 BW)"
    # the same schedule shape as a RateTable: one "change" since the beginning of time,
    # never beyond a known end (an agreed rate has no valid_through)
    change_ordinals: tuple[int, ...] = field(
        default=(date.min.toordinal(),), init=False, repr=False, compare=False
    )
    change_rates: tuple[Decimal, ...] = field(default=(), init=False, repr=False, compare=False)
    known_end: int = field(default=date.max.toordinal() + 1, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "change_rates", (self.rate,))
