"""Platform commands: migrate, organisations, users, API keys, modules."""

from __future__ import annotations

import click

from vorder.app import auth, modules, tenancy
from vorder.cli._common import domain_errors, emit_json, json_option
from vorder.cli._context import container
from vorder.core.access import parse_role, parse_tenant_kind


@click.command()
@json_option
def migrate(as_json: bool) -> None:
    """Create or upgrade the database schema (VORDER_DATABASE_URL)."""
    from vorder.adapters.db.migrate import upgrade

    c = container(as_json=as_json)
    upgrade(c.settings.database_url)
    if as_json:
        emit_json({"database": c.settings.database_url.split("@")[-1], "migrated": True})
    else:
        click.echo("database is up to date")


@click.command("create-tenant")
@click.argument("slug")
@click.option("--kind", required=True, help="creditor | service-provider | partner")
@click.option("--name", default=None, help="Display name (defaults to SLUG).")
@click.option("--provider", default=None, help="Slug of the service provider of this creditor.")
@click.option("--language", type=click.Choice(["nl", "en"]), default="nl")
@json_option
def create_tenant(
    slug: str, kind: str, name: str | None, provider: str | None, language: str, as_json: bool
) -> None:
    """Create an organisation (tenant)."""
    c = container(as_json=as_json)
    with domain_errors(as_json=as_json):
        tenant = tenancy.create_tenant(
            c.uow,
            slug=slug,
            kind=parse_tenant_kind(kind),
            name=name,
            provider_slug=provider,
            language=language,
            actor="cli",
            now=c.clock.now(),
        )
    if as_json:
        emit_json(
            {
                "id": tenant.id,
                "slug": tenant.slug,
                "name": tenant.name,
                "kind": tenant.kind.value,
                "provider_id": tenant.provider_id,
            }
        )
    else:
        click.echo(f"created {tenant.kind.value} '{tenant.slug}' (id {tenant.id})")


@click.command("create-user")
@click.argument("email")
@click.option("--tenant", "tenant_slug", required=True, help="Organisation the user joins.")
@click.option("--role", default="viewer", help="owner | admin | credit-manager | agent | viewer")
@click.option("--name", default=None)
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    envvar="VORDER_NEW_PASSWORD",
    help="Or set VORDER_NEW_PASSWORD.",
)
@click.option("--language", type=click.Choice(["nl", "en"]), default="nl")
@json_option
def create_user(
    email: str,
    tenant_slug: str,
    role: str,
    name: str | None,
    password: str,
    language: str,
    as_json: bool,
) -> None:
    """Create a user with a role in an organisation."""
    c = container(as_json=as_json)
    with domain_errors(as_json=as_json):
        user = tenancy.create_user(
            c.uow,
            c.hasher,
            email=email,
            name=name or email.split("@")[0],
            password=password,
            tenant_slug=tenant_slug,
            role=parse_role(role),
            language=language,
            actor="cli",
            now=c.clock.now(),
        )
    if as_json:
        emit_json({"id": user.id, "email": user.email, "tenant": tenant_slug, "role": role})
    else:
        click.echo(f"created user {user.email} ({role} in '{tenant_slug}')")


@click.command("create-api-key")
@click.option("--tenant", "tenant_slug", required=True)
@click.option("--name", required=True, help="What the key is for.")
@click.option("--role", default="viewer")
@json_option
def create_api_key(tenant_slug: str, name: str, role: str, as_json: bool) -> None:
    """Create an API key; the key is shown once."""
    c = container(as_json=as_json)
    with domain_errors(as_json=as_json):
        key = auth.create_api_key(
            c.uow,
            tenant_slug=tenant_slug,
            name=name,
            role=parse_role(role),
            actor="cli",
            now=c.clock.now(),
        )
    if as_json:
        emit_json({"id": key.id, "name": key.name, "key": key.key})
    else:
        click.echo(key.key)
        click.echo("store this key now: it is not shown again", err=True)


@click.command("tenants")
@json_option
def tenants(as_json: bool) -> None:
    """List organisations."""
    c = container(as_json=as_json)
    rows = tenancy.list_tenants(c.uow)
    if as_json:
        emit_json(
            [
                {
                    "id": t.id,
                    "slug": t.slug,
                    "name": t.name,
                    "kind": t.kind.value,
                    "provider_id": t.provider_id,
                }
                for t in rows
            ]
        )
        return
    for t in rows:
        click.echo(f"{t.id:>5}  {t.slug:<24} {t.kind.value:<17} {t.name}")


@click.command("modules")
@click.option("--tenant", "tenant_slug", required=True)
@click.option("--enable", multiple=True, help="Module to switch on.")
@click.option("--disable", multiple=True, help="Module to switch off.")
@json_option
def modules_cmd(
    tenant_slug: str, enable: tuple[str, ...], disable: tuple[str, ...], as_json: bool
) -> None:
    """Show or switch the modules of an organisation."""
    c = container(as_json=as_json)
    with domain_errors(as_json=as_json):
        tenant = tenancy.tenant_by_slug(c.uow, tenant_slug)
        for name, on in [(n, True) for n in enable] + [(n, False) for n in disable]:
            modules.configure_module(
                c.uow,
                tenant_id=tenant.id,
                name=name,
                enabled=on,
                settings=None,
                actor="cli",
                now=c.clock.now(),
            )
        views = modules.tenant_modules(c.uow, tenant_id=tenant.id)
    if as_json:
        emit_json(
            [{"module": v.module.name, "enabled": v.enabled, "settings": v.settings} for v in views]
        )
        return
    for v in views:
        click.echo(f"{'on ' if v.enabled else 'off'}  {v.module.name:<14} {v.module.title_en}")


COMMANDS = [migrate, create_tenant, create_user, create_api_key, tenants, modules_cmd]
