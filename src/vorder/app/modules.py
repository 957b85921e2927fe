"""The per-tenant module registry: which capabilities a tenant has switched on.

A module declares itself with a :class:`Module` manifest (name, titles, settings schema,
whether it is on by default). ``core`` is always on. A switched-off module's routes, actions
and events are refused with :class:`ModuleOff`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from vorder.app.ports import UnitOfWorkFactory
from vorder.app.records import Event
from vorder.core.errors import DomainError, NotFound


class ModuleOff(DomainError):
    code = "module_off"


class InvalidModuleSettings(DomainError):
    code = "invalid_module_settings"


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NoSettings(_Settings):
    pass


class CommunicationSettings(_Settings):
    sender_name: str | None = None
    sender_email: str | None = None
    daily_limit: int = Field(default=10_000, ge=1, le=10_000_000)


class PaymentsSettings(_Settings):
    payment_links: bool = True
    auto_match_threshold: int = Field(default=90, ge=50, le=100)


class PortalSettings(_Settings):
    allow_payment_plans: bool = True
    max_instalments: int = Field(default=12, ge=1, le=60)


class PartnersSettings(_Settings):
    default_partner: str | None = None


@dataclass(frozen=True, slots=True)
class Module:
    name: str
    title_nl: str
    title_en: str
    settings: type[_Settings] = NoSettings
    default_on: bool = False
    always_on: bool = False


MODULES: dict[str, Module] = {
    m.name: m
    for m in [
        Module("core", "Basis", "Core", always_on=True, default_on=True),
        Module("communication", "Communicatie", "Communication", CommunicationSettings, True),
        Module("payments", "Betalingen", "Payments", PaymentsSettings, True),
        Module("portal", "Debiteurenportaal", "Debtor portal", PortalSettings, True),
        Module("scoring", "Scoring", "Scoring"),
        Module("bi", "Rapportage en inzicht", "Business intelligence", default_on=True),
        Module("partners", "Partners", "Partners", PartnersSettings),
        Module("enrichment", "Dataverrijking", "Data enrichment"),
    ]
}


@dataclass(frozen=True, slots=True)
class ModuleView:
    module: Module
    enabled: bool
    settings: dict[str, Any]


def _module(name: str) -> Module:
    module = MODULES.get(name)
    if module is None:
        raise NotFound(f"no module '{name}' (known: {', '.join(MODULES)})", field="module")
    return module


def tenant_modules(uow_factory: UnitOfWorkFactory, *, tenant_id: int) -> list[ModuleView]:
    with uow_factory(tenant_id=tenant_id) as uow:
        stored = {s.module: s for s in uow.modules.states(tenant_id)}
    views = []
    for module in MODULES.values():
        state = stored.get(module.name)
        enabled = module.always_on or (state.enabled if state else module.default_on)
        settings = module.settings(**(state.settings if state else {})).model_dump()
        views.append(ModuleView(module, enabled, settings))
    return views


def is_enabled(uow_factory: UnitOfWorkFactory, *, tenant_id: int, name: str) -> bool:
    module = _module(name)
    return next(
        v.enabled for v in tenant_modules(uow_factory, tenant_id=tenant_id) if v.module is module
    )


def require_module(uow_factory: UnitOfWorkFactory, *, tenant_id: int, name: str) -> None:
    if not is_enabled(uow_factory, tenant_id=tenant_id, name=name):
        module = _module(name)
        raise ModuleOff(
            f"the module '{module.title_en}' is switched off for this organisation; "
            "an administrator can switch it on under Settings → Modules",
            field="module",
        )


def configure_module(
    uow_factory: UnitOfWorkFactory,
    *,
    tenant_id: int,
    name: str,
    enabled: bool,
    settings: dict[str, Any] | None,
    actor: str,
    now: datetime,
) -> ModuleView:
    """Switch a module on or off and/or change its settings (validated by its schema)."""
    module = _module(name)
    if module.always_on and not enabled:
        raise DomainError(f"the module '{name}' is always on", field="enabled")
    try:
        checked = module.settings(**(settings or {})).model_dump()
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "settings"
        raise InvalidModuleSettings(f"{name}.{where}: {err['msg']}", field=where) from None
    with uow_factory(tenant_id=tenant_id) as uow:
        uow.modules.put(
            tenant_id=tenant_id, module=name, enabled=enabled, settings=checked, now=now
        )
        uow.events.append(
            Event(
                "tenant",
                tenant_id,
                "ModuleConfigured",
                {"module": name, "enabled": enabled, "settings": checked},
                now,
                actor,
            ),
            now=now,
        )
        uow.commit()
    return ModuleView(module, enabled, checked)
