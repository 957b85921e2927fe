"""One runner batch, in one transaction: the due claims of a set of locked debtors are
decided, their actions grouped per debtor and day, executed, and the new states, the ledger
rows, the events and the outbox rows written together (docs/adr/0012-runner.md).

Order within a batch: decide every claim; give each debtor's 14-day letters their dates
(one letter per debtor and day; post when any claim says post) and decide those claims once
more; charge collection costs and the other non-message actions; then build each message
from the claims' statements on the day (so a message after the costs shows them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime
from operator import attrgetter
from typing import Any

from vorder.app.collection.claims import (
    ACTOR,
    LETTER,
    Item,
    assigned_row,
    final_wake,
    fold_feedback,
    fold_ledger,
    record_letter,
    run_decision,
)
from vorder.app.collection.costs import charge_costs_in
from vorder.app.collection.outgoing import build_messages
from vorder.app.collection.ports import CollectionUnitOfWork, MessageRenderer
from vorder.app.collection.records import Batch, ClaimUpdate, RunReport, StateRow
from vorder.app.collection.state import claim_state, to_local, to_utc, with_state
from vorder.app.collection.strategies import StrategyCache, rules_in
from vorder.app.records import Event
from vorder.core.errors import DomainError
from vorder.core.law import StatutoryRates
from vorder.core.money import format_amount
from vorder.core.strategy import (
    Outcome,
    PlannedAction,
    group_actions,
)


@dataclass(frozen=True, slots=True)
class Services:
    """What a batch needs besides the unit of work."""

    renderer: MessageRenderer
    rates: StatutoryRates
    cache: StrategyCache
    creditor_name: str


def _items(
    uow: CollectionUnitOfWork, batch: Batch, services: Services, *, now: datetime
) -> tuple[list[Item], list[ClaimUpdate], int]:
    """The claims of the batch ready to decide; claims that cannot run are parked."""
    items: list[Item] = []
    parked: list[ClaimUpdate] = []
    problems = 0
    rules = None
    latest: dict[str, int] = {}
    for claim in batch.claims:
        debtor = batch.debtors[claim.debtor_id]
        row = batch.states.get(claim.id)
        new = row is None
        assigned: dict[str, object] | None = None
        if row is None:
            if rules is None:
                rules = rules_in(uow)[1]
                latest = {r.name: r.version for r in uow.strategies.latest_all()}
            made = assigned_row(claim, debtor, rules, latest, now=now)
            if made is None:
                problems += 1
                parked.append(_park(claim, now=now))
                uow.bulk_events.append_many(
                    [
                        Event(
                            "claim",
                            claim.id,
                            "CollectionProblem",
                            {"code": "strategy_not_found", "rules_default": rules.default},
                            now,
                            ACTOR,
                        )
                    ],
                    now=now,
                )
                continue
            row, assigned = made
        strategy = services.cache.get(uow, row.strategy_name, row.strategy_version)
        if strategy is None:
            problems += 1
            parked.append(_park(claim, now=now))
            continue
        state = claim_state(claim, debtor, row)
        item = Item(claim, debtor, row, new, strategy, state, row.status, row.phase)
        if assigned is not None:
            item.event("StrategyAssigned", assigned, now)
        items.append(item)
    return items, parked, problems


def _park(claim: Any, *, now: datetime) -> ClaimUpdate:
    """A claim that cannot run (no strategy): it waits for a person (or a new run's rules)."""
    return ClaimUpdate(
        claim_id=claim.id,
        status=claim.status,
        phase=claim.phase,
        strategy_name=None,
        strategy_version=None,
        variant=claim.strategy_variant,
        wake_at=None,
        seen=(claim.paid_cents, claim.principal_cents, claim.status),
    )


def _decide_all(items: list[Item], feedback: dict[int, list[Any]], *, now: datetime) -> int:
    errors = 0
    letters: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        events = feedback.get(item.claim.id)
        if events:
            item.row = replace(item.row, last_event_id=fold_feedback(item, events, now=now))
        fold_ledger(item, now=now)
        try:
            run_decision(item, now=now)
        except DomainError as exc:  # StrategyMismatch, UnknownStep: a person must look
            errors += 1
            item.event("CollectionProblem", {"code": exc.code, "error": exc.message}, now)
            item.wake = None
            continue
        if any(a.kind == LETTER for a in item.actions):
            letters[item.claim.debtor_id].append(item)
    for group in letters.values():
        post = any(a.channel and a.channel.value == "post" for i in group for a in i.actions)
        for item in group:
            record_letter(item, "post" if post else "email", now=now)
            run_decision(item, now=now)  # the steps after the letter see its dates
    return errors


def _other_actions(
    uow: CollectionUnitOfWork,
    items: dict[int, Item],
    actions: Sequence[PlannedAction],
    services: Services,
    report: RunReport,
    *,
    now: datetime,
) -> None:
    today = to_local(now).date()
    charging = [int(a.claim_id) for a in actions if a.kind == "charge_collection_costs"]
    books = uow.collection.books(charging) if charging else {}
    for action in actions:
        item = items[int(action.claim_id)]
        payload = {"step_id": action.step_id, "phase": action.phase.value}
        if action.kind == "charge_collection_costs":
            book = books[item.claim.id]
            try:
                amount = charge_costs_in(
                    uow, book.claim, book, on=today, rates=services.rates, now=now
                )
            except DomainError as exc:
                _set_outcome(item, action.step_id, Outcome.FAILED)
                item.event(
                    "CollectionCostsRefused",
                    {**payload, "code": exc.code, "error": exc.message},
                    now,
                )
                continue
            report.costs_charged += 1
            item.event(
                "CollectionCostsCharged",
                {**payload, "on": today.isoformat(), "amount": format_amount(amount)},
                now,
            )
        elif action.kind == "hand_over_to_partner":
            item.event("ClaimHandedOver", {**payload, "partner": action.partner}, now)
        elif action.kind == "start_judicial":
            item.event("JudicialStarted", {**payload, "partner": action.partner}, now)
        elif action.kind == "write_off":
            item.event("ClaimWrittenOff", payload, now)


def _set_outcome(item: Item, step_id: str, outcome: Outcome) -> None:
    history = list(item.state.history)
    for i in range(len(history) - 1, -1, -1):
        if history[i].step_id == step_id:
            history[i] = replace(history[i], outcome=outcome)
            break
    item.state = replace(item.state, history=tuple(history))


_TOUCH = frozenset({"held_step_id", "held_reason", "wake_at", "runs", "updated_at"})
_ENGINE_FIELDS = attrgetter(*(f.name for f in fields(StateRow) if f.name not in _TOUCH))


def _only_touched(before: StateRow, after: StateRow) -> bool:
    """Nothing but the hold, the wake-up and the run counter changed."""
    return bool(_ENGINE_FIELDS(before) == _ENGINE_FIELDS(after))


def process_batch(
    uow: CollectionUnitOfWork,
    batch: Batch,
    services: Services,
    report: RunReport,
    *,
    now: datetime,
) -> None:
    """Decide, execute and write one batch (the caller commits)."""
    items_list, parked, problems = _items(uow, batch, services, now=now)
    report.errors += problems
    after = {i.claim.id: i.row.last_event_id for i in items_list}
    feedback: dict[int, list[Any]] = defaultdict(list)
    for stored in uow.collection.feedback_events(list(after), after_ids=after):
        feedback[stored.subject_id].append(stored)
    report.errors += _decide_all(items_list, feedback, now=now)
    items = {i.claim.id: i for i in items_list}
    actions = [a for i in items_list for a in i.actions]
    grouped = group_actions(actions)
    _other_actions(uow, items, grouped.other, services, report, now=now)
    outbox, messages = build_messages(uow, items, grouped.groups, services, report, now=now)
    for action in actions:
        report.by_action[action.kind] = report.by_action.get(action.kind, 0) + 1
        items[int(action.claim_id)].event(
            "StepExecuted",
            {
                "step_id": action.step_id,
                "action": action.kind,
                "phase": action.phase.value,
                "strategy": action.strategy,
                "version": action.version,
                "variant": action.variant,
            },
            now,
        )
    new_rows: list[StateRow] = []
    changed_rows: list[StateRow] = []
    touched_rows: list[StateRow] = []
    updates = list(parked)
    events: list[Event] = []
    for item in items_list:
        for skip in item.skipped:
            item.event("StepSkipped", {"step_id": skip.step_id, "reason": skip.reason.value}, now)
        report.skipped += len(item.skipped)
        if item.state.phase is not None and item.state.phase.value != item.before_phase:
            item.event(
                "PhaseChanged",
                {"from": item.before_phase, "to": item.state.phase.value, "by": "strategy"},
                now,
            )
        wake = final_wake(item, now=now)
        held = item.decision.held if item.decision else None
        light: dict[str, Any] = {
            "held_step_id": held.step_id if held else None,
            "held_reason": held.reason.value if held else None,
            "wake_at": to_utc(wake) if wake else None,
            "runs": item.row.runs + 1,
            "updated_at": now,
        }
        before = batch.states.get(item.claim.id)
        if not item.new and item.row is before and item.state == item.initial:
            row = replace(item.row, **light)  # decided, held: nothing else changed
            touched_rows.append(row)
        else:
            row = with_state(
                item.row,
                item.state,
                letter_channel=item.letter_channel or item.row.letter_channel,
                **light,
            )
            if item.new:
                new_rows.append(row)
            elif before is not None and _only_touched(before, row):
                touched_rows.append(row)
            else:
                changed_rows.append(row)
        updates.append(
            ClaimUpdate(
                claim_id=item.claim.id,
                status=row.status,
                phase=row.phase or item.claim.phase,
                strategy_name=row.strategy_name,
                strategy_version=row.strategy_version,
                variant=row.variant,
                wake_at=row.wake_at,
                seen=(item.claim.paid_cents, item.claim.principal_cents, item.claim.status),
            )
        )
        events += item.events
    report.claims += len(items_list)
    report.actions += len(actions)
    uow.collection.save_states(new_rows, changed_rows, touched_rows)
    uow.collection.update_claims(updates, now=now)
    uow.collection.add_messages(messages, now=now)
    uow.collection.add_outbox(outbox, now=now)
    uow.collection.append_events(events, now=now)
