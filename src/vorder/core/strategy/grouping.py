"""Group one debtor's due contact actions of one day into as few messages as the law allows.

* Messages and call tasks of the same creditor to the same debtor on the same day, by the same
  channel and letterhead, in the same currency, become ONE message listing all claims — unless
  a step says ``combine: false``. The group takes the firmest tone among its items and that
  item's template (ties: the first claim in id order).
* 14-day letters of one creditor to one debtor on one day become ONE letter listing all claims,
  whose principals are added before the cost scale is applied (art. 6:96 lid 7 BW, law-nl.md
  section 3). Such a letter goes by post when any item says post, and on the partner's
  letterhead when any item says partner.
* Other actions (costs, hand-over, judicial, wait, stop, write-off) are passed through.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from vorder.core.strategy.decide import PlannedAction
from vorder.core.strategy.model import (
    TONE_RANK,
    Channel,
    CreateCallTask,
    Letterhead,
    Send14DayLetter,
    SendMessage,
    Tone,
)

MESSAGE = "message"
LETTER_14 = "14_day_letter"
CALL_TASK = "call_task"


@dataclass(frozen=True, slots=True)
class MessageGroup:
    """One message (or one 14-day letter, or one call task) covering one or more claims."""

    kind: str  # "message", "14_day_letter" or "call_task"
    creditor_id: str
    debtor_id: str
    currency: str
    channel: Channel
    letterhead: Letterhead | None
    tone: Tone | None
    template: str | None
    planned_at: datetime  # the latest planned moment of its items
    claim_ids: tuple[str, ...]
    principal_total: Decimal  # the principals added (basis H for a 14-day letter)
    items: tuple[PlannedAction, ...]


@dataclass(frozen=True, slots=True)
class Grouped:
    groups: tuple[MessageGroup, ...]
    other: tuple[PlannedAction, ...]


def _kind(action: PlannedAction) -> str | None:
    if isinstance(action.action, Send14DayLetter):
        return LETTER_14
    if isinstance(action.action, SendMessage):
        return MESSAGE
    if isinstance(action.action, CreateCallTask):
        return CALL_TASK
    return None


def group_actions(actions: Iterable[PlannedAction]) -> Grouped:
    """Group due actions (any debtors, any days) per creditor, debtor and day; pure."""
    ordered = sorted(actions, key=lambda a: (a.claim_id, a.step_id))
    buckets: dict[tuple[object, ...], list[PlannedAction]] = {}
    other: list[PlannedAction] = []
    for action in ordered:
        kind = _kind(action)
        if kind is None:
            other.append(action)
            continue
        key: tuple[object, ...] = (
            kind,
            action.creditor_id,
            action.debtor_id,
            action.currency,
            action.planned_at.date(),
        )
        if kind != LETTER_14:
            key = (*key, action.channel, action.letterhead)
            if not action.combine:
                key = (*key, action.claim_id, action.step_id)
        buckets.setdefault(key, []).append(action)
    groups = [_group(str(key[0]), items) for key, items in buckets.items()]
    groups.sort(key=lambda g: (g.creditor_id, g.debtor_id, g.planned_at, g.kind, g.claim_ids))
    return Grouped(tuple(groups), tuple(other))


def _group(kind: str, items: list[PlannedAction]) -> MessageGroup:
    first = items[0]
    lead = max(items, key=lambda a: TONE_RANK[a.tone] if a.tone else -1)  # first of the firmest
    channel = first.channel or Channel.POST
    letterhead = first.letterhead
    if kind == LETTER_14:
        channel = Channel.POST if any(a.channel is Channel.POST for a in items) else Channel.EMAIL
        partner = any(a.letterhead is Letterhead.PARTNER for a in items)
        letterhead = Letterhead.PARTNER if partner else Letterhead.OWN
    return MessageGroup(
        kind=kind,
        creditor_id=first.creditor_id,
        debtor_id=first.debtor_id,
        currency=first.currency,
        channel=channel,
        letterhead=letterhead,
        tone=lead.tone,
        template=lead.template,
        planned_at=max(a.planned_at for a in items),
        claim_ids=tuple(dict.fromkeys(a.claim_id for a in items)),
        principal_total=sum({a.claim_id: a.principal for a in items}.values(), Decimal("0")),
        items=tuple(items),
    )
