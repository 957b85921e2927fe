"""The claim page: the claim, its statement of account on a day (from the ledger's
statement use case, each interest line with its periods, rate and days), its timeline,
invoices, payments and its place in its strategy (what happens next)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from vorder.app.collection.actions import CollectionView, get_collection
from vorder.app.collection.strategies import cuow
from vorder.app.ledger import claims, payments
from vorder.app.ledger.claims import ClaimStatement
from vorder.app.ledger.records import ClaimRow, InvoiceRow, PaymentRow
from vorder.app.ports import UnitOfWork, UnitOfWorkFactory
from vorder.app.records import Actor, StoredEvent
from vorder.app.views.steps import NextStep, Strategies, StrategyName, next_step
from vorder.core.errors import DomainError
from vorder.core.law import Statement, StatutoryRates
from vorder.core.law.ledger import InterestSegment
from vorder.core.law.statement import LineKind, StatementLine

TIMELINE = 200
PAYMENTS = 100


@dataclass(frozen=True, slots=True)
class Period:
    """One interest segment: ``first``..``last`` inclusive, ``days`` at ``rate`` on ``base``."""

    first: date
    last: date
    days: int
    rate_percent: str  # e.g. "4" or "10.15"
    base: Decimal
    interest: Decimal
    provisional: bool


@dataclass(frozen=True, slots=True)
class Row:
    """A statement line with, for interest on an invoice, the periods it consists of."""

    line: StatementLine
    periods: tuple[Period, ...] = ()
    first: date | None = None  # interest lines: the first day of the stretch


@dataclass(frozen=True, slots=True)
class StatementView:
    on: date
    statement: Statement
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class ClaimPage:
    claim: ClaimRow
    statement: StatementView | None
    statement_error: str | None
    timeline: tuple[StoredEvent, ...]
    invoices: tuple[InvoiceRow, ...]
    payments: tuple[PaymentRow, ...]
    collection: CollectionView | None
    next: NextStep
    strategy: StrategyName | None
    step_titles: dict[str, tuple[str, str]]  # step id → (Dutch, English) of its strategy
    people: dict[str, str]  # "user:7" → the person's name, for "who did what"


def percent(rate: Decimal) -> str:
    """0.1015 → "10.15", 0.04 → "4" (the yearly rate in percent, as the tables write it)."""
    return format((rate * 100).normalize(), "f")


def _periods(segments: tuple[InterestSegment, ...]) -> list[Period]:
    return [
        Period(
            first=s.start,
            last=date.fromordinal(s.end.toordinal() - 1),
            days=s.days,
            rate_percent=percent(s.rate),
            base=s.base,
            interest=s.interest,
            provisional=s.provisional,
        )
        for s in segments
        if s.days > 0
    ]


def statement_rows(result: ClaimStatement) -> tuple[Row, ...]:
    """The lines in order; each interest line on an invoice gets the segments of its stretch
    (the engine cuts lines at payments and at the statement day; segments nest inside)."""
    remaining = {b.number: _periods(b.segments) for b in result.statement.invoices}
    rows: list[Row] = []
    for line in result.lines:
        if line.kind is LineKind.INTEREST and line.invoice in remaining:
            queue = remaining[line.invoice]
            taken = []
            while queue and queue[0].first <= line.on:
                taken.append(queue.pop(0))
            first = taken[0].first if taken else None
            rows.append(Row(line, tuple(taken), first))
        else:
            rows.append(Row(line))
    return tuple(rows)


def claim_page(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    claim_id: int,
    on: date,
    rates: StatutoryRates,
) -> ClaimPage:
    """Everything the claim page shows (another organisation's claim is not found)."""
    claim = claims.get_claim(uow_factory, actor=actor, claim_id=claim_id)
    view: StatementView | None = None
    error: str | None = None
    try:
        result = claims.claim_statement(
            uow_factory, actor=actor, claim_id=claim_id, on=on, rates=rates
        )
        view = StatementView(on, result.statement, statement_rows(result))
    except DomainError as exc:
        error = exc.code
    invoices = claims.claim_invoices(uow_factory, actor=actor, claim_id=claim_id)
    timeline = claims.claim_timeline(uow_factory, actor=actor, claim_id=claim_id, limit=TIMELINE)
    paid = payments.list_payments(
        uow_factory, actor=actor, claim_id=claim_id, sort="-paid_on", limit=PAYMENTS
    ).items
    collection = get_collection(uow_factory, actor=actor, claim_id=claim_id)
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = cuow(base)
        state = uow.collection.state(claim_id)
        strategies = Strategies(uow)
        name = state.strategy_name if state else claim.strategy_name
        version = state.strategy_version if state else claim.strategy_version
        parsed = strategies.get(name, version)
        upcoming = next_step(claim, state, parsed, claim.next_wake_at)
        strategy = strategies.name(name, version)
        titles = {
            step.id: (step.title.nl, step.title.en)
            for _, step in (parsed.all_steps() if parsed else ())
            if step.title is not None
        }
        people = _people(uow, timeline)
    return ClaimPage(
        claim=claim,
        statement=view,
        statement_error=error,
        timeline=tuple(timeline),
        invoices=tuple(invoices),
        payments=tuple(paid),
        collection=collection,
        next=upcoming,
        strategy=strategy,
        step_titles=titles,
        people=people,
    )


def _people(uow: UnitOfWork, events: list[StoredEvent]) -> dict[str, str]:
    """Names of the people (users) in the timeline; API keys and Vorder itself are named
    by the page."""
    names: dict[str, str] = {}
    for ref in {e.actor for e in events if e.actor.startswith("user:")}:
        user_id = ref.split(":", 1)[1]
        user = uow.users.by_id(int(user_id)) if user_id.isdigit() else None
        if user is not None:
            names[ref] = user.name or user.email
    return names
