"""Delivering the outbox: side effects written in a transaction, carried out after it.

Each row is claimed (locked for a while), handed to the deliverer for its kind together with
its idempotency key, and then marked delivered, or rescheduled with exponential back-off, or
given up after ``max_attempts``. Every result is recorded as an event. A worker that dies
mid-delivery leaves a locked row that becomes due again when its lock expires; the deliverer
receives the same idempotency key again, so the receiving side (mail server Message-ID,
provider idempotency header) can recognise the repeat — nothing is lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from vorder.app.ports import UnitOfWorkFactory
from vorder.app.records import DueMessage, Event

LOCK = timedelta(minutes=5)
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=6)


class PermanentFailure(Exception):
    """The deliverer says retrying cannot help (bad address, rejected payload)."""


class Deliverer(Protocol):
    def deliver(self, *, idempotency_key: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Carry out the side effect; returns facts to record (e.g. a provider message id)."""
        ...


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    delivered: int = 0
    retried: int = 0
    failed: int = 0


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, ... capped at 6 hours."""
    delay: timedelta = BASE_DELAY * (2 ** max(attempts - 1, 0))
    return min(delay, MAX_DELAY)


def deliver_due(
    uow_factory: UnitOfWorkFactory,
    deliverers: Mapping[str, Deliverer],
    *,
    now: datetime,
    batch: int = 100,
    max_attempts: int = 8,
) -> DeliveryReport:
    """Deliver up to ``batch`` due outbox rows of every tenant."""
    with uow_factory(system=True) as uow:
        due: list[DueMessage] = uow.outbox_delivery.claim_due(
            now=now, limit=batch, lock_until=now + LOCK
        )
        uow.commit()
    delivered = retried = failed = 0
    for message in due:
        deliverer = deliverers.get(message.kind)
        attempts = message.attempts + 1
        outcome: dict[str, Any]
        try:
            if deliverer is None:
                raise PermanentFailure(f"no deliverer for '{message.kind}'")
            outcome = deliverer.deliver(
                idempotency_key=message.idempotency_key, payload=message.payload
            )
            status, event_type, error = "delivered", "OutboxDelivered", None
            delivered += 1
        except PermanentFailure as exc:
            outcome, status, event_type, error = {}, "failed", "OutboxFailed", str(exc)
            failed += 1
        except Exception as exc:
            outcome, error = {}, f"{type(exc).__name__}: {exc}"
            if attempts >= max_attempts:
                status, event_type = "failed", "OutboxFailed"
                failed += 1
            else:
                status, event_type = "pending", "OutboxRetryScheduled"
                retried += 1
        with uow_factory(tenant_id=message.tenant_id) as uow:
            uow.outbox_delivery.finish(
                message.id,
                status=status,
                attempts=attempts,
                error=error,
                now=now,
                next_attempt_at=now + backoff(attempts),
            )
            uow.events.append(
                Event(
                    "outbox",
                    message.id,
                    event_type,
                    {
                        "kind": message.kind,
                        "key": message.idempotency_key,
                        "attempt": attempts,
                        "error": error,
                        **outcome,
                    },
                    now,
                    "system:outbox",
                ),
                now=now,
            )
            uow.commit()
    return DeliveryReport(delivered, retried, failed)
