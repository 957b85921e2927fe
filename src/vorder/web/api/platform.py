"""Platform endpoints: who am I, organisations, modules, the event log, API keys, members.

Each route resolves the caller and tenant (``deps``), checks the permission with
``core.access.require`` and makes one application call.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response

from vorder.app import admin, auth, modules
from vorder.app.admin import Workspace
from vorder.core.access import Permission
from vorder.web.api.schemas import (
    ApiKeyIn,
    ApiKeyOut,
    EventOut,
    MemberOut,
    MeOut,
    ModuleIn,
    ModuleOut,
    NewApiKeyOut,
    TenantOut,
)
from vorder.web.deps import Caller, authenticated, container_of, require_permission
from vorder.web.errors import CONFLICT_RESPONSE, ERROR_RESPONSES

router = APIRouter(prefix="/api", tags=["platform"], responses=ERROR_RESPONSES)

IDEMPOTENCY = Header(
    default=None,
    alias="Idempotency-Key",
    description="Accepted and, for now, ignored (a later version replays repeated POSTs).",
)


def _module_out(view: modules.ModuleView) -> ModuleOut:
    m = view.module
    return ModuleOut(
        name=m.name,
        title_nl=m.title_nl,
        title_en=m.title_en,
        enabled=view.enabled,
        always_on=m.always_on,
        settings=view.settings,
    )


@router.get("/me", response_model=MeOut, summary="Who is calling, in which organisation")
def me(request: Request, caller: Caller = Depends(authenticated)) -> MeOut:
    ws = request.scope.get("vorder_workspace")
    if caller.key_workspace is not None:
        ws = caller.key_workspace
        return MeOut(
            kind="api_key",
            id=ws.actor.id,
            name=ws.actor.label,
            language=ws.tenant.language,
            tenant=TenantOut.of(ws.tenant, ws.actor.role),
            role=ws.actor.role,
        )
    assert caller.user is not None
    user = caller.user
    return MeOut(
        kind="user",
        id=user.id,
        name=user.name,
        email=user.email,
        language=user.language,
        tenant=TenantOut.of(ws.tenant, ws.actor.role) if ws else None,
        role=ws.actor.role if ws else None,
    )


@router.get(
    "/tenants",
    response_model=list[TenantOut],
    summary="Organisations you can reach (a service provider's users also see its clients)",
)
def tenants(request: Request, caller: Caller = Depends(authenticated)) -> list[TenantOut]:
    if caller.key_workspace is not None:
        ws = caller.key_workspace
        return [TenantOut.of(ws.tenant, ws.actor.role)]
    assert caller.user is not None
    reachable = auth.accessible_tenants(container_of(request).uow, user_id=caller.user.id)
    slugs = {t.id: t.slug for t, _ in reachable}
    return [TenantOut.of(t, role, slugs) for t, role in reachable]


@router.get("/modules", response_model=list[ModuleOut], summary="Modules and whether each is on")
def list_modules(
    request: Request, ws: Workspace = Depends(require_permission(Permission.READ))
) -> list[ModuleOut]:
    views = modules.tenant_modules(container_of(request).uow, tenant_id=ws.tenant.id)
    return [_module_out(v) for v in views]


@router.put(
    "/modules/{name}",
    response_model=ModuleOut,
    summary="Switch a module on or off and/or change its settings",
)
def put_module(
    request: Request,
    body: ModuleIn,
    name: str = Path(description="The module's name, e.g. payments"),
    ws: Workspace = Depends(require_permission(Permission.MANAGE_SETTINGS)),
) -> ModuleOut:
    c = container_of(request)
    view = admin.set_module(
        c.uow,
        tenant_id=ws.tenant.id,
        name=name,
        enabled=body.enabled,
        settings=body.settings,
        actor=ws.actor.ref,
        now=c.clock.now(),
    )
    return _module_out(view)


@router.get("/events", response_model=list[EventOut], summary="The event log, newest first")
def list_events(
    request: Request,
    subject_type: str | None = Query(default=None, max_length=40),
    subject_id: int | None = Query(default=None, ge=1),
    before_id: int | None = Query(default=None, ge=1, description="Page: events older than"),
    limit: int = Query(default=100, ge=1, le=admin.MAX_EVENTS),
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> list[EventOut]:
    events = admin.list_events(
        container_of(request).uow,
        tenant_id=ws.tenant.id,
        subject_type=subject_type,
        subject_id=subject_id,
        before_id=before_id,
        limit=limit,
    )
    return [EventOut.of(e) for e in events]


@router.get("/events/{event_id}", response_model=EventOut, summary="One event")
def get_event(
    request: Request,
    event_id: int = Path(ge=1),
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> EventOut:
    event = admin.get_event(container_of(request).uow, tenant_id=ws.tenant.id, event_id=event_id)
    return EventOut.of(event)


@router.get("/api-keys", response_model=list[ApiKeyOut], summary="The organisation's API keys")
def list_api_keys(
    request: Request, ws: Workspace = Depends(require_permission(Permission.MANAGE_USERS))
) -> list[ApiKeyOut]:
    keys = admin.list_api_keys(container_of(request).uow, tenant_id=ws.tenant.id)
    return [ApiKeyOut.of(k) for k in keys]


@router.post(
    "/api-keys",
    response_model=NewApiKeyOut,
    status_code=201,
    summary="Create an API key (the secret is in this answer only)",
    responses=CONFLICT_RESPONSE,
)
def create_api_key(
    request: Request,
    body: ApiKeyIn,
    _idempotency_key: str | None = IDEMPOTENCY,
    ws: Workspace = Depends(require_permission(Permission.MANAGE_USERS)),
) -> NewApiKeyOut:
    c = container_of(request)
    key = admin.issue_api_key(
        c.uow,
        actor=ws.actor,
        tenant_slug=ws.tenant.slug,
        name=body.name,
        role=body.role,
        now=c.clock.now(),
    )
    return NewApiKeyOut(id=key.id, name=key.name, role=body.role, key=key.key)


@router.delete(
    "/api-keys/{key_id}",
    status_code=204,
    response_class=Response,
    summary="Revoke an API key at once",
)
def revoke_api_key(
    request: Request,
    key_id: int = Path(ge=1),
    ws: Workspace = Depends(require_permission(Permission.MANAGE_USERS)),
) -> Response:
    c = container_of(request)
    admin.revoke_api_key(
        c.uow, tenant_id=ws.tenant.id, key_id=key_id, actor=ws.actor.ref, now=c.clock.now()
    )
    return Response(status_code=204)


@router.get("/members", response_model=list[MemberOut], summary="People and their roles")
def list_members(
    request: Request, ws: Workspace = Depends(require_permission(Permission.READ))
) -> list[MemberOut]:
    members = admin.list_members(container_of(request).uow, tenant_id=ws.tenant.id)
    return [MemberOut.of(m) for m in members]


@router.get("/members/{member_id}", response_model=MemberOut, summary="One member")
def get_member(
    request: Request,
    member_id: int = Path(ge=1),
    ws: Workspace = Depends(require_permission(Permission.READ)),
) -> MemberOut:
    member = admin.get_member(
        container_of(request).uow, tenant_id=ws.tenant.id, member_id=member_id
    )
    return MemberOut.of(member)
