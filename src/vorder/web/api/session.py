"""Logging in and out through the API (the same session cookie as the UI)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from vorder.app import auth
from vorder.web.api.schemas import LoginIn, SessionOut
from vorder.web.deps import container_of
from vorder.web.errors import ERROR_RESPONSES
from vorder.web.security import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    new_csrf_token,
    set_cookie,
)

router = APIRouter(prefix="/api", tags=["session"], responses=ERROR_RESPONSES)


def open_session(request: Request, response: Response, result: auth.LoginResult) -> str:
    """Set the session cookie and a CSRF token bound to the new session; returns the token."""
    c = container_of(request)
    max_age = c.settings.session_hours * 3600
    set_cookie(response, request, SESSION_COOKIE, result.token, max_age=max_age)
    csrf = new_csrf_token(c.settings.secret_key.encode(), result.token)
    set_cookie(response, request, CSRF_COOKIE, csrf, http_only=False)
    return csrf


def close_session(request: Request, response: Response) -> None:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        auth.logout(container_of(request).uow, token=token)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")


@router.post(
    "/session",
    response_model=SessionOut,
    summary="Log in with e-mail address and password (sets the session cookie)",
)
def login(request: Request, response: Response, body: LoginIn) -> SessionOut:
    c = container_of(request)
    result = auth.login(
        c.uow,
        c.hasher,
        email=body.email,
        password=body.password,
        session_hours=c.settings.session_hours,
        now=c.clock.now(),
    )
    csrf = open_session(request, response, result)
    user = result.user
    return SessionOut(
        user_id=user.id,
        email=user.email,
        name=user.name,
        language=user.language,
        expires_at=result.expires_at,
        csrf_token=csrf,
    )


@router.delete(
    "/session",
    status_code=204,
    response_class=Response,
    summary="Log out (ends the session at once)",
)
def logout(request: Request) -> Response:
    response = Response(status_code=204)
    close_session(request, response)
    return response
