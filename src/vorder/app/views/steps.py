"""What will happen next to a claim, in words the workspace can show: its strategy's next
step (title, action, channel) and the day it is planned, or why nothing is planned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from vorder.app.collection.ports import CollectionUnitOfWork
from vorder.app.collection.records import StateRow
from vorder.app.collection.state import local_day
from vorder.app.collection.strategies import StrategyCache
from vorder.app.ledger.records import ClaimRow
from vorder.core.strategy import Strategy

FINISHED_STATUSES = ("closed", "written_off")


@dataclass(frozen=True, slots=True)
class StrategyName:
    name: str
    version: int
    title_nl: str
    title_en: str


@dataclass(frozen=True, slots=True)
class NextStep:
    """The next step, or ``waiting``: why nothing is planned (closed, written_off,
    not_started, disputed, paused, promise, plan, finished, or the engine's hold reason)."""

    on: date | None = None
    title_nl: str | None = None
    title_en: str | None = None
    action: str | None = None  # the action's type, e.g. send_message
    channel: str | None = None  # post, email, sms, phone
    phase: str | None = None
    waiting: str | None = None


def step_of(strategy: Strategy | None, step_id: str | None) -> NextStep | None:
    """The step ``step_id`` of ``strategy`` as a :class:`NextStep` (no day), or None."""
    if strategy is None or step_id is None:
        return None
    for phase, step in strategy.all_steps():
        if step.id == step_id:
            action = step.action
            tag = type(action).TAG
            channel = getattr(action, "channel", None)
            if tag == "create_call_task":
                channel = "phone"
            return NextStep(
                title_nl=step.title.nl if step.title else None,
                title_en=step.title.en if step.title else None,
                action=tag,
                channel=str(channel) if channel else None,
                phase=phase.value,
            )
    return None


def next_step(
    claim: ClaimRow, state: StateRow | None, strategy: Strategy | None, wake_at: datetime | None
) -> NextStep:
    """See :class:`NextStep`; ``wake_at`` is when the runner looks at the claim again."""
    wake = local_day(wake_at) if wake_at is not None else None
    if claim.status in FINISHED_STATUSES:
        return NextStep(waiting=claim.status)
    if state is None:
        return NextStep(on=wake, waiting="not_started")
    if state.status == "disputed":
        return NextStep(waiting="disputed")
    if state.status == "paused":
        return NextStep(on=state.paused_until, waiting="paused")
    if state.status == "promise":
        return NextStep(on=state.promise_date, waiting="promise")
    if state.finished:
        return NextStep(waiting="finished")
    found = step_of(strategy, state.next_step_id)
    if found is None:
        return NextStep(on=wake, waiting=state.held_reason or "finished")
    held = state.held_reason if state.held_reason in ("awaiting_event",) else None
    return NextStep(
        on=None if held else wake,
        title_nl=found.title_nl,
        title_en=found.title_en,
        action=found.action,
        channel=found.channel,
        phase=found.phase,
        waiting=held,
    )


class Strategies:
    """Strategy titles and parsed strategies for one read (cached by name and version)."""

    def __init__(self, uow: CollectionUnitOfWork) -> None:
        self.uow = uow
        self.cache = StrategyCache()
        self._names: dict[tuple[str, int], StrategyName | None] = {}

    def get(self, name: str | None, version: int | None) -> Strategy | None:
        if not name or version is None:
            return None
        return self.cache.get(self.uow, name, version)

    def name(self, name: str | None, version: int | None) -> StrategyName | None:
        if not name or version is None:
            return None
        key = (name, version)
        if key not in self._names:
            record = self.uow.strategies.get(name, version)
            self._names[key] = (
                StrategyName(name, version, record.title_nl, record.title_en) if record else None
            )
        return self._names[key]
