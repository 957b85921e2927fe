"""Prescription (verjaring) of claims and its interruption (stuiting).

Basis: art. 3:307 BW (5 years for a contractual payment claim), 3:308 BW (5 years for interest),
7:28 BW (2 years for the price of a consumer sale), 3:324 BW (20 years for a judgment); a written
demand or acknowledgement interrupts (3:317, 3:318 BW) and a new period starts the next day
(3:319 lid 1 BW: of the same length, but not longer than five years).

A period starts at the beginning of the day after the claim became due (3:307 lid 1: "de dag,
volgende op die waarop de vordering opeisbaar is geworden") and the claim is prescribed from
the anniversary of that start; a period starting on 29 February ends on 28 February.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from vorder.core.periods import anniversary

ONE_DAY = timedelta(days=1)
MAX_AFTER_INTERRUPTION = 5


class PrescriptionKind(StrEnum):
    CLAIM = "claim"
    INTEREST = "interest"
    CONSUMER_SALE = "consumer_sale"
    JUDGMENT = "judgment"

    @property
    def years(self) -> int:
        return _YEARS[self]

    @property
    def basis(self) -> str:
        return _BASIS[self]


_YEARS = {
    PrescriptionKind.CLAIM: 5,
    PrescriptionKind.INTEREST: 5,
    PrescriptionKind.CONSUMER_SALE: 2,
    PrescriptionKind.JUDGMENT: 20,
}
_BASIS = {
    PrescriptionKind.CLAIM: "art. 3:307 BW",
    PrescriptionKind.INTEREST: "art. 3:308 BW",
    PrescriptionKind.CONSUMER_SALE: "art. 7:28 BW",
    PrescriptionKind.JUDGMENT: "art. 3:324 BW",
}


@dataclass(frozen=True, slots=True)
class Prescription:
    """When a claim prescribes: ``last_day`` is the last day it can be interrupted or claimed.

    ``ineffective`` lists interruptions dated on or after the day the claim had already
    prescribed: they do not revive it.
    """

    kind: PrescriptionKind
    starts: date
    prescribed_on: date
    interruptions: tuple[date, ...]
    ineffective: tuple[date, ...]
    basis: str

    @property
    def last_day(self) -> date:
        return self.prescribed_on - ONE_DAY

    def is_prescribed(self, *, today: date) -> bool:
        return today >= self.prescribed_on


def prescription(
    kind: PrescriptionKind, *, due: date, interruptions: Sequence[date] = ()
) -> Prescription:
    """The prescription date of a claim that became due on ``due`` (the last day on time).

    Basis: 3:307/3:308/7:28/3:324 BW for the period; 3:317-3:319 BW for interruption: each
    interruption before the claim prescribed starts a new period the next day, of the same
    length but at most five years; an interruption never shortens a running period.
    """
    starts = due + ONE_DAY
    prescribed_on = anniversary(starts, kind.years)
    renewed_years = min(kind.years, MAX_AFTER_INTERRUPTION)
    effective: list[date] = []
    ineffective: list[date] = []
    for day in sorted(interruptions):
        if day >= prescribed_on or day < due:
            ineffective.append(day)
            continue
        effective.append(day)
        prescribed_on = max(prescribed_on, anniversary(day + ONE_DAY, renewed_years))
    basis = kind.basis + ("; stuiting art. 3:317-3:319 BW" if effective else "")
    return Prescription(kind, starts, prescribed_on, tuple(effective), tuple(ineffective), basis)
