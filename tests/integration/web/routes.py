"""Walking every HTTP route of the app, whatever router includes it.

FastAPI 0.165 keeps included routers as nodes in ``app.routes``;
``fastapi.routing.iter_route_contexts`` yields each effective route with its full path.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI


@dataclass(frozen=True)
class HttpRoute:
    path: str
    methods: frozenset[str]
    route: Any  # the original APIRoute (body field, dependant) or a Starlette route


def http_routes(app: FastAPI) -> Iterator[HttpRoute]:
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # older FastAPI: included routes are flattened into app.routes
        for r in app.routes:
            if getattr(r, "methods", None):
                yield HttpRoute(r.path, frozenset(r.methods), r)
        return
    for ctx in iter_route_contexts(app.routes):
        methods = ctx.methods
        if ctx.path and methods:
            yield HttpRoute(ctx.path, frozenset(methods), ctx.original_route)
