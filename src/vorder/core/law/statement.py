"""Statement of account (rekeningoverzicht) of one claim on a given date, with reasons.

Basis per line: the invoice (principal), art. 6:119/6:119a BW or the contractual rate (interest),
art. 6:96 BW and the Besluit BIK (collection costs; for a consumer only after a valid 14-day
letter's term passed, 6:96 lid 6), art. 6:43/6:44 BW (allocation of payments). Events after
``on`` are not part of the statement on ``on``; invoices issued after ``on`` are not yet owed.

Allocation of a payment: first the collection costs (and interest on them, when charged), then
the invoices in the order of art. 6:43 BW (designated, due, most onerous, oldest, pro rata),
each invoice interest before principal (6:44 BW). Interest is accrued through the payment day
before allocating.
"""

from __future__ import annotations

import heapq
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from vorder.core.law.allocation import OpenClaim, allocate_payment
from vorder.core.law.checks import require_non_negative, require_rate
from vorder.core.law.events import (
    ClaimEvent,
    ClaimFacts,
    CostsCharged,
    Invoice,
    LetterSent,
    PaymentReceived,
)
from vorder.core.law.ledger import Ledger
from vorder.core.law.settings import DEFAULT_SETTINGS, FixedRate
from vorder.core.law.statement_costs import LetterState, decide_costs, read_letter
from vorder.core.law.statement_types import (
    CostsAlreadyCharged,
    InvalidClaimFacts,
    InvoiceBalance,
    LineKind,
    Statement,
    StatementLine,
)
from vorder.core.law.tables import RateTable, StatutoryRates
from vorder.core.money import ZERO
from vorder.core.periods import ImpossiblePeriod, Period

ONE_DAY = timedelta(days=1)


def _check_invoices(invoices: tuple[Invoice, ...]) -> None:
    if not invoices:
        raise InvalidClaimFacts("a claim needs at least one invoice", field="invoices")
    numbers = [i.number for i in invoices]
    if len(set(numbers)) != len(numbers):
        raise InvalidClaimFacts("two invoices have the same number", field="invoices")
    for invoice in invoices:
        require_non_negative(invoice.amount, f"invoice {invoice.number} amount")
        if invoice.due < invoice.issued:
            raise ImpossiblePeriod(
                f"invoice {invoice.number} is due ({invoice.due.isoformat()}) before it was "
                f"issued ({invoice.issued.isoformat()})",
                field="invoices",
            )


_ORDER: dict[type, int] = {LetterSent: 0, CostsCharged: 1, PaymentReceived: 2}
_TERM_END = 3


class _Run:
    """Walks the claim's events in date order, keeping one ledger per invoice and the lines."""

    def __init__(self, facts: ClaimFacts, on: date, rates: StatutoryRates) -> None:
        _check_invoices(facts.invoices)
        settings = facts.settings
        source: RateTable | FixedRate = rates.for_kind(facts.kind)
        self.basis = facts.kind.basis
        if facts.contractual_rate is not None:
            source = FixedRate(require_rate(facts.contractual_rate.rate, "contractual_rate"))
            settings = replace(settings, compound=facts.contractual_rate.compound)
            self.basis = source.basis
        self.facts = facts
        self.rates = rates
        self.on = on
        self.settings = settings
        self.shift = 1 if settings.include_last_day else 0
        self.end = (on + ONE_DAY if settings.include_last_day else on).toordinal()
        self.invoices = sorted(
            (i for i in facts.invoices if i.issued <= on), key=lambda i: (i.due, i.number)
        )
        if not self.invoices:
            raise InvalidClaimFacts(
                f"no invoice of the claim was issued on or before {on.isoformat()}", field="on"
            )
        self.missing: Period | None = None
        self.ledgers = {
            i.number: Ledger(i.amount, i.due + ONE_DAY, source, settings) for i in self.invoices
        }
        if isinstance(source, RateTable):
            for invoice in self.invoices:
                self._check_rates(source, invoice.due + ONE_DAY)
        self.marks = {i.number: (i.due + ONE_DAY).toordinal() for i in self.invoices}
        self.costs = ZERO
        self.costs_ledger: Ledger | None = None
        self.costs_charged: CostsCharged | None = None
        self.credit = ZERO
        self.paid = ZERO
        self.letters: list[LetterState] = []
        self.lines: list[StatementLine] = [
            StatementLine(
                i.issued,
                LineKind.INVOICE,
                f"invoice {i.number}, due {i.due.isoformat()}",
                i.amount,
                "principal (agreement)",
                i.number,
            )
            for i in self.invoices
        ]

    def _check_rates(self, table: RateTable, first: date) -> None:
        end = date.fromordinal(max(self.end, first.toordinal()))
        missing = table.check_period(Period(first, end), provisional=self.settings.provisional)
        if missing is not None and (self.missing is None or missing.start < self.missing.start):
            self.missing = Period(missing.start, end)

    def line(
        self,
        on: date,
        kind: LineKind,
        description: str,
        amount: Decimal,
        basis: str,
        invoice: str | None = None,
    ) -> None:
        self.lines.append(StatementLine(on, kind, description, amount, basis, invoice))

    def accrue(self, boundary: int) -> None:
        """Accrue every ledger through the day before ``boundary``; one line per stretch."""
        for invoice in self.invoices:
            ledger = self.ledgers[invoice.number]
            before = ledger.total
            ledger.accrue_to(boundary)
            ledger.book_pending()
            mark = self.marks[invoice.number]
            if ledger.total != before and ledger.pos > mark:
                first, last = date.fromordinal(mark), date.fromordinal(ledger.pos - 1)
                self.line(
                    last,
                    LineKind.INTEREST,
                    f"interest {first.isoformat()}..{last.isoformat()} on invoice {invoice.number}",
                    ledger.total - before,
                    self.basis,
                    invoice.number,
                )
            self.marks[invoice.number] = max(mark, ledger.pos)
        if self.costs_ledger is not None:
            ledger = self.costs_ledger
            before = ledger.total
            ledger.accrue_to(boundary)
            ledger.book_pending()
            if ledger.total != before:
                self.line(
                    date.fromordinal(ledger.pos - 1),
                    LineKind.INTEREST,
                    "interest on collection costs",
                    ledger.total - before,
                    "art. 6:119 BW (non-commercial rate on costs, practice)",
                )

    def send_letter(self, event: LetterSent) -> LetterState:
        state = read_letter(event, self.invoices)
        self.letters.append(state)
        d = state.deadline
        text = (
            f"14-day letter by {event.channel}: delivered {d.delivered.isoformat()}, last day "
            f"{d.last_day.isoformat()}, costs due from {d.costs_due_from.isoformat()}"
        )
        if state.problems:
            text += "; NOT VALID: " + ", ".join(p.message for p in state.problems)
        self.line(event.on, LineKind.LETTER, text, ZERO, "art. 6:96 lid 6 BW; HR 2016:2704")
        return state

    def end_term(self, index: int) -> None:
        state = self.letters[index]
        open_principal = sum((self.ledgers[n].principal for n in state.covered), ZERO)
        self.letters[index] = replace(state, principal_at_term_end=open_principal)

    def charge_costs(self, event: CostsCharged) -> None:
        if self.costs_charged is not None:
            raise CostsAlreadyCharged(
                f"collection costs were already charged on {self.costs_charged.on.isoformat()}",
                field="events",
            )
        decision = decide_costs(
            event,
            kind=self.facts.kind,
            invoices=self.invoices,
            ledgers=self.ledgers,
            letters=self.letters,
        )
        self.costs_charged = event
        self.costs = decision.costs.total
        self.line(
            event.on,
            LineKind.COSTS,
            decision.description,
            decision.costs.costs,
            decision.costs.basis,
        )
        if decision.costs.vat:
            self.line(
                event.on,
                LineKind.VAT,
                "21% VAT uplift on collection costs",
                decision.costs.vat,
                "Besluit BIK art. 2 lid 3",
            )
        if self.facts.interest_on_costs:
            first = event.on + ONE_DAY
            self.costs_ledger = Ledger(self.costs, first, self.rates.consumer, DEFAULT_SETTINGS)
            self._check_rates(self.rates.consumer, first)

    def pay(self, event: PaymentReceived) -> None:
        require_non_negative(event.amount, "payment")
        self.accrue(event.on.toordinal() + self.shift)
        self.paid += event.amount
        self.line(
            event.on, LineKind.PAYMENT, "payment received", -event.amount, "art. 6:43-6:44 BW"
        )
        rest = event.amount
        to_costs = min(rest, self.costs)
        self.costs -= to_costs
        rest -= to_costs
        if self.costs_ledger is not None:
            self.costs_ledger.pay_principal(to_costs)
            used = self.costs_ledger.pay_interest(rest)
            rest -= used
            to_costs += used
        if to_costs:
            self.line(
                event.on,
                LineKind.TO_COSTS,
                "to collection costs",
                -to_costs,
                "art. 6:44 lid 1 BW (costs first)",
            )
        claims = [
            OpenClaim(
                i.number,
                i.due,
                ZERO,
                self.ledgers[i.number].interest_outstanding,
                self.ledgers[i.number].principal,
            )
            for i in self.invoices
        ]
        unknown = [n for n in event.designated if n not in self.ledgers]
        if unknown:
            raise InvalidClaimFacts(
                f"the payment of {event.on.isoformat()} designates unknown invoice(s) "
                + ", ".join(unknown),
                field="events",
            )
        allocation = allocate_payment(rest, claims, on=event.on, designated=event.designated)
        for share in allocation.allocations:
            ledger = self.ledgers[share.claim_id]
            ledger.pay_interest(share.to_interest)
            ledger.pay_principal(share.to_principal)
            basis = f"art. 6:44 lid 1 BW; {share.reason}"
            if share.to_interest:
                self.line(
                    event.on,
                    LineKind.TO_INTEREST,
                    f"to interest on invoice {share.claim_id}",
                    -share.to_interest,
                    basis,
                    share.claim_id,
                )
            if share.to_principal:
                self.line(
                    event.on,
                    LineKind.TO_PRINCIPAL,
                    f"to principal of invoice {share.claim_id}",
                    -share.to_principal,
                    basis,
                    share.claim_id,
                )
        if allocation.surplus:
            self.credit += allocation.surplus
            self.line(
                event.on,
                LineKind.SURPLUS,
                "paid more than owed: credit for the debtor",
                -allocation.surplus,
                "nothing left to allocate (art. 6:44 BW)",
            )

    def run(self) -> Statement:
        queue: list[tuple[date, int, int, ClaimEvent | None]] = [
            (event.on, _ORDER[type(event)], index, event)
            for index, event in enumerate(self.facts.events)
            if event.on <= self.on
        ]
        heapq.heapify(queue)
        while queue:
            _day, _order, index, event = heapq.heappop(queue)
            if event is None:
                self.end_term(index)
            elif isinstance(event, LetterSent):
                state = self.send_letter(event)
                if state.valid and state.deadline.last_day <= self.on:
                    marker = (state.deadline.last_day, _TERM_END, len(self.letters) - 1, None)
                    heapq.heappush(queue, marker)
            elif isinstance(event, CostsCharged):
                self.charge_costs(event)
            else:
                self.pay(event)
        self.accrue(self.end)
        return self._result()

    def _result(self) -> Statement:
        balances = tuple(
            InvoiceBalance(
                number=i.number,
                due=i.due,
                principal=i.amount,
                principal_outstanding=self.ledgers[i.number].principal,
                interest=self.ledgers[i.number].total,
                interest_outstanding=self.ledgers[i.number].interest_outstanding,
                segments=self.ledgers[i.number].segments(),
            )
            for i in self.invoices
        )
        interest = sum((b.interest_outstanding for b in balances), ZERO)
        costs = self.costs
        if self.costs_ledger is not None:
            costs = self.costs_ledger.principal + self.costs_ledger.interest_outstanding
        lines = sorted(self.lines, key=lambda ln: ln.on)
        return Statement(
            on=self.on,
            kind=self.facts.kind,
            lines=tuple(lines),
            invoices=balances,
            principal_outstanding=sum((b.principal_outstanding for b in balances), ZERO),
            interest_outstanding=interest,
            costs_outstanding=costs,
            credit=self.credit,
            paid=self.paid,
            letters=tuple(self.letters),
            provisional=self.missing is not None,
            missing=self.missing,
        )


def statement_of_account(facts: ClaimFacts, *, on: date, rates: StatutoryRates) -> Statement:
    """What the debtor owes on ``on`` for the claim ``facts``, line by line with the basis.

    Basis: the invoices (principal); art. 6:119/6:119a BW or the contractual rate (interest,
    accrued through ``on``, inclusive by default); art. 6:96 BW and the Besluit BIK (collection
    costs, for a consumer only after a valid 14-day letter's term passed unpaid); art. 6:43 and
    6:44 BW (allocation of payments). Raises a :class:`DomainError` for contradictory facts
    (:class:`InvalidClaimFacts`, :class:`CostsAlreadyCharged`,
    :class:`~vorder.core.law.statement_costs.CostsNotChargeable`, ...) and for missing rates
    (:class:`~vorder.core.law.tables.RatesNotKnown` unless the settings ask for provisional).
    """
    return _Run(facts, on, rates).run()


__all__ = [
    "CostsAlreadyCharged",
    "InvalidClaimFacts",
    "InvoiceBalance",
    "LineKind",
    "Statement",
    "StatementLine",
    "statement_of_account",
]
