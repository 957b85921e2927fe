"""Statutory and contractual interest on a money claim, segment by segment.

Basis: art. 6:119 BW (non-commercial statutory interest), art. 6:119a BW (commercial
transactions) and 6:119b BW (public authority as debtor), art. 6:120 BW (the rates), and the
contractual rate that replaces them when agreed (6:119 lid 3, 6:119a lid 8 BW). Conventions:
law-nl.md section 1 and :mod:`vorder.core.law.settings`.

``due`` is the last day on which payment was on time; the first interest day is the day after.
``until`` is the last interest day, inclusive by default. Payments are allocated to interest
first, then principal (art. 6:44 BW); the payment day bears interest on the old base.

Two paths, one result: a claim without payments is computed by the fast path
(:func:`vorder.core.law.accrual.accrue`, one loop on local variables), every other claim by the
reference path (:class:`~vorder.core.law.ledger.Ledger`, also behind the statement of account).
:func:`reference_interest` and :func:`reference_amount` always take the reference path; the
tests hold both paths to the same result, segment by segment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from vorder.core.errors import DomainError
from vorder.core.law.accrual import FAST_END, accrue
from vorder.core.law.checks import require_non_negative, require_rate
from vorder.core.law.ledger import InterestSegment, Ledger
from vorder.core.law.settings import DEFAULT_SETTINGS, FixedRate, InterestSettings
from vorder.core.law.tables import RateTable
from vorder.core.periods import ImpossiblePeriod, Period

ONE_DAY = timedelta(days=1)
# art. 6:119a lid 2 BW: without an agreed term interest runs from 30 days after the day after
# receipt of the invoice, so the last day on time is receipt + 30 and the first interest day
# receipt + 31.
DAYS_WITHOUT_TERM = 30


class PaymentAfterPeriod(DomainError):
    """A payment dated after the last interest day cannot be part of this computation."""

    code = "payment_after_period"


@dataclass(frozen=True, slots=True)
class Payment:
    """A payment received on ``on`` (the debtor's money reached the creditor that day)."""

    on: date
    amount: Decimal


@dataclass(frozen=True, slots=True)
class PaymentApplied:
    """How one payment was allocated (art. 6:44 BW: interest before principal)."""

    on: date
    amount: Decimal
    to_interest: Decimal
    to_principal: Decimal
    surplus: Decimal


@dataclass(frozen=True, slots=True)
class InterestResult:
    """Interest over ``period`` (half-open; the first interest day up to the day after the last).

    ``interest`` is the total accrued (the sum of the segments when rounded per segment);
    ``interest_outstanding`` and ``principal_outstanding`` are what is left after payments.
    ``provisional`` results used the last known rate for ``missing`` (law-nl.md section 2).
    """

    interest: Decimal
    segments: tuple[InterestSegment, ...]
    period: Period
    principal: Decimal
    principal_outstanding: Decimal
    interest_outstanding: Decimal
    payments: tuple[PaymentApplied, ...]
    basis: str
    provisional: bool = False
    missing: Period | None = None

    @property
    def total_outstanding(self) -> Decimal:
        return self.principal_outstanding + self.interest_outstanding


def due_without_term(received: date) -> date:
    """The last day on time when no term was agreed: receipt of the invoice + 30 days.

    Basis: art. 6:119a lid 2 BW (commercial). The first interest day is receipt + 31 days.
    """
    return received + timedelta(days=DAYS_WITHOUT_TERM)


def interest_period(due: date, until: date, settings: InterestSettings) -> Period:
    """The half-open interest period for ``due`` .. ``until`` (art. 6:119/6:119a BW).

    Raises :class:`ImpossiblePeriod` when ``until`` lies before ``due``. ``until == due`` is a
    zero-day period (paid on the last day on time).
    """
    first, end = _bounds(due, until, settings)
    return Period(first, end)


def _bounds(due: date, until: date, settings: InterestSettings) -> tuple[date, date]:
    if until < due:
        raise ImpossiblePeriod(
            f"the last interest day ({until.isoformat()}) lies before the due date "
            f"({due.isoformat()})",
            field="until",
        )
    first = due + ONE_DAY
    end = until + ONE_DAY if settings.include_last_day else until
    return first, (end if end > first else first)


def _checked(
    principal: Decimal,
    due: date,
    until: date,
    rates: RateTable | FixedRate,
    settings: InterestSettings,
) -> tuple[date, date, Period | None]:
    """Validate a computation's input; return the first interest day, the end and ``missing``."""
    require_non_negative(principal, "principal")
    first, end = _bounds(due, until, settings)
    missing: Period | None = None
    if isinstance(rates, FixedRate):
        require_rate(rates.rate)
    elif end > first:
        missing = rates.check_range(first, end, provisional=settings.provisional)
    return first, end, missing


def _run(
    principal: Decimal,
    due: date,
    until: date,
    rates: RateTable | FixedRate,
    payments: Sequence[Payment],
    settings: InterestSettings,
    keep_segments: bool = True,
) -> tuple[Ledger, date, date, Period | None, list[PaymentApplied]]:
    """The reference path: the :class:`Ledger`, for every claim (with or without payments)."""
    first, end, missing = _checked(principal, due, until, rates, settings)
    ledger = Ledger(principal, first, rates, settings, keep_segments=keep_segments)
    applied: list[PaymentApplied] = []
    end_ordinal = end.toordinal()
    if payments:
        shift = 1 if settings.include_last_day else 0
        start = first.toordinal()
        for payment in sorted(payments, key=lambda p: p.on):
            require_non_negative(payment.amount, "payment")
            if payment.on > until:
                raise PaymentAfterPeriod(
                    f"payment of {payment.amount} on {payment.on.isoformat()} lies after the "
                    f"last interest day {until.isoformat()}",
                    field="payment",
                )
            boundary = min(max(payment.on.toordinal() + shift, start), end_ordinal)
            ledger.accrue_to(boundary)
            to_interest = ledger.pay_interest(payment.amount)
            to_principal = ledger.pay_principal(payment.amount - to_interest)
            surplus = payment.amount - to_interest - to_principal
            applied.append(
                PaymentApplied(payment.on, payment.amount, to_interest, to_principal, surplus)
            )
    ledger.accrue_to(end_ordinal)
    ledger.book_pending()
    return ledger, first, end, missing, applied


def compute_interest(
    principal: Decimal,
    *,
    due: date,
    until: date,
    rates: RateTable | FixedRate,
    payments: Sequence[Payment] = (),
    settings: InterestSettings = DEFAULT_SETTINGS,
) -> InterestResult:
    """Interest on ``principal`` from the day after ``due`` through ``until``, with segments.

    Basis: art. 6:119 BW (consumer table), 6:119a/6:119b BW (commercial table), or the agreed
    contractual rate (6:119 lid 3, 6:119a lid 8 BW) when ``rates`` is a :class:`FixedRate`;
    compounding per full year (6:119 lid 2 BW) unless ``settings.compound`` is off; payments
    allocated interest → principal (6:44 BW).

    Raises: :class:`NegativeAmount`, :class:`ImpossiblePeriod`, :class:`PaymentAfterPeriod`,
    :class:`~vorder.core.law.tables.DateBeforeRates`,
    :class:`~vorder.core.law.tables.RatesNotKnown` (unless ``settings.provisional``).
    """
    if not payments:
        first, end, missing = _checked(principal, due, until, rates, settings)
        if end < FAST_END:
            # the fast path (vorder.core.law.accrual): same result as the reference path;
            # positional arguments, as ten keywords cost a quarter of building the result
            segments, total, outstanding = accrue(principal, first, end, rates, settings, True)
            return InterestResult(
                total,  # interest
                tuple(segments),  # segments
                Period(first, end),  # period
                principal,  # principal
                principal,  # principal_outstanding (no payments)
                outstanding,  # interest_outstanding
                (),  # payments
                rates.basis,  # basis
                missing is not None,  # provisional
                missing,  # missing
            )
    return reference_interest(
        principal, due=due, until=until, rates=rates, payments=payments, settings=settings
    )


def reference_interest(
    principal: Decimal,
    *,
    due: date,
    until: date,
    rates: RateTable | FixedRate,
    payments: Sequence[Payment] = (),
    settings: InterestSettings = DEFAULT_SETTINGS,
) -> InterestResult:
    """:func:`compute_interest` by the reference path (the :class:`Ledger`) for every claim.

    Same basis, errors and result (art. 6:119, 6:119a/b, 6:44 BW). :func:`compute_interest`
    uses it for claims with payments; tests compare it with the fast path.
    """
    ledger, first, end, missing, applied = _run(principal, due, until, rates, payments, settings)
    return InterestResult(
        interest=ledger.total,
        segments=ledger.segments(),
        period=Period(first, end),
        principal=principal,
        principal_outstanding=ledger.principal,
        interest_outstanding=ledger.interest_outstanding,
        payments=tuple(applied),
        basis=rates.basis,
        provisional=missing is not None,
        missing=missing,
    )


@dataclass(frozen=True, slots=True)
class InterestAmount:
    """The amounts of an interest computation without its segments (for portfolio runs)."""

    interest: Decimal
    principal_outstanding: Decimal
    interest_outstanding: Decimal
    provisional: bool = False


def interest_amount(
    principal: Decimal,
    *,
    due: date,
    until: date,
    rates: RateTable | FixedRate,
    payments: Sequence[Payment] = (),
    settings: InterestSettings = DEFAULT_SETTINGS,
) -> InterestAmount:
    """The same computation as :func:`compute_interest` (same basis, errors and rounding:
    art. 6:119, 6:119a/b, 6:44 BW), returning only the amounts -- no segment values are built.
    """
    if not payments:
        first, end, missing = _checked(principal, due, until, rates, settings)
        if end < FAST_END:
            # the fast path (vorder.core.law.accrual): same amounts as the reference path
            _none, total, outstanding = accrue(principal, first, end, rates, settings, False)
            return InterestAmount(total, principal, outstanding, missing is not None)
    return reference_amount(
        principal, due=due, until=until, rates=rates, payments=payments, settings=settings
    )


def reference_amount(
    principal: Decimal,
    *,
    due: date,
    until: date,
    rates: RateTable | FixedRate,
    payments: Sequence[Payment] = (),
    settings: InterestSettings = DEFAULT_SETTINGS,
) -> InterestAmount:
    """:func:`interest_amount` by the reference path (the :class:`Ledger`) for every claim."""
    ledger, _first, _end, missing, _applied = _run(
        principal, due, until, rates, payments, settings, keep_segments=False
    )
    return InterestAmount(
        ledger.total, ledger.principal, ledger.interest_outstanding, missing is not None
    )
