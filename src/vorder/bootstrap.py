"""The composition root: wires settings and adapters to the application's ports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from vorder.adapters.clock import SystemClock
from vorder.adapters.db import registry  # noqa: F401 - registers every table and repository
from vorder.adapters.db.engine import make_engine
from vorder.adapters.db.uow import SqlUnitOfWorkFactory
from vorder.adapters.security import Argon2PasswordHasher
from vorder.adapters.tasks.huey_queue import TASKS, HueyTaskQueue, make_huey
from vorder.app.outbox import Deliverer
from vorder.app.ports import Clock, PasswordHasher
from vorder.config import Settings, load_settings


@dataclass
class Container:
    settings: Settings
    engine: sa.Engine
    uow: SqlUnitOfWorkFactory
    hasher: PasswordHasher
    clock: Clock
    deliverers: dict[str, Deliverer] = field(default_factory=dict)
    _queue: HueyTaskQueue | None = field(default=None, repr=False)

    @property
    def queue(self) -> HueyTaskQueue:
        if self._queue is None:
            s = self.settings
            huey = make_huey(
                s.task_backend,
                data_dir=s.data_dir,
                redis_url=s.redis_url,
                database_url=s.database_url,
            )
            self._queue = HueyTaskQueue(huey, self.run_task)
        return self._queue

    def run_task(self, task: str, kwargs: dict[str, Any]) -> Any:
        return TASKS[task](self, **kwargs)

    def close(self) -> None:
        self.engine.dispose()


def build(settings: Settings | None = None, *, check_secrets: bool = False) -> Container:
    settings = settings or load_settings()
    if check_secrets:
        settings.check_secrets()
    engine = make_engine(settings.database_url)
    fast_hash = settings.demo
    return Container(
        settings=settings,
        engine=engine,
        uow=SqlUnitOfWorkFactory(engine),
        hasher=Argon2PasswordHasher(fast=fast_hash),
        clock=SystemClock(),
    )
