"""The outbox: idempotent queueing, delivery, retries with back-off, results as events."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from vorder.adapters.db import tables as t
from vorder.app import tenancy
from vorder.app.outbox import PermanentFailure, backoff, deliver_due
from vorder.app.records import OutboxMessage
from vorder.core.access import TenantKind


class RecordingDeliverer:
    """Stands in for a provider at the edge of the network; fails the first ``fail`` calls."""

    def __init__(self, fail: int = 0, permanent: bool = False) -> None:
        self.calls: list[str] = []
        self.fail = fail
        self.permanent = permanent

    def deliver(self, *, idempotency_key, payload):
        self.calls.append(idempotency_key)
        if self.permanent:
            raise PermanentFailure("address does not exist")
        if self.fail:
            self.fail -= 1
            raise ConnectionError("provider down")
        return {"provider_id": f"p-{idempotency_key}"}


def _tenant(container, slug="a"):
    return tenancy.create_tenant(
        container.uow,
        slug=slug,
        kind=TenantKind.CREDITOR,
        name=slug,
        provider_slug=None,
        actor="t",
        now=container.clock.now(),
    )


def _queue(container, tenant_id, key):
    now = container.clock.now()
    with container.uow(tenant_id=tenant_id) as uow:
        added = uow.outbox.add(OutboxMessage("email", key, {"to": "x@y.nl"}), now=now)
        uow.commit()
    return added


def _rows(container, tenant_id):
    with container.uow(tenant_id=tenant_id) as uow:
        return [
            (r.idempotency_key, r.status, r.attempts)
            for r in uow.session.scalars(sa.select(t.OutboxRow).order_by(t.OutboxRow.id))
        ]


def test_same_key_is_queued_once(container):
    a = _tenant(container)
    assert _queue(container, a.id, "claim-1:step-1") is True
    assert _queue(container, a.id, "claim-1:step-1") is False
    assert _rows(container, a.id) == [("claim-1:step-1", "pending", 0)]


def test_delivery_marks_rows_and_records_events(container):
    a, b = _tenant(container, "a"), _tenant(container, "b")
    _queue(container, a.id, "k1")
    _queue(container, b.id, "k2")
    deliverer = RecordingDeliverer()
    report = deliver_due(container.uow, {"email": deliverer}, now=container.clock.now())
    assert (report.delivered, report.retried, report.failed) == (2, 0, 0)
    assert sorted(deliverer.calls) == ["k1", "k2"]
    assert _rows(container, a.id) == [("k1", "delivered", 1)]
    with container.uow(tenant_id=a.id) as uow:
        events = uow.events.for_subject("outbox", 1)
    assert [(e.type, e.payload["provider_id"]) for e in events] == [("OutboxDelivered", "p-k1")]
    # A second run delivers nothing again.
    again = deliver_due(container.uow, {"email": deliverer}, now=container.clock.now())
    assert (again.delivered, len(deliverer.calls)) == (0, 2)


def test_transient_failure_is_retried_after_backoff(container):
    a = _tenant(container)
    _queue(container, a.id, "k1")
    deliverer = RecordingDeliverer(fail=1)
    now = container.clock.now()
    first = deliver_due(container.uow, {"email": deliverer}, now=now)
    assert (first.delivered, first.retried) == (0, 1)
    assert _rows(container, a.id) == [("k1", "pending", 1)]
    too_early = deliver_due(container.uow, {"email": deliverer}, now=now + timedelta(seconds=29))
    assert too_early.delivered == 0 and deliverer.calls == ["k1"]
    later = deliver_due(container.uow, {"email": deliverer}, now=now + timedelta(seconds=30))
    assert later.delivered == 1 and deliverer.calls == ["k1", "k1"]
    assert _rows(container, a.id) == [("k1", "delivered", 2)]


def test_permanent_failure_stops_at_once(container):
    a = _tenant(container)
    _queue(container, a.id, "k1")
    report = deliver_due(
        container.uow, {"email": RecordingDeliverer(permanent=True)}, now=container.clock.now()
    )
    assert report.failed == 1
    assert _rows(container, a.id) == [("k1", "failed", 1)]


def test_backoff_doubles_and_is_capped():
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff(40) == timedelta(hours=6)
