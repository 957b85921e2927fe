"""The Dutch collection-law engine: pure functions over typed values (law-nl.md).

Interest (6:119, 6:119a/b BW), collection costs (6:96 BW, Besluit BIK), the 14-day letter
(6:96 lid 6 BW), allocation of payments (6:43/6:44 BW), the statement of account, prescription
(3:307 ff. BW) and kanton court fees. No database, no clock, no IO: rate and fee tables are
passed in (parsed from data files by :mod:`vorder.adapters.lawdata`).
"""

from vorder.core.law.allocation import (
    Allocation,
    OpenClaim,
    PaymentAllocation,
    allocate_payment,
    allocate_within_claim,
)
from vorder.core.law.costs import CollectionCosts, b2b_costs, consumer_costs, staffel
from vorder.core.law.events import (
    ClaimFacts,
    ClaimKind,
    ContractualRate,
    CostsCharged,
    Invoice,
    LetterSent,
    PaymentReceived,
)
from vorder.core.law.interest import (
    InterestAmount,
    InterestResult,
    Payment,
    compute_interest,
    due_without_term,
    interest_amount,
)
from vorder.core.law.ledger import InterestSegment
from vorder.core.law.letter import Channel, LetterDeadline, letter_deadline, letter_problems
from vorder.core.law.settings import DayCount, FixedRate, InterestSettings, Rounding
from vorder.core.law.statement import Statement, statement_of_account
from vorder.core.law.tables import (
    DateBeforeRates,
    RateKind,
    RatesNotKnown,
    RateTable,
    StatutoryRates,
    parse_rate_table,
)

__all__ = [
    "Allocation",
    "Channel",
    "ClaimFacts",
    "ClaimKind",
    "CollectionCosts",
    "ContractualRate",
    "CostsCharged",
    "DateBeforeRates",
    "DayCount",
    "FixedRate",
    "InterestAmount",
    "InterestResult",
    "InterestSegment",
    "InterestSettings",
    "Invoice",
    "LetterDeadline",
    "LetterSent",
    "OpenClaim",
    "Payment",
    "PaymentAllocation",
    "PaymentReceived",
    "RateKind",
    "RateTable",
    "RatesNotKnown",
    "Rounding",
    "Statement",
    "StatutoryRates",
    "allocate_payment",
    "allocate_within_claim",
    "b2b_costs",
    "compute_interest",
    "consumer_costs",
    "due_without_term",
    "interest_amount",
    "letter_deadline",
    "letter_problems",
    "parse_rate_table",
    "staffel",
    "statement_of_account",
]
