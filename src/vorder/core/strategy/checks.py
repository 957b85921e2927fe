"""Checks across fields of a structurally valid strategy (the schema cannot express them).

Each problem names its path, like the structural ones. Legal checks name their basis.
"""

from __future__ import annotations

from collections.abc import Callable

from vorder.core.strategy._doc import Problem, format_path
from vorder.core.strategy.model import (
    PHASE_ORDER,
    ChargeCollectionCosts,
    Conditions,
    DebtorKind,
    DueDateTrigger,
    EventHandling,
    LetterTermTrigger,
    PhaseName,
    Relative,
    Send14DayLetter,
    Strategy,
)

_Add = Callable[[tuple[str | int, ...], str], None]


def check_strategy(strategy: Strategy) -> tuple[Problem, ...]:
    """Every cross-field problem of ``strategy`` (empty when it is sound)."""
    problems: list[Problem] = []

    def add(path: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(format_path(path), message))

    present = {p.phase for p in strategy.phases}
    last_rank = -1
    seen_phases: set[PhaseName] = set()
    for i, phase in enumerate(strategy.phases):
        rank = PHASE_ORDER.index(phase.phase)
        if phase.phase in seen_phases:
            add(("phases", i, "phase"), f"{phase.phase} appears more than once")
        elif rank < last_rank:
            add(
                ("phases", i, "phase"),
                "phases must follow the order " + " → ".join(PHASE_ORDER),
            )
        seen_phases.add(phase.phase)
        last_rank = max(last_rank, rank)

    if strategy.event_handling is not None:
        _check_handling(strategy.event_handling, ("event_handling",), present, add)

    first_seen: dict[str, str] = {}
    letter_before = False
    for i, phase in enumerate(strategy.phases):
        for j, step in enumerate(phase.steps):
            path: tuple[str | int, ...] = ("phases", i, "steps", j)
            if step.id in first_seen:
                add((*path, "id"), f"'{step.id}' is already used at {first_seen[step.id]}")
            else:
                first_seen[step.id] = format_path(path)
            if step.conditions is not None:
                _check_conditions(step.conditions, (*path, "conditions"), add)
            for k, route in enumerate(step.routes):
                rpath = (*path, "routes", k)
                _check_conditions(route.when, (*rpath, "when"), add)
                if PHASE_ORDER.index(route.goto) <= PHASE_ORDER.index(phase.phase):
                    add((*rpath, "goto"), f"must be a phase after {phase.phase}")
                elif route.goto not in present:
                    add((*rpath, "goto"), f"{route.goto} is not a phase of this strategy")
            if step.on_events is not None:
                _check_handling(step.on_events, (*path, "on_events"), present, add)
            action, trigger = step.action, step.trigger
            if isinstance(action, Send14DayLetter):
                if isinstance(trigger, DueDateTrigger) and (
                    trigger.relative is Relative.BEFORE or trigger.days == 0
                ):
                    add(
                        (*path, "trigger"),
                        "a 14-day letter is sent only after the due date, when the debtor is "
                        "in default (art. 6:96 lid 6 BW)",
                    )
                if not step.combine:
                    add(
                        (*path, "combine"),
                        "a 14-day letter always covers all claims that can be dunned together "
                        "(art. 6:96 lid 7 BW)",
                    )
            if isinstance(trigger, LetterTermTrigger) and not letter_before:
                add((*path, "trigger"), "letter_term needs an earlier send_14_day_letter step")
            if isinstance(action, ChargeCollectionCosts) and not letter_before:
                kind = step.conditions.debtor_kind if step.conditions else None
                if kind is not DebtorKind.BUSINESS:
                    add(
                        (*path, "action"),
                        "collection costs for consumers need an earlier send_14_day_letter "
                        "step (art. 6:96 lid 6 BW); add one or set conditions.debtor_kind "
                        "to business",
                    )
            if isinstance(action, Send14DayLetter):
                letter_before = True
    return tuple(problems)


def _check_conditions(conditions: Conditions, path: tuple[str | int, ...], add: _Add) -> None:
    for name, rng in (("amount", conditions.amount), ("age_days", conditions.age_days)):
        if rng is None:
            continue
        if rng.min is None and rng.max is None:
            add((*path, name), "give min, max or both")
        elif rng.min is not None and rng.max is not None and rng.min > rng.max:
            add((*path, name, "max"), "must be >= min")


def _check_handling(
    handling: EventHandling,
    path: tuple[str | int, ...],
    present: set[PhaseName],
    add: _Add,
) -> None:
    missed = handling.instalment_missed
    if missed is not None and missed.goto is not None and missed.goto not in present:
        add(
            (*path, "instalment_missed", "goto"),
            f"{missed.goto} is not a phase of this strategy",
        )
