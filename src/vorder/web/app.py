"""The web application: ``create_app(container)`` builds FastAPI with every router."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from vorder import __version__
from vorder.bootstrap import Container
from vorder.web import errors, health
from vorder.web.api import claim_actions, docs, ledger, platform, session, strategies
from vorder.web.deps import authenticated
from vorder.web.i18n import load_catalogs
from vorder.web.security import CSRFMiddleware, SecurityHeadersMiddleware
from vorder.web.templating import Renderer
from vorder.web.ui import auth as ui_auth
from vorder.web.ui import settings as ui_settings
from vorder.web.ui import workspace as ui_workspace

log = logging.getLogger("vorder.web")
STATIC = Path(__file__).resolve().parent / "static"

DESCRIPTION = """
Everything the Vorder workspace can do, as JSON.

**Authentication**: an API key as `Authorization: Bearer vk_...` (it acts in its own
organisation), or the browser session cookie after `POST /api/session` together with the
`X-Vorder-Tenant: <short name>` header; unsafe requests with a session also need the
`X-CSRF-Token` header (the value of the `vorder_csrf` cookie).

**Errors** are always `{"error": "...", "field": ... , "code": "..."}`. Anything in another
organisation is answered 404. Amounts are decimal strings (`"1234.56"`).
"""


def create_app(container: Container) -> FastAPI:
    app = FastAPI(
        title="Vorder API",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.container = container
    app.state.catalogs = load_catalogs()
    app.state.renderer = Renderer(app.state.catalogs, container.settings.default_language)

    errors.install(app)
    app.add_middleware(
        CSRFMiddleware,
        secret=container.settings.secret_key,
        demo=container.settings.demo,
        on_failure=errors.csrf_failure,
    )
    app.add_middleware(SecurityHeadersMiddleware)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(health.router)
    app.include_router(session.router)
    app.include_router(platform.router)
    app.include_router(docs.router)
    _include_law(app, container)
    app.include_router(ledger.router)
    app.include_router(strategies.router)
    app.include_router(claim_actions.router)
    app.include_router(ui_auth.router)
    app.include_router(ui_workspace.router)
    app.include_router(ui_settings.router)
    return app


def _include_law(app: FastAPI, container: Container) -> None:
    """The law endpoints (another module's router), behind authentication, when present."""
    try:
        from vorder.web.api import law
    except ImportError:
        log.info("vorder.web.api.law is not there; /api/law is not served")
        return
    app.include_router(
        law.router, dependencies=[Depends(authenticated)], responses=errors.ERROR_RESPONSES
    )
    rate_tables = getattr(law, "get_rate_tables", None)
    if rate_tables is not None:
        from vorder.adapters import lawdata

        law_dir = container.settings.data_dir / "law"
        app.dependency_overrides[rate_tables] = lambda: lawdata.cached_rate_tables(law_dir)
