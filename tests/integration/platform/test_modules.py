from __future__ import annotations

import pytest

from vorder.app import modules, tenancy
from vorder.app.modules import InvalidModuleSettings, ModuleOff
from vorder.core.access import TenantKind
from vorder.core.errors import DomainError, NotFound


@pytest.fixture
def tenant(container):
    return tenancy.create_tenant(
        container.uow,
        slug="a",
        kind=TenantKind.CREDITOR,
        name="A",
        provider_slug=None,
        actor="t",
        now=container.clock.now(),
    )


def _enabled(container, tenant):
    return {
        v.module.name: v.enabled for v in modules.tenant_modules(container.uow, tenant_id=tenant.id)
    }


def test_defaults_and_switching(container, tenant):
    assert _enabled(container, tenant) == {
        "core": True,
        "communication": True,
        "payments": True,
        "portal": True,
        "scoring": False,
        "bi": True,
        "partners": False,
        "enrichment": False,
    }
    with pytest.raises(ModuleOff, match="Scoring.*switched off"):
        modules.require_module(container.uow, tenant_id=tenant.id, name="scoring")
    modules.configure_module(
        container.uow,
        tenant_id=tenant.id,
        name="scoring",
        enabled=True,
        settings=None,
        actor="t",
        now=container.clock.now(),
    )
    modules.require_module(container.uow, tenant_id=tenant.id, name="scoring")
    assert _enabled(container, tenant)["scoring"] is True


def test_settings_are_validated_and_nothing_changes_on_error(container, tenant):
    with pytest.raises(InvalidModuleSettings, match=r"portal\.max_instalments"):
        modules.configure_module(
            container.uow,
            tenant_id=tenant.id,
            name="portal",
            enabled=True,
            settings={"max_instalments": 0},
            actor="t",
            now=container.clock.now(),
        )
    view = next(
        v
        for v in modules.tenant_modules(container.uow, tenant_id=tenant.id)
        if v.module.name == "portal"
    )
    assert view.settings == {"allow_payment_plans": True, "max_instalments": 12}


def test_core_cannot_be_switched_off_and_unknown_module_is_named(container, tenant):
    with pytest.raises(DomainError, match="always on"):
        modules.configure_module(
            container.uow,
            tenant_id=tenant.id,
            name="core",
            enabled=False,
            settings=None,
            actor="t",
            now=container.clock.now(),
        )
    with pytest.raises(NotFound, match="no module 'crm'"):
        modules.require_module(container.uow, tenant_id=tenant.id, name="crm")
