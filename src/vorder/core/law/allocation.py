"""Allocation of payments (toerekening van betalingen).

Basis: art. 6:44 BW (within a claim: first costs, then interest, then principal) and art. 6:43
BW (between claims: as the debtor designates; otherwise first the claims that are due, then the
most onerous, then the oldest, then pro rata); HR 10-07-2015, ECLI:NL:HR:2015:1868. Interest
must be accrued up to the payment date before allocating (the caller passes the accrued
interest; :mod:`.statement` does so). Works in whole cents: never creates or loses a cent --
what cannot be allocated is returned as ``surplus``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from vorder.core.errors import DomainError
from vorder.core.law.checks import require_non_negative
from vorder.core.money import ZERO, from_cents, to_cents


class UnknownClaim(DomainError):
    """The debtor designated a claim that is not among the open claims."""

    code = "unknown_claim"


@dataclass(frozen=True, slots=True)
class Allocation:
    """One payment (share) split over costs, interest and principal (art. 6:44 BW)."""

    to_costs: Decimal
    to_interest: Decimal
    to_principal: Decimal
    surplus: Decimal

    @property
    def allocated(self) -> Decimal:
        return self.to_costs + self.to_interest + self.to_principal


def allocate_within_claim(
    amount: Decimal, *, costs: Decimal, interest: Decimal, principal: Decimal
) -> Allocation:
    """Split ``amount`` over one claim: costs, then interest, then principal (art. 6:44 BW).

    ``interest`` must be accrued up to the payment date. What is left is ``surplus``.
    """
    require_non_negative(amount, "amount")
    require_non_negative(costs, "costs")
    require_non_negative(interest, "interest")
    require_non_negative(principal, "principal")
    to_costs = min(amount, costs)
    rest = amount - to_costs
    to_interest = min(rest, interest)
    rest -= to_interest
    to_principal = min(rest, principal)
    return Allocation(to_costs, to_interest, to_principal, rest - to_principal)


@dataclass(frozen=True, slots=True)
class OpenClaim:
    """What is open on one claim at the payment date.

    ``burden`` measures how onerous the claim is for the debtor (art. 6:43 lid 2 BW), e.g. the
    yearly rate it bears; higher is more onerous. ``due`` is its last day on time; a claim is
    due (opeisbaar) on the payment date when ``due <= on``; older means an earlier ``due``.
    """

    claim_id: str
    due: date
    costs: Decimal
    interest: Decimal
    principal: Decimal
    burden: Decimal = ZERO

    @property
    def outstanding(self) -> Decimal:
        return self.costs + self.interest + self.principal


@dataclass(frozen=True, slots=True)
class ClaimAllocation:
    claim_id: str
    to_costs: Decimal
    to_interest: Decimal
    to_principal: Decimal
    reason: str

    @property
    def total(self) -> Decimal:
        return self.to_costs + self.to_interest + self.to_principal


@dataclass(frozen=True, slots=True)
class PaymentAllocation:
    """A payment over several claims; ``sum(totals) + surplus == amount`` exactly."""

    amount: Decimal
    on: date
    allocations: tuple[ClaimAllocation, ...]
    surplus: Decimal


def _rank(claim: OpenClaim, on: date) -> tuple[bool, Decimal, date]:
    return (claim.due > on, -claim.burden, claim.due)


def _split_pro_rata(cents: int, weights: Sequence[int]) -> list[int]:
    """Largest-remainder split of ``cents`` in proportion to ``weights`` (sum(weights) > cents)."""
    total = sum(weights)
    shares = [cents * w // total for w in weights]
    remainders = sorted(range(len(weights)), key=lambda i: (-(cents * weights[i] % total), i))
    for i in remainders[: cents - sum(shares)]:
        shares[i] += 1
    return shares


def allocate_payment(
    amount: Decimal,
    claims: Sequence[OpenClaim],
    *,
    on: date,
    designated: Sequence[str] = (),
) -> PaymentAllocation:
    """Allocate one payment over open claims (art. 6:43 and 6:44 BW).

    First the claims the debtor designated, in the order given; what is left goes to the due
    claims, then the most onerous, then the oldest; claims equal in all three share pro rata
    to what is open on them. Within each claim: costs, interest, principal (6:44).
    """
    require_non_negative(amount, "amount")
    for claim in claims:
        for name in ("costs", "interest", "principal"):
            require_non_negative(getattr(claim, name), f"{claim.claim_id}.{name}")
    by_id = {c.claim_id: c for c in claims}
    for claim_id in designated:
        if claim_id not in by_id:
            raise UnknownClaim(f"designated claim '{claim_id}' is not open", field="designated")
    remaining = to_cents(amount)
    results: list[ClaimAllocation] = []

    def settle(claim: OpenClaim, cents: int, reason: str) -> None:
        split = allocate_within_claim(
            from_cents(cents),
            costs=claim.costs,
            interest=claim.interest,
            principal=claim.principal,
        )
        results.append(
            ClaimAllocation(
                claim.claim_id, split.to_costs, split.to_interest, split.to_principal, reason
            )
        )

    seen: set[str] = set()
    for claim_id in designated:
        if claim_id in seen or remaining == 0:
            continue
        seen.add(claim_id)
        claim = by_id[claim_id]
        take = min(remaining, to_cents(claim.outstanding))
        settle(claim, take, "designated by the debtor (art. 6:43 lid 1 BW)")
        remaining -= take
    rest = sorted((c for c in claims if c.claim_id not in seen), key=lambda c: _rank(c, on))
    index = 0
    while index < len(rest) and remaining > 0:
        key = _rank(rest[index], on)
        group = [c for c in rest[index:] if _rank(c, on) == key]
        index += len(group)
        open_cents = [to_cents(c.outstanding) for c in group]
        reason = _reason(group[0], on)
        if sum(open_cents) <= remaining:
            for claim, cents in zip(group, open_cents, strict=True):
                settle(claim, cents, reason)
            remaining -= sum(open_cents)
        else:
            shares = _split_pro_rata(remaining, open_cents)
            for claim, cents in zip(group, shares, strict=True):
                settle(claim, cents, reason + ("; pro rata" if len(group) > 1 else ""))
            remaining = 0
    return PaymentAllocation(amount, on, tuple(results), from_cents(remaining))


def _reason(claim: OpenClaim, on: date) -> str:
    state = "due" if claim.due <= on else "not yet due"
    return f"{state}, most onerous, oldest first (art. 6:43 lid 2 BW)"
