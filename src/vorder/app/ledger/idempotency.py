"""Use cases behind the ``Idempotency-Key`` header of every POST.

The first request with a key claims it (a short transaction of its own) and, once answered,
stores the response. A retry with the same key and the same request gets the stored response
again, nothing is done twice; the same key with another request is refused
(:class:`IdempotencyKeyReused`), as is a retry while the first is still running
(:class:`IdempotencyKeyInFlight`). An unexpected failure releases the key, so the client can
retry.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from vorder.app.ledger.debtors import ledger
from vorder.app.ledger.errors import IdempotencyKeyInFlight, IdempotencyKeyReused
from vorder.app.ports import UnitOfWorkFactory
from vorder.core.errors import DomainError

MAX_KEY = 200


class InvalidIdempotencyKey(DomainError):
    code = "invalid_idempotency_key"


@dataclass(frozen=True, slots=True)
class Replay:
    status: int
    body: str


def fingerprint(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\x00")
    return digest.hexdigest()


def begin_request(
    uow_factory: UnitOfWorkFactory, *, tenant_id: int, key: str, request: str, now: datetime
) -> Replay | None:
    """Claim ``key`` for this request (None: go ahead) or return the stored response."""
    if not 1 <= len(key) <= MAX_KEY or not key.isprintable():
        raise InvalidIdempotencyKey(
            f"the Idempotency-Key is 1 to {MAX_KEY} printable characters",
            field="Idempotency-Key",
        )
    with uow_factory(tenant_id=tenant_id) as base:
        repo = ledger(base).idempotency_keys
        if repo.begin(key, fingerprint=request, now=now):
            base.commit()
            return None
        found = repo.get(key)
    if found is None:  # pragma: no cover - released between the two reads
        raise IdempotencyKeyInFlight("a request with this key is being processed; retry")
    if found.fingerprint != request:
        raise IdempotencyKeyReused(
            "this Idempotency-Key was used for a different request; use a new key",
            field="Idempotency-Key",
        )
    if found.status != "done" or found.response_status is None:
        raise IdempotencyKeyInFlight(
            "a request with this Idempotency-Key is still being processed; retry in a moment",
            field="Idempotency-Key",
        )
    return Replay(found.response_status, found.response_body or "")


def finish_request(
    uow_factory: UnitOfWorkFactory,
    *,
    tenant_id: int,
    key: str,
    status: int,
    body: str,
    now: datetime,
) -> None:
    with uow_factory(tenant_id=tenant_id) as base:
        ledger(base).idempotency_keys.complete(key, status=status, body=body, now=now)
        base.commit()


def abandon_request(uow_factory: UnitOfWorkFactory, *, tenant_id: int, key: str) -> None:
    with uow_factory(tenant_id=tenant_id) as base:
        ledger(base).idempotency_keys.forget(key)
        base.commit()
