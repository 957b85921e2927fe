"""Grouping one debtor's actions of one day; one 14-day letter per debtor (art. 6:96 lid 7)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from tests.unit.strategy.dense import DENSE
from tests.unit.strategy.notation import claim, moment, shipped
from vorder.core.strategy import Channel, Letterhead, PlannedAction, Tone, decide, group_actions

FRIENDLY = shipped("consumer-friendly")


def due_actions(text: str, now: str, claim_id: str, principal: str) -> list[PlannedAction]:
    state = replace(
        claim(text), claim_id=claim_id, principal=Decimal(principal), outstanding=Decimal(principal)
    )
    return list(decide(state, FRIENDLY, now=moment(now)).actions)


LETTER_DUE = (
    "consumer claim € 1 due 2026-01-31, friendly route, after aanmaning at 2026-02-21 09:00"
)


def test_one_14_day_letter_for_all_claims_of_a_consumer_with_principals_added() -> None:
    actions = (
        due_actions(LETTER_DUE, "2026-02-28 09:00", "C1", "600.00")
        + due_actions(LETTER_DUE, "2026-02-28 09:00", "C2", "1900.00")
        + due_actions(LETTER_DUE, "2026-02-28 09:00", "C3", "250.00")
    )
    grouped = group_actions(actions)
    assert grouped.other == ()
    (letter,) = grouped.groups
    assert (letter.kind, letter.channel, letter.letterhead) == (
        "14_day_letter",
        Channel.POST,
        Letterhead.OWN,
    )
    assert letter.claim_ids == ("C1", "C2", "C3")
    assert letter.principal_total == Decimal("2750.00")  # the staffel applies to the sum


def test_letters_of_different_creditors_or_debtors_stay_apart() -> None:
    one = due_actions(LETTER_DUE, "2026-02-28 09:00", "C1", "600.00")
    other_creditor = [
        replace(a, creditor_id="CR2")
        for a in due_actions(LETTER_DUE, "2026-02-28 09:00", "C2", "100.00")
    ]
    other_debtor = [
        replace(a, debtor_id="D2")
        for a in due_actions(LETTER_DUE, "2026-02-28 09:00", "C3", "100.00")
    ]
    groups = group_actions(one + other_creditor + other_debtor).groups
    assert [(g.creditor_id, g.debtor_id, g.claim_ids) for g in groups] == [
        ("CR1", "D1", ("C1",)),
        ("CR1", "D2", ("C3",)),
        ("CR2", "D1", ("C2",)),
    ]


def test_messages_of_one_day_become_one_message_in_the_firmest_tone() -> None:
    reminder = due_actions(
        "consumer claim € 1 due 2026-02-21, friendly route, after herinnering-vooraf at"
        " 2026-02-18 09:00",
        "2026-02-28 09:00",
        "C1",
        "100.00",
    )
    aanmaning = due_actions(
        "consumer claim € 1 due 2026-02-07, friendly route, after herinnering-post at"
        " 2026-02-14 09:00",
        "2026-02-28 09:00",
        "C2",
        "200.00",
    )
    (group,) = group_actions(reminder + aanmaning).groups
    assert [a.template for a in reminder + aanmaning] == ["herinnering", "aanmaning"]
    assert (group.kind, group.channel, group.tone, group.template) == (
        "message",
        Channel.POST,
        Tone.NEUTRAL,
        "aanmaning",
    )
    assert group.claim_ids == ("C1", "C2") and group.principal_total == Decimal("300.00")


def test_combine_false_channel_and_letterhead_keep_messages_apart() -> None:
    state = claim(
        "consumer claim € 500 due 2026-03-02, channels post+email,"
        " after letter at 2026-03-05 09:00,"
        " letter sent 2026-03-05 delivered 2026-03-05 last day 2026-03-19",
        strategy=DENSE,
    )
    costs, after = decide(state, DENSE, now=moment("2026-03-20 09:00")).actions
    assert (costs.kind, after.step_id, after.combine) == ("charge_collection_costs", "after", False)
    twin = replace(after, claim_id="C2")
    by_sms = replace(after, claim_id="C3", step_id="m2", channel=Channel.SMS, combine=True)
    partner = replace(by_sms, claim_id="C4", channel=Channel.EMAIL, letterhead=Letterhead.PARTNER)
    grouped = group_actions([costs, after, twin, by_sms, partner])
    assert grouped.other == (costs,)
    assert sorted(g.claim_ids for g in grouped.groups) == [("C1",), ("C2",), ("C3",), ("C4",)]


def test_nothing_to_group() -> None:
    grouped = group_actions([])
    assert (grouped.groups, grouped.other) == ((), ())
