"""``react(state, strategy, event, *, now)``: how an event changes the claim's status.

The strategy's event handling (per step, else strategy-wide, else the defaults) decides:

* paid in full → closed; nothing is sent any more (fixed);
* partial payment → amounts are recomputed by the caller and the strategy continues, after
  ``pause_days`` when set;
* dispute raised → disputed, nothing happens until it is resolved (fixed); resolved → open;
* promise to pay → wait until the promised date + ``grace_days``, then resume;
* payment plan agreed → follow the instalments; a missed instalment resumes the strategy,
  at the first step of ``goto`` when set.

Other events (delivery, bounce, judgment, ...) change no status; they wake the claim so that
steps waiting for them (event triggers) are decided at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from vorder.core.errors import DomainError
from vorder.core.strategy.model import EventType, Strategy
from vorder.core.strategy.state import ClaimState, ClaimStatus
from vorder.core.strategy.timing import (
    MIDNIGHT,
    instalment_handling,
    partial_payment_handling,
    plan_check_day,
    promise_handling,
)


class PromiseDateRequired(DomainError):
    """A promise to pay needs the promised date."""

    code = "promise_date_required"


@dataclass(frozen=True, slots=True)
class Reaction:
    """The new status and pause fields; ``next_step_id`` is set when the position moves."""

    status: ClaimStatus
    paused_until: date | None
    promise_date: date | None
    next_step_id: str | None
    wake_at: datetime | None


def react(
    state: ClaimState,
    strategy: Strategy,
    event: EventType,
    *,
    now: datetime,
    promise_date: date | None = None,
) -> Reaction:
    """The claim's reaction to ``event`` at ``now`` (see the module docstring)."""
    keep = Reaction(state.status, state.paused_until, state.promise_date, None, now)
    if state.status in (ClaimStatus.CLOSED, ClaimStatus.WRITTEN_OFF):
        return Reaction(state.status, state.paused_until, state.promise_date, None, None)
    today = now.date()
    if event is EventType.PAID_IN_FULL:
        return Reaction(ClaimStatus.CLOSED, None, None, None, None)
    if event is EventType.DISPUTE_RAISED:
        return Reaction(ClaimStatus.DISPUTED, None, None, None, None)
    if event is EventType.DISPUTE_RESOLVED:
        if state.status is not ClaimStatus.DISPUTED:
            return keep
        return Reaction(ClaimStatus.OPEN, None, None, None, now)
    if event is EventType.PARTIAL_PAYMENT:
        pause = partial_payment_handling(state, strategy).pause_days
        if pause == 0 or state.status is not ClaimStatus.OPEN:
            return keep
        until = today + timedelta(days=pause)
        return Reaction(ClaimStatus.PAUSED, until, None, None, datetime.combine(until, MIDNIGHT))
    if event is EventType.PROMISE_MADE:
        if promise_date is None:
            raise PromiseDateRequired("a promise to pay needs its date", field="promise_date")
        grace = promise_handling(state, strategy).grace_days
        resume = promise_date + timedelta(days=grace + 1)
        return Reaction(
            ClaimStatus.PROMISE, None, promise_date, None, datetime.combine(resume, MIDNIGHT)
        )
    if event is EventType.PLAN_AGREED:
        check = plan_check_day(state, strategy)
        wake = datetime.combine(check, MIDNIGHT) if check is not None else now
        return Reaction(ClaimStatus.PLAN, None, None, None, wake)
    if event is EventType.INSTALMENT_MISSED:
        goto = instalment_handling(state, strategy).goto
        first = next((s.id for p, s in strategy.all_steps() if p is goto), None)
        return Reaction(ClaimStatus.OPEN, None, None, first, now)
    return keep
