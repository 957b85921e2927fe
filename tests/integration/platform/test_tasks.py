"""The task queue runs registered tasks with the container (immediate backend here)."""

from __future__ import annotations

from vorder import worker
from vorder.app import tenancy
from vorder.app.records import OutboxMessage
from vorder.core.access import TenantKind


class Sink:
    def __init__(self):
        self.keys = []

    def deliver(self, *, idempotency_key, payload):
        self.keys.append((idempotency_key, payload["to"]))
        return {}


def test_outbox_task_runs_through_the_queue_and_the_periodic_tick(container):
    assert "outbox.deliver" in worker.PERIODIC
    tenant = tenancy.create_tenant(
        container.uow,
        slug="a",
        kind=TenantKind.CREDITOR,
        name="A",
        provider_slug=None,
        actor="t",
        now=container.clock.now(),
    )
    sink = Sink()
    container.deliverers["email"] = sink
    with container.uow(tenant_id=tenant.id) as uow:
        uow.outbox.add(OutboxMessage("email", "k1", {"to": "a@b.nl"}), now=container.clock.now())
        uow.commit()
    container.queue.enqueue("outbox.deliver")
    assert sink.keys == [("k1", "a@b.nl")]
    with container.uow(tenant_id=tenant.id) as uow:
        uow.outbox.add(OutboxMessage("email", "k2", {"to": "c@d.nl"}), now=container.clock.now())
        uow.commit()
    container.queue.tick()
    assert sink.keys == [("k1", "a@b.nl"), ("k2", "c@d.nl")]
