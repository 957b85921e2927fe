"""Use case: a dry run — what the engine would do to today's portfolio, sending nothing.

Every open claim of the organisation is decided at ``now`` on its own strategy (a claim that
has not entered collection yet is assigned in memory), or — with ``strategy`` — on that
strategy as a what-if (positions kept where step ids match). Counts per action and channel,
the planned actions, and the number of messages debtors would get after grouping. Reads
only: no state, no event, no outbox row is written (the core's :func:`dry_run`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from vorder.app.collection.claims import assigned_row
from vorder.app.collection.errors import StrategyNotFound
from vorder.app.collection.ports import DefaultStrategies
from vorder.app.collection.state import claim_state, to_local
from vorder.app.collection.strategies import StrategyCache, cuow, rules_in
from vorder.app.ports import UnitOfWorkFactory
from vorder.app.records import Actor
from vorder.core.strategy import (
    ClaimState,
    Count,
    PlannedAction,
    Strategy,
    dry_run,
    parse_strategy,
)

PAGE = 1000
MAX_LISTED = 1000


@dataclass(frozen=True, slots=True)
class PlannedItem:
    claim_id: int
    debtor_id: int
    step_id: str
    phase: str
    action: str
    channel: str | None
    template: str | None
    tone: str | None
    letterhead: str | None
    strategy: str
    version: int
    variant: str | None
    planned_at: datetime  # local (Europe/Amsterdam) wall-clock time


@dataclass(frozen=True, slots=True)
class DryRunView:
    claims: int
    counts: tuple[Count, ...]
    actions: tuple[PlannedItem, ...]  # at most MAX_LISTED
    total_actions: int
    messages_after_grouping: int
    unresolved: tuple[int, ...]  # claims whose strategy is not published
    strategy: str | None
    version: int | None


def dry_run_portfolio(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    now: datetime,
    strategy: str | None = None,
    version: int | None = None,
    defaults: DefaultStrategies | None = None,
) -> DryRunView:
    """What the engine would do at ``now`` (see the module docstring)."""
    cache = StrategyCache()
    states: list[ClaimState] = []
    strategies: dict[tuple[str, int], Strategy] = {}
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = cuow(base)
        stored = {r.name: r.version for r in uow.strategies.latest_all()}
        fallback: dict[str, Strategy] = {}
        if not stored and defaults is not None:  # not installed yet: the shipped ones
            for document in defaults.documents():
                parsed = parse_strategy(document)
                fallback[parsed.name] = parsed
        latest = stored or {name: s.version for name, s in fallback.items()}
        what_if: Strategy | None = None
        if strategy is not None:
            what_if = cache.get(uow, strategy, version) or fallback.get(strategy)
            if what_if is None or (version is not None and what_if.version != version):
                raise StrategyNotFound(f"no strategy '{strategy}'", field="strategy")
        rules = rules_in(uow)[1]
        after = 0
        while True:
            batch = uow.collection.open_portfolio(after_claim_id=after, limit=PAGE)
            if not batch.claims:
                break
            for claim in batch.claims:
                after = claim.id
                debtor = batch.debtors[claim.debtor_id]
                row = batch.states.get(claim.id)
                if row is None:
                    made = assigned_row(claim, debtor, rules, latest, now=now)
                    if made is None:
                        continue
                    row = made[0]
                key = (row.strategy_name, row.strategy_version)
                if what_if is None and key not in strategies:
                    found = cache.get(uow, *key) or fallback.get(row.strategy_name)
                    if found is not None and found.key == key:
                        strategies[key] = found
                states.append(claim_state(claim, debtor, row))
    result = dry_run(states, what_if if what_if is not None else strategies, now=to_local(now))
    items = tuple(_item(a) for a in result.actions[:MAX_LISTED])
    return DryRunView(
        claims=result.claims,
        counts=result.counts,
        actions=items,
        total_actions=len(result.actions),
        messages_after_grouping=result.messages_after_grouping,
        unresolved=tuple(int(c) for c in result.unresolved),
        strategy=what_if.name if what_if else None,
        version=what_if.version if what_if else None,
    )


def _item(a: PlannedAction) -> PlannedItem:
    return PlannedItem(
        claim_id=int(a.claim_id),
        debtor_id=int(a.debtor_id),
        step_id=a.step_id,
        phase=a.phase.value,
        action=a.kind,
        channel=a.channel.value if a.channel else None,
        template=a.template,
        tone=a.tone.value if a.tone else None,
        letterhead=a.letterhead.value if a.letterhead else None,
        strategy=a.strategy,
        version=a.version,
        variant=a.variant,
        planned_at=a.planned_at,
    )


__all__: Sequence[str] = ["DryRunView", "PlannedItem", "dry_run_portfolio"]
