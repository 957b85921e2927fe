from vorder.app import auth, tenancy
from vorder.core.access import Role, TenantKind


def test_create_tenant_user_and_log_in(container):
    now = container.clock.now()
    t = tenancy.create_tenant(
        container.uow,
        slug="acme",
        kind=TenantKind.CREDITOR,
        name="Acme",
        provider_slug=None,
        actor="test",
        now=now,
    )
    tenancy.create_user(
        container.uow,
        container.hasher,
        email="A@b.nl",
        name="A",
        password="secret12345",
        tenant_slug="acme",
        role=Role.OWNER,
        actor="test",
        now=now,
    )
    result = auth.login(
        container.uow,
        container.hasher,
        email="a@b.nl",
        password="secret12345",
        session_hours=1,
        now=now,
    )
    assert result.user.email == "a@b.nl"
    actor = auth.actor_for_user(container.uow, user=result.user, tenant_slug="acme")
    assert (actor.tenant_id, actor.role) == (t.id, Role.OWNER)
