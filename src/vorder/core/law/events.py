"""The facts of one claim (vordering) as typed events: the input of a statement of account.

A claim groups one or more invoices of one creditor on one debtor. Events are past facts
(a letter was sent, costs were charged, a payment was received). The JSON file format for these
events is documented in ``docs/law.md`` and parsed by :mod:`vorder.core.law.documents`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from vorder.core.law.letter import TERM_DAYS, Channel, TermStart
from vorder.core.law.settings import DEFAULT_SETTINGS, InterestSettings
from vorder.core.law.tables import RateKind

ClaimKind = RateKind
"""consumer (non-commercial, art. 6:119 BW; 14-day letter) or commercial (6:119a BW; B2B)."""


@dataclass(frozen=True, slots=True)
class Invoice:
    """An invoice of the claim: ``due`` is its last day on time (vervaldatum)."""

    number: str
    issued: date
    amount: Decimal
    due: date


@dataclass(frozen=True, slots=True)
class LetterSent:
    """A 14-day letter (art. 6:96 lid 6 BW) was sent, with the facts that decide its validity."""

    on: date
    channel: Channel = Channel.POST
    cost_amount: Decimal | None = None
    term_days: int = TERM_DAYS
    term_starts: TermStart = TermStart.DAY_AFTER_RECEIPT
    vat_uplift_stated: bool = False


@dataclass(frozen=True, slots=True)
class CostsCharged:
    """Collection costs were charged on ``on``; ``amount=None`` means the statutory amount.

    ``vat_uplift``: the creditor cannot deduct VAT and declared so (Besluit BIK art. 2 lid 3).
    """

    on: date
    amount: Decimal | None = None
    vat_uplift: bool = False


@dataclass(frozen=True, slots=True)
class PaymentReceived:
    """The debtor paid ``amount`` on ``on``; ``designated`` lists invoice numbers he named."""

    on: date
    amount: Decimal
    designated: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ContractualRate:
    """An agreed yearly rate replacing the statutory one (6:119 lid 3, 6:119a lid 8 BW)."""

    rate: Decimal
    compound: bool = False


ClaimEvent = LetterSent | CostsCharged | PaymentReceived


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """Everything the statement of account needs about one claim.

    ``interest_on_costs``: charge interest on collection costs from the day after they were
    charged, at the non-commercial rate (law-nl.md section 2, [practice]); off by default.
    """

    kind: ClaimKind
    invoices: tuple[Invoice, ...]
    events: tuple[ClaimEvent, ...] = ()
    contractual_rate: ContractualRate | None = None
    settings: InterestSettings = DEFAULT_SETTINGS
    interest_on_costs: bool = False
    reference: str = field(default="")
