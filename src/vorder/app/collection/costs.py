"""Charging collection costs inside the runner's transaction, through the ledger's own
repository and account functions (the same steps as ``app.ledger.claims.
charge_collection_costs``, which opens its own transaction and so cannot be used here).

The law engine decides whether and how much (art. 6:96 BW, Besluit BIK): a consumer only
after a valid 14-day letter whose term passed unpaid, at most what the letter announced; a
business at least 40 per invoice. A refusal is the engine's named error and nothing stays
charged.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from vorder.app.ledger.accounts import CLOSED, refresh_claim, refresh_events
from vorder.app.ledger.errors import ClaimClosed, ClaimNotFound
from vorder.app.ports import LedgerUnitOfWork
from vorder.app.records import Actor
from vorder.core.access import Role
from vorder.core.errors import DomainError
from vorder.core.law import StatutoryRates
from vorder.core.law.statement import CostsAlreadyCharged
from vorder.core.money import from_cents

RUNNER = "runner"


def charge_costs_in(
    uow: LedgerUnitOfWork, claim_id: int, *, on: date, rates: StatutoryRates, now: datetime
) -> Decimal:
    """Charge the statutory collection costs on ``on``; returns the amount (costs + VAT)."""
    claim = uow.claims.get(claim_id)
    if claim is None:
        raise ClaimNotFound(f"no claim {claim_id}", field="claim_id")
    if claim.status in CLOSED:
        raise ClaimClosed(f"claim {claim_id} is {claim.status}", field="claim_id")
    if claim.costs_charged_on is not None:
        raise CostsAlreadyCharged(
            f"collection costs were already charged on {claim.costs_charged_on.isoformat()}",
            field="claim_id",
        )
    uow.claims.set_costs(claim_id, on=on, vat_uplift=claim.vat_uplift, now=now)
    try:
        done = refresh_claim(uow, replace(claim, costs_charged_on=on), rates=rates, now=now)
    except DomainError:
        uow.claims.set_costs(claim_id, on=None, vat_uplift=claim.vat_uplift, now=now)
        raise
    actor = Actor("system", 0, RUNNER, uow.tenant_id or 0, Role.OWNER)
    for event in refresh_events(done, actor=actor, now=now):
        uow.events.append(event, now=now)
    updated = uow.claims.get(claim_id)
    assert updated is not None
    return from_cents(updated.costs_cents)
