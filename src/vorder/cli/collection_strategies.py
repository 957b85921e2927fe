"""``vorder strategies ...``: list, show, versions, validate, import, export,
install-defaults, assign, dry-run, schema (registered through :mod:`vorder.cli.collection`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from vorder.adapters.messages import collection_services
from vorder.app.collection import dry_run, strategies
from vorder.cli._common import EXIT_BAD_INPUT, domain_errors, emit_json, json_option
from vorder.cli._context import container
from vorder.cli.collection_common import actor_of, read_text, tenant_option
from vorder.core.strategy import schema_text


def _strategy_row(r: Any) -> dict[str, Any]:
    return {
        "name": r.name,
        "version": r.version,
        "title": {"nl": r.title_nl, "en": r.title_en},
        "source": r.source,
        "author": r.author,
        "published_at": r.published_at,
    }


@click.group("strategies")
def strategies_group() -> None:
    """Collection strategies: versioned per organisation, YAML or JSON."""


@strategies_group.command("list")
@tenant_option
@json_option
def list_cmd(tenant_slug: str, as_json: bool) -> None:
    """The latest version of every strategy."""
    c = container(as_json=as_json)
    rows = strategies.list_strategies(c.uow, actor=actor_of(c, tenant_slug, as_json))
    if as_json:
        emit_json([_strategy_row(r) for r in rows])
        return
    for r in rows:
        click.echo(f"{r.name:<28} v{r.version:<4} {r.title_nl}")


@strategies_group.command("show")
@click.argument("name")
@tenant_option
@click.option("--version", type=click.IntRange(1), default=None)
@json_option
def show_cmd(name: str, tenant_slug: str, version: int | None, as_json: bool) -> None:
    """A strategy version (the latest by default) as YAML, or its record as JSON."""
    c = container(as_json=as_json)
    with domain_errors(as_json=as_json):
        r = strategies.get_strategy(
            c.uow, actor=actor_of(c, tenant_slug, as_json), name=name, version=version
        )
    if as_json:
        emit_json({**_strategy_row(r), "document": r.document})
    else:
        click.echo(strategies.dump(r.document, "yaml"), nl=False)


@strategies_group.command("versions")
@click.argument("name")
@tenant_option
@json_option
def versions_cmd(name: str, tenant_slug: str, as_json: bool) -> None:
    """Every published version of a strategy."""
    c = container(as_json=as_json)
    with domain_errors(as_json=as_json):
        rows = strategies.strategy_versions(
            c.uow, actor=actor_of(c, tenant_slug, as_json), name=name
        )
    if as_json:
        emit_json([_strategy_row(r) for r in rows])
        return
    for r in rows:
        click.echo(f"v{r.version:<4} {r.published_at:%Y-%m-%d %H:%M}  {r.source:<8} {r.author}")


@strategies_group.command("validate")
@click.argument("file")
@json_option
def validate_cmd(file: str, as_json: bool) -> None:
    """Check a strategy file (YAML or JSON; - for stdin): every problem with its path."""
    problems = strategies.validate_document(read_text(file, as_json))
    if as_json:
        emit_json(
            {
                "valid": not problems,
                "problems": [{"path": p.path, "message": p.message} for p in problems],
            }
        )
    elif problems:
        for p in problems:
            click.echo(str(p), err=True)
    else:
        click.echo("valid")
    if problems:
        sys.exit(EXIT_BAD_INPUT)


@strategies_group.command("import")
@click.argument("file")
@tenant_option
@json_option
def import_cmd(file: str, tenant_slug: str, as_json: bool) -> None:
    """Publish a strategy file as the next version (unchanged documents make no version)."""
    c = container(as_json=as_json)
    actor = actor_of(c, tenant_slug, as_json)
    text = read_text(file, as_json)
    with domain_errors(as_json=as_json):
        done = strategies.publish_strategy(
            c.uow, actor=actor, document=text, now=c.clock.now(), source="cli"
        )
    if as_json:
        emit_json({**_strategy_row(done.record), "created": done.created})
    else:
        what = "published" if done.created else "unchanged, still"
        click.echo(f"{done.record.name} {what} v{done.record.version}")


@strategies_group.command("export")
@click.argument("name")
@tenant_option
@click.option("--version", type=click.IntRange(1), default=None)
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml")
@click.option("--output", type=click.Path(dir_okay=False), default=None, help="File to write.")
def export_cmd(
    name: str, tenant_slug: str, version: int | None, fmt: str, output: str | None
) -> None:
    """A strategy version as YAML or JSON (importable again)."""
    c = container()
    with domain_errors():
        text = strategies.export_strategy(
            c.uow, actor=actor_of(c, tenant_slug, False), name=name, version=version, fmt=fmt
        )
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@strategies_group.command("install-defaults")
@tenant_option
@json_option
def install_cmd(tenant_slug: str, as_json: bool) -> None:
    """Install the shipped default strategies and rules (what the organisation lacks)."""
    c = container(as_json=as_json)
    installed = strategies.install_defaults(
        c.uow,
        actor=actor_of(c, tenant_slug, as_json),
        defaults=collection_services(c.settings.data_dir).defaults,
        now=c.clock.now(),
    )
    if as_json:
        emit_json([_strategy_row(r) for r in installed])
    else:
        click.echo(f"installed {len(installed)} strategies")


@strategies_group.command("assign")
@click.argument("file", required=False)
@tenant_option
@json_option
def assign_cmd(file: str | None, tenant_slug: str, as_json: bool) -> None:
    """Show the assignment rules, or set them from FILE (YAML or JSON)."""
    c = container(as_json=as_json)
    actor = actor_of(c, tenant_slug, as_json)
    with domain_errors(as_json=as_json):
        if file is not None:
            strategies.set_assignment(
                c.uow, actor=actor, document=read_text(file, as_json), now=c.clock.now()
            )
        version, document = strategies.get_assignment(c.uow, actor=actor)
    if as_json:
        emit_json({"version": version, "rules": document})
    else:
        click.echo(f"# version {version}")
        click.echo(strategies.dump(document, "yaml"), nl=False)


@strategies_group.command("dry-run")
@tenant_option
@click.option("--strategy", default=None, help="Decide every claim on this strategy (what-if).")
@click.option("--version", type=click.IntRange(1), default=None)
@json_option
def dry_run_cmd(tenant_slug: str, strategy: str | None, version: int | None, as_json: bool) -> None:
    """What the strategies would do to today's portfolio; sends nothing."""
    c = container(as_json=as_json)
    with domain_errors(as_json=as_json):
        view = dry_run.dry_run_portfolio(
            c.uow,
            actor=actor_of(c, tenant_slug, as_json),
            now=c.clock.now(),
            strategy=strategy,
            version=version,
            defaults=collection_services(c.settings.data_dir).defaults,
        )
    if as_json:
        emit_json(view)
        return
    click.echo(f"{view.claims} open claims; {view.messages_after_grouping} messages after grouping")
    for count in view.counts:
        click.echo(f"  {count.action:<26} {count.channel or '-':<6} {count.count:>8}")
    for a in view.actions:
        click.echo(
            f"  claim {a.claim_id:<8} {a.step_id:<24} {a.action:<22} {a.channel or '-':<6} "
            f"{a.planned_at:%Y-%m-%d %H:%M}"
        )


@strategies_group.command("schema")
def schema_cmd() -> None:
    """The published JSON Schema of a strategy document."""
    click.echo(schema_text(), nl=False)
