"""A test-only runner: applies decide() and react() to a ClaimState, wake-up by wake-up.

It stands in for the real runner (DB, Huey, outbox), which comes later. Letter dates come
from the law engine (:func:`vorder.core.law.letter.letter_deadline`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from tests.unit.strategy.notation import render_action
from vorder.core.law.letter import Channel as LetterChannel
from vorder.core.law.letter import letter_deadline
from vorder.core.strategy import (
    ClaimState,
    EventRecord,
    EventType,
    Outcome,
    StepRecord,
    Strategy,
    decide,
    react,
)

Event = tuple[datetime, EventType, date | None]  # moment, type, promised date


def apply_decision(
    state: ClaimState, strategy: Strategy, now: datetime
) -> tuple[ClaimState, list[str], datetime | None]:
    decision = decide(state, strategy, now=now)
    lines = [f"{now:%a %Y-%m-%d %H:%M} {render_action(a)}" for a in decision.actions]
    history = list(state.history)
    history += [
        StepRecord(step_id=s.step_id, action="skipped", at=now, outcome=Outcome.SKIPPED)
        for s in decision.skipped
    ]
    changes: dict[str, object] = {}
    for action in decision.actions:
        history.append(
            StepRecord(step_id=action.step_id, action=action.kind, at=now, outcome=Outcome.SENT)
        )
        if action.kind == "send_14_day_letter":
            assert action.channel is not None
            deadline = letter_deadline(now.date(), LetterChannel(action.channel.value))
            changes.update(
                letter_sent_on=deadline.sent,
                letter_delivered_on=deadline.delivered,
                letter_last_day=deadline.last_day,
            )
        if action.kind == "charge_collection_costs":
            changes["costs_charged"] = True
    state = replace(
        state,
        status=decision.status,
        phase=decision.phase,
        current_step_id=decision.current_step_id,
        current_step_ran_at=decision.current_step_ran_at,
        next_step_id=decision.next_step_id,
        strategy_finished=decision.finished,
        history=tuple(history),
        **changes,  # type: ignore[arg-type]
    )
    return state, lines, decision.wake_at


def simulate(
    state: ClaimState,
    strategy: Strategy,
    *,
    start: datetime,
    until: datetime,
    events: tuple[Event, ...] = (),
) -> tuple[list[str], ClaimState]:
    """Run the claim from ``start`` to ``until``; returns the log of actions and the end state."""
    log: list[str] = []
    pending = sorted(events, key=lambda e: e[0])
    wake: datetime | None = start
    for _ in range(500):
        nxt = min(
            [m for m in (wake, pending[0][0] if pending else None) if m is not None], default=None
        )
        if nxt is None or nxt > until:
            break
        if pending and pending[0][0] == nxt:
            at, kind, promised = pending.pop(0)
            reaction = react(state, strategy, kind, now=at, promise_date=promised)
            log.append(f"{at:%a %Y-%m-%d %H:%M} event {kind.value} → {reaction.status.value}")
            state = replace(
                state,
                status=reaction.status,
                paused_until=reaction.paused_until,
                promise_date=reaction.promise_date,
                next_step_id=reaction.next_step_id or state.next_step_id,
                events=(*state.events, EventRecord(type=kind, at=at)),
                outstanding=Decimal("0.00")
                if kind is EventType.PAID_IN_FULL
                else state.outstanding,
            )
            wake = reaction.wake_at
            continue
        state, lines, wake = apply_decision(state, strategy, nxt)
        log += lines
        if wake == nxt and not lines:
            break  # nothing recorded that could change the next decision
    return log, state
