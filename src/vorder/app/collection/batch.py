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
from vorder.app.collection.content import ClaimAmounts
from vorder.app.collection.costs import charge_costs_in
from vorder.app.collection.messages import (
    claim_amounts,
    content_for,
    idempotency_key,
    letter_terms,
    recipient,
    shares,
)
from vorder.app.collection.ports import CollectionUnitOfWork, MessageRenderer
from vorder.app.collection.records import Batch, ClaimUpdate, NewMessage, RunReport, StateRow
from vorder.app.collection.state import claim_state, to_local, to_utc, with_state
from vorder.app.collection.strategies import StrategyCache, rules_in
from vorder.app.ledger.accounts import LETTER_EVENT
from vorder.app.records import Event
from vorder.core.errors import DomainError
from vorder.core.law import StatutoryRates
from vorder.core.money import ZERO, format_amount, to_cents
from vorder.core.strategy import (
    DebtorKind,
    MessageGroup,
    Outcome,
    PlannedAction,
    group_actions,
)
from vorder.core.strategy.grouping import CALL_TASK, LETTER_14


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


def _variant(group: MessageGroup) -> str | None:
    found = {a.variant for a in group.items}
    return found.pop() if len(found) == 1 else "mixed"


def _messages(
    uow: CollectionUnitOfWork,
    items: dict[int, Item],
    groups: Sequence[MessageGroup],
    services: Services,
    report: RunReport,
    *,
    now: datetime,
) -> tuple[list[tuple[str, str, dict[str, Any]]], list[NewMessage]]:
    tenant_id = uow.tenant_id or 0
    today = to_local(now).date()
    keyed = [(idempotency_key(tenant_id, g, today), g) for g in groups]
    known = uow.collection.existing_keys([k for k, _ in keyed])
    wanted = {
        int(c) for k, g in keyed if k not in known and g.kind != CALL_TASK for c in g.claim_ids
    }
    books = uow.collection.books(wanted) if wanted else {}
    outbox: list[tuple[str, str, dict[str, Any]]] = []
    messages: list[NewMessage] = []
    for key, group in keyed:
        if key in known:
            continue
        lead = group.items[0]
        claim_ids = [int(c) for c in group.claim_ids]
        steps = sorted({a.step_id for a in group.items})
        debtor = items[claim_ids[0]].debtor
        common = {
            "key": key,
            "kind": group.kind,
            "channel": group.channel.value,
            "template": group.template,
            "tone": group.tone.value if group.tone else None,
            "letterhead": group.letterhead.value if group.letterhead else None,
            "strategy": lead.strategy,
            "strategy_version": lead.version,
            "variant": _variant(group),
            "claim_ids": claim_ids,
            "step_ids": steps,
            "sent_on": today.isoformat(),
        }
        if group.kind == CALL_TASK:
            report.call_tasks += 1
            messages.append(
                _message_row(
                    group,
                    debtor.id,
                    debtor.language,
                    key,
                    today,
                    0,
                    None,
                    "open",
                    lead,
                    claim_ids,
                    steps,
                )
            )
            for claim_id in claim_ids:
                items[claim_id].event("CallTaskCreated", common, now)
            continue
        amounts = [claim_amounts(books[c], on=today, rates=services.rates) for c in claim_ids]
        letter = None
        if group.kind == LETTER_14:
            consumer = lead.debtor_kind is DebtorKind.CONSUMER
            letter = letter_terms(amounts, consumer=consumer, on=today, channel=group.channel.value)
            _announce(items, amounts, letter.costs, group.channel.value, now=now)
            report.letters += 1
        else:
            report.messages += 1
        content = content_for(
            group,
            amounts=amounts,
            debtor=debtor,
            creditor_name=services.creditor_name,
            on=today,
            letter=letter,
        )
        rendered = services.renderer.render(content)
        total = sum((a.total for a in amounts), ZERO)
        payload = {
            **common,
            "tenant_id": tenant_id,
            "debtor_id": debtor.id,
            "language": content.language,
            "to": recipient(debtor, group.channel.value),
            "subject": rendered.subject,
            "text": rendered.text,
            "html": rendered.html,
            "total": format_amount(total),
            "currency": group.currency,
        }
        if letter is not None:
            payload["costs"] = format_amount(letter.costs)
        outbox.append((group.channel.value, key, payload))
        messages.append(
            _message_row(
                group,
                debtor.id,
                content.language,
                key,
                today,
                to_cents(total),
                to_cents(letter.costs) if letter else None,
                "queued",
                lead,
                claim_ids,
                steps,
            )
        )
        event_payload = {**common, "total": format_amount(total)}
        for claim_id in claim_ids:
            items[claim_id].event("MessageQueued", event_payload, now)
    return outbox, messages


def _message_row(
    group: MessageGroup,
    debtor_id: int,
    language: str,
    key: str,
    today: Any,
    total_cents: int,
    costs_cents: int | None,
    status: str,
    lead: PlannedAction,
    claim_ids: list[int],
    steps: list[str],
) -> NewMessage:
    return NewMessage(
        debtor_id=debtor_id,
        kind=group.kind,
        channel=group.channel.value,
        template=group.template,
        tone=group.tone.value if group.tone else None,
        letterhead=group.letterhead.value if group.letterhead else None,
        language=language,
        strategy_name=lead.strategy,
        strategy_version=lead.version,
        variant=_variant(group),
        claim_ids=claim_ids,
        step_ids=steps,
        idempotency_key=key,
        sent_on=today,
        total_cents=total_cents,
        costs_cents=costs_cents,
        status=status,
    )


def _announce(
    items: dict[int, Item],
    amounts: Sequence[ClaimAmounts],
    costs: Any,
    channel: str,
    *,
    now: datetime,
) -> None:
    """Each claim's ``FourteenDayLetterSent`` (the ledger's letter fact): its share of the
    costs the letter announces, pro rata the principals (art. 6:96 lid 7 BW)."""
    split = shares(costs, {a.claim_id: a.principal for a in amounts})
    for a in amounts:
        item = items[a.claim_id]
        sent = item.state.letter_sent_on or to_local(now).date()
        item.event(
            LETTER_EVENT,
            {
                "on": sent.isoformat(),
                "channel": channel,
                "cost_amount": format_amount(split[a.claim_id]),
                "vat_uplift_stated": False,
                "letter_costs": format_amount(costs),
            },
            now,
        )


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
    outbox, messages = _messages(uow, items, grouped.groups, services, report, now=now)
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
