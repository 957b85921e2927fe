"""Dry run: what would the engine do now for many claims? Counts and the list, no side effects.

Used by the strategy editor ("dry-run on today's portfolio") and the Planned tile.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from vorder.core.strategy.decide import Decision, PlannedAction, decide
from vorder.core.strategy.grouping import CALL_TASK, group_actions
from vorder.core.strategy.model import Strategy
from vorder.core.strategy.state import ClaimState


@dataclass(frozen=True, slots=True)
class Count:
    action: str  # the action's type, e.g. "send_message"
    channel: str | None
    count: int


@dataclass(frozen=True, slots=True)
class DryRun:
    """The result of :func:`dry_run`."""

    claims: int
    counts: tuple[Count, ...]  # per action and channel, sorted
    actions: tuple[PlannedAction, ...]
    decisions: tuple[Decision, ...]
    messages_after_grouping: int  # messages and letters the debtors would receive
    unresolved: tuple[str, ...]  # claim ids whose strategy was not given


def dry_run(
    states: Iterable[ClaimState],
    strategy: Strategy | Mapping[tuple[str, int], Strategy],
    *,
    now: datetime,
) -> DryRun:
    """Decide every claim at ``now`` without executing anything.

    With one :class:`Strategy`, every claim is decided on it (a what-if for the editor; the
    claim's position is kept where the step ids match). With a mapping from (name, version)
    to strategy, each claim is decided on its own strategy.
    """
    decisions: list[Decision] = []
    unresolved: list[str] = []
    count = 0
    for state in states:
        count += 1
        if isinstance(strategy, Strategy):
            chosen = strategy
            if (state.strategy_name, state.strategy_version) != strategy.key:
                state = _on(state, strategy)
        else:
            found = strategy.get((state.strategy_name, state.strategy_version))
            if found is None:
                unresolved.append(state.claim_id)
                continue
            chosen = found
        decisions.append(decide(state, chosen, now=now))
    actions = tuple(a for d in decisions for a in d.actions)
    counter = Counter((a.kind, a.channel.value if a.channel else None) for a in actions)
    counts = tuple(
        Count(kind, channel, n)
        for (kind, channel), n in sorted(counter.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
    )
    return DryRun(
        claims=count,
        counts=counts,
        actions=actions,
        decisions=tuple(decisions),
        messages_after_grouping=sum(
            1 for g in group_actions(actions).groups if g.kind != CALL_TASK
        ),
        unresolved=tuple(unresolved),
    )


def _on(state: ClaimState, strategy: Strategy) -> ClaimState:
    """The claim moved onto ``strategy`` for a what-if: its position is kept where the new
    strategy has the same step ids, else it starts at the first step."""
    ids = {step.id for _, step in strategy.all_steps()}
    return replace(
        state,
        strategy_name=strategy.name,
        strategy_version=strategy.version,
        current_step_id=state.current_step_id if state.current_step_id in ids else None,
        next_step_id=state.next_step_id if state.next_step_id in ids else None,
    )
