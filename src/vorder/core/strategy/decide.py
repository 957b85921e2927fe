"""``decide(state, strategy, *, now)``: the actions due now and the next wake-up moment.

Pure and deterministic: the same state, strategy and ``now`` always give the same
:class:`Decision`. The runner executes the actions at ``now``, records them (and the skipped
steps) in the claim's history, stores the new position and status, and calls ``decide`` again
at ``wake_at`` or when an event arrives.

The walk: from the claim's position, each step in order comes due at its trigger moment
(messages and call tasks moved into the contact window). When due, the first route whose
conditions hold jumps to a later phase; otherwise the step is skipped when its conditions do
not hold; otherwise the legal guards (:mod:`vorder.core.strategy.guards`) may skip or hold it;
otherwise it runs now and the walk goes on (a next step may be due at once). After a 14-day
letter the walk stops with ``wake_at == now``: the next steps depend on the letter's dates,
which the runner records when it sends the letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from vorder.core.calendar_nl import LocalTimeRequired
from vorder.core.errors import Conflict, DomainError
from vorder.core.strategy.conditions import matches
from vorder.core.strategy.guards import Hold, HoldReason, Skip, SkipReason, check
from vorder.core.strategy.model import (
    MESSAGE_ACTIONS,
    Action,
    Channel,
    CreateCallTask,
    DebtorKind,
    EventTrigger,
    HandOverToPartner,
    Letterhead,
    LetterTermTrigger,
    Outcome,
    PhaseName,
    Send14DayLetter,
    SendMessage,
    StartJudicial,
    Step,
    Stop,
    Strategy,
    Tone,
    WriteOff,
)
from vorder.core.strategy.state import ClaimState, ClaimStatus
from vorder.core.strategy.timing import (
    MIDNIGHT,
    base_moment,
    contact_moment,
    instalment_handling,
    is_contact,
    plan_check_day,
    promise_resume_day,
    step_time,
    trigger_moment,
)


class StrategyMismatch(Conflict):
    """The claim runs on another strategy (name or version) than the one given."""

    code = "strategy_mismatch"


class UnknownStep(DomainError):
    """The claim's position names a step that is not in its strategy."""

    code = "unknown_step"


class StrategyLoop(DomainError):
    """Routes jump backwards in a loop (a validated strategy never does)."""

    code = "strategy_loop"


@dataclass(frozen=True, slots=True)
class PlannedAction:
    """One action due now, with everything a message, the outbox and BI need."""

    claim_id: str
    debtor_id: str
    creditor_id: str
    debtor_kind: DebtorKind
    currency: str
    principal: Decimal
    step_id: str
    phase: PhaseName
    action: Action
    kind: str  # the action's type, e.g. "send_message"
    channel: Channel | None
    template: str | None
    tone: Tone | None
    letterhead: Letterhead | None
    partner: str | None
    planned_at: datetime  # the moment it came due (inside the contact window for contact)
    same_day: bool
    combine: bool
    strategy: str
    version: int
    variant: str | None

    @property
    def is_message(self) -> bool:
        return isinstance(self.action, MESSAGE_ACTIONS)


@dataclass(frozen=True, slots=True)
class SkippedStep:
    step_id: str
    reason: SkipReason
    goto: PhaseName | None = None


@dataclass(frozen=True, slots=True)
class Held:
    """Why the next step (or the whole claim, ``step_id=None``) is not done now."""

    step_id: str | None
    reason: HoldReason
    until: datetime | None


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome of :func:`decide`: actions due now, skips, holds, new position, wake-up.

    The runner stores ``status``, ``phase``, ``current_step_id``/``current_step_ran_at``,
    ``next_step_id`` (``None`` exactly when ``finished``) and ``wake_at`` (``None``: only an
    event wakes the claim), and records each action and skipped step in the history.
    """

    claim_id: str
    actions: tuple[PlannedAction, ...]
    skipped: tuple[SkippedStep, ...]
    held: Held | None
    status: ClaimStatus
    phase: PhaseName | None
    current_step_id: str | None
    current_step_ran_at: datetime | None
    next_step_id: str | None
    finished: bool
    wake_at: datetime | None


def _planned(
    state: ClaimState, strategy: Strategy, phase: PhaseName, step: Step, at: datetime
) -> PlannedAction:
    action = step.action
    channel: Channel | None = None
    template = partner = None
    tone: Tone | None = None
    letterhead: Letterhead | None = None
    if isinstance(action, SendMessage | Send14DayLetter):
        channel = Channel(action.channel.value)
        template, tone, letterhead = action.template, action.tone, action.letterhead
    elif isinstance(action, CreateCallTask):
        channel, template, tone = Channel.PHONE, action.script, action.tone
    elif isinstance(action, HandOverToPartner | StartJudicial):
        partner = action.partner
    return PlannedAction(
        claim_id=state.claim_id,
        debtor_id=state.debtor_id,
        creditor_id=state.creditor_id,
        debtor_kind=state.debtor_kind,
        currency=state.currency,
        principal=state.principal,
        step_id=step.id,
        phase=phase,
        action=action,
        kind=type(action).TAG,
        channel=channel,
        template=template,
        tone=tone,
        letterhead=letterhead,
        partner=partner,
        planned_at=at,
        same_day=step.same_day,
        combine=step.combine,
        strategy=strategy.name,
        version=strategy.version,
        variant=state.variant,
    )


def _start(state: ClaimState, strategy: Strategy) -> int:
    """Index of the step the claim considers next (``len(steps)``: none left)."""
    ids = [step.id for _, step in strategy.all_steps()]
    for step_id in (state.next_step_id, state.current_step_id):
        if step_id is not None and step_id not in ids:
            raise UnknownStep(f"step '{step_id}' is not in {strategy.name} v{strategy.version}")
    if state.strategy_finished:
        return len(ids)
    if state.next_step_id is not None:
        return ids.index(state.next_step_id)
    if state.current_step_id is not None:
        return ids.index(state.current_step_id) + 1
    return 0


def _waiting(
    state: ClaimState, strategy: Strategy, status: ClaimStatus, held: Held | None
) -> Decision:
    steps = strategy.all_steps()
    pos = _start(state, strategy)
    next_id = steps[pos][1].id if pos < len(steps) else None
    return Decision(
        claim_id=state.claim_id,
        actions=(),
        skipped=(),
        held=held,
        status=status,
        phase=state.phase,
        current_step_id=state.current_step_id,
        current_step_ran_at=state.current_step_ran_at,
        next_step_id=next_id,
        finished=next_id is None,
        wake_at=held.until if held else None,
    )


def _day(day: date) -> datetime:
    return datetime.combine(day, MIDNIGHT)


def decide(state: ClaimState, strategy: Strategy, *, now: datetime) -> Decision:
    """The actions due at ``now`` (naive Europe/Amsterdam time) and the next wake-up moment.

    Raises :class:`StrategyMismatch` when the claim runs on another strategy version,
    :class:`UnknownStep` when its position is not in the strategy, and
    :class:`~vorder.core.calendar_nl.LocalTimeRequired` for an aware ``now``.
    """
    if now.tzinfo is not None:
        raise LocalTimeRequired("give now as naive local time in Europe/Amsterdam", field="now")
    if (state.strategy_name, state.strategy_version) != strategy.key:
        raise StrategyMismatch(
            f"claim {state.claim_id} runs on {state.strategy_name} v{state.strategy_version}, "
            f"not on {strategy.name} v{strategy.version}",
            field="strategy",
        )
    today = now.date()
    status = state.status
    if status in (ClaimStatus.CLOSED, ClaimStatus.WRITTEN_OFF):
        return _waiting(state, strategy, status, None)
    if state.outstanding <= 0:
        return _waiting(state, strategy, ClaimStatus.CLOSED, None)  # paid: nothing more, ever
    if status is ClaimStatus.DISPUTED:
        return _waiting(state, strategy, status, Held(None, HoldReason.DISPUTED, None))
    if status is ClaimStatus.PAUSED:
        if state.paused_until is None or today < state.paused_until:
            until = _day(state.paused_until) if state.paused_until else None
            return _waiting(state, strategy, status, Held(None, HoldReason.PAUSED, until))
        status = ClaimStatus.OPEN
    if status is ClaimStatus.PROMISE:
        resume = promise_resume_day(state, strategy)
        if resume is not None and today < resume:
            return _waiting(state, strategy, status, Held(None, HoldReason.PROMISE, _day(resume)))
        status = ClaimStatus.OPEN
    goto: PhaseName | None = None
    if status is ClaimStatus.PLAN:
        check_day = plan_check_day(state, strategy)
        if check_day is not None and today < check_day:
            return _waiting(state, strategy, status, Held(None, HoldReason.PLAN, _day(check_day)))
        status = ClaimStatus.OPEN  # an instalment was missed (or none is left): resume
        goto = instalment_handling(state, strategy).goto if check_day is not None else None
    if state.strategy_finished:
        return _waiting(state, strategy, status, None)
    return _walk(state, strategy, now=now, status=status, goto=goto)


def _walk(
    state: ClaimState,
    strategy: Strategy,
    *,
    now: datetime,
    status: ClaimStatus,
    goto: PhaseName | None,
) -> Decision:
    steps = strategy.all_steps()
    first_of: dict[PhaseName, int] = {}
    for i, (phase_name, _) in enumerate(steps):
        first_of.setdefault(phase_name, i)
    pos = _start(state, strategy)
    if goto is not None and goto in first_of:
        pos = first_of[goto]

    today = now.date()
    message_tags = {a.TAG for a in MESSAGE_ACTIONS}
    messages_today = sum(
        1
        for r in state.history
        if r.at.date() == today and r.action in message_tags and r.outcome is not Outcome.SKIPPED
    )
    actions: list[PlannedAction] = []
    skipped: list[SkippedStep] = []
    held: Held | None = None
    phase, current, ran_at = state.phase, state.current_step_id, state.current_step_ran_at
    base = base_moment(state)
    finished = False
    wake: datetime | None = None
    for _ in range(2 * len(steps) + 2):
        if pos >= len(steps):
            finished = True
            break
        phase_name, step = steps[pos]
        due = trigger_moment(step, state, strategy, base=base)
        if due is None:
            if isinstance(step.trigger, LetterTermTrigger) and state.letter_sent_on is None:
                skipped.append(SkippedStep(step.id, SkipReason.NO_14_DAY_LETTER))
                pos += 1
                continue
            reason = (
                HoldReason.AWAITING_EVENT
                if isinstance(step.trigger, EventTrigger)
                else HoldReason.AWAITING_LETTER_DELIVERY
            )
            held = Held(step.id, reason, None)
            break
        if is_contact(step):
            due = contact_moment(due, step_time(step, strategy))
        if due > now:
            wake = due
            break
        route = next((r for r in step.routes if matches(r.when, state, today=today)), None)
        if route is not None:
            skipped.append(SkippedStep(step.id, SkipReason.ROUTE, route.goto))
            pos = first_of.get(route.goto, len(steps))
            continue
        if not matches(step.conditions, state, today=today):
            skipped.append(SkippedStep(step.id, SkipReason.CONDITIONS_NOT_MET))
            pos += 1
            continue
        verdict = check(step, state, strategy, now=now, messages_today=messages_today)
        if isinstance(verdict, Skip):
            skipped.append(SkippedStep(step.id, verdict.reason))
            pos += 1
            continue
        if isinstance(verdict, Hold):
            held = Held(step.id, verdict.reason, verdict.until)
            wake = verdict.until
            break
        actions.append(_planned(state, strategy, phase_name, step, due))
        phase, current, ran_at, base = phase_name, step.id, now, now
        messages_today += isinstance(step.action, MESSAGE_ACTIONS)
        pos += 1
        if isinstance(step.action, Stop):
            finished = True
            break
        if isinstance(step.action, WriteOff):
            status, finished = ClaimStatus.WRITTEN_OFF, True
            break
        if isinstance(step.action, Send14DayLetter):
            wake = now  # decide again once the runner has recorded the letter's dates
            break
    else:
        raise StrategyLoop(f"{strategy.name} v{strategy.version}: routes loop", field="routes")
    return Decision(
        claim_id=state.claim_id,
        actions=tuple(actions),
        skipped=tuple(skipped),
        held=held,
        status=status,
        phase=phase,
        current_step_id=current,
        current_step_ran_at=ran_at,
        next_step_id=None if finished else steps[pos][1].id,
        finished=finished,
        wake_at=None if finished else wake,
    )
