"""Months of a strategy in milliseconds: decide() wake-up by wake-up with a simulated runner."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.unit.strategy.notation import claim, moment, shipped
from tests.unit.strategy.simulate import simulate
from vorder.core.strategy import ClaimStatus, EventType

FRIENDLY = shipped("consumer-friendly")


def test_friendly_route_for_a_consumer_who_never_pays() -> None:
    state = claim("consumer claim € 250 due 2026-01-31, friendly route, channels post+email")
    log, end = simulate(
        state, FRIENDLY, start=moment("2026-01-20 09:00"), until=moment("2027-06-30 00:00")
    )
    assert log == [
        "Wed 2026-01-28 09:00 send_message email friendly herinnering-vooraf",
        "Sat 2026-02-07 09:00 send_message email friendly herinnering",
        "Sat 2026-02-21 09:00 send_message post neutral aanmaning",
        "Sat 2026-02-28 09:00 send_14_day_letter post neutral veertiendagenbrief",
        # presumed delivered Wed 4 March, last day Wed 18 March: costs from Thu 19 March
        "Thu 2026-03-19 09:00 charge_collection_costs",
        "Thu 2026-03-19 09:00 send_message post firm sommatie",
        "Thu 2026-04-02 09:00 hand_over_to_partner incassopartner",
        "Thu 2026-05-14 09:00 start_judicial deurwaarder",
    ]
    assert (end.letter_delivered_on, end.letter_last_day) == (date(2026, 3, 4), date(2026, 3, 18))
    assert (end.current_step_id, end.next_step_id, end.costs_charged) == (
        "dagvaarding",
        "executie",
        True,
    )


def test_judgment_then_enforcement_and_monitoring() -> None:
    state = claim(
        "consumer claim € 250 due 2026-01-31, friendly route, after dagvaarding at 2026-05-14 09:00"
    )
    log, end = simulate(
        state,
        FRIENDLY,
        start=moment("2026-05-14 09:01"),
        until=moment("2027-06-30 00:00"),
        events=((moment("2026-07-01 11:00"), EventType.JUDGMENT_OBTAINED, None),),
    )
    assert log == [
        "Wed 2026-07-01 11:00 event judgment_obtained → open",
        "Wed 2026-07-01 11:00 hand_over_to_partner deurwaarder",
        "Wed 2026-12-30 09:00 send_message post neutral bewaking-herinnering",
        "Fri 2027-01-29 09:00 stop",
    ]
    assert (end.strategy_finished, end.next_step_id, end.phase.value if end.phase else None) == (
        True,
        None,
        "monitoring",
    )


def test_paid_in_full_stops_everything() -> None:
    state = claim("consumer claim € 250 due 2026-01-31, friendly route, channels post+email")
    log, end = simulate(
        state,
        FRIENDLY,
        start=moment("2026-01-20 09:00"),
        until=moment("2026-12-31 00:00"),
        events=((moment("2026-02-25 14:00"), EventType.PAID_IN_FULL, None),),
    )
    assert log == [
        "Wed 2026-01-28 09:00 send_message email friendly herinnering-vooraf",
        "Sat 2026-02-07 09:00 send_message email friendly herinnering",
        "Sat 2026-02-21 09:00 send_message post neutral aanmaning",
        "Wed 2026-02-25 14:00 event paid_in_full → closed",
    ]
    assert (end.status, end.outstanding, end.costs_charged) == (
        ClaimStatus.CLOSED,
        Decimal("0"),
        False,
    )


def test_a_promise_holds_the_route_until_the_promised_date_plus_grace() -> None:
    state = claim("consumer claim € 250 due 2026-01-31, friendly route, channels post+email")
    log, _ = simulate(
        state,
        FRIENDLY,
        start=moment("2026-01-20 09:00"),
        until=moment("2026-03-01 00:00"),
        events=((moment("2026-02-10 16:00"), EventType.PROMISE_MADE, date(2026, 2, 20)),),
    )
    assert log == [
        "Wed 2026-01-28 09:00 send_message email friendly herinnering-vooraf",
        "Sat 2026-02-07 09:00 send_message email friendly herinnering",
        "Tue 2026-02-10 16:00 event promise_made → promise",
        # promised 20 Feb + 5 grace days: the aanmaning (due 21 Feb) waits until 26 Feb
        "Thu 2026-02-26 09:00 send_message post neutral aanmaning",
    ]


def test_a_dispute_pauses_until_it_is_resolved() -> None:
    state = claim("consumer claim € 250 due 2026-01-31, friendly route, channels post+email")
    log, _ = simulate(
        state,
        FRIENDLY,
        start=moment("2026-01-20 09:00"),
        until=moment("2026-03-15 00:00"),
        events=(
            (moment("2026-02-01 10:00"), EventType.DISPUTE_RAISED, None),
            (moment("2026-03-02 10:00"), EventType.DISPUTE_RESOLVED, None),
        ),
    )
    assert log == [
        "Wed 2026-01-28 09:00 send_message email friendly herinnering-vooraf",
        "Sun 2026-02-01 10:00 event dispute_raised → disputed",
        "Mon 2026-03-02 10:00 event dispute_resolved → open",
        "Mon 2026-03-02 10:00 send_message email friendly herinnering",
        "Tue 2026-03-03 09:00 send_message post neutral aanmaning",
        "Tue 2026-03-10 09:00 send_14_day_letter post neutral veertiendagenbrief",
    ]
