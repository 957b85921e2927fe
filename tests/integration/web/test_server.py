"""``vorder.web.server.serve``: uvicorn in the foreground, the in-process worker around it."""

from __future__ import annotations

import uvicorn

from vorder.web import server


def test_serve_starts_the_worker_before_uvicorn_and_stops_it_after(
    container, monkeypatch, tmp_path
):
    container.settings = container.settings.model_copy(
        update={"task_backend": "sqlite", "data_dir": tmp_path}
    )
    order: list[str] = []
    consumer = container.queue.huey.create_consumer(workers=2, worker_type="thread")
    real_start, real_stop = consumer.start, consumer.stop

    def start():
        order.append("worker started")
        real_start()

    def stop(graceful=False):
        order.append(f"worker stopped (graceful={graceful})")
        real_stop(graceful=graceful)

    consumer.start, consumer.stop = start, stop
    made = {}

    def create_consumer(**kw):
        made.update(kw)
        return consumer

    monkeypatch.setattr(container.queue.huey, "create_consumer", create_consumer)

    def run(self):
        order.append(f"uvicorn on {self.config.host}:{self.config.port}")

    monkeypatch.setattr(uvicorn.Server, "run", run)
    server.serve(container, host="127.0.0.1", port=8765)
    assert made == {"workers": 2, "worker_type": "thread"}
    assert order == [
        "worker started",
        "uvicorn on 127.0.0.1:8765",
        "worker stopped (graceful=True)",
    ]


def test_serve_without_worker_runs_only_uvicorn(container, monkeypatch):
    order: list[str] = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self: order.append("uvicorn"))
    server.serve(container, host="127.0.0.1", port=8766, worker=False)
    assert order == ["uvicorn"]
