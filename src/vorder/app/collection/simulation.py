"""The simulation clock: a tenant's portfolio moved forward day by day, in seconds.

Each simulated day the runner is called at every wake-up moment of the day (messages go to
the deliverers given — the local sink), and at 12:00 the simulated debtors act on what they
received, through the real use cases (record a payment, register a promise or a dispute) —
after which the woken claims are decided the same afternoon. Behaviour per debtor
(:class:`~vorder.core.demo.PaymentBehaviour`) is given, or derived from the seed and the
debtor (the demo creditors' mix of consumer and business behaviour):

* on time — pays everything on the due date (or the first day, when already overdue);
* late — 2 to 6 days after the first message after the due date pays in full, or promises
  a date a week later and pays then;
* partial — after the second message pays half, after the next message the rest;
* disputing — disputes 2 days after the first message; the creditor resolves it 14 days
  later; pays in full 3 days after the next message;
* never paying — ignores everything.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_DOWN, Decimal

from vorder.app.collection import actions
from vorder.app.collection.delivery import deliver_messages
from vorder.app.collection.ports import CollectionUnitOfWork
from vorder.app.collection.records import MessageRow, RunReport
from vorder.app.collection.runner import CollectionServices, run_due
from vorder.app.collection.state import AMSTERDAM
from vorder.app.collection.strategies import cuow
from vorder.app.ledger.accounts import statement_for
from vorder.app.ledger.payments import PaymentInput, record_payment
from vorder.app.outbox import Deliverer
from vorder.app.ports import UnitOfWorkFactory
from vorder.app.records import Actor
from vorder.core.demo import BAKERY, PaymentBehaviour
from vorder.core.errors import DomainError

NOON = time(12, 0)
ONE_DAY = timedelta(days=1)
RESOLVE_AFTER = 14


def moment(day: date, at: time = NOON) -> datetime:
    """An Amsterdam wall-clock moment of ``day`` as aware UTC."""
    return datetime.combine(day, at, tzinfo=AMSTERDAM).astimezone(UTC)


def derived_behaviour(seed: int, debtor_id: int, kind: str) -> PaymentBehaviour:
    """A debtor's behaviour from the seed (the demo creditors' weights per debtor kind)."""
    weights = BAKERY.business_behaviour if kind == "business" else BAKERY.consumer_behaviour
    digest = hashlib.sha256(f"vorder-sim:{seed}:{debtor_id}".encode()).digest()
    rng = random.Random(int.from_bytes(digest[:8], "big"))
    return rng.choices([b for b, _ in weights], [w for _, w in weights])[0]


@dataclass(frozen=True, slots=True)
class Planned:
    """A debtor's action on a day: pay (a fraction of everything open), promise, dispute,
    or the creditor resolving the dispute."""

    kind: str  # pay | promise | dispute | resolve
    debtor_id: int
    claim_ids: tuple[int, ...]
    fraction: Decimal = Decimal(1)
    promise: date | None = None


@dataclass(slots=True)
class SimulationReport:
    start: date
    until: date
    days: int = 0
    runs: int = 0
    messages: Counter[str] = field(default_factory=Counter)  # template -> count
    payments: int = 0
    paid: Decimal = Decimal("0.00")
    promises: int = 0
    disputes: int = 0
    resolved: int = 0
    costs_charged: int = 0
    refused: int = 0  # debtor actions the use cases refused (e.g. a claim already closed)
    log: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Debtor:
    behaviour: PaymentBehaviour
    received: int = 0  # messages after the due date
    stage: int = 0  # behaviour-specific progress
    disputed: bool = False


class Simulation:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        services: CollectionServices,
        deliverers: Mapping[str, Deliverer],
        *,
        actor: Actor,
        seed: int,
        behaviours: Mapping[int, PaymentBehaviour] | None,
        report: SimulationReport,
    ) -> None:
        self.uow_factory = uow_factory
        self.services = services
        self.deliverers = deliverers
        self.actor = actor
        self.seed = seed
        self.behaviours = dict(behaviours or {})
        self.report = report
        self.debtors: dict[int, _Debtor] = {}
        self.plans: dict[date, list[Planned]] = defaultdict(list)
        self.last_message = 0
        self.on_time_done: set[int] = set()

    # ------------------------------------------------------------------ the clock

    def run_until(self, end: datetime, cursor: datetime) -> datetime:
        """Run the sweep at every wake-up moment before ``end``; returns the last moment."""
        tenant = self.actor.tenant_id
        while True:
            with self.uow_factory(tenant_id=tenant) as base:
                nxt = cuow(base).collection.next_wake(before=end)
            if nxt is None:
                return cursor
            cursor = max(cursor, nxt)
            done = run_due(self.uow_factory, self.services, now=cursor, tenant_ids=[tenant])
            self._count(done)
            while True:
                sent = deliver_messages(self.uow_factory, self.deliverers, now=cursor, batch=500)
                if sent.delivered + sent.retried + sent.failed == 0:
                    break

    def _count(self, done: RunReport) -> None:
        self.report.runs += 1
        self.report.costs_charged += done.costs_charged

    # ------------------------------------------------------------------ the debtors

    def _debtor(self, uow: CollectionUnitOfWork, debtor_id: int) -> _Debtor:
        known = self.debtors.get(debtor_id)
        if known is None:
            behaviour = self.behaviours.get(debtor_id)
            if behaviour is None:
                kinds = uow.debtors.kinds([debtor_id])
                behaviour = derived_behaviour(self.seed, debtor_id, kinds.get(debtor_id, ""))
            known = self.debtors[debtor_id] = _Debtor(behaviour)
        return known

    def _open_claims(self, uow: CollectionUnitOfWork, debtor_id: int) -> tuple[int, ...]:
        return tuple(c.id for c in uow.claims.for_debtor(debtor_id, open_only=True))

    def read_messages(self, day: date) -> None:
        """Plan the debtors' reactions to the messages they received (by ``day``)."""
        with self.uow_factory(tenant_id=self.actor.tenant_id) as base:
            uow = cuow(base)
            while True:
                rows = uow.collection.messages_after(self.last_message, limit=1000)
                if not rows:
                    break
                for row in rows:
                    self.last_message = row.id
                    self.report.messages[row.template or row.kind] += 1
                    if row.kind != "call_task":
                        self._react(uow, row)

    def _react(self, uow: CollectionUnitOfWork, row: MessageRow) -> None:
        debtor = self._debtor(uow, row.debtor_id)
        if row.template and row.template.startswith("herinnering-vooraf"):
            return  # before the due date: nobody reacts to that one
        debtor.received += 1
        claims = self._open_claims(uow, row.debtor_id)
        if not claims:
            return
        rng = random.Random(f"{self.seed}:{row.debtor_id}:{row.id}")
        sent = row.sent_on
        b = debtor.behaviour
        plan = self.plans
        if b is PaymentBehaviour.LATE and debtor.stage == 0:
            debtor.stage = 1
            if rng.random() < 0.5:
                promised = sent + timedelta(days=8)
                plan[sent + ONE_DAY].append(
                    Planned("promise", row.debtor_id, claims, promise=promised)
                )
                plan[promised].append(Planned("pay", row.debtor_id, claims))
            else:
                plan[sent + timedelta(days=rng.randint(2, 6))].append(
                    Planned("pay", row.debtor_id, claims)
                )
        elif b is PaymentBehaviour.PARTIAL and debtor.received >= 2 and debtor.stage < 2:
            fraction = Decimal("0.5") if debtor.stage == 0 else Decimal(1)
            debtor.stage += 1
            plan[sent + timedelta(days=3)].append(
                Planned("pay", row.debtor_id, claims, fraction=fraction)
            )
        elif b is PaymentBehaviour.DISPUTING:
            if debtor.stage == 0:
                debtor.stage = 1
                disputed = sent + timedelta(days=2)
                plan[disputed].append(Planned("dispute", row.debtor_id, claims))
                plan[disputed + timedelta(days=RESOLVE_AFTER)].append(
                    Planned("resolve", row.debtor_id, claims)
                )
            elif debtor.stage == 2:
                debtor.stage = 3
                plan[sent + timedelta(days=3)].append(Planned("pay", row.debtor_id, claims))

    def plan_on_time(self, day: date) -> None:
        """On-time payers pay every claim on its due date (at once when already overdue)."""
        with self.uow_factory(tenant_id=self.actor.tenant_id) as base:
            uow = cuow(base)
            rows = uow.claims.search(
                q=None,
                debtor_id=None,
                status="open",
                phase=None,
                kind=None,
                sort="due_date",
                limit=100_000,
                offset=0,
            )
            for claim in rows:
                if claim.id in self.on_time_done or claim.oldest_due_date > day:
                    continue
                debtor = self._debtor(uow, claim.debtor_id)
                if debtor.behaviour is PaymentBehaviour.ON_TIME:
                    self.on_time_done.add(claim.id)
                    self.plans[day].append(Planned("pay", claim.debtor_id, (claim.id,)))

    def act(self, day: date) -> None:
        now = moment(day)
        for planned in self.plans.pop(day, []):
            try:
                self._do(planned, day, now)
            except DomainError as exc:
                self.report.refused += 1
                self.report.log.append(f"{day.isoformat()} {planned.kind} refused: {exc.message}")

    def _do(self, planned: Planned, day: date, now: datetime) -> None:
        f = self.uow_factory
        for claim_id in planned.claim_ids:
            if planned.kind == "pay":
                amount = self._due(claim_id, day, planned.fraction)
                if amount <= 0:
                    continue
                entry = PaymentInput(amount=amount, paid_on=day, claim_id=claim_id, source="demo")
                record_payment(f, actor=self.actor, entry=entry, rates=self.services.rates, now=now)
                self.report.payments += 1
                self.report.paid += amount
            elif planned.kind == "promise":
                assert planned.promise is not None
                actions.register_promise(
                    f,
                    actor=self.actor,
                    claim_id=claim_id,
                    promise_date=planned.promise,
                    now=now,
                    defaults=self.services.defaults,
                )
                self.report.promises += 1
            elif planned.kind == "dispute":
                actions.register_dispute(
                    f,
                    actor=self.actor,
                    claim_id=claim_id,
                    reason="Ik heb dit niet besteld",
                    now=now,
                    defaults=self.services.defaults,
                )
                self.report.disputes += 1
            elif planned.kind == "resolve":
                actions.resolve_dispute(
                    f, actor=self.actor, claim_id=claim_id, note="akkoord na uitleg", now=now
                )
                self.report.resolved += 1
        if planned.kind == "resolve":
            self.debtors[planned.debtor_id].stage = 2

    def _due(self, claim_id: int, day: date, fraction: Decimal) -> Decimal:
        """What the debtor pays: the claim's total on ``day`` (or whole euros of a part)."""
        with self.uow_factory(tenant_id=self.actor.tenant_id) as base:
            books = cuow(base).collection.books([claim_id])
        book = books.get(claim_id)
        if book is None or book.claim.status in ("closed", "written_off"):
            return Decimal("0.00")
        total = statement_for(book, on=day, rates=self.services.rates).total_outstanding
        if fraction >= 1:
            return total
        return (
            (total * fraction).quantize(Decimal(1), rounding=ROUND_DOWN).quantize(Decimal("0.01"))
        )


def simulate(
    uow_factory: UnitOfWorkFactory,
    services: CollectionServices,
    deliverers: Mapping[str, Deliverer],
    *,
    actor: Actor,
    start: date,
    until: date,
    seed: int = 1,
    behaviours: Mapping[int, PaymentBehaviour] | None = None,
    on_day: Callable[[date, SimulationReport], None] | None = None,
) -> SimulationReport:
    """Move the tenant's portfolio from ``start`` to ``until`` (inclusive), day by day."""
    report = SimulationReport(start, until)
    sim = Simulation(
        uow_factory,
        services,
        deliverers,
        actor=actor,
        seed=seed,
        behaviours=behaviours,
        report=report,
    )
    cursor = moment(start, time(0, 0))
    day = start
    while day <= until:
        cursor = sim.run_until(moment(day), cursor)
        sim.read_messages(day)
        sim.plan_on_time(day)
        cursor = max(cursor, moment(day))
        sim.act(day)
        cursor = sim.run_until(moment(day + ONE_DAY, time(0, 0)), cursor)
        report.days += 1
        if on_day is not None:
            on_day(day, report)
        day += ONE_DAY
    sim.read_messages(until)
    return report
