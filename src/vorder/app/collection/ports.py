"""Ports of the collection area (additive to :mod:`vorder.app.ports`).

The unit of work exposes ``uow.strategies``, ``uow.assignments`` and ``uow.collection``
(registered by :mod:`vorder.adapters.db.collection_repos`); :class:`MessageRenderer` turns a
message's content into text and HTML (:mod:`vorder.adapters.messages`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from vorder.app.collection.content import MessageContent, RenderedMessage
from vorder.app.collection.records import (
    AssignmentRecord,
    Batch,
    ClaimUpdate,
    MessageRow,
    NewMessage,
    OutboxClaimed,
    StateRow,
    StrategyRecord,
)
from vorder.app.ledger.accounts import ClaimBook
from vorder.app.ports import LedgerUnitOfWork
from vorder.app.records import Event, StoredEvent


class StrategyRepository(Protocol):
    def add(
        self,
        *,
        name: str,
        version: int,
        title_nl: str,
        title_en: str,
        document: dict[str, Any],
        source: str,
        author: str,
        now: datetime,
    ) -> StrategyRecord: ...
    def get(self, name: str, version: int | None = None) -> StrategyRecord | None:
        """A version of ``name`` (the latest when ``version`` is None)."""
        ...

    def latest_all(self) -> list[StrategyRecord]:
        """The latest version of every strategy of the tenant, by name."""
        ...

    def versions(self, name: str) -> list[StrategyRecord]: ...


class AssignmentRepository(Protocol):
    def latest(self) -> AssignmentRecord | None: ...
    def add(
        self, *, version: int, document: dict[str, Any], author: str, now: datetime
    ) -> AssignmentRecord: ...


class CollectionRepository(Protocol):
    """The runner's bulk reads and writes (tenant-scoped unless said otherwise)."""

    def due_tenants(self, *, now: datetime, limit: int) -> list[int]:
        """Tenants with a claim whose wake-up moment has passed (platform session)."""
        ...

    def lock_due_debtors(self, *, now: datetime, limit: int) -> list[int]:
        """Lock up to ``limit`` debtors with due claims for this transaction; on PostgreSQL
        debtors locked by another worker are skipped, on SQLite the write lock is taken."""
        ...

    def load_batch(self, debtor_ids: Collection[int], *, now: datetime) -> Batch: ...
    def open_portfolio(self, *, after_claim_id: int, limit: int) -> Batch:
        """Open claims (any wake-up) in claim id order, for dry runs; no locks."""
        ...

    def one(self, claim_id: int) -> Batch:
        """One claim (whatever its wake-up), its debtor and its state; empty if unknown."""
        ...

    def lock_debtor_of(self, claim_id: int) -> int | None:
        """Lock the claim's debtor (serialises with the runner); its id, None if no claim."""
        ...

    def feedback_events(
        self, claim_ids: Collection[int], *, after_ids: dict[int, int]
    ) -> list[StoredEvent]:
        """Delivery events (MessageDelivered/MessageBounced) of these claims after the ids."""
        ...

    def save_states(
        self,
        new: Sequence[StateRow],
        changed: Sequence[StateRow],
        touched: Sequence[StateRow] = (),
    ) -> None:
        """Insert ``new``, rewrite ``changed``; of ``touched`` only write the hold, the
        wake-up and the run counter (the claim was decided and nothing else changed)."""
        ...

    def state(self, claim_id: int) -> StateRow | None: ...
    def update_claims(self, updates: Sequence[ClaimUpdate], *, now: datetime) -> None: ...
    def books(self, claim_ids: Collection[int]) -> dict[int, ClaimBook]:
        """Everything the law engine needs per claim (like the ledger's ``load_book``)."""
        ...

    def existing_keys(self, keys: Collection[str]) -> set[str]:
        """Which of these idempotency keys are already in the outbox."""
        ...

    def add_outbox(self, rows: Sequence[tuple[str, str, dict[str, Any]]], *, now: datetime) -> None:
        """(kind, idempotency key, payload) rows, pending from ``now``."""
        ...

    def add_messages(self, messages: Sequence[NewMessage], *, now: datetime) -> None: ...
    def append_events(self, events: Sequence[Event], *, now: datetime) -> None:
        """Append many events of the tenant to the event log in one bulk insert."""
        ...

    def messages(
        self, *, claim_id: int | None, debtor_id: int | None, limit: int
    ) -> list[MessageRow]: ...
    def messages_after(self, message_id: int, *, limit: int) -> list[MessageRow]: ...
    def next_wake(self, *, before: datetime) -> datetime | None:
        """The earliest wake-up moment of the tenant's claims before ``before``."""
        ...

    def message_by_key(self, key: str) -> MessageRow | None: ...
    def set_message_status(self, key: str, *, status: str, at: datetime) -> None: ...
    def claim_outbox(
        self, *, now: datetime, limit: int, lock: timedelta, kinds: Collection[str] | None
    ) -> list[OutboxClaimed]:
        """Claim due outbox rows of every tenant for delivery (platform session)."""
        ...

    def finish_delivery(
        self,
        outbox_id: int,
        *,
        status: str,
        attempts: int,
        error: str | None,
        now: datetime,
        next_attempt_at: datetime,
        claim_ids: Sequence[int],
        message_status: str | None,
    ) -> None:
        """Record a delivery attempt; ``message_status`` also marks the message and wakes
        its claims."""
        ...

    def outbox_counts(self) -> dict[str, int]:
        """Outbox rows of the tenant by status (for reports and tests)."""
        ...


class CollectionUnitOfWork(LedgerUnitOfWork, Protocol):
    strategies: StrategyRepository
    assignments: AssignmentRepository
    collection: CollectionRepository


class MessageRenderer(Protocol):
    def render(self, content: MessageContent) -> RenderedMessage: ...


class DefaultStrategies(Protocol):
    """The shipped default strategies (plain documents), read by an adapter."""

    def documents(self) -> list[dict[str, Any]]: ...
