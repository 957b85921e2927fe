"""What every workspace page needs: the navigation, the client switcher, the user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Depends, Request
from starlette.responses import HTMLResponse

from vorder.app import modules
from vorder.app.admin import Workspace
from vorder.core.access import Permission, TenantKind, can
from vorder.web.deps import Caller, container_of, current_caller, resolve_workspace
from vorder.web.i18n import N_

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True, slots=True)
class NavItem:
    key: str
    label: str  # msgid, translated in the template
    path: str  # below /t/{slug}/
    module: str | None = None


NAV: tuple[NavItem, ...] = (
    NavItem("overview", N_("Overview"), ""),
    NavItem("claims", N_("Claims"), "claims"),
    NavItem("debtors", N_("Debtors"), "debtors"),
    NavItem("strategies", N_("Strategies"), "strategies"),
    NavItem("messages", N_("Messages"), "messages", "communication"),
    NavItem("payments", N_("Payments"), "payments", "payments"),
    NavItem("reports", N_("Reports"), "reports", "bi"),
    NavItem("settings", N_("Settings"), "settings"),
)


@dataclass(frozen=True, slots=True)
class SwitchOption:
    slug: str
    label: str
    all_clients: bool
    selected: bool


@dataclass(frozen=True, slots=True)
class UiWorkspace:
    caller: Caller
    ws: Workspace


def ui_workspace(
    request: Request, tenant_slug: str, caller: Caller = Depends(current_caller)
) -> UiWorkspace:
    """The workspace of ``/t/{tenant_slug}/...`` for the logged-in user (else 404/login)."""
    return UiWorkspace(caller, resolve_workspace(request, caller))


def client_switcher(ws: Workspace) -> list[SwitchOption]:
    """ "All clients" and each client creditor, for a service provider's people."""
    by_id = {t.id: t for t, _ in ws.reachable}
    if ws.tenant.kind is TenantKind.SERVICE_PROVIDER:
        provider = ws.tenant
    elif ws.tenant.provider_id is not None and ws.tenant.provider_id in by_id:
        provider = by_id[ws.tenant.provider_id]
    else:
        return []
    clients = [t for t, _ in ws.reachable if t.provider_id == provider.id]
    options = [SwitchOption(provider.slug, provider.name, True, ws.tenant.id == provider.id)]
    options += [SwitchOption(t.slug, t.name, False, ws.tenant.id == t.id) for t in clients]
    return options


def page(
    request: Request,
    ui: UiWorkspace,
    template: str,
    section: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
) -> HTMLResponse:
    c = container_of(request)
    ws = ui.ws
    views = modules.tenant_modules(c.uow, tenant_id=ws.tenant.id)
    enabled = {v.module.name for v in views if v.enabled}
    nav = [item for item in NAV if item.module is None or item.module in enabled]
    base = f"/t/{ws.tenant.slug}/"
    role = ws.actor.role
    full: dict[str, Any] = {
        "ws": ws,
        "tenant": ws.tenant,
        "user": ui.caller.user,
        "role": role,
        "nav": nav,
        "section": section,
        "base": base,
        "switcher": client_switcher(ws),
        "today": c.clock.now().astimezone(AMSTERDAM).date(),
        "can_manage_claims": can(role, Permission.MANAGE_CLAIMS),
        "can_manage_settings": can(role, Permission.MANAGE_SETTINGS),
        "can_manage_users": can(role, Permission.MANAGE_USERS),
        **(context or {}),
    }
    renderer = request.app.state.renderer
    response: HTMLResponse = renderer.page(request, template, full, status_code=status_code)
    return response
