"""Collection on the command line: ``vorder strategies ...`` (list, show, versions, validate,
import, export, install-defaults, assign, dry-run, schema), ``vorder collection ...`` (claim
actions, one sweep, delivery) and ``vorder run`` (the simulation clock). Each command makes
one application call; ``--json`` prints one JSON document; bad input exits 2.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from vorder.adapters.messages import collection_services, sink_deliverers
from vorder.app import tenancy
from vorder.app.collection import actions, dry_run, simulation, strategies
from vorder.app.collection.actions import CollectionView
from vorder.app.collection.delivery import deliver_messages
from vorder.app.collection.runner import run_due
from vorder.app.records import Actor
from vorder.bootstrap import Container
from vorder.cli._common import EXIT_BAD_INPUT, domain_errors, emit_json, fail, json_option
from vorder.cli._context import container
from vorder.core.access import Role
from vorder.core.strategy import schema_text

tenant_option = click.option(
    "--tenant", "tenant_slug", required=True, help="The organisation's short name."
)


class _Date(click.ParamType[date, Any]):
    name = "DATE"

    def convert(self, value: Any, param: Any, ctx: Any) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"'{value}' is not a date (yyyy-mm-dd)", param, ctx)


def _actor(c: Container, slug: str, as_json: bool) -> Actor:
    with domain_errors(as_json=as_json):
        tenant = tenancy.tenant_by_slug(c.uow, slug)
    return Actor("system", 0, "cli", tenant.id, Role.OWNER)


def _read(path: str, as_json: bool) -> str:
    try:
        return sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror}", as_json=as_json)


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
    rows = strategies.list_strategies(c.uow, actor=_actor(c, tenant_slug, as_json))
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
            c.uow, actor=_actor(c, tenant_slug, as_json), name=name, version=version
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
        rows = strategies.strategy_versions(c.uow, actor=_actor(c, tenant_slug, as_json), name=name)
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
    problems = strategies.validate_document(_read(file, as_json))
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
    actor = _actor(c, tenant_slug, as_json)
    text = _read(file, as_json)
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
            c.uow, actor=_actor(c, tenant_slug, False), name=name, version=version, fmt=fmt
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
        actor=_actor(c, tenant_slug, as_json),
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
    actor = _actor(c, tenant_slug, as_json)
    with domain_errors(as_json=as_json):
        if file is not None:
            strategies.set_assignment(
                c.uow, actor=actor, document=_read(file, as_json), now=c.clock.now()
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
            actor=_actor(c, tenant_slug, as_json),
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


# ---------------------------------------------------------------------- claim actions


@click.group("collection")
def collection_group() -> None:
    """A claim's collection: pause, resume, promise, dispute, phase, strategy; sweeps."""


def _view(view: CollectionView | None, as_json: bool) -> None:
    if as_json:
        emit_json(view)
    elif view is None:
        click.echo("not in collection yet")
    else:
        wake = f"{view.wake_at:%Y-%m-%d %H:%M} UTC" if view.wake_at else "on an event"
        click.echo(
            f"claim {view.claim_id}: {view.status}, {view.phase or '-'} on {view.strategy} "
            f"v{view.version}; next {view.next_step_id or '-'} ({wake})"
        )


def _act(fn: Any, claim_id: int, tenant_slug: str, as_json: bool, **kw: Any) -> None:
    import vorder.worker  # noqa: F401 - registers the collection.run task the action queues

    c = container(as_json=as_json)
    actor = _actor(c, tenant_slug, as_json)
    with domain_errors(as_json=as_json):
        view = fn(
            c.uow,
            actor=actor,
            claim_id=claim_id,
            now=c.clock.now(),
            queue=c.queue if c.settings.task_backend != "immediate" else None,
            defaults=collection_services(c.settings.data_dir).defaults,
            **kw,
        )
    _view(view, as_json)


claim_argument = click.argument("claim_id", type=click.IntRange(1))


@collection_group.command("show")
@claim_argument
@tenant_option
@json_option
def show_claim(claim_id: int, tenant_slug: str, as_json: bool) -> None:
    """Where the claim is in its strategy."""
    c = container(as_json=as_json)
    with domain_errors(as_json=as_json):
        view = actions.get_collection(
            c.uow, actor=_actor(c, tenant_slug, as_json), claim_id=claim_id
        )
    _view(view, as_json)


@collection_group.command("pause")
@claim_argument
@tenant_option
@click.option("--reason", required=True)
@click.option("--until", type=_Date(), default=None, help="First day collection resumes.")
@json_option
def pause(claim_id: int, tenant_slug: str, reason: str, until: date | None, as_json: bool) -> None:
    """Pause collection (with a reason, optionally until a date)."""
    _act(actions.pause_claim, claim_id, tenant_slug, as_json, reason=reason, until=until)


@collection_group.command("resume")
@claim_argument
@tenant_option
@json_option
def resume(claim_id: int, tenant_slug: str, as_json: bool) -> None:
    """End a pause or promise now."""
    _act(actions.resume_claim, claim_id, tenant_slug, as_json)


@collection_group.command("promise")
@claim_argument
@tenant_option
@click.option("--date", "promised", type=_Date(), required=True, help="The promised day.")
@click.option("--note", default=None)
@json_option
def promise(
    claim_id: int, tenant_slug: str, promised: date, note: str | None, as_json: bool
) -> None:
    """Register a promise to pay."""
    _act(actions.register_promise, claim_id, tenant_slug, as_json, promise_date=promised, note=note)


@collection_group.command("dispute")
@claim_argument
@tenant_option
@click.option("--reason", required=True)
@json_option
def dispute(claim_id: int, tenant_slug: str, reason: str, as_json: bool) -> None:
    """Register a dispute: nothing is sent until it is resolved."""
    _act(actions.register_dispute, claim_id, tenant_slug, as_json, reason=reason)


@collection_group.command("resolve")
@claim_argument
@tenant_option
@click.option("--note", default=None)
@json_option
def resolve(claim_id: int, tenant_slug: str, note: str | None, as_json: bool) -> None:
    """Resolve the dispute: the strategy continues."""
    _act(actions.resolve_dispute, claim_id, tenant_slug, as_json, note=note)


@collection_group.command("move-phase")
@claim_argument
@click.argument("phase")
@tenant_option
@json_option
def move(claim_id: int, phase: str, tenant_slug: str, as_json: bool) -> None:
    """Continue at the first step of PHASE (in_house, amicable, judicial, ...)."""
    _act(actions.move_phase, claim_id, tenant_slug, as_json, phase=phase)


@collection_group.command("change-strategy")
@claim_argument
@click.argument("strategy")
@tenant_option
@click.option("--version", type=click.IntRange(1), default=None)
@json_option
def change(
    claim_id: int, strategy: str, tenant_slug: str, version: int | None, as_json: bool
) -> None:
    """Move the claim to another strategy (or version)."""
    _act(
        actions.change_strategy, claim_id, tenant_slug, as_json, strategy=strategy, version=version
    )


@collection_group.command("event")
@claim_argument
@click.argument("event")
@tenant_option
@json_option
def event(claim_id: int, event: str, tenant_slug: str, as_json: bool) -> None:
    """Record judgment_obtained, partner_returned or debtor_responded."""
    _act(actions.record_claim_event, claim_id, tenant_slug, as_json, event=event)


@collection_group.command("sweep")
@json_option
def sweep(as_json: bool) -> None:
    """Run the strategy runner once now over every organisation, then deliver."""
    c = container(as_json=as_json)
    now = c.clock.now()
    report = run_due(c.uow, collection_services(c.settings.data_dir), now=now)
    sent = deliver_messages(
        c.uow, c.deliverers or sink_deliverers(c.settings.data_dir), now=now, batch=1000
    )
    if as_json:
        emit_json({"run": report, "delivery": sent})
    else:
        click.echo(
            f"{report.claims} claims, {report.actions} actions, {report.messages} messages, "
            f"{report.letters} 14-day letters; delivered {sent.delivered}, failed {sent.failed}"
        )


# ---------------------------------------------------------------------- the simulation clock


@click.command("run")
@tenant_option
@click.option("--until", "until", type=_Date(), required=True, help="Last day to simulate.")
@click.option("--from", "start", type=_Date(), default=None, help="First day (default today).")
@click.option("--seed", type=int, default=1, show_default=True, help="Debtor behaviour seed.")
@json_option
def run(tenant_slug: str, until: date, start: date | None, seed: int, as_json: bool) -> None:
    """Move the portfolio forward day by day; messages go to the local sink, simulated
    debtors pay, dispute or ignore."""
    c = container(as_json=as_json)
    actor = _actor(c, tenant_slug, as_json)
    first = start or c.clock.now().date()
    if until < first:
        fail("--until is before the first day", as_json=as_json)
    bar = tqdm(
        total=(until - first).days + 1,
        desc="days",
        unit="day",
        file=sys.stderr,
        leave=False,
        disable=as_json and not sys.stderr.isatty(),
    )
    with domain_errors(as_json=as_json):
        report = simulation.simulate(
            c.uow,
            collection_services(c.settings.data_dir),
            sink_deliverers(c.settings.data_dir),
            actor=actor,
            start=first,
            until=until,
            seed=seed,
            on_day=lambda _day, _report: bar.update(1),
        )
    bar.close()
    document = {
        "from": report.start,
        "until": report.until,
        "days": report.days,
        "runs": report.runs,
        "messages": dict(sorted(report.messages.items())),
        "payments": report.payments,
        "paid": report.paid,
        "promises": report.promises,
        "disputes": report.disputes,
        "disputes_resolved": report.resolved,
        "costs_charged": report.costs_charged,
        "refused": report.refused,
        "sink": str(c.settings.data_dir / "sink"),
    }
    if as_json:
        emit_json(document)
        return
    click.echo(json.dumps(document, default=str, indent=2, ensure_ascii=False))


COMMANDS = [strategies_group, collection_group, run]
