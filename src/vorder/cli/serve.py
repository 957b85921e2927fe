"""Running the platform: the web server with an in-process worker, or a worker alone."""

from __future__ import annotations

import click

import vorder.worker  # noqa: F401 - registers the tasks
from vorder.cli._common import fail
from vorder.cli._context import container


@click.command()
@click.option("--host", default=None, help="Defaults to VORDER_HOST (127.0.0.1).")
@click.option("--port", type=int, default=None, help="Defaults to VORDER_PORT (8000).")
@click.option("--no-worker", is_flag=True, help="Do not run the in-process worker.")
def serve(host: str | None, port: int | None, no_worker: bool) -> None:
    """Run the web server (and, by default, an in-process worker)."""
    c = container(check_secrets=True)
    from vorder.web.server import serve as run

    run(c, host=host or c.settings.host, port=port or c.settings.port, worker=not no_worker)


@click.command()
@click.option("--workers", type=int, default=2, show_default=True, help="Threads per process.")
def worker(workers: int) -> None:
    """Run a task worker (Huey consumer) for VORDER_TASK_BACKEND redis or postgres."""
    c = container(check_secrets=True)
    if c.settings.task_backend in ("immediate",):
        fail("VORDER_TASK_BACKEND=immediate has no queue to consume")
    consumer = c.queue.huey.create_consumer(workers=workers, worker_type="thread")
    consumer.run()


COMMANDS = [serve, worker]
