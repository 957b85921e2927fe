"""Huey behind the TaskQueue port.

Tasks are registered by name in :data:`TASKS` (plain functions taking keyword arguments and
the container); the queue carries only the name and the arguments. Business timers never
live in the queue: a lost message is found again by the next sweep.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey

TASKS: dict[str, Callable[..., Any]] = {}


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

        self._run = run

    def enqueue(self, task: str, **kwargs: Any) -> None:
        if task not in TASKS:
            raise KeyError(f"unknown task {task}")
        self._run(task, kwargs)
