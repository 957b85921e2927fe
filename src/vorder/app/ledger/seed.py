"""Use case: seed a believable demo portfolio into a creditor (``make demo``, ux.md).

The invoices come from the intake helper's deterministic generator (:mod:`vorder.core.demo`)
and go through the same writer as every import. Then each new claim's story is played out
from its debtor's payment behaviour, through the ordinary use cases, as of ``now``:

* on time — paid on or just before the due date (closed);
* late — paid weeks after the due date if that day has come (else still open, a reminder);
* partial — a part paid after a 14-day letter (consumers) / after the costs (businesses);
* disputing — the claim is disputed and waits;
* never paying — 14-day letter and collection costs, then on to the judicial phase, the
  oldest to execution and debt monitoring.

Claims are spread over the phases by how long they are overdue. Seeding twice adds nothing
(documents already present are skipped and only new claims are played out).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from vorder.app import tenancy
from vorder.app.ledger import claim_terms, claims, payments
from vorder.app.ledger.debtors import ledger
from vorder.app.ledger.intake import check_against_ledger, prepare_all
from vorder.app.ledger.payments import PaymentInput
from vorder.app.ledger.writer import write
from vorder.app.ports import UnitOfWorkFactory
from vorder.app.records import Actor
from vorder.core.access import Role
from vorder.core.demo import CREDITORS, DemoCreditor, PaymentBehaviour, generate_claims
from vorder.core.errors import DomainError
from vorder.core.law import StatutoryRates
from vorder.core.money import from_cents, round_cents

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DEFAULT_COUNT = 150
Behaviour = PaymentBehaviour


@dataclass(slots=True)
class SeedReport:
    invoices_created: int = 0
    claims_opened: int = 0
    debtors_created: int = 0
    already_present: int = 0
    payments: int = 0
    letters: int = 0
    costs_charged: int = 0
    phases: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)


def _phase(days_overdue: int, behaviour: Behaviour, rng: random.Random) -> str:
    if days_overdue < 21 or behaviour is Behaviour.ON_TIME:
        return "in_house"
    if days_overdue < 75 or behaviour is not Behaviour.NEVER_PAYING:
        return "amicable"
    if days_overdue < 200:
        return "judicial"
    return rng.choice(("execution", "monitoring"))


def seed_portfolio(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    creditor: DemoCreditor,
    count: int,
    seed: int,
    rates: StatutoryRates,
    now: datetime,
) -> SeedReport:
    """Seed ``count`` demo invoices of ``creditor`` into the actor's organisation."""
    today = now.astimezone(AMSTERDAM).date()
    generated = list(generate_claims(creditor, seed=seed, count=count, today=today))
    behaviour = {g.record.debtor.external_number: g.behaviour for g in generated}
    docs = prepare_all([g.record for g in generated], source="demo")
    report = SeedReport()
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = ledger(base)
        checked = check_against_ledger(uow, docs)
        new = [d for i, d in enumerate(docs) if i not in checked.already_present]
        report.already_present = len(checked.already_present)
        written = write(uow, new, actor=actor, rates=rates, now=now) if new else None
        uow.commit()
    if written is None:
        return report
    report.invoices_created = len(written.invoices)
    report.claims_opened = len(written.claims_opened)
    report.debtors_created = written.debtors_created
    for claim_id in written.claims_opened:
        _play(uow_factory, actor, claim_id, behaviour, seed, rates, now, today, report)
    return report


def _play(
    uow_factory: UnitOfWorkFactory,
    actor: Actor,
    claim_id: int,
    behaviours: dict[str | None, Behaviour],
    seed: int,
    rates: StatutoryRates,
    now: datetime,
    today: date,
    report: SeedReport,
) -> None:
    """Play out one claim's story (see the module docstring)."""
    claim = claims.get_claim(uow_factory, actor=actor, claim_id=claim_id)
    rows = claims.claim_invoices(uow_factory, actor=actor, claim_id=claim_id)
    with uow_factory(tenant_id=actor.tenant_id) as base:
        debtor = ledger(base).debtors.get(claim.debtor_id)
    number = debtor.data.external_number if debtor else None
    behaviour = behaviours.get(number, Behaviour.LATE)
    rng = random.Random(f"vorder-seed:{seed}:{number}")
    due = claim.oldest_due_date
    overdue = (today - due).days
    consumer = claim.kind == "consumer"

    def pay(on: date, cents: int) -> None:
        if on > today or cents <= 0:
            return
        payments.record_payment(
            uow_factory,
            actor=actor,
            entry=PaymentInput(
                amount=from_cents(cents), paid_on=on, claim_id=claim_id, source="demo"
            ),
            rates=rates,
            now=now,
        )
        report.payments += 1

    def escalate() -> bool:
        """14-day letter (consumer) and collection costs; False when not (yet) possible."""
        try:
            if consumer:
                claims.record_letter_sent(
                    uow_factory,
                    actor=actor,
                    claim_id=claim_id,
                    on=due + timedelta(days=21),
                    channel=rng.choice(("post", "email")),
                    rates=rates,
                    now=now,
                )
                report.letters += 1
            claims.charge_collection_costs(
                uow_factory,
                actor=actor,
                claim_id=claim_id,
                on=due + timedelta(days=45 if consumer else 30),
                rates=rates,
                now=now,
            )
            report.costs_charged += 1
            return True
        except DomainError:
            return False

    total = sum(r.amount_due_cents for r in rows if r.document_type == "invoice")
    if behaviour is Behaviour.ON_TIME:
        for row in rows:
            pay(row.due_date - timedelta(days=rng.randint(0, 6)), row.amount_due_cents)
    elif behaviour is Behaviour.LATE:
        for row in rows:
            pay(row.due_date + timedelta(days=rng.randint(8, 70)), row.amount_due_cents)
    elif overdue > 60:
        escalated = escalate()
        if behaviour is Behaviour.PARTIAL and escalated:
            part = int(round_cents(Decimal(total) * Decimal(rng.uniform(0.2, 0.6))))
            pay(due + timedelta(days=rng.randint(50, 90)), part)
    changes: dict[str, str] = {}
    current = claims.get_claim(uow_factory, actor=actor, claim_id=claim_id)
    if current.status == "open":
        changes["phase"] = _phase(overdue, behaviour, rng)
        if behaviour is Behaviour.DISPUTING and overdue > 30:
            changes["status"] = "disputed"
    if changes:
        claim_terms.update_claim(
            uow_factory, actor=actor, claim_id=claim_id, changes=changes, rates=rates, now=now
        )
    final = claims.get_claim(uow_factory, actor=actor, claim_id=claim_id)
    report.phases[final.phase] = report.phases.get(final.phase, 0) + 1
    report.statuses[final.status] = report.statuses.get(final.status, 0) + 1


def demo_creditors() -> Sequence[tuple[str, str]]:
    """The demo organisations (app/demo.py) and the generator's creditor for each."""
    return (
        ("korenschoof", "bakery"),
        ("vandam-installatie", "installer"),
        ("maasoever", "housing"),
    )


class NotADemoCreditor(DomainError):
    code = "not_a_demo_creditor"


def seed_demo_creditor(
    uow_factory: UnitOfWorkFactory,
    *,
    tenant_slug: str,
    creditor_key: str,
    count: int,
    seed: int,
    rates: StatutoryRates,
    now: datetime,
) -> SeedReport:
    """Seed a demo organisation (created by ``vorder demo load``) as the platform does."""
    creditor = CREDITORS.get(creditor_key)
    if creditor is None:
        raise NotADemoCreditor(f"no demo creditor '{creditor_key}'", field="creditor")
    tenant = tenancy.tenant_by_slug(uow_factory, tenant_slug)
    actor = Actor("system", 0, "demo", tenant.id, Role.OWNER)
    return seed_portfolio(
        uow_factory, actor=actor, creditor=creditor, count=count, seed=seed, rates=rates, now=now
    )
