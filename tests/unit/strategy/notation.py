"""A credit manager's notation for strategy cases, and the shipped default strategies.

A case reads: ``"<claim>, now <YYYY-MM-DD HH:MM> → <decision>"``.

The claim is a comma-separated list: ``consumer claim € 250 due 2026-01-31`` first, then any of
``friendly route`` / ``b2b route`` / ``partner route``, ``channels post+email``, ``after <step>
at <YYYY-MM-DD HH:MM>``, ``letter sent <D>[ delivered <D> last day <D>]``, ``outstanding <amount>``,
``status <status>``, ``paused until <D>``, ``promise <D>``, ``instalments <D>:paid+<D>``,
``costs charged``, ``event <type> at <YYYY-MM-DD HH:MM>``, ``segment <s>``.

A decision renders as ``<actions or "nothing">`` then ``; wake <moment>``, ``; held [<step>]
<reason>``, ``; skipped <step> (<reason>[ → <phase>])``, ``; status <new status>`` and
``; finished`` where they apply. Each action renders as its type, channel, tone, template,
letterhead (when partner) and partner.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

from vorder.core.strategy import (
    Channel,
    ClaimState,
    ClaimStatus,
    DebtorKind,
    Decision,
    EventRecord,
    EventType,
    Instalment,
    Outcome,
    PlannedAction,
    StepRecord,
    Strategy,
    parse_strategy_text,
)

DEFAULTS = Path(__file__).parents[3] / "src" / "vorder" / "core" / "strategy" / "defaults"
ROUTES = {
    "friendly": "consumer-friendly",
    "b2b": "business-firm",
    "partner": "straight-to-partner",
}


@cache
def shipped(name: str) -> Strategy:
    """A shipped default strategy by name (tests read the file; the core never does)."""
    return parse_strategy_text((DEFAULTS / f"{name}.yaml").read_text(encoding="utf-8"))


def moment(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M")


def day(text: str) -> date:
    return date.fromisoformat(text)


def claim(text: str, *, strategy: Strategy | None = None) -> ClaimState:
    """Build a :class:`ClaimState` from the notation (see the module docstring)."""
    parts = [p.strip() for p in text.split(",")]
    head = re.fullmatch(r"(consumer|business) claim € ([0-9.]+) due (\S+)", parts[0])
    assert head, parts[0]
    kind, amount, due = head.groups()
    fields: dict[str, object] = {
        "claim_id": "C1",
        "debtor_id": "D1",
        "creditor_id": "CR1",
        "debtor_kind": DebtorKind(kind),
        "principal": Decimal(amount),
        "outstanding": Decimal(amount),
        "due_date": day(due),
        "channels": frozenset({Channel.POST}),
    }
    chosen = strategy
    history: list[StepRecord] = []
    events: list[EventRecord] = []
    for part in parts[1:]:
        words = part.split()
        if part.endswith(" route"):
            chosen = shipped(ROUTES[words[0]])
        elif words[0] == "channels":
            fields["channels"] = frozenset(Channel(c) for c in words[1].split("+"))
        elif words[0] == "after":
            assert chosen is not None, "name the route before 'after'"
            step_id, at = words[1], moment(" ".join(words[3:5]))
            kind_of = {s.id: type(s.action).TAG for _, s in chosen.all_steps()}
            history.append(
                StepRecord(step_id=step_id, action=kind_of[step_id], at=at, outcome=Outcome.SENT)
            )
            phase = {s.id: p for p, s in chosen.all_steps()}[step_id]
            fields.update(current_step_id=step_id, current_step_ran_at=at, phase=phase)
        elif words[0] == "letter":
            fields["letter_sent_on"] = day(words[2])
            if len(words) > 3:
                fields.update(letter_delivered_on=day(words[4]), letter_last_day=day(words[7]))
        elif words[0] == "outstanding":
            fields["outstanding"] = Decimal(words[1])
        elif words[0] == "status":
            fields["status"] = ClaimStatus(words[1])
        elif words[0] == "paused":
            fields.update(status=ClaimStatus.PAUSED, paused_until=day(words[2]))
        elif words[0] == "promise":
            fields.update(status=ClaimStatus.PROMISE, promise_date=day(words[1]))
        elif words[0] == "instalments":
            plan = []
            for item in words[1].split("+"):
                due_on, _, paid = item.partition(":")
                plan.append(
                    Instalment(due_date=day(due_on), amount=Decimal("100.00"), paid=paid == "paid")
                )
            fields.update(status=ClaimStatus.PLAN, instalments=tuple(plan))
        elif part == "costs charged":
            fields["costs_charged"] = True
        elif words[0] == "event":
            events.append(EventRecord(type=EventType(words[1]), at=moment(" ".join(words[3:5]))))
        elif words[0] == "segment":
            fields["segment"] = words[1]
        else:
            raise AssertionError(f"unknown notation: {part!r}")
    assert chosen is not None, "name a route"
    return ClaimState(
        **fields,  # type: ignore[arg-type]
        history=tuple(history),
        events=tuple(events),
        strategy_name=chosen.name,
        strategy_version=chosen.version,
    )


def strategy_of(state: ClaimState) -> Strategy:
    return shipped(state.strategy_name)


def render_action(action: PlannedAction) -> str:
    words = [action.kind]
    if action.channel is not None and action.kind != "create_call_task":
        words.append(action.channel.value)
    if action.tone is not None:
        words.append(action.tone.value)
    if action.template is not None:
        words.append(action.template)
    if action.letterhead is not None and action.letterhead.value == "partner":
        words.append("partner")
    if action.partner is not None:
        words.append(action.partner)
    return " ".join(words)


def render(decision: Decision, state: ClaimState) -> str:
    parts = [" + ".join(render_action(a) for a in decision.actions) or "nothing"]
    if decision.wake_at is not None:
        parts.append(f"wake {decision.wake_at:%Y-%m-%d %H:%M}")
    if decision.held is not None:
        step = f"{decision.held.step_id} " if decision.held.step_id else ""
        parts.append(f"held {step}{decision.held.reason.value}")
    if decision.skipped:
        shown = []
        for s in decision.skipped:
            goto = f" → {s.goto.value}" if s.goto else ""
            shown.append(f"{s.step_id} ({s.reason.value}{goto})")
        parts.append("skipped " + ", ".join(shown))
    if decision.status is not state.status:
        parts.append(f"status {decision.status.value}")
    if decision.finished and not state.strategy_finished:
        parts.append("finished")
    return "; ".join(parts)


def parse_case(case: str) -> tuple[ClaimState, datetime, str]:
    given, expected = (s.strip() for s in case.split("→", 1))
    given, _, now = given.rpartition(", now ")
    return claim(given), moment(now), expected
