"""ClaimState: everything :func:`~vorder.core.strategy.decide.decide` needs to know about a claim.

The runner builds it from the database; the core never reads one. Moments are naive
Europe/Amsterdam wall-clock datetimes (like :mod:`vorder.core.calendar_nl`); days are dates.
Amounts are ``Decimal`` in the claim's currency.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from vorder.core.money import DEFAULT_CURRENCY
from vorder.core.strategy.model import Channel, DebtorKind, EventType, Outcome, PhaseName


class ClaimStatus(StrEnum):
    OPEN = "open"
    PAUSED = "paused"  # paused by a person until ``paused_until``
    DISPUTED = "disputed"  # betwist: nothing happens until the dispute is resolved
    PROMISE = "promise"  # betalingsbelofte: waiting for the promised date plus grace days
    PLAN = "plan"  # betalingsregeling: following the instalments
    CLOSED = "closed"  # paid in full
    WRITTEN_OFF = "written_off"


@dataclass(frozen=True, slots=True, kw_only=True)
class StepRecord:
    """A step the runner executed (or recorded as skipped), with its outcome."""

    step_id: str
    action: str  # the action's type, e.g. "send_message"
    at: datetime
    outcome: Outcome


@dataclass(frozen=True, slots=True, kw_only=True)
class EventRecord:
    """An event about the claim (delivery, bounce, payment, judgment, ...)."""

    type: EventType
    at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class Instalment:
    """A termijn of a payment plan: due on ``due_date`` (inclusive)."""

    due_date: date
    amount: Decimal
    paid: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimState:
    """The claim (vordering) as the strategy engine sees it.

    Position in the strategy: ``current_step_id`` is the last *executed* step and
    ``current_step_ran_at`` when it ran (the base of ``previous_step`` triggers);
    ``next_step_id`` is the step to consider next — ``None`` means the step after the current
    one (or the first step when nothing ran yet). ``strategy_finished`` is set once the last
    step was processed or a ``stop`` ran. Every :class:`Decision` returns the new position.

    14-day letter: ``letter_sent_on`` (the sending day), ``letter_delivered_on`` (actual or
    presumed delivery; ``None`` while unknown or bounced) and ``letter_last_day`` (the term's
    last day, computed by the law engine per law-nl.md section 4).

    ``paused_until`` is the first day collection resumes (half-open pause), ``promise_date``
    the day the debtor promised to pay (inclusive).
    """

    claim_id: str
    debtor_id: str
    creditor_id: str
    debtor_kind: DebtorKind
    currency: str = DEFAULT_CURRENCY
    principal: Decimal  # open principal incl. VAT: the basis H for collection costs
    outstanding: Decimal  # everything still owed: principal, interest, costs
    due_date: date
    status: ClaimStatus = ClaimStatus.OPEN
    phase: PhaseName | None = None
    current_step_id: str | None = None
    current_step_ran_at: datetime | None = None
    next_step_id: str | None = None
    strategy_finished: bool = False
    started_at: datetime | None = None  # entered the strategy; base before any step ran
    history: tuple[StepRecord, ...] = ()
    events: tuple[EventRecord, ...] = ()
    paused_until: date | None = None
    promise_date: date | None = None
    instalments: tuple[Instalment, ...] = ()
    letter_sent_on: date | None = None
    letter_delivered_on: date | None = None
    letter_last_day: date | None = None
    costs_charged: bool = False
    channels: frozenset[Channel] = frozenset()
    language: str = "nl"
    segment: str | None = None
    score_band: str | None = None
    strategy_name: str
    strategy_version: int
    variant: str | None = None

    def age_days(self, today: date) -> int:
        """Days since the due date; negative before it, 0 on it."""
        return (today - self.due_date).days

    def last_executed(self) -> StepRecord | None:
        """The latest history record that is not a skip."""
        for record in reversed(self.history):
            if record.outcome is not Outcome.SKIPPED:
                return record
        return None
