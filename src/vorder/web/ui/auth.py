"""Login, logout, the start page and the language switch."""

from __future__ import annotations

from fastapi import APIRouter, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from vorder.app import admin, auth
from vorder.web.api.session import close_session, open_session
from vorder.web.deps import container_of, optional_caller
from vorder.web.security import LANGUAGE_COOKIE, set_cookie

router = APIRouter(include_in_schema=False)


def safe_next(target: str | None, default: str = "/") -> str:
    """Only a path on this site (no "//host", no scheme) may be a redirect target."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


@router.get("/")
def start(request: Request) -> Response:
    caller = optional_caller(request)
    if caller is None or caller.user is None:
        return RedirectResponse("/login", status_code=303)
    reachable = auth.accessible_tenants(container_of(request).uow, user_id=caller.user.id)
    if not reachable:
        renderer = request.app.state.renderer
        return renderer.page(request, "no_organisation.html", {"user": caller.user})  # type: ignore[no-any-return]
    return RedirectResponse(f"/t/{reachable[0][0].slug}/", status_code=303)


def _login_page(
    request: Request, *, next_path: str, email: str = "", error: bool = False, status: int = 200
) -> Response:
    renderer = request.app.state.renderer
    return renderer.page(  # type: ignore[no-any-return]
        request,
        "login.html",
        {"next": next_path, "email": email, "error": error},
        status_code=status,
    )


@router.get("/login")
def login_form(request: Request, next: str | None = Query(default=None)) -> Response:
    next_path = safe_next(next)
    caller = optional_caller(request)
    if caller is not None and caller.user is not None:
        return RedirectResponse(next_path, status_code=303)
    return _login_page(request, next_path=next_path)


@router.post("/login")
def login(
    request: Request,
    email: str = Form(default="", max_length=254),
    password: str = Form(default="", max_length=1024),
    next: str = Form(default="/"),
) -> Response:
    c = container_of(request)
    next_path = safe_next(next)
    try:
        result = auth.login(
            c.uow,
            c.hasher,
            email=email,
            password=password,
            session_hours=c.settings.session_hours,
            now=c.clock.now(),
        )
    except auth.InvalidCredentials:
        return _login_page(request, next_path=next_path, email=email, error=True, status=401)
    response = RedirectResponse(next_path, status_code=303)
    open_session(request, response, result)
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    response = RedirectResponse("/login", status_code=303)
    close_session(request, response)
    return response


@router.post("/settings/language")
def switch_language(
    request: Request,
    language: str = Form(max_length=5),
    next: str = Form(default="/"),
) -> Response:
    """The user's language (remembered on the account), or the visitor's (a cookie)."""
    caller = optional_caller(request)
    if caller is not None and caller.user is not None:
        language = admin.set_user_language(
            container_of(request).uow, user_id=caller.user.id, language=language
        )
    elif language not in admin.LANGUAGES:
        raise admin.UnknownLanguage(f"unknown language '{language}'", field="language")
    response = RedirectResponse(safe_next(next), status_code=303)
    set_cookie(response, request, LANGUAGE_COOKIE, language, max_age=365 * 24 * 3600)
    return response
