"""The overview: key figures, ageing, claims by phase and what needs a person, computed from
the ledger's claims, invoices and payments (exact cents, no estimates).

Definitions (shown on the page as hints):

* *outstanding*: open principal plus open collection costs of every claim that is not paid or
  written off (interest accrues daily and is on each claim's statement);
* *overdue*: the outstanding amount of claims whose oldest unpaid invoice is past its due date;
* *ageing*: those claims by days past that due date (not yet due, 0–30, 31–60, 61–90, >90);
* *collected this month*: payments received from the first of the month through today;
* *DSO* (days sales outstanding, 90-day method): open principal ÷ invoiced amount of the last
  90 days (invoices minus credit notes issued in that window) × 90, rounded to whole days;
* *planned*: the next step of each claim that the strategy runner will look at today or
  tomorrow, by action and channel (its conditions and the legal guards are checked when it
  is due, so a step can still be skipped or held then).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from vorder.app.collection.ports import CollectionUnitOfWork
from vorder.app.collection.records import MessageRow
from vorder.app.collection.state import local_day
from vorder.app.collection.strategies import cuow
from vorder.app.ports import UnitOfWorkFactory
from vorder.app.records import Actor
from vorder.app.views.steps import Strategies, step_of
from vorder.core.strategy import PhaseName

T = TypeVar("T")
BATCH = 1000
PAGE = 500
DSO_DAYS = 90
RECENT_MESSAGES = 500
BUCKETS = ("not_due", "0_30", "31_60", "61_90", "over_90")
PHASES = tuple(p.value for p in PhaseName)


@dataclass(frozen=True, slots=True)
class Total:
    """A number of claims (or items) and their amount in cents."""

    key: str
    count: int
    cents: int


@dataclass(frozen=True, slots=True)
class Need:
    """Something a person should look at: ``kind`` (dispute, decision, call, bounced,
    overpayment), how many and how much; ``status`` filters the claims list when set."""

    kind: str
    count: int
    cents: int
    status: str | None = None


@dataclass(frozen=True, slots=True)
class PlannedCount:
    """``count`` next steps of kind ``action`` on ``channel`` due on ``day``."""

    day: date
    action: str
    channel: str | None
    count: int


@dataclass(frozen=True, slots=True)
class Overview:
    today: date
    any_claims: bool  # any claim at all (also paid ones): else the page teaches how to start
    open_claims: int
    outstanding_cents: int
    overdue_cents: int
    overdue_claims: int
    collected_cents: int
    collected_payments: int
    month_start: date
    dso_days: int | None  # None: nothing invoiced in the window
    sales_cents: int
    open_principal_cents: int
    ageing: tuple[Total, ...]
    phases: tuple[Total, ...]
    needs: tuple[Need, ...]
    planned: tuple[PlannedCount, ...]
    tomorrow: date


def _pages(fetch: Callable[[int, int], Sequence[T]], limit: int = PAGE) -> Iterator[T]:
    offset = 0
    while True:
        rows = fetch(limit, offset)
        yield from rows
        if len(rows) < limit:
            return
        offset += limit


def bucket_of(days_overdue: int) -> str:
    """The ageing bucket of a claim ``days_overdue`` days past its oldest due date."""
    if days_overdue <= 0:
        return "not_due"
    if days_overdue <= 30:
        return "0_30"
    if days_overdue <= 60:
        return "31_60"
    if days_overdue <= 90:
        return "61_90"
    return "over_90"


def dso(open_principal_cents: int, sales_cents: int, days: int = DSO_DAYS) -> int | None:
    """Days sales outstanding: open principal ÷ sales of ``days`` days × ``days`` (half-up)."""
    if sales_cents <= 0:
        return None
    value = Decimal(open_principal_cents) * days / Decimal(sales_cents)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(slots=True)
class _Tally:
    count: int = 0
    cents: int = 0

    def add(self, cents: int) -> None:
        self.count += 1
        self.cents += cents


@dataclass(slots=True)
class _Claims:
    """One pass over the open claims."""

    total: _Tally = field(default_factory=_Tally)
    open_principal: int = 0
    ageing: dict[str, _Tally] = field(default_factory=lambda: {k: _Tally() for k in BUCKETS})
    phases: dict[str, _Tally] = field(default_factory=lambda: {k: _Tally() for k in PHASES})
    disputes: _Tally = field(default_factory=_Tally)
    decisions: _Tally = field(default_factory=_Tally)
    planned: dict[tuple[date, str, str | None], int] = field(default_factory=dict)


def _open_claims(uow: CollectionUnitOfWork, today: date) -> _Claims:
    """Open claims in id order (keyset pages): amounts by age and phase, disputes, claims
    waiting for a person (a step waiting for an outside event, a pause without end), and
    the next steps due today and tomorrow."""
    out = _Claims()
    strategies = Strategies(uow)
    tomorrow = today + timedelta(days=1)
    after = 0
    while True:
        batch = uow.collection.open_portfolio(after_claim_id=after, limit=BATCH)
        for claim in batch.claims:
            cents = claim.outstanding_cents
            out.total.add(cents)
            out.open_principal += claim.open_principal_cents
            out.ageing[bucket_of((today - claim.oldest_due_date).days)].add(cents)
            out.phases.setdefault(claim.phase, _Tally()).add(cents)
            state = batch.states.get(claim.id)
            if claim.status == "disputed":
                out.disputes.add(cents)
            elif state is not None and (
                state.held_reason == "awaiting_event"
                or (claim.status == "paused" and state.paused_until is None)
            ):
                out.decisions.add(cents)
            wake = claim.next_wake_at
            if state is None or wake is None or claim.status != "open" or state.status != "open":
                continue
            day = max(local_day(wake), today)
            if day > tomorrow or state.held_reason == "awaiting_event":
                continue
            strategy = strategies.get(state.strategy_name, state.strategy_version)
            step = step_of(strategy, state.next_step_id)
            if step is not None and step.action is not None:
                key = (day, step.action, step.channel)
                out.planned[key] = out.planned.get(key, 0) + 1
        if len(batch.claims) < BATCH:
            return out
        after = batch.claims[-1].id


def _sales(uow: CollectionUnitOfWork, start: date, today: date) -> int:
    """Invoiced in [start, today]: every such invoice is due on or after ``start``."""
    total = 0
    rows = _pages(
        lambda limit, offset: uow.invoices.search(
            q=None,
            debtor_id=None,
            claim_id=None,
            document_type=None,
            open_only=False,
            due_from=start,
            due_to=None,
            sort="due_date",
            limit=limit,
            offset=offset,
        )
    )
    for row in rows:
        if start <= row.issue_date <= today:
            sign = -1 if row.document_type == "credit_note" else 1
            total += sign * row.amount_due_cents
    return total


def _payments(uow: CollectionUnitOfWork, start: date, today: date) -> tuple[_Tally, _Tally]:
    collected, credits = _Tally(), _Tally()
    rows = _pages(
        lambda limit, offset: uow.payments.search(
            q=None,
            debtor_id=None,
            claim_id=None,
            paid_from=start,
            paid_to=today,
            sort="paid_on",
            limit=limit,
            offset=offset,
        )
    )
    for p in rows:
        collected.add(p.amount_cents)
        if p.credit_cents > 0:
            credits.add(p.credit_cents)
    return collected, credits


def _messages(rows: Sequence[MessageRow]) -> tuple[_Tally, _Tally]:
    calls, bounced = _Tally(), _Tally()
    for m in rows:
        if m.channel == "phone" and m.status == "open":
            calls.add(0)
        elif m.status == "bounced":
            bounced.add(m.total_cents)
    return calls, bounced


def overview(uow_factory: UnitOfWorkFactory, *, actor: Actor, today: date) -> Overview:
    """The overview of the actor's organisation on ``today`` (see the module docstring)."""
    month_start = today.replace(day=1)
    window = today - timedelta(days=DSO_DAYS - 1)
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = cuow(base)
        part = _open_claims(uow, today)
        any_claims = bool(
            part.total.count
            or uow.claims.search(
                q=None, debtor_id=None, status=None, phase=None, kind=None,
                sort="created_at", limit=1, offset=0,
            )
        )  # fmt: skip
        sales = _sales(uow, window, today)
        collected, credits = _payments(uow, month_start, today)
        calls, bounced = _messages(
            uow.collection.messages(claim_id=None, debtor_id=None, limit=RECENT_MESSAGES)
        )
    ageing, disputes, decisions = part.ageing, part.disputes, part.decisions
    overdue = [ageing[k] for k in BUCKETS[1:]]
    needs = [
        Need("dispute", disputes.count, disputes.cents, "disputed"),
        Need("decision", decisions.count, decisions.cents),
        Need("call", calls.count, 0),
        Need("bounced", bounced.count, bounced.cents),
        Need("overpayment", credits.count, credits.cents),
    ]
    return Overview(
        today=today,
        any_claims=any_claims,
        open_claims=part.total.count,
        outstanding_cents=part.total.cents,
        overdue_cents=sum(t.cents for t in overdue),
        overdue_claims=sum(t.count for t in overdue),
        collected_cents=collected.cents,
        collected_payments=collected.count,
        month_start=month_start,
        dso_days=dso(part.open_principal, sales),
        sales_cents=sales,
        open_principal_cents=part.open_principal,
        ageing=tuple(Total(k, ageing[k].count, ageing[k].cents) for k in BUCKETS),
        phases=tuple(Total(k, t.count, t.cents) for k, t in part.phases.items()),
        needs=tuple(n for n in needs if n.count),
        planned=tuple(
            PlannedCount(day, action, channel, n)
            for (day, action, channel), n in sorted(
                part.planned.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")
            )
        ),
        tomorrow=today + timedelta(days=1),
    )
