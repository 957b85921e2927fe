"""Demo commands: the organisations, users and (later) portfolios ``make demo`` shows."""

from __future__ import annotations

import click

from vorder.app import demo as demo_app
from vorder.cli._common import domain_errors, emit_json, json_option
from vorder.cli._context import container


@click.group()
def demo() -> None:
    """Demo data."""


@demo.command("load")
@json_option
def load(as_json: bool) -> None:
    """Create the demo organisations and users (idempotent)."""
    c = container(as_json=as_json)
    with domain_errors(as_json=as_json):
        result = demo_app.load_demo(c.uow, c.hasher, now=c.clock.now())
    if as_json:
        emit_json(
            {
                "organisations_created": result.organisations_created,
                "users_created": result.users_created,
                "users": [u[0] for u in demo_app.DEMO_USERS],
                "password": result.password,
            }
        )
        return
    click.echo(
        f"demo: {result.organisations_created} organisations and "
        f"{result.users_created} users created"
    )
    click.echo(
        f"log in at http://{c.settings.host}:{c.settings.port}/login as "
        f"demo@vorder.local (service provider) or zzp@vorder.local (freelancer), "
        f"password {result.password}"
    )


COMMANDS = [demo]
