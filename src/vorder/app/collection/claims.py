"""One claim in a runner batch: assignment on first sight, folding in what happened since the
last run (delivery results, payments), deciding, and recording the decision in its state.

Pure with respect to storage: it reads the loaded batch and produces new states, planned
actions and events; :mod:`.batch` writes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from vorder.app.collection.records import DebtorContactInfo, DueClaim, StateRow
from vorder.app.collection.state import claim_state, new_state_row, to_local
from vorder.app.records import Event, StoredEvent
from vorder.core.law.letter import Channel as LetterChannel
from vorder.core.law.letter import letter_deadline
from vorder.core.strategy import (
    AssignmentRules,
    ClaimState,
    ClaimStatus,
    Decision,
    EventRecord,
    EventType,
    Outcome,
    PlannedAction,
    Reaction,
    SkippedStep,
    StepRecord,
    Strategy,
    assign,
    decide,
    react,
)

ACTOR = "system:runner"
MESSAGE_KINDS = ("send_message", "send_14_day_letter", "create_call_task")
LETTER = "send_14_day_letter"
RETRY = timedelta(minutes=1)


@dataclass(slots=True)
class Item:
    """A claim being processed; ``state`` evolves, ``row`` is what will be stored."""

    claim: DueClaim
    debtor: DebtorContactInfo
    row: StateRow
    new: bool
    strategy: Strategy
    state: ClaimState
    before_status: str
    before_phase: str | None
    actions: list[PlannedAction] = field(default_factory=list)
    skipped: list[SkippedStep] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    wake: datetime | None = None  # local
    decision: Decision | None = None
    letter_channel: str | None = None
    initial: ClaimState | None = None  # the state as loaded (unchanged: a light update)

    def __post_init__(self) -> None:
        self.initial = self.state

    def event(self, kind: str, payload: Mapping[str, object], now: datetime) -> None:
        self.events.append(Event("claim", self.claim.id, kind, dict(payload), now, ACTOR))


def assigned_row(
    claim: DueClaim,
    debtor: DebtorContactInfo,
    rules: AssignmentRules,
    latest_version: dict[str, int],
    *,
    now: datetime,
) -> tuple[StateRow, dict[str, object]] | None:
    """A new state for a claim entering collection (None: the rule's strategy is missing).

    A claim the ledger already put on a strategy keeps it; otherwise the assignment rules
    decide (champion/challenger: the variant is stored on the claim and on every message).
    """
    if claim.strategy_name and claim.strategy_version:
        row = new_state_row(
            claim,
            strategy=claim.strategy_name,
            version=claim.strategy_version,
            variant=claim.strategy_variant,
            experiment=None,
            now=now,
        )
        return row, {"strategy": claim.strategy_name, "version": claim.strategy_version}
    probe = claim_state(
        claim,
        debtor,
        new_state_row(claim, strategy="-", version=1, variant=None, experiment=None, now=now),
    )
    chosen = assign(rules, probe, today=to_local(now).date(), key=str(claim.id))
    version = latest_version.get(chosen.strategy)
    if version is None:
        return None
    row = new_state_row(
        claim,
        strategy=chosen.strategy,
        version=version,
        variant=chosen.variant,
        experiment=chosen.experiment,
        now=now,
    )
    payload: dict[str, object] = {
        "strategy": chosen.strategy,
        "version": version,
        "rule": chosen.rule_id,
        "variant": chosen.variant,
        "experiment": chosen.experiment,
        "bucket": chosen.bucket,
    }
    return row, payload


def _reacted(state: ClaimState, reaction: Reaction) -> ClaimState:
    return replace(
        state,
        status=reaction.status,
        paused_until=reaction.paused_until,
        promise_date=reaction.promise_date,
        next_step_id=reaction.next_step_id or state.next_step_id,
    )


def fold_feedback(item: Item, events: list[StoredEvent], *, now: datetime) -> int:
    """Delivery results since the last run: outcomes in the history, events for triggers.

    Returns the last event id folded in. A bounced 14-day letter sent by e-mail was not
    delivered: its dates are cleared (it cannot carry collection costs).
    """
    state = item.state
    last = item.row.last_event_id
    for stored in events:
        last = max(last, stored.id)
        bounced = stored.type == "MessageBounced"
        outcome = Outcome.BOUNCED if bounced else Outcome.DELIVERED
        steps = set(stored.payload.get("step_ids", []))
        sent_on = str(stored.payload.get("sent_on", ""))
        history = tuple(
            replace(h, outcome=outcome)
            if h.step_id in steps
            and h.at.date().isoformat() == sent_on
            and h.outcome in (Outcome.SENT, Outcome.DELIVERED)
            else h
            for h in state.history
        )
        kind = EventType.MESSAGE_BOUNCED if bounced else EventType.LETTER_DELIVERED
        at = to_local(stored.occurred_at)
        state = replace(
            state, history=history, events=(*state.events, EventRecord(type=kind, at=at))
        )
        if bounced and stored.payload.get("kind") == "14_day_letter":
            if state.letter_sent_on is not None and state.letter_sent_on.isoformat() == sent_on:
                state = replace(state, letter_delivered_on=None, letter_last_day=None)
                item.event("FourteenDayLetterBounced", {"sent_on": sent_on}, now)
        state = _reacted(state, react(state, item.strategy, kind, now=to_local(now)))
    item.state = state
    return last


def fold_ledger(item: Item, *, now: datetime) -> None:
    """Payments since the last run: paid in full closes, a partial payment is reacted to."""
    claim, state = item.claim, item.state
    local = to_local(now)
    if claim.status == "closed" and item.row.status != ClaimStatus.CLOSED.value:
        state = _reacted(state, react(state, item.strategy, EventType.PAID_IN_FULL, now=local))
        state = replace(
            state, events=(*state.events, EventRecord(type=EventType.PAID_IN_FULL, at=local))
        )
        item.event("CollectionClosed", {"reason": "paid_in_full"}, now)
    elif claim.paid_cents > item.row.seen_paid_cents and claim.status not in (
        "closed",
        "written_off",
    ):
        state = _reacted(state, react(state, item.strategy, EventType.PARTIAL_PAYMENT, now=local))
        state = replace(
            state, events=(*state.events, EventRecord(type=EventType.PARTIAL_PAYMENT, at=local))
        )
    item.state = state
    if item.row.seen_paid_cents != claim.paid_cents:
        item.row = replace(item.row, seen_paid_cents=claim.paid_cents)


_TAGS: dict[int, tuple[Strategy, dict[str, str]]] = {}


def _step_actions(strategy: Strategy) -> dict[str, str]:
    """Step id → action type, computed once per strategy object."""
    hit = _TAGS.get(id(strategy))
    if hit is not None and hit[0] is strategy:
        return hit[1]
    if len(_TAGS) > 256:
        _TAGS.clear()
    tags = {step.id: type(step.action).TAG for _, step in strategy.all_steps()}
    _TAGS[id(strategy)] = (strategy, tags)
    return tags


def run_decision(item: Item, *, now: datetime) -> Decision:
    """Decide at ``now`` and record the decision in the claim's state."""
    local = to_local(now)
    decision = decide(item.state, item.strategy, now=local)
    tags = _step_actions(item.strategy)
    history = list(item.state.history)
    history += [
        StepRecord(
            step_id=s.step_id,
            action=tags.get(s.step_id, "skipped"),
            at=local,
            outcome=Outcome.SKIPPED,
        )
        for s in decision.skipped
    ]
    costs = item.state.costs_charged
    for action in decision.actions:
        outcome = Outcome.SENT if action.kind in MESSAGE_KINDS else Outcome.DONE
        history.append(
            StepRecord(step_id=action.step_id, action=action.kind, at=local, outcome=outcome)
        )
        costs = costs or action.kind == "charge_collection_costs"
    item.state = replace(
        item.state,
        status=decision.status,
        phase=decision.phase,
        current_step_id=decision.current_step_id,
        current_step_ran_at=decision.current_step_ran_at,
        next_step_id=decision.next_step_id,
        strategy_finished=decision.finished,
        history=tuple(history),
        costs_charged=costs,
    )
    item.actions += [replace(a, planned_at=local) for a in decision.actions]
    item.skipped += list(decision.skipped)
    item.decision = decision
    item.wake = decision.wake_at
    return decision


def record_letter(item: Item, channel: str, *, now: datetime) -> None:
    """The 14-day letter's dates from the law engine (law-nl.md section 4)."""
    deadline = letter_deadline(to_local(now).date(), LetterChannel(channel))
    item.letter_channel = channel
    item.state = replace(
        item.state,
        letter_sent_on=deadline.sent,
        letter_delivered_on=deadline.delivered,
        letter_last_day=deadline.last_day,
    )


def final_wake(item: Item, *, now: datetime) -> datetime | None:
    """The local wake-up moment to store; a moment not after ``now`` becomes now + 1 minute
    (never spin within one run)."""
    local = to_local(now)
    if item.wake is not None and item.wake <= local:
        return local + RETRY
    return item.wake
