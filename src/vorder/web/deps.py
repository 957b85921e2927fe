"""Request dependencies: who calls, in which organisation, with which rights.

Tenant selection, resolved once per request:

- an API key (``Authorization: Bearer vk_...``) acts in its own tenant; an
  ``X-Vorder-Tenant`` header naming any other tenant is answered 404;
- a logged-in user names the tenant in the path (``/t/{tenant_slug}/...``, the UI) or in the
  ``X-Vorder-Tenant`` header (the API); a tenant the user cannot reach is 404, never 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Depends, Header, Request, Security
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from vorder.app import admin, auth, modules
from vorder.app.admin import Workspace
from vorder.app.records import UserRecord
from vorder.bootstrap import Container
from vorder.core.access import Permission, require
from vorder.core.errors import DomainError, NotFound
from vorder.web.security import SESSION_COOKIE, TENANT_HEADER

bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="ApiKey",
    description="An API key: `Authorization: Bearer vk_...` (Settings → API keys).",
)
session_scheme = APIKeyCookie(
    name=SESSION_COOKIE,
    auto_error=False,
    scheme_name="Session",
    description="The browser session after logging in; unsafe methods also need the "
    "X-CSRF-Token header, and the organisation is named with X-Vorder-Tenant.",
)


class NotAuthenticated(DomainError):
    """No session and no API key (HTTP 401)."""

    code = "not_authenticated"


class TenantRequired(DomainError):
    code = "tenant_required"


class ModuleGateClosed(modules.ModuleOff):
    """A switched-off module's route was called; knows the module for the UI's message."""

    def __init__(self, message: str, *, module: str) -> None:
        super().__init__(message, field="module")
        self.module = module


@dataclass(frozen=True, slots=True)
class Caller:
    """The authenticated caller: a user with a session, or an API key with its workspace."""

    via: str  # session | api_key
    user: UserRecord | None
    session_token: str | None
    key_workspace: Workspace | None


def container_of(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


def _resolve_caller(request: Request) -> Caller | None:
    c = container_of(request)
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise auth.InvalidApiKey("send the API key as 'Authorization: Bearer vk_...'")
        ws = admin.workspace_for_api_key(c.uow, key=value.strip(), now=c.clock.now())
        return Caller("api_key", None, None, ws)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        user = auth.user_for_session(c.uow, token=token, now=c.clock.now())
        if user is not None and user.is_active:
            return Caller("session", user, token, None)
    return None


def optional_caller(request: Request) -> Caller | None:
    """The caller, or None when anonymous (an invalid API key still raises)."""
    if "vorder_caller" not in request.scope:
        request.scope["vorder_caller"] = _resolve_caller(request)
    caller: Caller | None = request.scope["vorder_caller"]
    return caller


async def optional_caller_async(request: Request) -> Caller | None:
    """For exception handlers and other async code: never blocks the event loop."""
    if "vorder_caller" in request.scope:
        cached: Caller | None = request.scope["vorder_caller"]
        return cached
    try:
        return await run_in_threadpool(optional_caller, request)
    except DomainError:
        return None


def current_caller(
    request: Request,
    _bearer: HTTPAuthorizationCredentials | None = Security(bearer_scheme),
    _session: str | None = Security(session_scheme),
) -> Caller:
    caller = optional_caller(request)
    if caller is None:
        raise NotAuthenticated("log in first, or send an API key as 'Authorization: Bearer vk_...'")
    return caller


def _tenant_wanted(request: Request) -> str | None:
    slug = request.path_params.get("tenant_slug")
    return str(slug) if slug else request.headers.get(TENANT_HEADER) or None


def resolve_workspace(request: Request, caller: Caller) -> Workspace:
    cached = request.scope.get("vorder_workspace")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    wanted = _tenant_wanted(request)
    if caller.key_workspace is not None:
        ws = caller.key_workspace
        if wanted is not None and wanted != ws.tenant.slug:
            raise NotFound(f"no organisation '{wanted}'", field="tenant")
    else:
        if wanted is None:
            raise TenantRequired(
                f"name the organisation with the {TENANT_HEADER} header (its short name)",
                field=TENANT_HEADER,
            )
        assert caller.user is not None
        ws = admin.workspace_for_user(
            container_of(request).uow, user=caller.user, tenant_slug=wanted
        )
    request.scope["vorder_workspace"] = ws
    return ws


def current_workspace(
    request: Request,
    caller: Caller = Depends(current_caller),
    _tenant: str | None = Header(
        default=None,
        alias=TENANT_HEADER,
        description="The organisation's short name; needed with a session, optional with an "
        "API key (which acts in its own organisation).",
    ),
) -> Workspace:
    return resolve_workspace(request, caller)


def authenticated(
    request: Request,
    caller: Caller = Depends(current_caller),
    _tenant: str | None = Header(default=None, alias=TENANT_HEADER),
) -> Caller:
    """Any caller; a tenant named in the header must be reachable (else 404)."""
    if _tenant_wanted(request) is not None:
        resolve_workspace(request, caller)
    return caller


def require_permission(permission: Permission) -> Callable[..., Workspace]:
    """A dependency: the workspace, after core.access.require(role, permission)."""

    def dependency(ws: Workspace = Depends(current_workspace)) -> Workspace:
        require(ws.actor.role, permission)
        return ws

    dependency.__name__ = f"require_{permission.value}"
    return dependency


def require_module(name: str) -> Callable[..., Workspace]:
    """A dependency for a module's routes: 403 with a clear message when it is off."""
    if name not in modules.MODULES:
        raise ValueError(f"unknown module {name!r}")

    def dependency(request: Request, ws: Workspace = Depends(current_workspace)) -> Workspace:
        try:
            modules.require_module(container_of(request).uow, tenant_id=ws.tenant.id, name=name)
        except modules.ModuleOff as exc:
            raise ModuleGateClosed(exc.message, module=name) from None
        return ws

    dependency.__name__ = f"require_module_{name}"
    return dependency
