"""What a message says, before it is rendered: every amount comes from the law engine's
statement of account (:func:`vorder.core.law.statement_of_account`) with its legal basis.

The renderer (:class:`~vorder.app.collection.ports.MessageRenderer`, implemented in
:mod:`vorder.adapters.messages`) turns a :class:`MessageContent` into text and HTML; it
computes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# Template families: a template key (e.g. ``aanmaning-zakelijk``) names its family by prefix.
FAMILIES = (
    "herinnering-vooraf",
    "herinnering",
    "aanmaning",
    "veertiendagenbrief",
    "sommatie",
    "bewaking-herinnering",
)
GENERIC_FAMILY = "bericht"
# The exact wording of the 14-day letter's term (HR 25-11-2016, ECLI:NL:HR:2016:2704).
TERM_NL = "binnen 14 dagen na de dag van ontvangst van deze brief"
TERM_EN = "within 14 days from the day after this letter was delivered to you"


def family_of(template: str | None) -> str:
    """The family of a template key: the longest known family it starts with."""
    if not template:
        return GENERIC_FAMILY
    for family in sorted(FAMILIES, key=len, reverse=True):
        if template == family or template.startswith(family + "-"):
            return family
    return GENERIC_FAMILY


@dataclass(frozen=True, slots=True)
class InvoiceLine:
    number: str
    issue_date: date
    due_date: date
    principal: Decimal  # the invoice amount after credit notes
    open_principal: Decimal
    interest: Decimal  # open interest on this invoice
    payment_reference: str | None


@dataclass(frozen=True, slots=True)
class AmountLine:
    """One line of the specification: what, how much, and why (legal basis)."""

    kind: str  # principal | interest | costs | vat | paid
    amount: Decimal
    basis: str
    detail: str = ""  # e.g. "4% from 16 Oct 2026 to 3 Dec 2026" (kept language-neutral)


@dataclass(frozen=True, slots=True)
class ClaimAmounts:
    """A claim's amounts on the message day, from its statement of account."""

    claim_id: int
    invoices: tuple[InvoiceLine, ...]
    principal: Decimal  # open principal
    interest: Decimal  # open interest
    costs: Decimal  # open collection costs
    paid: Decimal
    total: Decimal  # principal + interest + costs still owed
    lines: tuple[AmountLine, ...]
    provisional: bool  # interest rates after the table's known end (law-nl.md section 2)


@dataclass(frozen=True, slots=True)
class LetterTerms:
    """The 14-day letter's announcement (art. 6:96 lid 6-7 BW; HR 2016:2704)."""

    principal_total: Decimal  # H: the principals of the claims dunned together, added
    costs: Decimal  # the exact collection costs that will be charged (staffel on H)
    vat: Decimal  # the VAT uplift on them, if any (Besluit BIK art. 2 lid 3)
    basis: str
    sent_on: date
    channel: str


@dataclass(frozen=True, slots=True)
class MessageContent:
    kind: str  # message | 14_day_letter
    template: str
    tone: str  # friendly | neutral | firm
    channel: str  # email | post | sms
    letterhead: str  # own | partner
    language: str  # nl | en
    on: date
    creditor_name: str
    debtor_name: str
    debtor_kind: str  # consumer | business
    address_lines: tuple[str, ...]
    currency: str
    claims: tuple[ClaimAmounts, ...]
    total: Decimal
    letter: LetterTerms | None = None
    partner: str | None = None  # the collection partner on whose letterhead it goes

    @property
    def family(self) -> str:
        if self.kind == "14_day_letter":
            return "veertiendagenbrief"
        return family_of(self.template)


@dataclass(frozen=True, slots=True)
class RenderedMessage:
    subject: str
    text: str
    html: str | None = None
