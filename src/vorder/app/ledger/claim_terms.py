"""Use cases: open a claim with agreed terms, change a claim's terms, phase or strategy.

A claim normally opens when its first invoice is registered. Opening it first lets a creditor
record what was agreed: a contractual interest rate replacing the statutory one (art. 6:119
lid 3 and 6:119a lid 8 BW) with or without compounding, and whether collection costs may be
charged at all (``cost_clause``: ``statutory`` — the Besluit BIK staffel — or ``none``).
Changing the terms recomputes the claim (its allocations follow the new interest).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from vorder.app.ledger.accounts import CLOSED, refresh_claim, refresh_events
from vorder.app.ledger.debtors import claim_kind, ledger
from vorder.app.ledger.errors import ClaimNotFound, DebtorNotFound
from vorder.app.ledger.records import ClaimRow, NewClaim
from vorder.app.ports import UnitOfWorkFactory
from vorder.app.records import Actor, Event
from vorder.core.errors import Conflict, DomainError
from vorder.core.law import StatutoryRates
from vorder.core.strategy.model import PhaseName

COST_CLAUSES = ("statutory", "none")
STATUSES = ("open", "paused", "disputed", "promise", "plan", "closed", "written_off")
TERMS = ("contractual_rate", "compound", "cost_clause")
STRATEGY = ("strategy_name", "strategy_version", "strategy_variant")
CHANGEABLE = (*TERMS, "phase", "status", *STRATEGY)


class InvalidClaimTerms(DomainError):
    code = "invalid_claim_terms"


class OpenClaimExists(Conflict):
    """The debtor already has an open in-house claim in that currency (invoices join it)."""

    code = "open_claim_exists"


def check_rate(value: str | None) -> str | None:
    """A yearly rate as a decimal fraction ("0.08" = 8%), 0 ≤ rate ≤ 1; None = statutory."""
    if value is None:
        return None
    try:
        rate = Decimal(value)
    except InvalidOperation:
        raise InvalidClaimTerms(
            f"'{value}' is not a rate (a decimal fraction, e.g. 0.08 for 8%)",
            field="contractual_rate",
        ) from None
    if not rate.is_finite() or not Decimal(0) <= rate <= Decimal(1):
        raise InvalidClaimTerms(
            "a contractual rate is between 0 and 1 (e.g. 0.08 for 8% a year)",
            field="contractual_rate",
        )
    return str(rate)


def _check(changes: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(changes) - set(CHANGEABLE))
    if unknown:
        raise InvalidClaimTerms(f"'{unknown[0]}' cannot be changed here", field=unknown[0])
    out = dict(changes)
    if "contractual_rate" in out:
        out["contractual_rate"] = check_rate(out["contractual_rate"])
    if "cost_clause" in out and out["cost_clause"] not in COST_CLAUSES:
        raise InvalidClaimTerms(
            f"the cost clause is one of: {', '.join(COST_CLAUSES)}", field="cost_clause"
        )
    if "phase" in out and out["phase"] not in {p.value for p in PhaseName}:
        names = ", ".join(p.value for p in PhaseName)
        raise InvalidClaimTerms(f"the phase is one of: {names}", field="phase")
    if "status" in out and out["status"] not in STATUSES:
        raise InvalidClaimTerms(f"the status is one of: {', '.join(STATUSES)}", field="status")
    if "compound" in out and not isinstance(out["compound"], bool):
        raise InvalidClaimTerms("compound is true or false", field="compound")
    return out


def open_claim(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    debtor_id: int,
    currency: str = "EUR",
    contractual_rate: str | None = None,
    compound: bool = True,
    cost_clause: str = "statutory",
    now: datetime,
) -> ClaimRow:
    """Open an empty claim with agreed terms; the debtor's next invoices in ``currency`` join."""
    terms = _check(
        {"contractual_rate": contractual_rate, "compound": compound, "cost_clause": cost_clause}
    )
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = ledger(base)
        debtor = uow.debtors.get(debtor_id)
        if debtor is None:
            raise DebtorNotFound(f"no debtor {debtor_id}", field="debtor_id")
        existing = uow.claims.extendable([debtor_id]).get((debtor_id, currency))
        if existing is not None:
            raise OpenClaimExists(
                f"debtor {debtor_id} already has open claim {existing} in {currency}; "
                "change its terms instead",
                field="debtor_id",
            )
        kind = claim_kind(debtor.data.kind)
        claim_id = uow.claims.add(
            NewClaim(
                debtor_id=debtor_id,
                kind=kind,
                currency=currency,
                oldest_due_date=now.date(),
                contractual_rate=terms["contractual_rate"],
                compound=terms["compound"],
                cost_clause=terms["cost_clause"],
            ),
            now=now,
        )
        uow.events.append(
            Event(
                "claim",
                claim_id,
                "ClaimOpened",
                {"debtor_id": debtor_id, "kind": kind, "currency": currency, **terms},
                now,
                actor.ref,
            ),
            now=now,
        )
        uow.commit()
        claim = uow.claims.get(claim_id)
    assert claim is not None
    return claim


def update_claim(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    claim_id: int,
    changes: Mapping[str, Any],
    rates: StatutoryRates,
    now: datetime,
) -> ClaimRow:
    """Change terms (recomputing the claim), phase, status or strategy fields."""
    values = _check(changes)
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = ledger(base)
        claim = uow.claims.get(claim_id)
        if claim is None:
            raise ClaimNotFound(f"no claim {claim_id}", field="claim_id")
        changed = {k: v for k, v in values.items() if getattr(claim, k) != v}
        if not changed:
            return claim
        if claim.status in CLOSED and set(changed) & set(TERMS):
            raise InvalidClaimTerms(f"claim {claim_id} is {claim.status}", field="claim_id")
        uow.claims.update(claim_id, changed, now=now)
        events = []
        if set(changed) & set(TERMS):
            events.append(("ClaimTermsChanged", {k: changed[k] for k in TERMS if k in changed}))
        if "phase" in changed:
            events.append(("ClaimPhaseChanged", {"from": claim.phase, "to": changed["phase"]}))
        if "status" in changed:
            events.append(("ClaimStatusChanged", {"from": claim.status, "to": changed["status"]}))
        if set(changed) & set(STRATEGY):
            events.append(("StrategyAssigned", {k: changed.get(k) for k in STRATEGY}))
        for kind, payload in events:
            uow.events.append(Event("claim", claim_id, kind, payload, now, actor.ref), now=now)
        updated = uow.claims.get(claim_id)
        assert updated is not None
        if set(changed) & set(TERMS):
            done = refresh_claim(uow, updated, rates=rates, now=now)
            for e in refresh_events(done, actor=actor, now=now):
                uow.events.append(e, now=now)
        uow.claims.wake([claim_id], at=now)
        uow.commit()
        result = uow.claims.get(claim_id)
    assert result is not None
    return result
