"""Charging collection costs inside the runner's transaction, through the ledger's own
account functions (the steps of ``app.ledger.claims.charge_collection_costs``, which opens
its own transaction and so cannot be used inside a runner batch).

The law engine decides whether and how much (art. 6:96 BW, Besluit BIK): a consumer only
after a valid 14-day letter whose term passed unpaid, at most what the letter announced; a
business at least 40 per invoice. A refusal is the engine's named error and nothing stays
charged.

The claim's facts (invoices, payment shares, 14-day letters) are loaded for all the batch's
claims at once (:meth:`CollectionRepository.books`) and served to the ledger's
``refresh_claim`` through :class:`Preloaded`, instead of three queries per claim.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from vorder.app.ledger.accounts import (
    CLOSED,
    LETTER_EVENT,
    ClaimBook,
    refresh_claim,
    refresh_events,
)
from vorder.app.ledger.errors import ClaimClosed
from vorder.app.ledger.records import ClaimRow, ClaimShare, InvoiceRow
from vorder.app.ports import LedgerUnitOfWork
from vorder.app.records import Actor, Event
from vorder.core.access import Role
from vorder.core.errors import DomainError
from vorder.core.law import StatutoryRates
from vorder.core.law.statement import CostsAlreadyCharged, LineKind
from vorder.core.money import format_amount

RUNNER = "runner"
COSTS_LINES = (LineKind.COSTS, LineKind.VAT)


class _Reads:
    """A repository whose per-claim reads come from a preloaded book."""

    def __init__(self, inner: Any, book: ClaimBook, letters: list[Event]) -> None:
        self._inner = inner
        self._book = book
        self._letters = letters

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def for_claim(self, claim_id: int) -> list[InvoiceRow]:
        return [*self._book.invoices, *self._book.credit_notes]

    def shares_for_claim(self, claim_id: int) -> list[ClaimShare]:
        return list(self._book.shares)

    def for_subject(self, subject_type: str, subject_id: int) -> list[Event]:
        return list(self._letters)


class Preloaded:
    """The unit of work as ``refresh_claim`` sees it, its reads served from ``book``."""

    def __init__(self, uow: LedgerUnitOfWork, book: ClaimBook) -> None:
        self._uow = uow
        letters = [
            Event(
                "claim",
                book.claim.id,
                LETTER_EVENT,
                {
                    "on": letter.on.isoformat(),
                    "channel": letter.channel.value,
                    "cost_amount": format_amount(letter.cost_amount)
                    if letter.cost_amount is not None
                    else None,
                    "vat_uplift_stated": letter.vat_uplift_stated,
                },
                book.claim.created_at,
                RUNNER,
            )
            for letter in book.letters
        ]
        self.invoices = _Reads(uow.invoices, book, letters)
        self.payments = _Reads(uow.payments, book, letters)
        self.events = _Reads(uow.events, book, letters)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._uow, name)


def charge_costs_in(
    uow: LedgerUnitOfWork,
    claim: ClaimRow,
    book: ClaimBook,
    *,
    on: date,
    rates: StatutoryRates,
    now: datetime,
) -> Decimal:
    """Charge the statutory collection costs on ``on``; returns the amount (costs + VAT)."""
    if claim.status in CLOSED:
        raise ClaimClosed(f"claim {claim.id} is {claim.status}", field="claim_id")
    if claim.costs_charged_on is not None:
        raise CostsAlreadyCharged(
            f"collection costs were already charged on {claim.costs_charged_on.isoformat()}",
            field="claim_id",
        )
    uow.claims.set_costs(claim.id, on=on, vat_uplift=claim.vat_uplift, now=now)
    charged = replace(claim, costs_charged_on=on)
    try:
        done = refresh_claim(
            Preloaded(uow, replace(book, claim=charged)),  # type: ignore[arg-type]
            charged,
            rates=rates,
            now=now,
        )
    except DomainError:
        uow.claims.set_costs(claim.id, on=None, vat_uplift=claim.vat_uplift, now=now)
        raise
    actor = Actor("system", 0, RUNNER, uow.tenant_id or 0, Role.OWNER)
    for event in refresh_events(done, actor=actor, now=now):
        uow.events.append(event, now=now)
    if done.statement is None:
        return Decimal("0.00")
    charged_lines = (ln.amount for ln in done.statement.lines if ln.kind in COSTS_LINES)
    return sum(charged_lines, Decimal("0.00"))
