"""The strategy runner: ``run_due`` sweeps the claims whose wake-up moment has passed.

Per tenant with due claims, batch by batch: lock up to ``batch`` debtors with due claims
(PostgreSQL: ``FOR UPDATE SKIP LOCKED``, so concurrent workers split the work; SQLite: the
write lock), load their due claims, and decide, execute and write them in ONE transaction
(:mod:`.batch`). The wake-up index is the ledger's ``claims.next_wake_at``; business timers
live there, never in the task queue, so a lost task only delays work until the next sweep.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from vorder.app.collection.batch import Services, process_batch
from vorder.app.collection.claims import ACTOR
from vorder.app.collection.ports import DefaultStrategies, MessageRenderer
from vorder.app.collection.records import RunReport
from vorder.app.collection.strategies import StrategyCache, cuow, ensure_defaults
from vorder.app.ports import TaskQueue, UnitOfWork, UnitOfWorkFactory
from vorder.core.law import StatutoryRates

BATCH = 500
RUN_TASK = "collection.run"


class BatchHook(Protocol):
    def __call__(self, report: RunReport) -> None: ...


@dataclass(frozen=True, slots=True)
class CollectionServices:
    """The adapters the runner uses, wired by the entry point."""

    renderer: MessageRenderer
    rates: StatutoryRates
    defaults: DefaultStrategies


def _creditor_name(uow: UnitOfWork, tenant_id: int) -> str:
    tenant = uow.tenants.by_id(tenant_id)
    return tenant.name if tenant is not None else ""


def run_due(
    uow_factory: UnitOfWorkFactory,
    services: CollectionServices,
    *,
    now: datetime,
    batch: int = BATCH,
    max_batches: int | None = None,
    tenant_ids: Sequence[int] | None = None,
    after_batch: BatchHook | None = None,
) -> RunReport:
    """Process every claim due at ``now`` (aware), batch by batch; see the module docstring.

    ``tenant_ids`` limits the sweep (the simulation runs one tenant); ``max_batches`` bounds
    the work of one call (a periodic task may leave the rest to the next call).
    """
    report = RunReport()
    cache = StrategyCache()
    if tenant_ids is None:
        with uow_factory(system=True) as base:
            tenant_ids = cuow(base).collection.due_tenants(now=now, limit=10_000)
    for tenant_id in tenant_ids:
        installed = False
        while max_batches is None or report.batches < max_batches:
            with uow_factory(tenant_id=tenant_id) as base:
                uow = cuow(base)
                debtors = uow.collection.lock_due_debtors(now=now, limit=batch)
                if not debtors:
                    break
                if not installed:  # the shipped strategies, on first use
                    if not uow.strategies.latest_all():
                        ensure_defaults(uow, services.defaults, actor_ref=ACTOR, now=now)
                    installed = True
                loaded = uow.collection.load_batch(debtors, now=now)
                process_batch(
                    uow,
                    loaded,
                    Services(
                        services.renderer,
                        services.rates,
                        cache,
                        _creditor_name(uow, tenant_id),
                    ),
                    report,
                    now=now,
                )
                uow.commit()
            report.batches += 1
            if after_batch is not None:
                after_batch(report)
    return report


def wake_now(uow: UnitOfWork, queue: TaskQueue | None) -> None:
    """After commit, ask a worker to run the sweep (the claim's wake-up is already ``now``)."""
    if queue is not None:
        uow.after_commit(lambda: queue.enqueue(RUN_TASK))
