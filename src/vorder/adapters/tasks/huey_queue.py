"""Huey behind the TaskQueue port.

Tasks are registered by name in :data:`TASKS` (plain functions taking the container and
keyword arguments; see ``vorder.worker``); the queue carries only the name and the
arguments. :data:`PERIODIC` names tasks that run every minute (sweeps). Business timers never
live in the queue: a lost message is found again by the next sweep.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey, crontab

TASKS: dict[str, Callable[..., Any]] = {}
PERIODIC: list[str] = []

log = logging.getLogger("vorder.tasks")


def make_huey(backend: str, *, data_dir: Path, redis_url: str, database_url: str) -> Huey:
    if backend == "immediate":
        return MemoryHuey("vorder", immediate=True)
    if backend == "sqlite":
        data_dir.mkdir(parents=True, exist_ok=True)
        return SqliteHuey("vorder", filename=str(data_dir / "tasks.db"))
    if backend == "redis":
        return RedisHuey("vorder", url=redis_url)
    if backend == "postgres":
        from huey.contrib.sql_huey import SqlHuey  # needs peewee; see docs/operations.md

        return SqlHuey("vorder", database=database_url)
    raise ValueError(f"unknown task backend {backend}")


class HueyTaskQueue:
    def __init__(self, huey: Huey, runner: Callable[[str, dict[str, Any]], Any]) -> None:
        self.huey = huey

        @huey.task(name="vorder.run")  # type: ignore[untyped-decorator]
        def run(task: str, kwargs: dict[str, Any]) -> Any:
            return runner(task, kwargs)

        @huey.periodic_task(crontab(minute="*"), name="vorder.tick")  # type: ignore[untyped-decorator]
        def tick() -> None:
            for name in PERIODIC:
                try:
                    runner(name, {})
                except Exception:  # one failing sweep must not stop the others
                    log.exception("periodic task %s failed", name)

        self._run = run
        self.tick = tick

    def enqueue(self, task: str, **kwargs: Any) -> None:
        if task not in TASKS:
            raise KeyError(f"unknown task {task}")
        self._run(task, kwargs)
