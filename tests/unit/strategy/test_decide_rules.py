"""decide(): the daily message limit, same_day, costs guards and errors, on a dense strategy."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from tests.unit.strategy.dense import DENSE
from tests.unit.strategy.notation import claim, moment, render, shipped
from vorder.core.calendar_nl import LocalTimeRequired
from vorder.core.strategy import (
    StrategyMismatch,
    UnknownStep,
    decide,
)

D = "consumer claim € 500 due 2026-03-02, channels post+email+sms+phone"  # a Monday
CASES = [
    # one message per claim per day: m2 waits for tomorrow 09:00
    (
        D,
        "2026-03-02 09:00",
        "send_message email friendly m1; wake 2026-03-03 09:00; held m2 daily_message_limit",
    ),
    # a message already sent today (history) also counts
    (
        D + ", after m1 at 2026-03-03 08:00",
        "2026-03-03 09:00",
        "nothing; wake 2026-03-04 09:00; held m2 daily_message_limit",
    ),
    # next day: m2, then m3 which says same_day, then the call task (contact, not a message);
    # 'late' is 1 business day later at 19:45
    (
        D + ", after m1 at 2026-03-02 09:00",
        "2026-03-03 09:00",
        "send_message sms neutral m2 + send_message post firm m3 + create_call_task neutral bellen;"
        " wake 2026-03-04 19:45",
    ),
    # 19:45 is inside the window; the 14-day letter (e-mail) then waits for the daily limit
    (
        D + ", after call at 2026-03-03 09:00",
        "2026-03-04 19:45",
        "send_message email neutral late; wake 2026-03-05 09:00; held letter daily_message_limit",
    ),
    (
        D + ", after call at 2026-03-03 09:00",
        "2026-03-04 20:00",
        "nothing; wake 2026-03-05 19:45; held late contact_window",
    ),
    # the 14-day letter, then costs wait until the day after its last day
    (
        D + ", after late at 2026-03-04 19:45",
        "2026-03-05 09:00",
        "send_14_day_letter email neutral veertiendagenbrief; wake 2026-03-05 09:00",
    ),
    (
        D + ", after letter at 2026-03-05 09:00, letter sent 2026-03-05 delivered 2026-03-05"
        " last day 2026-03-19",
        "2026-03-05 09:01",
        "nothing; wake 2026-03-20 09:00; held costs letter_term_running",
    ),
    (
        D + ", after letter at 2026-03-05 09:00, letter sent 2026-03-05 delivered 2026-03-05"
        " last day 2026-03-19",
        "2026-03-20 09:00",
        "charge_collection_costs + send_message email firm after; wake 2026-03-23 09:00",
    ),
    # a last day less than 14 days after delivery is not a valid letter
    (
        D + ", after letter at 2026-03-05 09:00, letter sent 2026-03-05 delivered 2026-03-05"
        " last day 2026-03-18",
        "2026-03-20 09:00",
        "send_message email firm after; wake 2026-03-23 09:00;"
        " skipped costs (no_valid_14_day_letter)",
    ),
    (
        D + ", after after at 2026-03-20 09:00",
        "2026-03-23 09:00",
        "write_off; status written_off; finished",
    ),
]


@pytest.mark.parametrize(("given", "now", "expected"), CASES)
def test_dense(given: str, now: str, expected: str) -> None:
    state = claim(given, strategy=DENSE)
    assert render(decide(state, DENSE, now=moment(now)), state) == expected


def test_business_costs_need_no_letter_but_the_day_after_the_due_date() -> None:
    state = claim(
        "business claim € 500 due 2026-03-02, channels post+email,"
        " after letter at 2026-03-02 09:00",
        strategy=DENSE,
    )
    on_due = decide(state, DENSE, now=moment("2026-03-02 09:00"))
    assert render(on_due, state) == "nothing; wake 2026-03-03 09:00; held costs not_in_default"
    after = decide(state, DENSE, now=moment("2026-03-03 09:00"))
    assert render(after, state) == (
        "charge_collection_costs + send_message email firm after; wake 2026-03-06 09:00"
    )


def test_letter_before_default_waits_for_the_day_after_the_due_date() -> None:
    state = claim(D + ", after late at 2026-02-27 19:45", strategy=DENSE)
    decision = decide(state, DENSE, now=moment("2026-03-02 10:00"))
    assert render(decision, state) == "nothing; wake 2026-03-03 09:00; held letter not_in_default"


def test_the_decision_carries_position_variant_and_claim_facts() -> None:
    state = replace(claim(D, strategy=DENSE), variant="challenger")
    decision = decide(state, DENSE, now=moment("2026-03-02 09:00"))
    (action,) = decision.actions
    assert (action.claim_id, action.debtor_id, action.creditor_id) == ("C1", "D1", "CR1")
    assert (action.strategy, action.version, action.variant) == ("dense", 3, "challenger")
    assert action.planned_at == moment("2026-03-02 09:00")
    assert action.phase.value == "in_house"
    assert (decision.current_step_id, decision.current_step_ran_at) == (
        "m1",
        moment("2026-03-02 09:00"),
    )
    assert (decision.next_step_id, decision.finished) == ("m2", False)


def test_decide_is_deterministic() -> None:
    state = claim(D + ", after m1 at 2026-03-02 09:00", strategy=DENSE)
    now = moment("2026-03-03 09:00")
    assert decide(state, DENSE, now=now) == decide(state, DENSE, now=now)


def test_a_claim_on_another_strategy_version_is_refused() -> None:
    state = claim(D, strategy=DENSE)
    with pytest.raises(StrategyMismatch) as err:
        decide(state, replace(DENSE, version=4), now=moment("2026-03-02 09:00"))
    assert err.value.message == "claim C1 runs on dense v3, not on dense v4"


def test_an_unknown_position_is_refused() -> None:
    state = replace(claim(D, strategy=DENSE), next_step_id="gone")
    with pytest.raises(UnknownStep) as err:
        decide(state, DENSE, now=moment("2026-03-02 09:00"))
    assert err.value.message == "step 'gone' is not in dense v3"


def test_aware_now_is_refused() -> None:
    from datetime import UTC

    state = claim(D, strategy=DENSE)
    with pytest.raises(LocalTimeRequired):
        decide(state, DENSE, now=datetime(2026, 3, 2, 9, tzinfo=UTC))


def test_finished_strategy_does_nothing() -> None:
    state = replace(claim(D, strategy=DENSE), strategy_finished=True)
    decision = decide(state, DENSE, now=moment("2026-03-02 09:00"))
    assert (decision.actions, decision.wake_at, decision.finished) == ((), None, True)


def test_shipped_strategies_parse() -> None:
    assert [
        shipped(n).key for n in ("consumer-friendly", "business-firm", "straight-to-partner")
    ] == [("consumer-friendly", 1), ("business-firm", 1), ("straight-to-partner", 1)]
