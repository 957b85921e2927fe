"""Between storage and the strategy engine: a claim's :class:`ClaimState` from the ledger
row, the debtor and the stored collection state, and the stored state from a decision.

The engine's moments are naive Europe/Amsterdam wall-clock times; stored moments are UTC.
Amounts the engine sees: ``principal`` is the open principal of the claim's invoices (the
basis H of collection costs); ``outstanding`` is open principal plus open collection costs
(the ledger's ``outstanding_cents``) — interest runs daily and is computed for the messages
that are actually sent, not for every claim swept (docs/adr/0012-runner.md).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from vorder.app.collection.records import DebtorContactInfo, DueClaim, StateRow
from vorder.core.money import from_cents
from vorder.core.strategy import (
    Channel,
    ClaimState,
    ClaimStatus,
    DebtorKind,
    EventRecord,
    EventType,
    Instalment,
    Outcome,
    PhaseName,
    StepRecord,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FINISHED_LEDGER = ("closed", "written_off")
_CHANNELS = frozenset(c.value for c in Channel)


def to_local(moment: datetime) -> datetime:
    """An aware moment as naive Europe/Amsterdam wall-clock time (the engine's time)."""
    return moment.astimezone(AMSTERDAM).replace(tzinfo=None)


def to_utc(local: datetime) -> datetime:
    """A naive Europe/Amsterdam moment as aware UTC (the first one when the clock repeats)."""
    return local.replace(tzinfo=AMSTERDAM).astimezone(UTC)


def local_day(moment: datetime) -> date:
    return to_local(moment).date()


def channels_of(debtor: DebtorContactInfo) -> frozenset[Channel]:
    """Channels the debtor can be reached on: post with an address, e-mail with an address,
    phone with a number, SMS with a mobile number (Dutch 06 or a foreign number); channels
    the debtor refused are left out."""
    found: set[Channel] = set()
    if debtor.address_lines:
        found.add(Channel.POST)
    if debtor.email:
        found.add(Channel.EMAIL)
    if debtor.phone:
        found.add(Channel.PHONE)
        if debtor.phone.startswith("+316") or not debtor.phone.startswith("+31"):
            found.add(Channel.SMS)
    if debtor.refused_channels:
        found -= {Channel(c) for c in debtor.refused_channels if c in _CHANNELS}
    return frozenset(found)


def debtor_kind(claim: DueClaim) -> DebtorKind:
    return DebtorKind.BUSINESS if claim.kind == "commercial" else DebtorKind.CONSUMER


def _history(row: StateRow) -> tuple[StepRecord, ...]:
    return tuple(
        StepRecord(
            step_id=h[0], action=h[1], at=datetime.fromisoformat(h[2]), outcome=Outcome(h[3])
        )
        for h in row.history
    )


def _events(row: StateRow) -> tuple[EventRecord, ...]:
    return tuple(
        EventRecord(type=EventType(e[0]), at=datetime.fromisoformat(e[1])) for e in row.events
    )


def _instalments(row: StateRow) -> tuple[Instalment, ...]:
    return tuple(
        Instalment(due_date=date.fromisoformat(i[0]), amount=from_cents(int(i[1])), paid=bool(i[2]))
        for i in row.instalments
    )


def claim_state(claim: DueClaim, debtor: DebtorContactInfo, row: StateRow) -> ClaimState:
    """The engine's view of a claim (see the module docstring)."""
    status = ClaimStatus(row.status)
    if claim.status == "closed":
        status = ClaimStatus.CLOSED
    elif claim.status == "written_off":
        status = ClaimStatus.WRITTEN_OFF
    return ClaimState(
        claim_id=str(claim.id),
        debtor_id=str(claim.debtor_id),
        creditor_id="",
        debtor_kind=debtor_kind(claim),
        currency=claim.currency,
        principal=from_cents(claim.open_principal_cents),
        outstanding=from_cents(claim.outstanding_cents),
        due_date=claim.oldest_due_date,
        status=status,
        phase=PhaseName(row.phase) if row.phase else None,
        current_step_id=row.current_step_id,
        current_step_ran_at=to_local(row.current_step_ran_at) if row.current_step_ran_at else None,
        next_step_id=row.next_step_id,
        strategy_finished=row.finished,
        started_at=to_local(row.started_at),
        history=_history(row),
        events=_events(row),
        paused_until=row.paused_until,
        promise_date=row.promise_date,
        instalments=_instalments(row),
        letter_sent_on=row.letter_sent_on,
        letter_delivered_on=row.letter_delivered_on,
        letter_last_day=row.letter_last_day,
        costs_charged=claim.costs_charged_on is not None,
        channels=channels_of(debtor),
        language=debtor.language,
        strategy_name=row.strategy_name,
        strategy_version=row.strategy_version,
        variant=row.variant,
    )


def new_state_row(
    claim: DueClaim,
    *,
    strategy: str,
    version: int,
    variant: str | None,
    experiment: str | None,
    now: datetime,
) -> StateRow:
    """A claim entering its strategy at ``now`` (aware)."""
    return StateRow(
        claim_id=claim.id,
        debtor_id=claim.debtor_id,
        strategy_name=strategy,
        strategy_version=version,
        variant=variant,
        experiment=experiment,
        status=ClaimStatus.OPEN.value,
        phase=None,
        current_step_id=None,
        current_step_ran_at=None,
        next_step_id=None,
        finished=False,
        started_at=now,
        history=[],
        events=[],
        instalments=[],
        paused_until=None,
        pause_reason=None,
        promise_date=None,
        dispute_reason=None,
        letter_sent_on=None,
        letter_channel=None,
        letter_delivered_on=None,
        letter_last_day=None,
        seen_paid_cents=claim.paid_cents,
        last_event_id=0,
        held_step_id=None,
        held_reason=None,
        wake_at=None,
        runs=0,
        updated_at=now,
    )


def history_item(record: StepRecord) -> list[Any]:
    return [record.step_id, record.action, record.at.isoformat(), record.outcome.value]


def event_item(record: EventRecord) -> list[Any]:
    return [record.type.value, record.at.isoformat()]


def with_state(row: StateRow, state: ClaimState, **changes: Any) -> StateRow:
    """``row`` with the engine fields of ``state`` written back (and ``changes``)."""
    return replace(
        row,
        status=state.status.value,
        phase=state.phase.value if state.phase else None,
        current_step_id=state.current_step_id,
        current_step_ran_at=to_utc(state.current_step_ran_at)
        if state.current_step_ran_at
        else None,
        next_step_id=state.next_step_id,
        finished=state.strategy_finished,
        history=[history_item(h) for h in state.history],
        events=[event_item(e) for e in state.events],
        paused_until=state.paused_until,
        promise_date=state.promise_date,
        letter_sent_on=state.letter_sent_on,
        letter_delivered_on=state.letter_delivered_on,
        letter_last_day=state.letter_last_day,
        **changes,
    )
