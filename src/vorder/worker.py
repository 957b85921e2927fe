"""Task entry points: each task makes one application call with the container's adapters.

Importing this module registers the tasks with the task queue adapter.
"""

from __future__ import annotations

from typing import Any

from vorder.adapters.tasks.huey_queue import PERIODIC, TASKS
from vorder.app.outbox import DeliveryReport, deliver_due
from vorder.bootstrap import Container


def deliver_outbox(container: Container, *, batch: int = 200) -> DeliveryReport:
    """Deliver due outbox rows of every tenant (periodic, and on demand after a commit)."""
    return deliver_due(container.uow, container.deliverers, now=container.clock.now(), batch=batch)


def register(tasks: dict[str, Any] = TASKS, periodic: list[str] = PERIODIC) -> None:
    tasks["outbox.deliver"] = deliver_outbox
    if "outbox.deliver" not in periodic:
        periodic.append("outbox.deliver")


register()
