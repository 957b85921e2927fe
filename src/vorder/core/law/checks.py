"""Input checks shared by the law engine, with the named errors they raise.

Every law function refuses what it cannot decide instead of guessing: a negative amount, an
impossible period, a rate that is not a fraction.
"""

from __future__ import annotations

from decimal import Decimal

from vorder.core.errors import DomainError


class NegativeAmount(DomainError):
    """An amount that must be zero or more is negative."""

    code = "negative_amount"


class InvalidRate(DomainError):
    """A rate that is not a yearly decimal fraction in [0, 1) (e.g. 0.04 for 4%)."""

    code = "invalid_rate"


def require_non_negative(amount: Decimal, field: str) -> Decimal:
    """Return ``amount`` when it is zero or more; else raise :class:`NegativeAmount`.

    Basis: principals, payments and costs under art. 6:44, 6:96 and 6:119 BW are never negative.
    """
    if not amount.is_finite() or amount < 0:
        raise NegativeAmount(f"{field} must not be negative (got {amount})", field=field)
    return amount


def require_rate(rate: Decimal, field: str = "rate") -> Decimal:
    """Return ``rate`` when it is a yearly fraction ``0 <= rate < 1``; else :class:`InvalidRate`.

    Basis: the yearly rates of art. 6:119/6:119a/6:120 BW and agreed rates (6:119 lid 3).

    A value of 1 or more is refused because it is almost always a percentage typed as a whole
    number (``4`` instead of ``0.04``).
    """
    if not rate.is_finite() or rate < 0 or rate >= 1:
        raise InvalidRate(
            f"{field} must be a yearly fraction between 0 and 1, e.g. 0.04 for 4% (got {rate})",
            field=field,
        )
    return rate
