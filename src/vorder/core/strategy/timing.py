"""When a step comes due: trigger moments, business days, contact windows and event handling.

Moments are naive Europe/Amsterdam datetimes. Business days are working days of the Algemene
termijnenwet (not Saturday, Sunday or a recognised holiday, :mod:`vorder.core.calendar_nl`).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from vorder.core.calendar_nl import is_contact_allowed, is_working_day, next_contact_moment
from vorder.core.strategy.model import (
    CONTACT_ACTIONS,
    DayCount,
    DueDateTrigger,
    EventTrigger,
    InstalmentMissedHandling,
    LetterTermTrigger,
    PartialPaymentHandling,
    PreviousStepTrigger,
    PromiseHandling,
    Relative,
    Step,
    Strategy,
)
from vorder.core.strategy.state import ClaimState

ONE_DAY = timedelta(days=1)
MIDNIGHT = time(0, 0)


def add_days(day: date, days: int, count: DayCount, *, backwards: bool = False) -> date:
    """``day`` moved by ``days`` calendar days, or by that many working days."""
    step = -ONE_DAY if backwards else ONE_DAY
    if count is DayCount.CALENDAR:
        return day + step * days
    moved = 0
    while moved < days:
        day += step
        if is_working_day(day):
            moved += 1
    return day


def step_time(step: Step, strategy: Strategy) -> time:
    return step.at if step.at is not None else strategy.send_time


def base_moment(state: ClaimState) -> datetime:
    """What ``previous_step`` triggers count from: the last executed step, else the start."""
    if state.current_step_ran_at is not None:
        return state.current_step_ran_at
    if state.started_at is not None:
        return state.started_at
    return datetime.combine(state.due_date, MIDNIGHT)


def trigger_moment(
    step: Step, state: ClaimState, strategy: Strategy, *, base: datetime
) -> datetime | None:
    """The moment ``step`` comes due, or ``None`` while it waits (event, letter delivery)."""
    at = step_time(step, strategy)
    trigger = step.trigger
    if isinstance(trigger, DueDateTrigger):
        day = add_days(
            state.due_date,
            trigger.days,
            trigger.count,
            backwards=trigger.relative is Relative.BEFORE,
        )
        return datetime.combine(day, at)
    if isinstance(trigger, PreviousStepTrigger):
        if trigger.days == 0:
            return base
        return datetime.combine(add_days(base.date(), trigger.days, trigger.count), at)
    if isinstance(trigger, EventTrigger):
        seen = [e.at for e in state.events if e.type is trigger.event and e.at >= base]
        if not seen:
            return None
        first = min(seen)
        if trigger.days == 0:
            return first
        return datetime.combine(add_days(first.date(), trigger.days, trigger.count), at)
    if isinstance(trigger, LetterTermTrigger):
        if state.letter_last_day is None:
            return None
        return datetime.combine(state.letter_last_day + ONE_DAY * trigger.days, at)
    raise TypeError(f"unknown trigger {trigger!r}")  # pragma: no cover - closed union


def is_contact(step: Step) -> bool:
    """Messages and call tasks are contact: only inside the Wki contact window."""
    return isinstance(step.action, CONTACT_ACTIONS)


def contact_moment(moment: datetime, at: time) -> datetime:
    """``moment`` itself when contact is allowed then, else the next allowed moment (Wki).

    A moved moment takes the step's time of day ``at`` on the allowed day when that lies later
    inside the window: a Sunday reminder goes out on Monday at 09:00, not at 07:00.
    """
    allowed = next_contact_moment(moment)
    if allowed == moment:
        return moment
    preferred = datetime.combine(allowed.date(), at)
    if preferred >= allowed and is_contact_allowed(preferred):
        return preferred
    return allowed


def _current_step(state: ClaimState, strategy: Strategy) -> Step | None:
    for _, step in strategy.all_steps():
        if step.id == state.current_step_id:
            return step
    return None


def promise_handling(state: ClaimState, strategy: Strategy) -> PromiseHandling:
    """The current step's promise handling, else the strategy's, else the default."""
    step = _current_step(state, strategy)
    if step is not None and step.on_events and step.on_events.promise_to_pay:
        return step.on_events.promise_to_pay
    if strategy.event_handling and strategy.event_handling.promise_to_pay:
        return strategy.event_handling.promise_to_pay
    return PromiseHandling()


def partial_payment_handling(state: ClaimState, strategy: Strategy) -> PartialPaymentHandling:
    step = _current_step(state, strategy)
    if step is not None and step.on_events and step.on_events.partial_payment:
        return step.on_events.partial_payment
    if strategy.event_handling and strategy.event_handling.partial_payment:
        return strategy.event_handling.partial_payment
    return PartialPaymentHandling()


def instalment_handling(state: ClaimState, strategy: Strategy) -> InstalmentMissedHandling:
    step = _current_step(state, strategy)
    if step is not None and step.on_events and step.on_events.instalment_missed:
        return step.on_events.instalment_missed
    if strategy.event_handling and strategy.event_handling.instalment_missed:
        return strategy.event_handling.instalment_missed
    return InstalmentMissedHandling()


def promise_resume_day(state: ClaimState, strategy: Strategy) -> date | None:
    """The day the strategy resumes after a promise: promised date + grace days + 1."""
    if state.promise_date is None:
        return None
    grace = promise_handling(state, strategy).grace_days
    return state.promise_date + ONE_DAY * (grace + 1)


def plan_check_day(state: ClaimState, strategy: Strategy) -> date | None:
    """The day the first unpaid instalment counts as missed (due + grace + 1), if any."""
    unpaid = sorted(i.due_date for i in state.instalments if not i.paid)
    if not unpaid:
        return None
    grace = instalment_handling(state, strategy).grace_days
    return unpaid[0] + ONE_DAY * (grace + 1)
