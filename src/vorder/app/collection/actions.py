"""Use cases: what a person (or the debtor portal) does to a claim's collection — pause with
a reason and an optional end date, resume, register a promise to pay, register and resolve a
dispute, move the claim to another phase, change its strategy, record an outside event
(judgment obtained, partner returned the claim, debtor responded).

Each is one transaction: lock the claim's debtor (so it cannot interleave with a runner
batch), change the collection state as the strategy engine's ``react`` says, write the
event, set the claim's wake-up; after commit a ``collection.run`` task is queued when the
claim should be looked at now. A claim that never ran yet enters its strategy first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Any

from vorder.app.collection.claims import assigned_row
from vorder.app.collection.errors import (
    ClaimNotActive,
    InvalidClaimAction,
    NotDisputed,
    NotPaused,
    PhaseNotInStrategy,
    StrategyNotFound,
)
from vorder.app.collection.ports import CollectionUnitOfWork, DefaultStrategies
from vorder.app.collection.records import ClaimUpdate, DebtorContactInfo, DueClaim, StateRow
from vorder.app.collection.runner import RUN_TASK
from vorder.app.collection.state import claim_state, to_local, to_utc, with_state
from vorder.app.collection.strategies import StrategyCache, cuow, ensure_defaults, rules_in
from vorder.app.ledger.errors import ClaimNotFound
from vorder.app.ports import TaskQueue, UnitOfWorkFactory
from vorder.app.records import Actor, Event
from vorder.core.strategy import (
    ClaimState,
    ClaimStatus,
    EventRecord,
    EventType,
    PhaseName,
    Strategy,
    react,
)

MAX_TEXT = 500
OUTSIDE_EVENTS = (
    EventType.JUDGMENT_OBTAINED,
    EventType.PARTNER_RETURNED,
    EventType.DEBTOR_RESPONDED,
)
FINISHED = (ClaimStatus.CLOSED, ClaimStatus.WRITTEN_OFF)


@dataclass(frozen=True, slots=True)
class CollectionView:
    """A claim's place in its strategy, as the UI and API show it."""

    claim_id: int
    status: str
    phase: str | None
    strategy: str
    version: int
    variant: str | None
    current_step_id: str | None
    next_step_id: str | None
    finished: bool
    wake_at: datetime | None
    held_reason: str | None
    paused_until: date | None
    pause_reason: str | None
    promise_date: date | None
    dispute_reason: str | None
    letter_sent_on: date | None
    letter_last_day: date | None

    @classmethod
    def of(cls, row: StateRow, wake_at: datetime | None) -> CollectionView:
        return cls(
            claim_id=row.claim_id,
            status=row.status,
            phase=row.phase,
            strategy=row.strategy_name,
            version=row.strategy_version,
            variant=row.variant,
            current_step_id=row.current_step_id,
            next_step_id=row.next_step_id,
            finished=row.finished,
            wake_at=wake_at,
            held_reason=row.held_reason,
            paused_until=row.paused_until,
            pause_reason=row.pause_reason,
            promise_date=row.promise_date,
            dispute_reason=row.dispute_reason,
            letter_sent_on=row.letter_sent_on,
            letter_last_day=row.letter_last_day,
        )


@dataclass(slots=True)
class Change:
    """What an action does: the new engine state, stored extras, events, wake-up."""

    uow: CollectionUnitOfWork
    state: ClaimState
    strategy: Strategy
    row: StateRow
    claim: DueClaim
    now: datetime
    extra: dict[str, Any]
    events: list[tuple[str, dict[str, Any]]]
    wake: datetime | None = None  # aware; None: only an event wakes it
    run_now: bool = False


def _text(value: str | None, field: str, *, required: bool) -> str | None:
    text = (value or "").strip()
    if required and not text:
        raise InvalidClaimAction("give a reason", field=field)
    if len(text) > MAX_TEXT:
        raise InvalidClaimAction(f"at most {MAX_TEXT} characters", field=field)
    return text or None


def _load(
    uow: CollectionUnitOfWork,
    claim_id: int,
    cache: StrategyCache,
    defaults: DefaultStrategies | None,
    *,
    now: datetime,
    actor_ref: str,
) -> tuple[DueClaim, DebtorContactInfo, StateRow, bool, Strategy]:
    if uow.collection.lock_debtor_of(claim_id) is None:
        raise ClaimNotFound(f"no claim {claim_id}", field="claim_id")
    batch = uow.collection.one(claim_id)
    claim = batch.claims[0]
    debtor = batch.debtors[claim.debtor_id]
    row = batch.states.get(claim_id)
    new = row is None
    if row is None:
        if defaults is not None and not uow.strategies.latest_all():
            ensure_defaults(uow, defaults, actor_ref=actor_ref, now=now)
        rules = rules_in(uow)[1]
        latest = {r.name: r.version for r in uow.strategies.latest_all()}
        made = assigned_row(claim, debtor, rules, latest, now=now)
        if made is None:
            raise StrategyNotFound(
                "the claim's strategy is not published; install the default strategies",
                field="strategy",
            )
        row = made[0]
        uow.events.append(
            Event("claim", claim_id, "StrategyAssigned", made[1], now, actor_ref), now=now
        )
    strategy = cache.get(uow, row.strategy_name, row.strategy_version)
    if strategy is None:
        raise StrategyNotFound(f"no strategy '{row.strategy_name}'", field="strategy")
    return claim, debtor, row, new, strategy


def _act(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    claim_id: int,
    now: datetime,
    queue: TaskQueue | None,
    defaults: DefaultStrategies | None,
    change: Callable[[Change], None],
    allow_finished: bool = False,
) -> CollectionView:
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = cuow(base)
        claim, debtor, row, new, strategy = _load(
            uow, claim_id, StrategyCache(), defaults, now=now, actor_ref=actor.ref
        )
        state = claim_state(claim, debtor, row)
        if state.status in FINISHED and not allow_finished:
            raise ClaimNotActive(f"claim {claim_id} is {state.status.value}", field="claim_id")
        work = Change(uow, state, strategy, row, claim, now, {}, [])
        change(work)
        stored = with_state(work.row, work.state, **work.extra, updated_at=now)
        wake = now if work.run_now else work.wake
        stored = replace(stored, wake_at=wake)
        uow.collection.save_states([stored] if new else [], [] if new else [stored])
        uow.collection.update_claims(
            [
                ClaimUpdate(
                    claim_id=claim_id,
                    status=stored.status,
                    phase=stored.phase or claim.phase,
                    strategy_name=stored.strategy_name,
                    strategy_version=stored.strategy_version,
                    variant=stored.variant,
                    wake_at=wake,
                    seen=(claim.paid_cents, claim.principal_cents, claim.status),
                )
            ],
            now=now,
        )
        uow.bulk_events.append_many(
            [
                Event("claim", claim_id, kind, payload, now, actor.ref)
                for kind, payload in work.events
            ],
            now=now,
        )
        if work.run_now and queue is not None:
            uow.after_commit(lambda: queue.enqueue(RUN_TASK))
        uow.commit()
    return CollectionView.of(stored, wake)


def _reacted(work: Change, event: EventType, *, promise: date | None = None) -> None:
    local = to_local(work.now)
    reaction = react(work.state, work.strategy, event, now=local, promise_date=promise)
    work.state = replace(
        work.state,
        status=reaction.status,
        paused_until=reaction.paused_until,
        promise_date=reaction.promise_date,
        next_step_id=reaction.next_step_id or work.state.next_step_id,
        events=(*work.state.events, EventRecord(type=event, at=local)),
    )
    work.wake = to_utc(reaction.wake_at) if reaction.wake_at else None
    work.run_now = reaction.wake_at is not None and reaction.wake_at <= local


def pause_claim(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    claim_id: int,
    reason: str,
    now: datetime,
    until: date | None = None,
    queue: TaskQueue | None = None,
    defaults: DefaultStrategies | None = None,
) -> CollectionView:
    """Pause collection (nothing is sent) until ``until`` (the first day it resumes) or until
    resumed by a person."""
    text = _text(reason, "reason", required=True)
    today = to_local(now).date()
    if until is not None and until <= today:
        raise InvalidClaimAction("the end date must be after today", field="until")

    def change(work: Change) -> None:
        if work.state.status is ClaimStatus.DISPUTED:
            raise InvalidClaimAction("a disputed claim waits for the dispute", field="claim_id")
        work.state = replace(work.state, status=ClaimStatus.PAUSED, paused_until=until)
        work.extra["pause_reason"] = text
        work.wake = to_utc(datetime.combine(until, time(0))) if until else None
        work.events.append(
            ("ClaimPaused", {"reason": text, "until": until.isoformat() if until else None})
        )

    return _act(
        uow_factory,
        actor=actor,
        claim_id=claim_id,
        now=now,
        queue=queue,
        defaults=defaults,
        change=change,
    )


def resume_claim(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    claim_id: int,
    now: datetime,
    queue: TaskQueue | None = None,
    defaults: DefaultStrategies | None = None,
) -> CollectionView:
    """End a pause (or a promise) now: the strategy continues where it was."""

    def change(work: Change) -> None:
        if work.state.status not in (ClaimStatus.PAUSED, ClaimStatus.PROMISE):
            raise NotPaused(f"claim {claim_id} is not paused", field="claim_id")
        work.state = replace(
            work.state, status=ClaimStatus.OPEN, paused_until=None, promise_date=None
        )
        work.extra["pause_reason"] = None
        work.run_now = True
        work.events.append(("ClaimResumed", {}))

    return _act(
        uow_factory,
        actor=actor,
        claim_id=claim_id,
        now=now,
        queue=queue,
        defaults=defaults,
        change=change,
    )


def register_promise(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    claim_id: int,
    promise_date: date,
    now: datetime,
    note: str | None = None,
    queue: TaskQueue | None = None,
    defaults: DefaultStrategies | None = None,
) -> CollectionView:
    """A promise to pay (betalingsbelofte) on ``promise_date``: nothing is sent until that day
    plus the strategy's grace days; then the strategy resumes (unless paid)."""
    if promise_date < to_local(now).date():
        raise InvalidClaimAction("the promised date is in the past", field="promise_date")
    text = _text(note, "note", required=False)

    def change(work: Change) -> None:
        if work.state.status is ClaimStatus.DISPUTED:
            raise InvalidClaimAction("a disputed claim waits for the dispute", field="claim_id")
        _reacted(work, EventType.PROMISE_MADE, promise=promise_date)
        work.events.append(
            ("PromiseRegistered", {"promise_date": promise_date.isoformat(), "note": text})
        )

    return _act(
        uow_factory,
        actor=actor,
        claim_id=claim_id,
        now=now,
        queue=queue,
        defaults=defaults,
        change=change,
    )


def register_dispute(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    claim_id: int,
    reason: str,
    now: datetime,
    queue: TaskQueue | None = None,
    defaults: DefaultStrategies | None = None,
) -> CollectionView:
    """A dispute (betwisting): collection is held until the dispute is resolved."""
    text = _text(reason, "reason", required=True)

    def change(work: Change) -> None:
        _reacted(work, EventType.DISPUTE_RAISED)
        work.extra["dispute_reason"] = text
        work.events.append(("DisputeRegistered", {"reason": text}))

    return _act(
        uow_factory,
        actor=actor,
        claim_id=claim_id,
        now=now,
        queue=queue,
        defaults=defaults,
        change=change,
    )


def resolve_dispute(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    claim_id: int,
    now: datetime,
    note: str | None = None,
    queue: TaskQueue | None = None,
    defaults: DefaultStrategies | None = None,
) -> CollectionView:
    """The dispute is resolved: the strategy continues where it was."""
    text = _text(note, "note", required=False)

    def change(work: Change) -> None:
        if work.state.status is not ClaimStatus.DISPUTED:
            raise NotDisputed(f"claim {claim_id} is not disputed", field="claim_id")
        _reacted(work, EventType.DISPUTE_RESOLVED)
        work.extra["dispute_reason"] = None
        work.events.append(("DisputeResolved", {"note": text}))

    return _act(
        uow_factory,
        actor=actor,
        claim_id=claim_id,
        now=now,
        queue=queue,
        defaults=defaults,
        change=change,
    )


def move_phase(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    claim_id: int,
    phase: str,
    now: datetime,
    queue: TaskQueue | None = None,
    defaults: DefaultStrategies | None = None,
) -> CollectionView:
    """Continue at the first step of ``phase`` (earlier or later), now."""
    try:
        target = PhaseName(phase)
    except ValueError:
        names = ", ".join(p.value for p in PhaseName)
        raise InvalidClaimAction(f"unknown phase '{phase}' ({names})", field="phase") from None

    def change(work: Change) -> None:
        first = next((s.id for p, s in work.strategy.all_steps() if p is target), None)
        if first is None:
            raise PhaseNotInStrategy(
                f"{work.strategy.name} v{work.strategy.version} has no {target.value} phase",
                field="phase",
            )
        before = work.state.phase.value if work.state.phase else None
        work.state = replace(work.state, next_step_id=first, strategy_finished=False, phase=target)
        work.run_now = work.state.status not in (ClaimStatus.DISPUTED, ClaimStatus.PAUSED)
        work.events.append(("PhaseChanged", {"from": before, "to": target.value, "by": "person"}))

    return _act(
        uow_factory,
        actor=actor,
        claim_id=claim_id,
        now=now,
        queue=queue,
        defaults=defaults,
        change=change,
    )


def change_strategy(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    claim_id: int,
    strategy: str,
    now: datetime,
    version: int | None = None,
    queue: TaskQueue | None = None,
    defaults: DefaultStrategies | None = None,
) -> CollectionView:
    """Migrate the claim to another strategy (or version): it continues at the same step
    when the new strategy has it, else at the first step of its current phase, else at the
    start. The history is kept; the experiment variant is cleared."""

    def change(work: Change) -> None:
        target = StrategyCache().get(work.uow, strategy, version)
        if target is None:
            raise StrategyNotFound(f"no strategy '{strategy}'", field="strategy")
        ids = [s.id for _, s in target.all_steps()]
        state = work.state
        nxt = next((i for i in (state.next_step_id,) if i in ids), None)
        if nxt is None and state.current_step_id in ids and state.current_step_id != ids[-1]:
            nxt = ids[ids.index(state.current_step_id) + 1]
        if nxt is None and state.phase is not None:
            nxt = next((s.id for p, s in target.all_steps() if p is state.phase), None)
        work.state = replace(
            state,
            strategy_name=target.name,
            strategy_version=target.version,
            variant=None,
            next_step_id=nxt or ids[0],
            current_step_id=state.current_step_id if state.current_step_id in ids else None,
            strategy_finished=False,
        )
        work.row = replace(
            work.row,
            strategy_name=target.name,
            strategy_version=target.version,
            variant=None,
            experiment=None,
        )
        work.strategy = target
        work.run_now = state.status not in (ClaimStatus.DISPUTED, ClaimStatus.PAUSED)
        work.events.append(
            (
                "StrategyChanged",
                {
                    "from": f"{work.claim.strategy_name} v{work.claim.strategy_version}",
                    "to": target.name,
                    "version": target.version,
                },
            )
        )

    return _act(
        uow_factory,
        actor=actor,
        claim_id=claim_id,
        now=now,
        queue=queue,
        defaults=defaults,
        change=change,
    )


def record_claim_event(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    claim_id: int,
    event: str,
    now: datetime,
    queue: TaskQueue | None = None,
    defaults: DefaultStrategies | None = None,
) -> CollectionView:
    """An outside fact a step may wait for: judgment obtained, partner returned the claim,
    debtor responded. The claim is looked at now."""
    try:
        kind = EventType(event)
    except ValueError:
        kind = None
    if kind not in OUTSIDE_EVENTS:
        names = ", ".join(e.value for e in OUTSIDE_EVENTS)
        raise InvalidClaimAction(f"unknown event '{event}' ({names})", field="event")
    assert kind is not None

    def change(work: Change) -> None:
        _reacted(work, kind)
        work.run_now = True
        work.events.append(("ClaimEventRecorded", {"event": kind.value}))

    return _act(
        uow_factory,
        actor=actor,
        claim_id=claim_id,
        now=now,
        queue=queue,
        defaults=defaults,
        change=change,
    )


def get_collection(
    uow_factory: UnitOfWorkFactory, *, actor: Actor, claim_id: int
) -> CollectionView | None:
    """The claim's place in its strategy (None: it has not entered collection yet)."""
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = cuow(base)
        batch = uow.collection.one(claim_id)
        if not batch.claims:
            raise ClaimNotFound(f"no claim {claim_id}", field="claim_id")
        row = batch.states.get(claim_id)
        wake = batch.claims[0].next_wake_at
    return CollectionView.of(row, wake) if row is not None else None
