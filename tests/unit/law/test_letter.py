"""The 14-day letter: law-nl.md s. 9 deadline vectors, e-mail, delivery days, validity."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.unit.law.notation import table
from vorder.core.law.letter import (
    Channel,
    FourteenDayLetter,
    InvalidDeliveryDays,
    LetterProblem,
    TermStart,
    letter_deadline,
    letter_problems,
    presumed_delivery,
)

D = date.fromisoformat

# law-nl.md section 9: sent → presumed delivery → last day → costs due from (post).
DEADLINES = list(
    table(
        """
        sent        delivered   last_day    costs_due_from
        2025-12-18  2025-12-20  2026-01-05  2026-01-06
        2025-12-19  2025-12-23  2026-01-06  2026-01-07
        2025-12-23  2025-12-27  2026-01-12  2026-01-13
        """
    )
)


@pytest.mark.parametrize("row", DEADLINES, ids=[r["sent"] for r in DEADLINES])
def test_deadline_vectors(row: dict[str, str]) -> None:
    result = letter_deadline(D(row["sent"]), Channel.POST)
    assert result.delivered == D(row["delivered"])
    assert result.last_day == D(row["last_day"])
    assert result.costs_due_from == D(row["costs_due_from"])


def test_email_is_delivered_on_the_sending_day() -> None:
    result = letter_deadline(D("2025-12-18"), Channel.EMAIL)
    assert result.delivered == D("2025-12-18")
    assert result.last_day == D("2026-01-02")  # Friday 2 January is a working day
    assert result.costs_due_from == D("2026-01-03")


def test_post_skips_easter_monday_and_the_number_of_days_is_a_setting() -> None:
    # Thu 2026-04-02 → Fri 3 (Good Friday counts) → Sat 4
    assert presumed_delivery(D("2026-04-02"), Channel.POST) == D("2026-04-04")
    # Sat 2026-04-04 → (Sun, Easter Monday not counted) Tue 7, Wed 8
    assert presumed_delivery(D("2026-04-04"), Channel.POST) == D("2026-04-08")
    assert presumed_delivery(D("2026-04-04"), Channel.POST, post_days=1) == D("2026-04-07")
    with pytest.raises(InvalidDeliveryDays):
        presumed_delivery(D("2026-04-04"), Channel.POST, post_days=0)


def test_last_day_on_kings_day_moves_on() -> None:
    # e-mail on Mon 2026-04-13 → last day Mon 27 April (King's Day) → Tue 28 April
    assert letter_deadline(D("2026-04-13"), Channel.EMAIL).last_day == D("2026-04-28")


VALID = FourteenDayLetter(sent=D("2025-02-03"), due=D("2025-01-31"), cost_amount=Decimal("150.00"))


def test_a_valid_letter_has_no_problems() -> None:
    assert letter_problems(VALID) == []


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({"sent": D("2025-01-31")}, [LetterProblem.SENT_BEFORE_DEFAULT]),
        ({"with_invoice": True}, [LetterProblem.SENT_WITH_INVOICE]),
        ({"term_days": 10}, [LetterProblem.TERM_TOO_SHORT]),
        ({"term_starts": TermStart.LETTER_DATE}, [LetterProblem.TERM_NOT_TIED_TO_RECEIPT]),
        ({"cost_amount": None}, [LetterProblem.COST_AMOUNT_MISSING]),
        ({"vat_uplift_charged": True}, [LetterProblem.VAT_UPLIFT_NOT_STATED]),
        (
            {"sent": D("2025-01-15"), "cost_amount": None, "term_starts": TermStart.SENDING_DATE},
            [
                LetterProblem.SENT_BEFORE_DEFAULT,
                LetterProblem.TERM_NOT_TIED_TO_RECEIPT,
                LetterProblem.COST_AMOUNT_MISSING,
            ],
        ),
    ],
)
def test_named_problems(changes: dict[str, object], problems: list[LetterProblem]) -> None:
    from dataclasses import replace

    found = letter_problems(replace(VALID, **changes))  # type: ignore[arg-type]
    assert found == problems
    assert all(p.message for p in found)
