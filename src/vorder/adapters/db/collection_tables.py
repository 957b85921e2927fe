"""Collection storage: strategies (versioned per tenant), assignment rules, each claim's place
in its strategy, and the messages (and call tasks) the runner produced.

Every table is tenant-owned. Moments are UTC (``UTCDateTime``); the strategy engine's naive
Europe/Amsterdam moments are converted at the edge (:mod:`vorder.app.collection.state`).
The claim's wake-up moment lives on the ledger's ``claims.next_wake_at`` (the sweep index);
``collection_states.wake_at`` keeps what the runner decided, for display
(docs/adr/0012-runner.md).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from vorder.adapters.db.base import Base, Id, Json, TenantOwned, UTCDateTime

Cents = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


class StrategyVersion(TenantOwned, Base):
    """One published version of a tenant's strategy; never changed once published."""

    __tablename__ = "strategies"
    __table_args__ = (sa.UniqueConstraint("tenant_id", "name", "version"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    version: Mapped[int] = mapped_column(sa.Integer)
    title_nl: Mapped[str] = mapped_column(sa.String(200))
    title_en: Mapped[str] = mapped_column(sa.String(200))
    document: Mapped[dict[str, Any]] = mapped_column(Json)
    source: Mapped[str] = mapped_column(sa.String(20))  # default | import | api | cli
    author: Mapped[str] = mapped_column(sa.String(120))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AssignmentVersion(TenantOwned, Base):
    """One version of a tenant's assignment rules (ordered rules, a default, splits)."""

    __tablename__ = "strategy_assignments"
    __table_args__ = (sa.UniqueConstraint("tenant_id", "version"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    version: Mapped[int] = mapped_column(sa.Integer)
    document: Mapped[dict[str, Any]] = mapped_column(Json)
    author: Mapped[str] = mapped_column(sa.String(120))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CollectionState(TenantOwned, Base):
    """Where a claim is in its strategy: position, history, events, letter dates, holds.

    ``history`` is a list of ``[step_id, action, at, outcome]`` (``at``: local ISO moment),
    ``events`` a list of ``[type, at]``, ``instalments`` of ``[due, cents, paid]``.
    ``seen_paid_cents`` is the ledger's ``paid_cents`` the runner last reacted to, and
    ``last_event_id`` the last delivery event (MessageDelivered/-Bounced) it folded in.
    """

    __tablename__ = "collection_states"
    __table_args__ = (
        sa.PrimaryKeyConstraint("tenant_id", "claim_id"),
        sa.Index("ix_collection_states_debtor", "tenant_id", "debtor_id"),
        sa.Index("ix_collection_states_status", "tenant_id", "status"),
    )

    claim_id: Mapped[int] = mapped_column(Id, sa.ForeignKey("claims.id"))
    debtor_id: Mapped[int] = mapped_column(Id, sa.ForeignKey("debtors.id"))
    strategy_name: Mapped[str] = mapped_column(sa.String(100))
    strategy_version: Mapped[int] = mapped_column(sa.Integer)
    variant: Mapped[str | None] = mapped_column(sa.String(40))
    experiment: Mapped[str | None] = mapped_column(sa.String(100))
    status: Mapped[str] = mapped_column(sa.String(20))
    phase: Mapped[str | None] = mapped_column(sa.String(20))
    current_step_id: Mapped[str | None] = mapped_column(sa.String(100))
    current_step_ran_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    next_step_id: Mapped[str | None] = mapped_column(sa.String(100))
    finished: Mapped[bool] = mapped_column(sa.Boolean)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    history: Mapped[list[Any]] = mapped_column(Json)
    events: Mapped[list[Any]] = mapped_column(Json)
    instalments: Mapped[list[Any]] = mapped_column(Json)
    paused_until: Mapped[date | None] = mapped_column(sa.Date)
    pause_reason: Mapped[str | None] = mapped_column(sa.String(500))
    promise_date: Mapped[date | None] = mapped_column(sa.Date)
    dispute_reason: Mapped[str | None] = mapped_column(sa.String(500))
    letter_sent_on: Mapped[date | None] = mapped_column(sa.Date)
    letter_channel: Mapped[str | None] = mapped_column(sa.String(10))
    letter_delivered_on: Mapped[date | None] = mapped_column(sa.Date)
    letter_last_day: Mapped[date | None] = mapped_column(sa.Date)
    seen_paid_cents: Mapped[int] = mapped_column(Cents)
    last_event_id: Mapped[int] = mapped_column(Id)
    held_step_id: Mapped[str | None] = mapped_column(sa.String(100))
    held_reason: Mapped[str | None] = mapped_column(sa.String(40))
    wake_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    runs: Mapped[int] = mapped_column(sa.Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CollectionMessage(TenantOwned, Base):
    """A message (herinnering, aanmaning, 14-dagenbrief, sommatie) or call task the runner
    produced for one debtor, covering one or more claims; the outbox row has the same key.

    ``status``: queued → delivered | bounced | failed (messages); open (call tasks).
    """

    __tablename__ = "collection_messages"
    __table_args__ = (
        sa.UniqueConstraint("tenant_id", "idempotency_key"),
        sa.Index("ix_collection_messages_debtor", "tenant_id", "debtor_id", "id"),
        sa.Index("ix_collection_messages_day", "tenant_id", "sent_on"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    debtor_id: Mapped[int] = mapped_column(Id, sa.ForeignKey("debtors.id"))
    kind: Mapped[str] = mapped_column(sa.String(20))  # message | 14_day_letter | call_task
    channel: Mapped[str] = mapped_column(sa.String(10))
    template: Mapped[str | None] = mapped_column(sa.String(100))
    tone: Mapped[str | None] = mapped_column(sa.String(10))
    letterhead: Mapped[str | None] = mapped_column(sa.String(10))
    language: Mapped[str] = mapped_column(sa.String(5))
    strategy_name: Mapped[str] = mapped_column(sa.String(100))
    strategy_version: Mapped[int] = mapped_column(sa.Integer)
    variant: Mapped[str | None] = mapped_column(sa.String(40))
    claim_ids: Mapped[list[Any]] = mapped_column(Json)
    step_ids: Mapped[list[Any]] = mapped_column(Json)
    idempotency_key: Mapped[str] = mapped_column(sa.String(200))
    sent_on: Mapped[date] = mapped_column(sa.Date)
    total_cents: Mapped[int] = mapped_column(Cents)
    costs_cents: Mapped[int | None] = mapped_column(Cents)
    status: Mapped[str] = mapped_column(sa.String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
