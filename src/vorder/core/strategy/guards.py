"""The legal guards of :func:`~vorder.core.strategy.decide.decide`.

A guard looks at a step that is due and says: go, skip it (with a reason), or hold it until a
moment (or until an event, when the moment is ``None``). Basis per guard:

* collection costs on a consumer claim only after a valid 14-day letter whose term has passed
  unpaid (art. 6:96 lid 6 BW, HR 25-11-2016 ECLI:NL:HR:2016:2704; law-nl.md sections 3–4);
  on a business claim from the day after the due date (art. 6:96 lid 4 BW); once per claim;
* the 14-day letter only after the due date, once the debtor is in default (law-nl.md
  section 4: never together with the invoice);
* contact (messages, call tasks) only inside the Wki contact window (law-nl.md section 8);
* at most one message per claim per day unless the step says ``same_day: true``;
* never a message or call on a channel the debtor has not got (the step is skipped).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from vorder.core.calendar_nl import is_contact_allowed
from vorder.core.strategy.model import (
    MESSAGE_ACTIONS,
    Channel,
    ChargeCollectionCosts,
    CreateCallTask,
    DebtorKind,
    Send14DayLetter,
    SendMessage,
    Step,
    Strategy,
)
from vorder.core.strategy.state import ClaimState
from vorder.core.strategy.timing import contact_moment, is_contact, step_time

LETTER_TERM_DAYS = 14


class SkipReason(StrEnum):
    CONDITIONS_NOT_MET = "conditions_not_met"
    ROUTE = "route"
    NO_14_DAY_LETTER = "no_14_day_letter"  # a letter_term step, but no letter was sent
    NO_VALID_LETTER = "no_valid_14_day_letter"
    COSTS_ALREADY_CHARGED = "costs_already_charged"
    CHANNEL_UNAVAILABLE = "channel_unavailable"  # no e-mail address, phone number, ...


class HoldReason(StrEnum):
    CONTACT_WINDOW = "contact_window"
    DAILY_MESSAGE_LIMIT = "daily_message_limit"
    NOT_IN_DEFAULT = "not_in_default"  # the due date has not passed yet
    LETTER_TERM_RUNNING = "letter_term_running"
    AWAITING_LETTER_DELIVERY = "awaiting_letter_delivery"
    AWAITING_EVENT = "awaiting_event"
    PAUSED = "paused"
    DISPUTED = "disputed"
    PROMISE = "promise"
    PLAN = "plan"


@dataclass(frozen=True, slots=True)
class Skip:
    reason: SkipReason


@dataclass(frozen=True, slots=True)
class Hold:
    reason: HoldReason
    until: datetime | None  # None: until an event wakes the claim


def letter_is_valid(state: ClaimState) -> bool:
    """A 14-day letter that can carry collection costs (art. 6:96 lid 6 BW).

    Sent after the due date (in default), delivered (actually or presumed) on or after the
    sending day, and a last day at least 14 days after delivery (term counted from the day
    after receipt; a later last day comes from the Algemene termijnenwet extension).
    """
    sent, delivered, last = state.letter_sent_on, state.letter_delivered_on, state.letter_last_day
    if sent is None or delivered is None or last is None:
        return False
    return (
        sent > state.due_date
        and delivered >= sent
        and last >= delivered + timedelta(days=LETTER_TERM_DAYS)
    )


def costs_allowed(state: ClaimState, *, today: date) -> bool:
    """May collection costs be charged on ``today``? (the property the tests check)."""
    if state.costs_charged:
        return False
    if state.debtor_kind is DebtorKind.BUSINESS:
        return today > state.due_date
    last_day = state.letter_last_day
    return letter_is_valid(state) and last_day is not None and today > last_day


def _day_start(day: date, step: Step, strategy: Strategy) -> datetime:
    return datetime.combine(day, step_time(step, strategy))


def _costs_guard(state: ClaimState, step: Step, strategy: Strategy, today: date) -> Skip | Hold:
    if state.costs_charged:
        return Skip(SkipReason.COSTS_ALREADY_CHARGED)
    if state.debtor_kind is DebtorKind.BUSINESS:
        return Hold(HoldReason.NOT_IN_DEFAULT, _day_start(_after(state.due_date), step, strategy))
    if state.letter_sent_on is None or state.letter_sent_on <= state.due_date:
        return Skip(SkipReason.NO_VALID_LETTER)
    if state.letter_delivered_on is None or state.letter_last_day is None:
        return Hold(HoldReason.AWAITING_LETTER_DELIVERY, None)
    if not letter_is_valid(state):
        return Skip(SkipReason.NO_VALID_LETTER)
    return Hold(
        HoldReason.LETTER_TERM_RUNNING, _day_start(_after(state.letter_last_day), step, strategy)
    )


def contact_channel(step: Step) -> Channel | None:
    """The channel a contact step uses (``phone`` for a call task), else ``None``."""
    action = step.action
    if isinstance(action, SendMessage | Send14DayLetter):
        return Channel(action.channel.value)
    if isinstance(action, CreateCallTask):
        return Channel.PHONE
    return None


def _after(day: date) -> date:
    return day + timedelta(days=1)


def check(
    step: Step,
    state: ClaimState,
    strategy: Strategy,
    *,
    now: datetime,
    messages_today: int,
) -> Skip | Hold | None:
    """``None`` when the due ``step`` may run at ``now``; else why not."""
    today = now.date()
    action = step.action
    if isinstance(action, ChargeCollectionCosts) and not costs_allowed(state, today=today):
        return _costs_guard(state, step, strategy, today)
    if isinstance(action, Send14DayLetter) and today <= state.due_date:
        start = _day_start(_after(state.due_date), step, strategy)
        return Hold(HoldReason.NOT_IN_DEFAULT, contact_moment(start, step_time(step, strategy)))
    channel = contact_channel(step)
    if channel is not None and channel not in state.channels:
        return Skip(SkipReason.CHANNEL_UNAVAILABLE)
    if is_contact(step) and not is_contact_allowed(now):
        return Hold(HoldReason.CONTACT_WINDOW, contact_moment(now, step_time(step, strategy)))
    if isinstance(action, MESSAGE_ACTIONS) and messages_today >= 1 and not step.same_day:
        tomorrow = _day_start(_after(today), step, strategy)
        return Hold(
            HoldReason.DAILY_MESSAGE_LIMIT, contact_moment(tomorrow, step_time(step, strategy))
        )
    return None
