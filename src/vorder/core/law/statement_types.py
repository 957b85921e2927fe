"""The values a statement of account consists of: lines with a legal basis, balances, errors.

See :mod:`vorder.core.law.statement` for how they are computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from vorder.core.errors import DomainError
from vorder.core.law.ledger import InterestSegment
from vorder.core.law.statement_costs import LetterState
from vorder.core.law.tables import RateKind
from vorder.core.periods import Period


class InvalidClaimFacts(DomainError):
    """The claim's facts contradict each other (duplicate invoice numbers, no invoices...)."""

    code = "invalid_claim_facts"


class CostsAlreadyCharged(DomainError):
    """Collection costs are charged once per claim, whoever collects (law-nl.md section 3)."""

    code = "costs_already_charged"


class LineKind(StrEnum):
    INVOICE = "invoice"
    LETTER = "letter"
    COSTS = "costs"
    VAT = "vat"
    INTEREST = "interest"
    PAYMENT = "payment"
    TO_COSTS = "payment_to_costs"
    TO_INTEREST = "payment_to_interest"
    TO_PRINCIPAL = "payment_to_principal"
    SURPLUS = "surplus"


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One line: ``amount`` is positive for what becomes owed, negative for what is paid."""

    on: date
    kind: LineKind
    description: str
    amount: Decimal
    basis: str
    invoice: str | None = None


@dataclass(frozen=True, slots=True)
class InvoiceBalance:
    number: str
    due: date
    principal: Decimal
    principal_outstanding: Decimal
    interest: Decimal
    interest_outstanding: Decimal
    segments: tuple[InterestSegment, ...]


@dataclass(frozen=True, slots=True)
class Statement:
    """What the debtor owes on ``on`` and why; ``provisional`` names ``missing`` rate days."""

    on: date
    kind: RateKind
    lines: tuple[StatementLine, ...]
    invoices: tuple[InvoiceBalance, ...]
    principal_outstanding: Decimal
    interest_outstanding: Decimal
    costs_outstanding: Decimal
    credit: Decimal
    paid: Decimal
    letters: tuple[LetterState, ...]
    provisional: bool = False
    missing: Period | None = None

    @property
    def total_outstanding(self) -> Decimal:
        return self.principal_outstanding + self.interest_outstanding + self.costs_outstanding
