"""Demo commands: the organisations, users and (later) portfolios ``make demo`` shows."""

from __future__ import annotations

from dataclasses import asdict

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


@demo.command("seed")
@click.option(
    "--tenant",
    "tenant_slug",
    default=None,
    help="A demo creditor (korenschoof, vandam-installatie, maasoever); default: all three.",
)
@click.option("--claims", "count", type=click.IntRange(1, 1_000_000), default=None,
              help="How many demo invoices (default 150 each; housing: monthly rent).")  # fmt: skip
@click.option("--seed", type=int, default=42, show_default=True, help="Same seed, same data.")
@json_option
def seed(tenant_slug: str | None, count: int | None, seed: int, as_json: bool) -> None:
    """Seed believable claims into the demo creditors (idempotent)."""
    from vorder.adapters import lawdata
    from vorder.app.ledger.seed import (
        DEFAULT_COUNT,
        NotADemoCreditor,
        seed_demo_creditor,
    )
    from vorder.app.ledger.seed import demo_creditors as pairs

    c = container(as_json=as_json)
    chosen = [p for p in pairs() if tenant_slug in (None, p[0])]
    if not chosen:
        names = ", ".join(slug for slug, _ in pairs())
        with domain_errors(as_json=as_json):
            raise NotADemoCreditor(f"'{tenant_slug}' is not a demo creditor ({names})")
    rates = lawdata.cached_rate_tables(c.settings.data_dir / "law")
    results = {}
    with domain_errors(as_json=as_json):
        for slug, key in chosen:
            results[slug] = seed_demo_creditor(
                c.uow,
                tenant_slug=slug,
                creditor_key=key,
                count=count or DEFAULT_COUNT,
                seed=seed,
                rates=rates,
                now=c.clock.now(),
            )
    if as_json:
        emit_json({slug: asdict(r) for slug, r in results.items()})
        return
    for slug, r in results.items():
        click.echo(
            f"{slug}: {r.invoices_created} invoices in {r.claims_opened} claims "
            f"({r.already_present} already there), {r.payments} payments, {r.letters} "
            f"14-day letters, costs on {r.costs_charged}; phases {r.phases}"
        )


COMMANDS = [demo]
