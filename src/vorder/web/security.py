"""Cookies and request protection: the session cookie, double-submit CSRF, security headers.

CSRF (docs/adr/0004-web-sessions-csrf.md): the ``vorder_csrf`` cookie holds a random nonce
signed with the secret key and bound to the current session token; every unsafe request
that could ride on the browser's cookies (a session cookie, or any non-API form) must send
the same value back, in the ``X-CSRF-Token`` header (htmx, scripts) or the ``csrf_token``
form field. Requests with ``Authorization: Bearer`` carry no ambient credentials and skip it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request, cookie_parser
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vorder.core.errors import DomainError

SESSION_COOKIE = "vorder_session"
CSRF_COOKIE = "vorder_csrf"
LANGUAGE_COOKIE = "vorder_lang"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
TENANT_HEADER = "X-Vorder-Tenant"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_FORM_BYTES = 32 * 1024 * 1024
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


class CsrfFailed(DomainError):
    """An unsafe request without the matching CSRF token (HTTP 403)."""

    code = "csrf_failed"


def _signature(secret: bytes, nonce: str, session_token: str | None) -> str:
    bound = hashlib.sha256((session_token or "").encode()).hexdigest()
    mac = hmac.new(secret, f"{nonce}|{bound}".encode(), hashlib.sha256)
    return mac.hexdigest()[:32]


def new_csrf_token(secret: bytes, session_token: str | None) -> str:
    nonce = secrets.token_urlsafe(18)
    return f"{nonce}.{_signature(secret, nonce, session_token)}"


def csrf_token_valid(secret: bytes, token: str | None, session_token: str | None) -> bool:
    if not token or token.count(".") != 1:
        return False
    nonce, signature = token.split(".")
    return hmac.compare_digest(signature, _signature(secret, nonce, session_token))


def host_of(headers: Headers) -> str:
    host = headers.get("host", "")
    if host.startswith("["):
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def cookie_secure(*, demo: bool, host: str) -> bool:
    """Secure cookies everywhere except on a loopback address or in demo mode."""
    return not (demo or host.lower() in LOOPBACK_HOSTS)


def set_cookie(
    response: Response,
    request: Request,
    name: str,
    value: str,
    *,
    max_age: int | None = None,
    http_only: bool = True,
) -> None:
    demo = bool(request.app.state.container.settings.demo)
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=http_only,
        samesite="lax",
        secure=cookie_secure(demo=demo, host=host_of(request.headers)),
    )


def _cookie_header(name: str, value: str, *, secure: bool) -> bytes:
    cookie: SimpleCookie = SimpleCookie()
    cookie[name] = value
    cookie[name]["path"] = "/"
    cookie[name]["samesite"] = "Lax"
    if secure:
        cookie[name]["secure"] = True
    return cookie.output(header="").strip().encode("latin-1")


FailureRenderer = Callable[[Request, DomainError], Awaitable[Response]]


class CSRFMiddleware:
    """Issues the CSRF cookie and refuses unsafe cookie-borne requests without it."""

    def __init__(
        self, app: ASGIApp, *, secret: str, demo: bool, on_failure: FailureRenderer
    ) -> None:
        self.app = app
        self.secret = secret.encode()
        self.demo = demo
        self.on_failure = on_failure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        cookies = cookie_parser(headers.get("cookie", ""))
        session = cookies.get(SESSION_COOKIE) or None
        current = cookies.get(CSRF_COOKIE)
        fresh = None
        if not csrf_token_valid(self.secret, current, session):
            fresh = new_csrf_token(self.secret, session)
        scope.setdefault("state", {})["csrf_token"] = fresh or current
        secure = cookie_secure(demo=self.demo, host=host_of(headers))
        send = self._issuing(send, fresh, secure)

        bearer = headers.get("authorization", "").lower().startswith("bearer ")
        path: str = scope["path"]
        needs_check = (
            scope["method"] in UNSAFE_METHODS
            and not bearer
            and (session is not None or not path.startswith("/api/"))
        )
        if needs_check:
            submitted = headers.get(CSRF_HEADER)
            if not submitted and _is_form(headers):
                body = await _read_body(receive)
                if body is None:
                    await Response("request body too large", status_code=413)(scope, receive, send)
                    return
                submitted = await _form_token(scope, body)
                receive = _replay(body)
            matches = bool(submitted) and hmac.compare_digest(submitted or "", current or "")
            if fresh is not None or not matches:
                error = CsrfFailed(
                    "the request has no valid CSRF token: reload the page and try again "
                    f"(scripts send the {CSRF_COOKIE} cookie's value in the {CSRF_HEADER} header)"
                )
                response = await self.on_failure(Request(scope, receive), error)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _issuing(self, send: Send, fresh: str | None, secure: bool) -> Send:
        if fresh is None:
            return send

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                already = any(v.startswith(f"{CSRF_COOKIE}=") for v in out.getlist("set-cookie"))
                if not already:
                    # Not HttpOnly: a script on our own origin (the API docs page) reads it.
                    out.append(
                        "set-cookie",
                        _cookie_header(CSRF_COOKIE, fresh, secure=secure).decode("latin-1"),
                    )
            await send(message)

        return wrapped


def _is_form(headers: Headers) -> bool:
    kind = headers.get("content-type", "").split(";")[0].strip().lower()
    return kind in ("application/x-www-form-urlencoded", "multipart/form-data")


async def _read_body(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_FORM_BYTES:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _form_token(scope: Scope, body: bytes) -> str | None:
    headers = Headers(scope=scope)
    if headers.get("content-type", "").lower().startswith("application/x-www-form-urlencoded"):
        values = parse_qs(body.decode("latin-1"), keep_blank_values=True).get(CSRF_FIELD)
        return values[0] if values else None
    request = Request(scope, _replay(body))
    form: Any = await request.form()
    try:
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    finally:
        await form.close()


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy (no inline scripts, nothing from other hosts)."""

    STRICT = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
        "base-uri 'self'; object-src 'none'"
    )
    # Swagger UI sets inline styles on its elements.
    DOCS = STRICT.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = self.DOCS if scope["path"] == "/api/docs" else self.STRICT

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                out.setdefault("content-security-policy", policy)
                out.setdefault("x-content-type-options", "nosniff")
                out.setdefault("referrer-policy", "same-origin")
                out.setdefault("x-frame-options", "DENY")
            await send(message)

        await self.app(scope, receive, wrapped)
