"""``/healthz``: the process answers and the database answers one query."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from vorder.web.api.schemas import HealthOut
from vorder.web.deps import container_of

log = logging.getLogger("vorder.web")
router = APIRouter(tags=["health"])


@router.get(
    "/healthz",
    response_model=HealthOut,
    summary="Liveness and database check",
    responses={503: {"model": HealthOut, "description": "The database does not answer"}},
)
def healthz(request: Request) -> JSONResponse:
    try:
        with container_of(request).engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception:
        log.exception("health check: the database does not answer")
        return JSONResponse({"status": "error", "database": "error"}, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok"})
