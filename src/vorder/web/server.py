"""Serving: uvicorn in the foreground, optionally with an in-process Huey consumer."""

from __future__ import annotations

import logging

import uvicorn

from vorder.bootstrap import Container
from vorder.web.app import create_app

log = logging.getLogger("vorder.web")


def serve(container: Container, *, host: str, port: int, worker: bool = True) -> None:
    """Run the web server until it is stopped (Ctrl-C / SIGTERM).

    With ``worker`` the task consumer runs in this process (two threads): the embedded set-up
    of ``vorder serve``. It starts before the web server and stops after it.
    """
    app = create_app(container)
    consumer = None
    if worker and container.settings.task_backend != "immediate":
        consumer = container.queue.huey.create_consumer(workers=2, worker_type="thread")
        consumer.start()
        log.info("in-process worker started (2 threads)")
    try:
        config = uvicorn.Config(
            app,
            host=host,
            port=port,
            log_level=container.settings.log_level,
            proxy_headers=False,
            server_header=False,
        )
        uvicorn.Server(config).run()
    finally:
        if consumer is not None:
            consumer.stop(graceful=True)
            log.info("in-process worker stopped")
