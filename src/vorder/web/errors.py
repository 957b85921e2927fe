"""Errors at the edge: one JSON shape for the API, a friendly page (or inline message) in the UI.

JSON: ``{"error": message, "field": field-or-null, "code": code}``. Status by class:
NotFound 404, Forbidden 403, ModuleOff 403, CSRF 403, Conflict 409, not logged in /
wrong credentials / invalid API key 401, any other DomainError 422, request validation 422,
anything unexpected 500 with a generic message (logged, never a stack trace in the body).
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response

from vorder.app import auth, modules
from vorder.core.errors import Conflict, DomainError, Forbidden, NotFound
from vorder.web.deps import ModuleGateClosed, NotAuthenticated, optional_caller_async
from vorder.web.i18n import N_
from vorder.web.security import CsrfFailed

log = logging.getLogger("vorder.web")


class ErrorBody(BaseModel):
    """Every 4xx/5xx answer of the API."""

    error: str = Field(description="What is wrong and how to fix it (English).")
    field: str | None = Field(description="The input at fault, if any.")
    code: str = Field(description="A stable code, e.g. not_found, forbidden, module_off.")


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "Not logged in, or the API key is not valid"},
    403: {"model": ErrorBody, "description": "Not allowed for your role, module off, or CSRF"},
    404: {"model": ErrorBody, "description": "Not found (or in another organisation)"},
    422: {"model": ErrorBody, "description": "The input is not valid"},
}
CONFLICT_RESPONSE: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorBody, "description": "Conflicts with the current state"},
}

_STATUS: list[tuple[type[DomainError], int]] = [
    (NotAuthenticated, 401),
    (auth.InvalidCredentials, 401),
    (auth.InvalidApiKey, 401),
    (NotFound, 404),
    (modules.ModuleOff, 403),
    (CsrfFailed, 403),
    (Forbidden, 403),
    (Conflict, 409),
]

# What the UI shows (translated) for an error code: a title and a message.
UI_MESSAGES: dict[str, tuple[str, str]] = {
    "not_found": (
        N_("Not found"),
        N_(
            "We could not find this page or item. It may have been removed, or it belongs "
            "to an organisation you have no access to."
        ),
    ),
    "forbidden": (
        N_("Not allowed"),
        N_("Your role does not allow this. Ask an administrator of your organisation."),
    ),
    "role_too_high": (
        N_("Not allowed"),
        N_("You cannot give more rights than your own role has."),
    ),
    "module_off": (
        N_("Module switched off"),
        N_(
            "The module “%(module)s” is switched off for this organisation. An administrator "
            "can switch it on under Settings → Modules."
        ),
    ),
    "csrf_failed": (
        N_("Please try again"),
        N_("This form has expired or was sent from another page. Reload the page and try again."),
    ),
    "invalid_credentials": (
        N_("Not logged in"),
        N_("The e-mail address or password is not right."),
    ),
    "invalid_request": (
        N_("Please check your input"),
        N_("Something you entered is missing or not right (%(field)s)."),
    ),
    "method_not_allowed": (
        N_("Not possible here"),
        N_("This page cannot be used in this way."),
    ),
    "server_error": (
        N_("Something went wrong"),
        N_(
            "Something went wrong on our side. Please try again in a moment; if it keeps "
            "happening, contact your administrator."
        ),
    ),
}
_GENERIC_TITLE = N_("This cannot be done")


def status_for(exc: DomainError) -> int:
    for cls, status in _STATUS:
        if isinstance(exc, cls):
            return status
    return 422


def is_api(request: Request) -> bool:
    path = request.url.path
    return path == "/api" or path.startswith("/api/") or path == "/healthz"


def json_error(
    status: int, message: str, *, code: str, field: str | None = None, **headers: str
) -> JSONResponse:
    body = {"error": message, "field": field, "code": code}
    return JSONResponse(body, status_code=status, headers=headers or None)


async def render_ui_error(
    request: Request,
    *,
    status: int,
    code: str,
    message: str,
    field: str | None = None,
    module: str | None = None,
) -> Response:
    """A friendly page in the user's language (or an inline alert for htmx requests)."""
    renderer = request.app.state.renderer
    await optional_caller_async(request)  # so the page speaks the user's language
    lang = renderer.language(request)
    title_id, text_id = UI_MESSAGES.get(code, (_GENERIC_TITLE, ""))
    title = renderer.gettext(lang, title_id)
    if text_id:
        values = {"field": field or "", "module": _module_title(module, lang)}
        text = renderer.gettext(lang, text_id) % values
    else:
        text = message
    context = {"title": title, "message": text, "status": status, "code": code}
    if request.headers.get("hx-request") == "true":
        response: Response = renderer.page(
            request, "partials/alert.html", context, status_code=status
        )
        response.headers["HX-Retarget"] = "#flash"
        response.headers["HX-Reswap"] = "innerHTML"
        return response
    return renderer.page(request, "error.html", context, status_code=status)  # type: ignore[no-any-return]


def _module_title(name: str | None, lang: str) -> str:
    module = modules.MODULES.get(name or "")
    if module is None:
        return name or ""
    return module.title_nl if lang == "nl" else module.title_en


def _login_redirect(request: Request) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    location = f"/login?next={quote(target, safe='/')}"
    if request.headers.get("hx-request") == "true":
        return Response(status_code=204, headers={"HX-Redirect": location})
    return RedirectResponse(location, status_code=303)


async def domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    status = status_for(exc)
    if is_api(request):
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
        return json_error(status, exc.message, code=exc.code, field=exc.field, **headers)
    if isinstance(exc, NotAuthenticated):
        return _login_redirect(request)
    module = exc.module if isinstance(exc, ModuleGateClosed) else None
    return await render_ui_error(
        request,
        status=status,
        code=exc.code,
        message=exc.message,
        field=exc.field,
        module=module,
    )


def _describe_validation(exc: RequestValidationError) -> tuple[str, str | None]:
    errors = list(exc.errors())
    if not errors:
        return "the request is not valid", None
    first = errors[0]
    loc = [str(p) for p in first.get("loc", ())]
    if loc and loc[0] in ("body", "query", "path", "header", "cookie"):
        loc = loc[1:]
    field = ".".join(loc) or None
    text = str(first.get("msg", "not valid"))
    message = f"{field}: {text}" if field else text
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return message, field


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    message, field = _describe_validation(exc)
    if is_api(request):
        return json_error(422, message, code="invalid_request", field=field)
    return await render_ui_error(
        request, status=422, code="invalid_request", message=message, field=field
    )


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    code = {404: "not_found", 405: "method_not_allowed"}.get(status, "http_error")
    message = {404: "no such path", 405: "method not allowed"}.get(status, str(exc.detail))
    headers = dict(exc.headers or {})
    if is_api(request):
        return json_error(status, message, code=code, **headers)
    response = await render_ui_error(request, status=status, code=code, message=message)
    response.headers.update(headers)
    return response


async def unexpected_error(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    message = "an unexpected error happened; it has been logged"
    if is_api(request):
        return json_error(500, message, code="server_error")
    try:
        return await render_ui_error(request, status=500, code="server_error", message=message)
    except Exception:  # pragma: no cover - the error page itself failed
        log.exception("the error page failed")
        return Response("500: something went wrong", status_code=500, media_type="text/plain")


async def csrf_failure(request: Request, exc: DomainError) -> Response:
    """Used by the CSRF middleware (outside the routing, so no exception handler runs)."""
    return await domain_error(request, exc)


def install(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, domain_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected_error)
