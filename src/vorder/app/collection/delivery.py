"""Delivering the outbox, with the results flowing back into the claims.

Like :func:`vorder.app.outbox.deliver_due` (claim due rows with a lock, deliver with the
idempotency key, mark delivered or retry with back-off or give up, record every result as an
event), plus two things the collection needs:

* **in doubt, ask first**: a row whose earlier attempt never finished (the worker died
  between handing the message over and recording it) is *looked up* at the deliverer when it
  can (``lookup(idempotency_key=...)``: the sink's call log, a provider's status by message
  id) before it is delivered again — so a crash at any moment sends nothing twice; a
  deliverer without ``lookup`` gets the same key again (SMTP: the same Message-ID);
* **feedback**: a delivered or bounced message marks its ``collection_messages`` row and
  appends ``MessageDelivered``/``MessageBounced`` to each of its claims and wakes them; the
  runner folds these into the claim's history (outcomes for ``previous_outcome``, events for
  event triggers, a bounced 14-day letter's dates cleared) on its next look.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime, timedelta
from typing import Any

from vorder.app.collection.strategies import cuow
from vorder.app.outbox import Deliverer, DeliveryReport, PermanentFailure, backoff
from vorder.app.ports import UnitOfWorkFactory
from vorder.app.records import Event

LOCK = timedelta(minutes=5)
MESSAGE_CHANNELS = ("email", "post", "sms")
ACTOR = "system:outbox"


def _deliver(deliverer: Any, key: str, payload: dict[str, Any], in_doubt: bool) -> dict[str, Any]:
    if in_doubt:
        lookup = getattr(deliverer, "lookup", None)
        if lookup is not None:
            found = lookup(idempotency_key=key)
            if found is not None:
                return {**found, "recovered": True}
    result: dict[str, Any] = deliverer.deliver(idempotency_key=key, payload=payload)
    return result


def deliver_messages(
    uow_factory: UnitOfWorkFactory,
    deliverers: Mapping[str, Deliverer],
    *,
    now: datetime,
    batch: int = 100,
    max_attempts: int = 8,
    lock: timedelta = LOCK,
    kinds: Collection[str] | None = None,
) -> DeliveryReport:
    """Deliver up to ``batch`` due outbox rows of every tenant (see the module docstring)."""
    with uow_factory(system=True) as base:
        due = cuow(base).collection.claim_outbox(now=now, limit=batch, lock=lock, kinds=kinds)
        base.commit()
    delivered = retried = failed = 0
    for message in due:
        deliverer = deliverers.get(message.kind)
        attempts = message.attempts + 1
        outcome: dict[str, Any] = {}
        bounced = False
        try:
            if deliverer is None:
                raise PermanentFailure(f"no deliverer for '{message.kind}'")
            outcome = _deliver(
                deliverer, message.idempotency_key, message.payload, message.in_doubt
            )
            status, event_type, error = "delivered", "OutboxDelivered", None
            delivered += 1
        except PermanentFailure as exc:
            status, event_type, error, bounced = "failed", "OutboxFailed", str(exc), True
            failed += 1
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            if attempts >= max_attempts:
                status, event_type = "failed", "OutboxFailed"
                failed += 1
            else:
                status, event_type = "pending", "OutboxRetryScheduled"
                retried += 1
        payload = message.payload
        claim_ids = [int(c) for c in payload.get("claim_ids", [])]
        feedback = message.kind in MESSAGE_CHANNELS and bool(claim_ids) and status != "pending"
        result = "delivered" if status == "delivered" else ("bounced" if bounced else "failed")
        events = [
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
                ACTOR,
            )
        ]
        if feedback:
            facts = {
                "key": message.idempotency_key,
                "kind": payload.get("kind"),
                "channel": message.kind,
                "step_ids": payload.get("step_ids", []),
                "sent_on": payload.get("sent_on"),
                "error": error,
            }
            kind = "MessageDelivered" if status == "delivered" else "MessageBounced"
            events += [Event("claim", c, kind, facts, now, ACTOR) for c in claim_ids]
        with uow_factory(tenant_id=message.tenant_id) as base:
            uow = cuow(base)
            uow.collection.finish_delivery(
                message.id,
                status=status,
                attempts=attempts,
                error=error,
                now=now,
                next_attempt_at=now + backoff(attempts),
                claim_ids=claim_ids if feedback else [],
                message_status=result if feedback else None,
            )
            uow.bulk_events.append_many(events, now=now)
            uow.commit()
    return DeliveryReport(delivered, retried, failed)
