"""The 14-day letter (veertiendagenbrief) to a consumer: its deadlines and its validity.

Basis: art. 6:96 lid 6 BW; HR 25-11-2016, ECLI:NL:HR:2016:2704 (term of 14 days counted from the
day after receipt; sent only after verzuim); Algemene termijnenwet art. 1 and 3 (a term ending
on a Saturday, Sunday or recognised holiday is extended). Presumed delivery of post is
[practice] (law-nl.md section 4): the second counted day after sending, where Sundays, Mondays
and recognised holidays are not counted (PostNL delivers no letters then).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from vorder.core.calendar_nl import extend_to_working_day, is_recognised_holiday
from vorder.core.errors import DomainError

ONE_DAY = timedelta(days=1)
TERM_DAYS = 14
POST_DELIVERY_DAYS = 2
MONDAY = 0
SUNDAY = 6


class Channel(StrEnum):
    POST = "post"
    EMAIL = "email"


class InvalidDeliveryDays(DomainError):
    """The number of counted delivery days for post must be at least 1."""

    code = "invalid_delivery_days"


@dataclass(frozen=True, slots=True)
class LetterDeadline:
    """Dates of a 14-day letter: presumed delivery, the last day to pay, costs due from."""

    sent: date
    channel: Channel
    delivered: date
    last_day: date
    costs_due_from: date


def _counts_for_post(day: date) -> bool:
    return day.weekday() not in (SUNDAY, MONDAY) and not is_recognised_holiday(day)


def presumed_delivery(sent: date, channel: Channel, *, post_days: int = POST_DELIVERY_DAYS) -> date:
    """When a 14-day letter is presumed delivered (law-nl.md section 4, [practice]).

    Post: the ``post_days``-th counted day after sending, not counting Sundays, Mondays and
    recognised holidays (Algemene termijnenwet art. 3). E-mail: the sending day (it reached the
    debtor's mailbox; a bounce is the caller's fact to record).
    """
    if channel is Channel.EMAIL:
        return sent
    if post_days < 1:
        raise InvalidDeliveryDays("post delivery needs at least 1 counted day", field="post_days")
    day = sent
    counted = 0
    while counted < post_days:
        day += ONE_DAY
        if _counts_for_post(day):
            counted += 1
    return day


def letter_deadline(
    sent: date, channel: Channel = Channel.POST, *, post_days: int = POST_DELIVERY_DAYS
) -> LetterDeadline:
    """Deadlines of a 14-day letter sent on ``sent`` (art. 6:96 lid 6 BW).

    The term is 14 days from the day after delivery, so the last day is delivery + 14 days;
    a last day on a Saturday, Sunday or recognised holiday moves to the next day that is none
    (Algemene termijnenwet art. 1). Costs are due from the day after the last day.
    """
    delivered = presumed_delivery(sent, channel, post_days=post_days)
    last_day = extend_to_working_day(delivered + timedelta(days=TERM_DAYS))
    return LetterDeadline(sent, channel, delivered, last_day, last_day + ONE_DAY)


class TermStart(StrEnum):
    """From when the letter's wording counts the 14 days."""

    DAY_AFTER_RECEIPT = "day_after_receipt"
    LETTER_DATE = "letter_date"
    SENDING_DATE = "sending_date"


@dataclass(frozen=True, slots=True)
class FourteenDayLetter:
    """The facts of a 14-day letter that decide whether it is valid (HR 2016:2704)."""

    sent: date
    due: date
    channel: Channel = Channel.POST
    term_days: int = TERM_DAYS
    term_starts: TermStart = TermStart.DAY_AFTER_RECEIPT
    cost_amount: Decimal | None = None
    vat_uplift_charged: bool = False
    vat_uplift_stated: bool = False
    with_invoice: bool = False


class LetterProblem(StrEnum):
    """A named reason why a 14-day letter cannot make collection costs due."""

    SENT_BEFORE_DEFAULT = "sent_before_default"
    SENT_WITH_INVOICE = "sent_with_invoice"
    TERM_TOO_SHORT = "term_too_short"
    TERM_NOT_TIED_TO_RECEIPT = "term_not_tied_to_receipt"
    COST_AMOUNT_MISSING = "cost_amount_missing"
    VAT_UPLIFT_NOT_STATED = "vat_uplift_not_stated"

    @property
    def message(self) -> str:
        return _MESSAGES[self]


_MESSAGES = {
    LetterProblem.SENT_BEFORE_DEFAULT: (
        "the letter was sent on or before the due date: the debtor was not yet in verzuim"
    ),
    LetterProblem.SENT_WITH_INVOICE: "the letter was sent together with the invoice",
    LetterProblem.TERM_TOO_SHORT: "the letter gives less than 14 days to pay",
    LetterProblem.TERM_NOT_TIED_TO_RECEIPT: (
        "the term is not counted from the day after receipt of the letter"
    ),
    LetterProblem.COST_AMOUNT_MISSING: "the letter does not state the exact collection costs",
    LetterProblem.VAT_UPLIFT_NOT_STATED: "VAT is charged on the costs but the letter omits it",
}


def letter_problems(letter: FourteenDayLetter) -> list[LetterProblem]:
    """Every reason why ``letter`` is not a valid 14-day letter; empty when it is valid.

    Basis: art. 6:96 lid 6 BW and HR 25-11-2016, ECLI:NL:HR:2016:2704: sent after the debtor is
    in verzuim (not with the invoice), a term of at least 14 days counted from the day after
    receipt, the exact cost amount (and any VAT uplift) stated.
    """
    problems: list[LetterProblem] = []
    if letter.sent <= letter.due:
        problems.append(LetterProblem.SENT_BEFORE_DEFAULT)
    if letter.with_invoice:
        problems.append(LetterProblem.SENT_WITH_INVOICE)
    if letter.term_days < TERM_DAYS:
        problems.append(LetterProblem.TERM_TOO_SHORT)
    if letter.term_starts is not TermStart.DAY_AFTER_RECEIPT:
        problems.append(LetterProblem.TERM_NOT_TIED_TO_RECEIPT)
    if letter.cost_amount is None:
        problems.append(LetterProblem.COST_AMOUNT_MISSING)
    if letter.vat_uplift_charged and not letter.vat_uplift_stated:
        problems.append(LetterProblem.VAT_UPLIFT_NOT_STATED)
    return problems
