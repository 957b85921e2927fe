"""Recording access to debtors' personal data (AVG/GDPR): who, when, what, and why."""

from __future__ import annotations

from datetime import datetime

from vorder.app.ports import UnitOfWork
from vorder.app.records import Actor

READ = "read"
CHANGE = "change"


def record_access(
    uow: UnitOfWork,
    *,
    actor: Actor,
    subject_type: str,
    subject_id: int,
    action: str,
    purpose: str,
    now: datetime,
) -> None:
    """Log one access inside the caller's transaction (so it commits with what it describes)."""
    if action not in (READ, CHANGE):
        raise ValueError(f"unknown access action {action!r}")
    uow.access_log.record(
        actor=actor.ref,
        actor_kind=actor.kind,
        subject_type=subject_type,
        subject_id=subject_id,
        action=action,
        purpose=purpose,
        now=now,
    )
