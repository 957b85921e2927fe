"""Collection on the command line: ``vorder strategies ...`` (list, show, versions, validate,
import, export, install-defaults, assign, dry-run, schema), ``vorder collection ...`` (claim
actions, one sweep, delivery) and ``vorder run`` (the simulation clock). Each command makes
one application call; ``--json`` prints one JSON document; bad input exits 2.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

import click
from tqdm import tqdm

from vorder.adapters.messages import collection_services, sink_deliverers
from vorder.app.collection import actions, simulation
from vorder.app.collection.actions import CollectionView
from vorder.app.collection.delivery import deliver_messages
from vorder.app.collection.runner import run_due
from vorder.cli._common import domain_errors, emit_json, fail, json_option
from vorder.cli._context import container
from vorder.cli.collection_common import DateType, actor_of, tenant_option
from vorder.cli.collection_strategies import strategies_group


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
    actor = actor_of(c, tenant_slug, as_json)
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
            c.uow, actor=actor_of(c, tenant_slug, as_json), claim_id=claim_id
        )
    _view(view, as_json)


@collection_group.command("pause")
@claim_argument
@tenant_option
@click.option("--reason", required=True)
@click.option("--until", type=DateType(), default=None, help="First day collection resumes.")
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
@click.option("--date", "promised", type=DateType(), required=True, help="The promised day.")
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
@click.option("--until", "until", type=DateType(), required=True, help="Last day to simulate.")
@click.option("--from", "start", type=DateType(), default=None, help="First day (default today).")
@click.option("--seed", type=int, default=1, show_default=True, help="Debtor behaviour seed.")
@json_option
def run(tenant_slug: str, until: date, start: date | None, seed: int, as_json: bool) -> None:
    """Move the portfolio forward day by day; messages go to the local sink, simulated
    debtors pay, dispute or ignore."""
    c = container(as_json=as_json)
    actor = actor_of(c, tenant_slug, as_json)
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
