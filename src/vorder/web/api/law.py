"""REST endpoints of the law engine: ``POST /api/law/{interest,costs,deadline,statement}``.

Money is a decimal string ("1234.56") both ways, never a JSON number; dates are ISO; rates are
decimal fraction strings ("0.07"). A :class:`~vorder.core.errors.DomainError` propagates; the
application's handler answers 422 with ``{"error", "field", "code"}``. No auth here: the lead
wires it when including the router. The rate tables come from the ``get_rate_tables``
dependency (package data + operator overlay in ``./var/law``; override it to configure).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from vorder.adapters import lawdata
from vorder.core.errors import DomainError
from vorder.core.law.checks import require_rate
from vorder.core.law.costs import b2b_costs, consumer_costs
from vorder.core.law.documents import (
    costs_document,
    deadline_document,
    interest_document,
    parse_claim_document,
    statement_document,
)
from vorder.core.law.interest import Payment, compute_interest, due_without_term
from vorder.core.law.letter import Channel, letter_deadline
from vorder.core.law.settings import DayCount, FixedRate, InterestSettings
from vorder.core.law.statement import statement_of_account
from vorder.core.law.tables import RateKind, RateTable, StatutoryRates
from vorder.core.money import parse_amount
from vorder.web.errors import ErrorBody

MONEY_PATTERN = r"^-?\d+(\.\d{1,2})?$"
Money = Annotated[
    str, Field(pattern=MONEY_PATTERN, examples=["1000.00"], description="Decimal string")
]
Rate = Annotated[str, Field(pattern=r"^\d+(\.\d+)?$", examples=["0.08"])]
UNPROCESSABLE: dict[int | str, dict[str, Any]] = {
    422: {
        "model": ErrorBody,
        "description": "Invalid input: a domain error such as a negative amount, an impossible "
        "period, a date before the rate tables or rates not known yet",
    }
}

router = APIRouter(prefix="/api/law", tags=["law"])


class MissingInput(DomainError):
    """A request leaves out an input that this combination needs."""

    code = "missing_input"


def get_rate_tables() -> StatutoryRates:
    """Dependency: the statutory rate tables (override in the app to set the data dir)."""
    return lawdata.cached_rate_tables(lawdata.DEFAULT_DATA_DIR)


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PaymentIn(_In):
    on: date
    amount: Money


class InterestIn(_In):
    principal: Money
    kind: RateKind
    due: date | None = Field(default=None, description="Last day on which payment was on time")
    received: date | None = Field(
        default=None, description="Commercial, no agreed term: receipt of the invoice (6:119a)"
    )
    until: date = Field(description="Last interest day (inclusive by default)")
    day_count: DayCount = DayCount.ACT_365
    compound: bool = True
    rate: Rate | None = Field(default=None, description="Contractual yearly rate")
    payments: list[PaymentIn] = Field(default_factory=list)
    provisional: bool = False
    include_last_day: bool = True


class SegmentOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: date = Field(alias="from", description="First day (inclusive)")
    to: date = Field(description="Last day (inclusive)")
    days: int
    rate: str
    base: Money
    interest: Money


class PeriodOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: date = Field(alias="from")
    to: date


class PaymentAppliedOut(BaseModel):
    on: date
    amount: Money
    to_interest: Money
    to_principal: Money
    surplus: Money


class InterestOut(BaseModel):
    interest: Money
    segments: list[SegmentOut]
    principal: Money
    period: PeriodOut | None
    principal_outstanding: Money
    interest_outstanding: Money
    total_outstanding: Money
    payments: list[PaymentAppliedOut]
    basis: str
    provisional: bool
    missing: PeriodOut | None = Field(description="Days computed with the last known rate")


class CostsIn(_In):
    principals: list[Money] = Field(min_length=1, description="Added when dunned together")
    vat: bool = False
    b2b: bool = False
    invoices: int | None = Field(default=None, ge=1)


class CostsOut(BaseModel):
    costs: Money
    vat: Money
    total: Money
    principal: Money
    basis: str


class DeadlineIn(_In):
    sent: date
    channel: Channel = Channel.POST
    post_days: int = Field(default=2, ge=1)


class DeadlineOut(BaseModel):
    sent: date
    channel: Channel
    delivered: date
    last_day: date
    costs_due_from: date


class InvoiceIn(_In):
    number: str
    issued: date
    amount: Money
    due: date


class EventIn(_In):
    type: Literal["letter_sent", "costs_charged", "payment"]
    on: date
    amount: Money | None = None
    channel: Channel | None = None
    cost_amount: Money | None = None
    term_days: int | None = None
    term_starts: Literal["day_after_receipt", "letter_date", "sending_date"] | None = None
    vat_uplift: bool | None = None
    vat_uplift_stated: bool | None = None
    designated: list[str] | None = None


class ContractualRateIn(_In):
    rate: Rate
    compound: bool = False


class SettingsIn(_In):
    day_count: DayCount = DayCount.ACT_365
    include_last_day: bool = True
    provisional: bool = False


class StatementIn(_In):
    on: date = Field(description="Date of the statement")
    kind: RateKind
    reference: str = ""
    invoices: list[InvoiceIn] = Field(min_length=1)
    events: list[EventIn] = Field(default_factory=list)
    contractual_rate: ContractualRateIn | None = None
    settings: SettingsIn | None = None
    interest_on_costs: bool = False


class LineOut(BaseModel):
    on: date
    kind: str
    description: str
    amount: Money
    basis: str
    invoice: str | None


class InvoiceBalanceOut(BaseModel):
    number: str
    due: date
    principal: Money
    principal_outstanding: Money
    interest: Money
    interest_outstanding: Money
    segments: list[SegmentOut]


class LetterOut(DeadlineOut):
    valid: bool
    problems: list[str]
    covered: list[str]


class StatementOut(BaseModel):
    on: date
    kind: RateKind
    principal: Money
    interest: Money
    costs: Money
    total: Money
    paid: Money
    credit: Money
    provisional: bool
    missing: PeriodOut | None
    lines: list[LineOut]
    invoices: list[InvoiceBalanceOut]
    letters: list[LetterOut]


@router.post("/interest", response_model=InterestOut, responses=UNPROCESSABLE)
def interest(body: InterestIn, rates: StatutoryRates = Depends(get_rate_tables)) -> Any:
    """Statutory (6:119, 6:119a/b BW) or contractual interest, segment by segment."""
    principal = parse_amount(body.principal, field="principal")
    if body.received is not None and body.due is None:
        due = due_without_term(body.received)
    elif body.due is not None and body.received is None:
        due = body.due
    else:
        raise MissingInput("give exactly one of due or received", field="due")
    source: RateTable | FixedRate = (
        FixedRate(require_rate(Decimal(body.rate))) if body.rate else rates.for_kind(body.kind)
    )
    settings = InterestSettings(
        day_count=body.day_count,
        compound=body.compound,
        include_last_day=body.include_last_day,
        provisional=body.provisional,
    )
    payments = [
        Payment(p.on, parse_amount(p.amount, field="payments.amount")) for p in body.payments
    ]
    result = compute_interest(
        principal, due=due, until=body.until, rates=source, payments=payments, settings=settings
    )
    return interest_document(result)


@router.post("/costs", response_model=CostsOut, responses=UNPROCESSABLE)
def costs(body: CostsIn) -> Any:
    """Extrajudicial collection costs (art. 6:96 BW, Besluit BIK)."""
    principals = [parse_amount(p, field="principals") for p in body.principals]
    if body.invoices is not None and not body.b2b:
        raise MissingInput("invoices applies to b2b claims only", field="invoices")
    if body.b2b:
        result = b2b_costs(principals, invoices=body.invoices, vat_uplift=body.vat)
    else:
        result = consumer_costs(principals, vat_uplift=body.vat)
    return costs_document(result)


@router.post("/deadline", response_model=DeadlineOut, responses=UNPROCESSABLE)
def deadline(body: DeadlineIn) -> Any:
    """Presumed delivery, last day and costs-due date of a 14-day letter (6:96 lid 6 BW)."""
    return deadline_document(letter_deadline(body.sent, body.channel, post_days=body.post_days))


@router.post("/statement", response_model=StatementOut, responses=UNPROCESSABLE)
def statement(body: StatementIn, rates: StatutoryRates = Depends(get_rate_tables)) -> Any:
    """Statement of account of a claim on a date, lines with their legal basis."""
    document = body.model_dump(mode="json", exclude_none=True, exclude={"on"})
    facts = parse_claim_document(document)
    return statement_document(statement_of_account(facts, on=body.on, rates=rates))
