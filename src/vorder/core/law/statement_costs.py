"""When and how much collection costs a statement of account may charge.

Basis: art. 6:96 lid 6 BW and HR 25-11-2016, ECLI:NL:HR:2016:2704 (consumer: only after a valid
14-day letter whose term passed unpaid; at most the staffel, and never more than the letter
announced), art. 6:96 lid 7 BW (claims dunned together: principals added), art. 6:96 lid 4 BW
and CJEU C-585/20 (business debtor: at least 40 per invoice, due from the day after the due
date, without a letter). A partial payment within the letter's term lowers H [case].
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from vorder.core.errors import DomainError
from vorder.core.law.checks import require_non_negative
from vorder.core.law.costs import CollectionCosts, b2b_costs, consumer_costs, with_vat_uplift
from vorder.core.law.events import ClaimKind, CostsCharged, Invoice, LetterSent
from vorder.core.law.ledger import Ledger
from vorder.core.law.letter import (
    FourteenDayLetter,
    LetterDeadline,
    LetterProblem,
    letter_deadline,
    letter_problems,
)
from vorder.core.law.tables import RateKind

ZERO = Decimal("0.00")


class CostsNotChargeable(DomainError):
    """Collection costs cannot be charged (yet): no valid letter, term running, nothing due."""

    code = "costs_not_chargeable"


class CostsAboveStatutory(DomainError):
    """A consumer is charged more than the staffel or than the 14-day letter announced."""

    code = "costs_above_statutory"


@dataclass(frozen=True, slots=True)
class LetterState:
    """A 14-day letter as the statement read it: its dates, problems and covered invoices.

    ``principal_at_term_end`` is H: the principal of the covered invoices still open at the
    end of the letter's last day (``None`` while the term is running on the statement date).
    """

    letter: LetterSent
    deadline: LetterDeadline
    problems: tuple[LetterProblem, ...]
    covered: tuple[str, ...]
    principal_at_term_end: Decimal | None = None

    @property
    def valid(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class CostsDecision:
    costs: CollectionCosts
    description: str


def read_letter(event: LetterSent, invoices: Sequence[Invoice]) -> LetterState:
    """Deadlines and validity of a 14-day letter over the invoices in default when sent.

    Basis: art. 6:96 lid 6 BW; HR 2016:2704 (see :func:`.letter.letter_problems`).
    """
    covered = tuple(i.number for i in invoices if i.due < event.on)
    facts = FourteenDayLetter(
        sent=event.on,
        due=min(i.due for i in invoices),
        channel=event.channel,
        term_days=event.term_days,
        term_starts=event.term_starts,
        cost_amount=event.cost_amount,
    )
    return LetterState(
        letter=event,
        deadline=letter_deadline(event.on, event.channel),
        problems=tuple(letter_problems(facts)),
        covered=covered,
    )


def _b2b(
    event: CostsCharged, invoices: Sequence[Invoice], ledgers: Mapping[str, Ledger]
) -> CostsDecision:
    in_default = [i for i in invoices if i.due < event.on]
    if not in_default:
        raise CostsNotChargeable(
            f"no invoice is past its due date on {event.on.isoformat()}: costs on a business "
            "debtor are due from the day after the due date (art. 6:96 lid 4 BW)",
            field="events",
        )
    principals = [ledgers[i.number].principal for i in in_default]
    if not any(principals):
        raise CostsNotChargeable("nothing of the principal is open", field="events")
    if event.amount is None:
        costs = b2b_costs(principals, vat_uplift=event.vat_uplift)
        text = f"collection costs on {len(in_default)} invoice(s), max(40 per invoice, staffel)"
        return CostsDecision(costs, text)
    basis = "agreed collection costs (art. 6:96 BW; a court may moderate)"
    costs = with_vat_uplift(event.amount, sum(principals, ZERO), event.vat_uplift, basis)
    return CostsDecision(costs, "collection costs as agreed")


def _consumer(event: CostsCharged, letters: Sequence[LetterState]) -> CostsDecision:
    valid = [s for s in letters if s.valid]
    if not valid:
        reasons = "; ".join(
            f"letter of {s.letter.on.isoformat()}: " + ", ".join(p.message for p in s.problems)
            for s in letters
        )
        raise CostsNotChargeable(
            "collection costs on a consumer need a valid 14-day letter (art. 6:96 lid 6 BW): "
            + (reasons or "none was sent"),
            field="events",
        )
    passed = [s for s in valid if s.deadline.costs_due_from <= event.on]
    if not passed:
        first = valid[0].deadline
        raise CostsNotChargeable(
            f"the 14-day term ends on {first.last_day.isoformat()}: costs are due from "
            f"{first.costs_due_from.isoformat()}, not {event.on.isoformat()}",
            field="events",
        )
    state = passed[0]
    principal = state.principal_at_term_end
    if not principal:
        raise CostsNotChargeable(
            "the covered invoices were paid within the 14-day term", field="events"
        )
    announced = state.letter.cost_amount
    if announced is None:  # cannot happen for a valid letter; never guess an amount
        raise CostsNotChargeable("the 14-day letter states no cost amount", field="events")
    if event.vat_uplift and not state.letter.vat_uplift_stated:
        raise CostsNotChargeable(
            "the 14-day letter did not announce the VAT uplift on the costs", field="events"
        )
    statutory = consumer_costs([principal], vat_uplift=event.vat_uplift)
    amount = min(statutory.costs, announced) if event.amount is None else event.amount
    if amount > statutory.costs or amount > announced:
        raise CostsAboveStatutory(
            f"costs of {amount} exceed the statutory {statutory.costs} on H = {principal} or "
            f"the {announced} announced in the letter (art. 6:96 lid 5-6 BW)",
            field="events",
        )
    costs = with_vat_uplift(amount, principal, event.vat_uplift, statutory.basis)
    text = (
        f"collection costs after the 14-day letter of {state.letter.on.isoformat()} "
        f"(term ended {state.deadline.last_day.isoformat()}, H = {principal})"
    )
    return CostsDecision(costs, text)


def decide_costs(
    event: CostsCharged,
    *,
    kind: ClaimKind,
    invoices: Sequence[Invoice],
    ledgers: Mapping[str, Ledger],
    letters: Sequence[LetterState],
) -> CostsDecision:
    """The collection costs ``event`` may charge (art. 6:96 BW, Besluit BIK); else an error."""
    if event.amount is not None:
        require_non_negative(event.amount, "costs")
    if kind is RateKind.COMMERCIAL:
        return _b2b(event, invoices, ledgers)
    return _consumer(event, letters)
