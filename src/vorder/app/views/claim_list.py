"""The claims table: one page of claims with their debtor, phase, outstanding amount, days
overdue, next step and strategy; filters, search, sort and offset pages (LIMIT + 1 rows, so
a page costs the same with 10 or 10 million claims of the organisation)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from vorder.app.collection.strategies import cuow
from vorder.app.ledger.claim_terms import STATUSES
from vorder.app.ledger.claims import CLAIM_SORTS
from vorder.app.ledger.debtors import check_sort, page_bounds
from vorder.app.ledger.records import ClaimRow
from vorder.app.ports import UnitOfWorkFactory
from vorder.app.records import Actor
from vorder.app.views.portfolio import PHASES
from vorder.app.views.steps import NextStep, Strategies, StrategyName, next_step
from vorder.core.errors import DomainError

PAGE_SIZE = 50
MAX_QUERY = 100


class InvalidFilter(DomainError):
    """A filter of the claims list names no phase or status Vorder knows."""

    code = "invalid_filter"


@dataclass(frozen=True, slots=True)
class ClaimQuery:
    """What the list shows: search text, chips (phase, status, overdue), sort and page."""

    q: str | None = None
    phase: str | None = None
    status: str | None = None
    overdue: bool = False
    sort: str = "-outstanding"
    offset: int = 0
    limit: int = PAGE_SIZE


@dataclass(frozen=True, slots=True)
class ClaimLine:
    claim: ClaimRow
    days_overdue: int  # 0 when not (yet) overdue
    next: NextStep
    strategy: StrategyName | None


@dataclass(frozen=True, slots=True)
class ClaimTable:
    query: ClaimQuery
    lines: tuple[ClaimLine, ...]
    next_offset: int | None
    today: date


def checked(query: ClaimQuery) -> ClaimQuery:
    """The query with its values checked (InvalidFilter / InvalidSort) and normalised."""
    if query.phase is not None and query.phase not in PHASES:
        raise InvalidFilter(f"unknown phase '{query.phase}'", field="phase")
    if query.status is not None and query.status not in STATUSES:
        raise InvalidFilter(f"unknown status '{query.status}'", field="status")
    check_sort(query.sort, CLAIM_SORTS)
    limit, offset = page_bounds(query.limit, query.offset)
    text = (query.q or "").strip()[:MAX_QUERY] or None
    sort = "due_date" if query.overdue else query.sort
    return replace(query, q=text, limit=limit, offset=offset, sort=sort)


def overdue_days(claim: ClaimRow, today: date) -> int:
    if claim.outstanding_cents <= 0 or claim.status in ("closed", "written_off"):
        return 0
    return max(0, (today - claim.oldest_due_date).days)


def claim_table(
    uow_factory: UnitOfWorkFactory, *, actor: Actor, query: ClaimQuery, today: date
) -> ClaimTable:
    """One page of the claims list (see the module docstring).

    "Overdue" lists the claims with an outstanding amount whose oldest unpaid invoice is past
    its due date, oldest first: they are the first rows in due-date order, so the page stops
    at the first claim that is not yet due.
    """
    query = checked(query)
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = cuow(base)
        rows = uow.claims.search(
            q=query.q,
            debtor_id=None,
            status=query.status,
            phase=query.phase,
            kind=None,
            sort=query.sort,
            limit=query.limit + 1,
            offset=query.offset,
        )
        more = len(rows) > query.limit
        rows = rows[: query.limit]
        if query.overdue:
            ended = next((i for i, r in enumerate(rows) if r.oldest_due_date >= today), None)
            if ended is not None:
                rows, more = rows[:ended], False
            rows = [r for r in rows if overdue_days(r, today) > 0]
        strategies = Strategies(uow)
        lines = []
        for claim in rows:
            state = uow.collection.state(claim.id)
            name = state.strategy_name if state else claim.strategy_name
            version = state.strategy_version if state else claim.strategy_version
            lines.append(
                ClaimLine(
                    claim=claim,
                    days_overdue=overdue_days(claim, today),
                    next=next_step(claim, state, strategies.get(name, version), claim.next_wake_at),
                    strategy=strategies.name(name, version),
                )
            )
    return ClaimTable(query, tuple(lines), query.offset + query.limit if more else None, today)
