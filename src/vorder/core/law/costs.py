"""Extrajudicial collection costs (buitengerechtelijke incassokosten, BIK / WIK-staffel).

Basis: art. 6:96 BW and the Besluit vergoeding voor buitengerechtelijke incassokosten (2012),
law-nl.md section 3. ``H`` is the principal incl. VAT; interest is not added. The staffel is
computed exactly, rounded once (half up) and clamped to [40.00, 6,775.00]; the VAT uplift (art. 2
lid 3 Besluit) is applied after the cap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from vorder.core.errors import DomainError
from vorder.core.law.checks import require_non_negative
from vorder.core.money import ZERO, round_cents
from vorder.core.periods import add_months

MINIMUM = Decimal("40.00")
MAXIMUM = Decimal("6775.00")
VAT_RATE = Decimal("0.21")
# Besluit BIK art. 2 lid 1: (upper limit of the slice, rate); the last slice has no limit.
STAFFEL: tuple[tuple[Decimal | None, Decimal], ...] = (
    (Decimal("2500"), Decimal("0.15")),
    (Decimal("5000"), Decimal("0.10")),
    (Decimal("10000"), Decimal("0.05")),
    (Decimal("200000"), Decimal("0.01")),
    (None, Decimal("0.005")),
)
BIK_IN_FORCE = date(2012, 7, 1)
# Small recurring claims (Wki, from 1 October 2024; law-nl.md section 3, [open]).
SMALL_INSTALMENT_RULE_FROM = date(2024, 10, 1)
SMALL_INSTALMENT_LIMIT = Decimal("266.67")
SMALL_INSTALMENT_CAP = Decimal("140.00")
SMALL_INSTALMENT_WINDOW_MONTHS = 6


class BikNotApplicable(DomainError):
    """The statutory staffel does not apply (verzuim began before 1 July 2012)."""

    code = "bik_not_applicable"


class NoInvoices(DomainError):
    """Collection costs need at least one principal."""

    code = "no_invoices"


@dataclass(frozen=True, slots=True)
class CollectionCosts:
    """Costs (after the cap), the VAT uplift on them and the total to charge."""

    costs: Decimal
    vat: Decimal
    total: Decimal
    principal: Decimal
    basis: str


def staffel(principal: Decimal) -> Decimal:
    """The staffel amount for ``principal`` (Besluit BIK art. 2 lid 1), rounded, clamped.

    15% of the first 2,500, 10% of the next 2,500, 5% of the next 5,000, 1% of the next 190,000
    and 0.5% of the rest; rounded once half up; at least 40.00 and at most 6,775.00.
    """
    require_non_negative(principal, "principal")
    exact = ZERO
    lower = Decimal(0)
    for upper, rate in STAFFEL:
        if principal <= lower:
            break
        top = principal if upper is None else min(principal, upper)
        exact += (top - lower) * rate
        if upper is None:
            break
        lower = upper
    return min(max(round_cents(exact), MINIMUM), MAXIMUM)


def with_vat_uplift(
    costs: Decimal, principal: Decimal, vat_uplift: bool, basis: str
) -> CollectionCosts:
    """``costs`` plus, when ``vat_uplift``, 21% VAT on them (Besluit BIK art. 2 lid 3).

    The uplift applies after the cap (law-nl.md section 3 default); rounded once, half up.
    """
    vat = round_cents(costs * VAT_RATE) if vat_uplift else ZERO
    return CollectionCosts(costs, vat, costs + vat, principal, basis)


def _check_default(default_since: date | None) -> None:
    if default_since is not None and default_since < BIK_IN_FORCE:
        raise BikNotApplicable(
            f"verzuim began on {default_since.isoformat()}, before 1 July 2012: the Besluit BIK "
            "staffel does not apply (art. 6:96 lid 2 BW, old law: costs must be substantiated)",
            field="default_since",
        )


def consumer_costs(
    principals: Sequence[Decimal],
    *,
    vat_uplift: bool = False,
    default_since: date | None = None,
) -> CollectionCosts:
    """Collection costs for claims on a consumer dunned together in one 14-day letter.

    Basis: art. 6:96 lid 6 and 7 BW: the principals of claims that can be dunned together are
    added before the staffel is applied (Besluit BIK art. 2). ``vat_uplift``: +21% when the
    creditor cannot deduct VAT and declares so (Besluit BIK art. 2 lid 3), after the cap.
    Chargeable only after a valid 14-day letter's term passed (see :mod:`.letter`).
    """
    if not principals:
        raise NoInvoices("collection costs need at least one principal", field="principal")
    for amount in principals:
        require_non_negative(amount, "principal")
    _check_default(default_since)
    total = sum(principals, ZERO)
    basis = "art. 6:96 lid 6-7 BW; Besluit BIK art. 2"
    return with_vat_uplift(staffel(total), total, vat_uplift, basis)


def b2b_costs(
    principals: Sequence[Decimal],
    *,
    invoices: int | None = None,
    vat_uplift: bool = False,
    default_since: date | None = None,
) -> CollectionCosts:
    """Collection costs on a business debtor: max(40 x invoices, staffel(total)).

    Basis: art. 6:96 lid 4 BW (Directive 2011/7/EU art. 6) and CJEU C-585/20: at least 40.00 per
    invoice, due without a letter from the day after the due date; the staffel on the total is
    the default amount (law-nl.md section 3). ``invoices`` defaults to ``len(principals)``.
    """
    if not principals:
        raise NoInvoices("collection costs need at least one principal", field="principal")
    for amount in principals:
        require_non_negative(amount, "principal")
    count = len(principals) if invoices is None else invoices
    if count < 1:
        raise NoInvoices("the number of invoices must be at least 1", field="invoices")
    _check_default(default_since)
    total = sum(principals, ZERO)
    costs = max(MINIMUM * count, staffel(total))
    basis = "art. 6:96 lid 4 BW; CJEU C-585/20; Besluit BIK art. 2"
    return with_vat_uplift(costs, total, vat_uplift, basis)


@dataclass(frozen=True, slots=True)
class CostsCharge:
    """Collection costs charged earlier on a small recurring claim (for the six-month cap)."""

    on: date
    amount: Decimal


def small_instalment_cap(
    costs: Decimal,
    *,
    instalment: Decimal,
    on: date,
    earlier: Sequence[CostsCharge] = (),
) -> Decimal:
    """Costs allowed on a small recurring claim under the dated Wki rule (law-nl.md s. 3).

    From 1 October 2024, when the instalment is below 266.67, the collection costs for such
    claims are capped at 140.00 per six months: the result is ``costs`` reduced so that the
    costs charged in the six months up to and including ``on`` stay within 140.00 (never below
    zero). Before 1 October 2024, or for a larger instalment, ``costs`` is returned unchanged.
    [open] in law-nl.md: the rule is kept separate so it can follow the final text.
    """
    require_non_negative(costs, "costs")
    require_non_negative(instalment, "instalment")
    if on < SMALL_INSTALMENT_RULE_FROM or instalment >= SMALL_INSTALMENT_LIMIT:
        return costs
    window_start = add_months(on, -SMALL_INSTALMENT_WINDOW_MONTHS)
    used = sum(
        (
            c.amount
            for c in earlier
            if window_start < c.on <= on and c.on >= SMALL_INSTALMENT_RULE_FROM
        ),
        ZERO,
    )
    return max(ZERO, min(costs, SMALL_INSTALMENT_CAP - used))
