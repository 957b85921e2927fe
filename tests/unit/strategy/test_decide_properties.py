"""Properties of decide() over generated claims (hypothesis, modest max_examples).

Each legal guard is checked against an independent statement of the rule, not against the
engine's own helper.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.strategy.dense import DENSE
from tests.unit.strategy.notation import shipped
from vorder.core.calendar_nl import is_contact_allowed
from vorder.core.strategy import (
    Channel,
    ClaimState,
    ClaimStatus,
    DebtorKind,
    EventRecord,
    EventType,
    Instalment,
    Outcome,
    StepRecord,
    Strategy,
    decide,
)

POOL: list[Strategy] = [
    shipped("consumer-friendly"),
    shipped("business-firm"),
    shipped("straight-to-partner"),
    DENSE,
]
MESSAGE_KINDS = {"send_message", "send_14_day_letter"}
CONTACT_KINDS = MESSAGE_KINDS | {"create_call_task"}
PROPS = settings(max_examples=200, deadline=None)


@st.composite
def claims(draw: st.DrawFn) -> tuple[ClaimState, Strategy, datetime]:
    strategy = draw(st.sampled_from(POOL))
    steps = strategy.all_steps()
    due = draw(st.dates(date(2025, 12, 1), date(2026, 12, 31)))
    now_day = due + timedelta(days=draw(st.integers(-10, 250)))
    now = datetime.combine(now_day, time(draw(st.integers(0, 23)), draw(st.integers(0, 59))))
    position = draw(st.none() | st.integers(0, len(steps) - 1))
    letters = [i for i, (_, s) in enumerate(steps) if type(s.action).TAG == "send_14_day_letter"]
    if letters and draw(st.integers(0, 2)) == 0:
        position = letters[0]  # often just after the 14-day letter, where costs come due
    current = None if position is None else steps[position][1]
    ran_at = None
    history: list[StepRecord] = []
    if current is not None:
        ran_at = now - timedelta(minutes=draw(st.integers(0, 60 * 24 * 120)))
        history.append(
            StepRecord(
                step_id=current.id, action=type(current.action).TAG, at=ran_at, outcome=Outcome.SENT
            )
        )
    for minute in draw(st.lists(st.integers(0, 60 * 23), max_size=2)):
        at = datetime.combine(now.date(), time(0)) + timedelta(minutes=minute)
        if at <= now:
            history.append(
                StepRecord(step_id="earlier", action="send_message", at=at, outcome=Outcome.SENT)
            )
    letter = draw(
        st.none()
        | st.tuples(st.integers(-5, 60), st.integers(0, 6), st.integers(10, 20))
        | st.tuples(st.integers(1, 60), st.integers(0, 4), st.integers(14, 18))  # valid
    )
    sent = delivered = last = None
    if letter is not None:
        sent = due + timedelta(days=letter[0])
        delivered = sent + timedelta(days=letter[1])
        last = delivered + timedelta(days=letter[2])
        if draw(st.integers(0, 4)) == 0:
            delivered = last = None
    status = draw(st.sampled_from([ClaimStatus.OPEN] * 6 + list(ClaimStatus)))
    state = ClaimState(
        claim_id=f"C{draw(st.integers(1, 10**6))}",
        debtor_id="D1",
        creditor_id="CR1",
        debtor_kind=draw(st.sampled_from(list(DebtorKind))),
        principal=Decimal("500.00"),
        outstanding=draw(st.sampled_from([Decimal("0.00")] + [Decimal("180.00")] * 3)),
        due_date=due,
        status=status,
        current_step_id=None if current is None else current.id,
        current_step_ran_at=ran_at,
        history=tuple(history),
        events=tuple(
            EventRecord(type=t, at=now - timedelta(hours=h))
            for t, h in draw(
                st.lists(
                    st.tuples(st.sampled_from(list(EventType)), st.integers(0, 2000)), max_size=2
                )
            )
        ),
        paused_until=now_day + timedelta(days=draw(st.integers(-3, 3))),
        promise_date=now_day + timedelta(days=draw(st.integers(-10, 10))),
        instalments=tuple(
            Instalment(due_date=now_day + timedelta(days=d), amount=Decimal("50.00"), paid=p)
            for d, p in draw(st.lists(st.tuples(st.integers(-40, 40), st.booleans()), max_size=3))
        ),
        letter_sent_on=sent,
        letter_delivered_on=delivered,
        letter_last_day=last,
        costs_charged=draw(st.booleans()),
        channels=frozenset(draw(st.sets(st.sampled_from(list(Channel))))),
        strategy_name=strategy.name,
        strategy_version=strategy.version,
    )
    return state, strategy, now


@PROPS
@given(claims())
def test_no_contact_in_a_forbidden_window(case: tuple[ClaimState, Strategy, datetime]) -> None:
    state, strategy, now = case
    for action in decide(state, strategy, now=now).actions:
        if action.kind in CONTACT_KINDS:
            assert is_contact_allowed(now)
            assert is_contact_allowed(action.planned_at)
            assert action.planned_at <= now


@PROPS
@given(claims())
def test_costs_only_after_a_valid_letter_whose_term_passed(
    case: tuple[ClaimState, Strategy, datetime],
) -> None:
    state, strategy, now = case
    kinds = [a.kind for a in decide(state, strategy, now=now).actions]
    if "charge_collection_costs" not in kinds:
        return
    assert kinds.count("charge_collection_costs") == 1
    assert not state.costs_charged
    today = now.date()
    if state.debtor_kind is DebtorKind.BUSINESS:
        assert today > state.due_date  # art. 6:96 lid 4: from the day after the due date
        return
    # art. 6:96 lid 6: a letter sent in default, delivered, 14 full days, term passed
    assert state.letter_sent_on is not None and state.letter_sent_on > state.due_date
    assert state.letter_delivered_on is not None and state.letter_last_day is not None
    assert state.letter_delivered_on >= state.letter_sent_on
    assert (state.letter_last_day - state.letter_delivered_on).days >= 14
    assert today > state.letter_last_day


@PROPS
@given(claims())
def test_a_paid_claim_gets_nothing_more(case: tuple[ClaimState, Strategy, datetime]) -> None:
    state, strategy, now = case
    paid = replace(state, outstanding=Decimal("0.00"))
    decision = decide(paid, strategy, now=now)
    assert (decision.actions, decision.wake_at) == ((), None)
    if state.status is not ClaimStatus.WRITTEN_OFF:
        assert decision.status is ClaimStatus.CLOSED


@PROPS
@given(claims())
def test_nothing_while_disputed_or_paused(case: tuple[ClaimState, Strategy, datetime]) -> None:
    state, strategy, now = case
    disputed = decide(replace(state, status=ClaimStatus.DISPUTED), strategy, now=now)
    assert (disputed.actions, disputed.wake_at) == ((), None)
    paused = replace(state, status=ClaimStatus.PAUSED, paused_until=now.date() + timedelta(days=1))
    assert decide(paused, strategy, now=now).actions == ()


@PROPS
@given(claims())
def test_at_most_one_message_per_day_unless_same_day(
    case: tuple[ClaimState, Strategy, datetime],
) -> None:
    state, strategy, now = case
    same_day = {s.id for _, s in strategy.all_steps() if s.same_day}
    sent_today = sum(
        1 for r in state.history if r.at.date() == now.date() and r.action in MESSAGE_KINDS
    )
    for action in decide(state, strategy, now=now).actions:
        if action.kind in MESSAGE_KINDS:
            if action.step_id not in same_day:
                assert sent_today == 0
            sent_today += 1


@PROPS
@given(claims())
def test_deterministic_and_never_waking_in_the_past(
    case: tuple[ClaimState, Strategy, datetime],
) -> None:
    state, strategy, now = case
    decision = decide(state, strategy, now=now)
    assert decide(state, strategy, now=now) == decision
    assert decision.wake_at is None or decision.wake_at >= now
    assert decision.finished == (decision.next_step_id is None)


@st.composite
def after_letter(draw: st.DrawFn) -> tuple[ClaimState, datetime]:
    """A consumer claim on the dense route just after its 14-day letter step."""
    due = draw(st.dates(date(2026, 1, 1), date(2026, 12, 31)))
    sent = due + timedelta(days=draw(st.integers(-3, 30)))
    delivered = sent + timedelta(days=draw(st.integers(-1, 5)))
    last = delivered + timedelta(days=draw(st.integers(12, 18)))
    known = draw(st.integers(0, 5)) > 0
    ran_at = datetime.combine(sent, time(9))
    now = ran_at + timedelta(hours=draw(st.integers(0, 24 * 40)))
    state = ClaimState(
        claim_id="C1",
        debtor_id="D1",
        creditor_id="CR1",
        debtor_kind=DebtorKind.CONSUMER,
        principal=Decimal("500.00"),
        outstanding=Decimal("500.00"),
        due_date=due,
        current_step_id="letter",
        current_step_ran_at=ran_at,
        letter_sent_on=draw(st.none() | st.just(sent)),
        letter_delivered_on=delivered if known else None,
        letter_last_day=last if known else None,
        costs_charged=draw(st.booleans()),
        strategy_name=DENSE.name,
        strategy_version=DENSE.version,
    )
    return state, now


@PROPS
@given(after_letter())
def test_consumer_costs_exactly_when_the_letter_term_passed(
    case: tuple[ClaimState, datetime],
) -> None:
    state, now = case
    charged = "charge_collection_costs" in [a.kind for a in decide(state, DENSE, now=now).actions]
    s = state
    rule = (
        not s.costs_charged
        and s.letter_sent_on is not None
        and s.letter_sent_on > s.due_date
        and s.letter_delivered_on is not None
        and s.letter_last_day is not None
        and s.letter_delivered_on >= s.letter_sent_on
        and (s.letter_last_day - s.letter_delivered_on).days >= 14
        and now.date() > s.letter_last_day
    )
    assert charged == rule
