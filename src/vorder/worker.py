"""Task entry points: each task makes one application call with the container's adapters.

Importing this module registers the tasks with the task queue adapter.
"""

from __future__ import annotations

from typing import Any

from vorder.adapters.messages import collection_services, sink_deliverers
from vorder.adapters.tasks.huey_queue import PERIODIC, TASKS
from vorder.app.collection.delivery import deliver_messages
from vorder.app.collection.records import RunReport
from vorder.app.collection.runner import run_due
from vorder.app.outbox import DeliveryReport
from vorder.bootstrap import Container


def run_collection(container: Container, *, batch: int = 500) -> RunReport:
    """Sweep the claims whose wake-up moment has passed (periodic, and after an event)."""
    services = collection_services(container.settings.data_dir)
    return run_due(container.uow, services, now=container.clock.now(), batch=batch)


def deliver_collection(container: Container, *, batch: int = 200) -> DeliveryReport:
    """Deliver due outbox rows; results flow back into the claims (in-doubt rows looked up).
    Without configured deliverers, messages go to the local sink under data_dir/sink/."""
    deliverers = container.deliverers or sink_deliverers(container.settings.data_dir)
    return deliver_messages(container.uow, deliverers, now=container.clock.now(), batch=batch)


def register(tasks: dict[str, Any] = TASKS, periodic: list[str] = PERIODIC) -> None:
    tasks["collection.run"] = run_collection
    tasks["outbox.deliver"] = deliver_collection
    if "outbox.deliver" not in periodic:
        periodic.append("outbox.deliver")
    if "collection.run" not in periodic:
        periodic.insert(0, "collection.run")


register()
