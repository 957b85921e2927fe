"""react() on events, and the dry run over a portfolio."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tests.unit.strategy.notation import claim, moment, shipped
from vorder.core.strategy import (
    ClaimState,
    ClaimStatus,
    Count,
    EventType,
    PromiseDateRequired,
    Strategy,
    dry_run,
    react,
)
from vorder.core.strategy.model import PartialPaymentHandling

FRIENDLY = shipped("consumer-friendly")
B2B = shipped("business-firm")
NOW = moment("2026-02-10 14:00")
OPEN = claim(
    "consumer claim € 250 due 2026-01-31, friendly route, after herinnering-post at"
    " 2026-02-07 09:00"
)


def outcome(
    event: EventType,
    state: ClaimState = OPEN,
    strategy: Strategy = FRIENDLY,
    promise_date: date | None = None,
) -> tuple[object, ...]:
    r = react(state, strategy, event, now=NOW, promise_date=promise_date)
    return (r.status, r.paused_until, r.promise_date, r.next_step_id, r.wake_at)


def test_paid_in_full_closes() -> None:
    assert outcome(EventType.PAID_IN_FULL) == (ClaimStatus.CLOSED, None, None, None, None)


def test_partial_payment_continues_or_pauses() -> None:
    assert outcome(EventType.PARTIAL_PAYMENT) == (ClaimStatus.OPEN, None, None, None, NOW)
    assert FRIENDLY.event_handling is not None
    pause = PartialPaymentHandling(pause_days=7)
    handling = replace(FRIENDLY.event_handling, partial_payment=pause)
    pausing = replace(FRIENDLY, event_handling=handling)
    assert outcome(EventType.PARTIAL_PAYMENT, strategy=pausing) == (
        ClaimStatus.PAUSED,
        date(2026, 2, 17),
        None,
        None,
        moment("2026-02-17 00:00"),
    )


def test_dispute_pauses_until_resolved() -> None:
    assert outcome(EventType.DISPUTE_RAISED) == (ClaimStatus.DISPUTED, None, None, None, None)
    disputed = replace(OPEN, status=ClaimStatus.DISPUTED)
    assert outcome(EventType.DISPUTE_RESOLVED, state=disputed) == (
        ClaimStatus.OPEN,
        None,
        None,
        None,
        NOW,
    )
    assert outcome(EventType.DISPUTE_RESOLVED) == (ClaimStatus.OPEN, None, None, None, NOW)


def test_promise_waits_for_the_date_plus_grace() -> None:
    assert outcome(EventType.PROMISE_MADE, promise_date=date(2026, 2, 20)) == (
        ClaimStatus.PROMISE,
        None,
        date(2026, 2, 20),
        None,
        moment("2026-02-26 00:00"),
    )
    b2b = claim("business claim € 250 due 2026-01-31, b2b route")
    assert outcome(EventType.PROMISE_MADE, state=b2b, strategy=B2B, promise_date=date(2026, 2, 20))[
        4
    ] == moment("2026-02-23 00:00")
    with pytest.raises(PromiseDateRequired):
        react(OPEN, FRIENDLY, EventType.PROMISE_MADE, now=NOW)


def test_plan_and_missed_instalment() -> None:
    planned = claim(
        "consumer claim € 250 due 2026-01-31, friendly route, instalments 2026-03-01+2026-04-01"
    )
    assert outcome(EventType.PLAN_AGREED, state=planned) == (
        ClaimStatus.PLAN,
        None,
        None,
        None,
        moment("2026-03-07 00:00"),
    )
    # the friendly route resumes at the first step of the amicable phase
    assert outcome(EventType.INSTALMENT_MISSED, state=planned) == (
        ClaimStatus.OPEN,
        None,
        None,
        "veertiendagenbrief",
        NOW,
    )


def test_other_events_only_wake_the_claim() -> None:
    assert outcome(EventType.LETTER_DELIVERED) == (ClaimStatus.OPEN, None, None, None, NOW)
    closed = replace(OPEN, status=ClaimStatus.CLOSED)
    assert outcome(EventType.DISPUTE_RAISED, state=closed) == (
        ClaimStatus.CLOSED,
        None,
        None,
        None,
        None,
    )


def test_dry_run_counts_per_action_and_channel() -> None:
    portfolio = [
        replace(
            claim("consumer claim € 250 due 2026-01-31, friendly route, channels post+email"),
            claim_id="A",
        ),
        replace(claim("consumer claim € 250 due 2026-01-31, friendly route"), claim_id="B"),
        replace(
            claim(
                "consumer claim € 250 due 2026-01-31, friendly route, after aanmaning at"
                " 2026-01-31 09:00"
            ),
            claim_id="C",
        ),
        replace(
            claim("consumer claim € 250 due 2026-01-31, friendly route, status disputed"),
            claim_id="D",
        ),
        replace(
            claim("business claim € 900 due 2026-02-05, b2b route, channels post+email"),
            claim_id="E",
            debtor_id="D9",
        ),
    ]
    now = moment("2026-02-07 09:00")
    report = dry_run(portfolio, {FRIENDLY.key: FRIENDLY, B2B.key: B2B}, now=now)
    assert report.claims == 5 and report.unresolved == ()
    assert report.counts == (
        Count("charge_collection_costs", None, 1),
        Count("send_14_day_letter", "post", 1),
        Count("send_message", "email", 2),
        Count("send_message", "post", 1),
    )
    assert [(a.claim_id, a.step_id) for a in report.actions] == [
        ("A", "herinnering-email"),
        ("B", "herinnering-post"),
        ("C", "veertiendagenbrief"),
        ("E", "incassokosten"),
        ("E", "herinnering"),
    ]
    # A, B and C belong to debtor D1: one e-mail, one post message, one letter; E its own
    assert report.messages_after_grouping == 4


def test_dry_run_of_one_strategy_over_another_portfolio() -> None:
    on_b2b = replace(claim("consumer claim € 250 due 2026-01-31, b2b route"), claim_id="X")
    report = dry_run([on_b2b], FRIENDLY, now=moment("2026-02-07 09:00"))
    assert [(a.claim_id, a.step_id, a.strategy) for a in report.actions] == [
        ("X", "herinnering-post", "consumer-friendly")
    ]
    unknown = dry_run([on_b2b], {FRIENDLY.key: FRIENDLY}, now=moment("2026-02-07 09:00"))
    assert (unknown.claims, unknown.unresolved, unknown.actions) == (1, ("X",), ())
