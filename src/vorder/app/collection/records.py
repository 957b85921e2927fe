"""Plain records of the collection area, as the repositories return and take them.

Amounts are integer cents here; moments are aware UTC datetimes (as stored); the strategy
engine's naive local moments are converted in :mod:`vorder.app.collection.state`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class StrategyRecord:
    id: int
    name: str
    version: int
    title_nl: str
    title_en: str
    document: dict[str, Any]
    source: str
    author: str
    published_at: datetime


@dataclass(frozen=True, slots=True)
class AssignmentRecord:
    version: int
    document: dict[str, Any]
    author: str
    published_at: datetime


@dataclass(frozen=True, slots=True)
class StateRow:
    """A claim's stored place in its strategy (``collection_states``)."""

    claim_id: int
    debtor_id: int
    strategy_name: str
    strategy_version: int
    variant: str | None
    experiment: str | None
    status: str
    phase: str | None
    current_step_id: str | None
    current_step_ran_at: datetime | None
    next_step_id: str | None
    finished: bool
    started_at: datetime
    history: list[Any]
    events: list[Any]
    instalments: list[Any]
    paused_until: date | None
    pause_reason: str | None
    promise_date: date | None
    dispute_reason: str | None
    letter_sent_on: date | None
    letter_channel: str | None
    letter_delivered_on: date | None
    letter_last_day: date | None
    seen_paid_cents: int
    last_event_id: int
    held_step_id: str | None
    held_reason: str | None
    wake_at: datetime | None
    runs: int
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class DebtorContactInfo:
    """What the runner needs of a debtor: kind, language, where to reach them."""

    id: int
    kind: str  # consumer | business
    name: str
    language: str
    address_lines: tuple[str, ...]  # empty: no postal address
    email: str | None
    phone: str | None
    refused_channels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DueClaim:
    """A claim as the runner reads it from the ledger (amounts in cents)."""

    id: int
    debtor_id: int
    kind: str  # consumer | commercial
    currency: str
    status: str
    phase: str
    strategy_name: str | None
    strategy_version: int | None
    strategy_variant: str | None
    next_wake_at: datetime | None
    principal_cents: int
    open_principal_cents: int
    paid_cents: int
    outstanding_cents: int
    costs_charged_on: date | None
    oldest_due_date: date


@dataclass(frozen=True, slots=True)
class Batch:
    """Due claims of a set of debtors (locked for this transaction), with their states."""

    claims: list[DueClaim]
    debtors: dict[int, DebtorContactInfo]
    states: dict[int, StateRow]


@dataclass(frozen=True, slots=True)
class ClaimUpdate:
    """What the runner writes back on the ledger's claim row.

    ``seen`` is (paid, principal, status) as read: when the row changed meanwhile (a payment
    committed during the batch), the claim is woken at ``now`` instead of ``wake_at``.
    """

    claim_id: int
    status: str
    phase: str
    strategy_name: str | None  # None: keep what is stored
    strategy_version: int | None
    variant: str | None
    wake_at: datetime | None
    seen: tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class NewMessage:
    debtor_id: int
    kind: str
    channel: str
    template: str | None
    tone: str | None
    letterhead: str | None
    language: str
    strategy_name: str
    strategy_version: int
    variant: str | None
    claim_ids: list[int]
    step_ids: list[str]
    idempotency_key: str
    sent_on: date
    total_cents: int
    costs_cents: int | None
    status: str


@dataclass(frozen=True, slots=True)
class MessageRow:
    id: int
    debtor_id: int
    kind: str
    channel: str
    template: str | None
    tone: str | None
    letterhead: str | None
    language: str
    strategy_name: str
    strategy_version: int
    variant: str | None
    claim_ids: list[int]
    step_ids: list[str]
    idempotency_key: str
    sent_on: date
    total_cents: int
    costs_cents: int | None
    status: str
    created_at: datetime
    delivered_at: datetime | None


@dataclass(frozen=True, slots=True)
class OutboxClaimed:
    """An outbox row claimed for delivery; ``in_doubt``: an earlier attempt never finished."""

    id: int
    tenant_id: int
    kind: str
    idempotency_key: str
    payload: dict[str, Any]
    attempts: int
    in_doubt: bool


@dataclass(slots=True)
class RunReport:
    """What one :func:`~vorder.app.collection.runner.run_due` call did."""

    batches: int = 0
    claims: int = 0
    actions: int = 0
    messages: int = 0
    letters: int = 0
    call_tasks: int = 0
    costs_charged: int = 0
    skipped: int = 0
    errors: int = 0
    by_action: dict[str, int] = field(default_factory=dict)
