"""The messages of a batch: one per group of planned actions (per debtor and day), built
from the claims' statements on the day, rendered, queued in the outbox with its idempotency
key, recorded in ``collection_messages`` and on each claim (``MessageQueued``); a 14-day
letter also records each claim's ``FourteenDayLetterSent`` with its share of the announced
costs; call tasks are recorded without an outbox row."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from vorder.app.collection.claims import Item
from vorder.app.collection.content import ClaimAmounts
from vorder.app.collection.messages import (
    claim_amounts,
    content_for,
    idempotency_key,
    letter_terms,
    recipient,
    shares,
)
from vorder.app.collection.ports import CollectionUnitOfWork
from vorder.app.collection.records import NewMessage, RunReport
from vorder.app.collection.state import to_local
from vorder.app.ledger.accounts import LETTER_EVENT
from vorder.core.money import ZERO, format_amount, to_cents
from vorder.core.strategy import DebtorKind, MessageGroup, PlannedAction
from vorder.core.strategy.grouping import CALL_TASK, LETTER_14

if TYPE_CHECKING:
    from vorder.app.collection.batch import Services


def _variant(group: MessageGroup) -> str | None:
    found = {a.variant for a in group.items}
    return found.pop() if len(found) == 1 else "mixed"


def build_messages(
    uow: CollectionUnitOfWork,
    items: dict[int, Item],
    groups: Sequence[MessageGroup],
    services: Services,
    report: RunReport,
    *,
    now: datetime,
) -> tuple[list[tuple[str, str, dict[str, Any]]], list[NewMessage]]:
    tenant_id = uow.tenant_id or 0
    today = to_local(now).date()
    keyed = [(idempotency_key(tenant_id, g, today), g) for g in groups]
    known = uow.collection.existing_keys([k for k, _ in keyed])
    wanted = {
        int(c) for k, g in keyed if k not in known and g.kind != CALL_TASK for c in g.claim_ids
    }
    books = uow.collection.books(wanted) if wanted else {}
    outbox: list[tuple[str, str, dict[str, Any]]] = []
    messages: list[NewMessage] = []
    for key, group in keyed:
        if key in known:
            continue
        lead = group.items[0]
        claim_ids = [int(c) for c in group.claim_ids]
        steps = sorted({a.step_id for a in group.items})
        debtor = items[claim_ids[0]].debtor
        common = {
            "key": key,
            "kind": group.kind,
            "channel": group.channel.value,
            "template": group.template,
            "tone": group.tone.value if group.tone else None,
            "letterhead": group.letterhead.value if group.letterhead else None,
            "strategy": lead.strategy,
            "strategy_version": lead.version,
            "variant": _variant(group),
            "claim_ids": claim_ids,
            "step_ids": steps,
            "sent_on": today.isoformat(),
        }
        if group.kind == CALL_TASK:
            report.call_tasks += 1
            messages.append(
                _message_row(
                    group,
                    debtor.id,
                    debtor.language,
                    key,
                    today,
                    0,
                    None,
                    "open",
                    lead,
                    claim_ids,
                    steps,
                )
            )
            for claim_id in claim_ids:
                items[claim_id].event("CallTaskCreated", common, now)
            continue
        amounts = [claim_amounts(books[c], on=today, rates=services.rates) for c in claim_ids]
        letter = None
        if group.kind == LETTER_14:
            consumer = lead.debtor_kind is DebtorKind.CONSUMER
            letter = letter_terms(amounts, consumer=consumer, on=today, channel=group.channel.value)
            _announce(items, amounts, letter.costs, group.channel.value, now=now)
            report.letters += 1
        else:
            report.messages += 1
        content = content_for(
            group,
            amounts=amounts,
            debtor=debtor,
            creditor_name=services.creditor_name,
            on=today,
            letter=letter,
        )
        rendered = services.renderer.render(content)
        total = sum((a.total for a in amounts), ZERO)
        payload = {
            **common,
            "tenant_id": tenant_id,
            "debtor_id": debtor.id,
            "language": content.language,
            "to": recipient(debtor, group.channel.value),
            "subject": rendered.subject,
            "text": rendered.text,
            "html": rendered.html,
            "total": format_amount(total),
            "currency": group.currency,
        }
        if letter is not None:
            payload["costs"] = format_amount(letter.costs)
        outbox.append((group.channel.value, key, payload))
        messages.append(
            _message_row(
                group,
                debtor.id,
                content.language,
                key,
                today,
                to_cents(total),
                to_cents(letter.costs) if letter else None,
                "queued",
                lead,
                claim_ids,
                steps,
            )
        )
        event_payload = {**common, "total": format_amount(total)}
        for claim_id in claim_ids:
            items[claim_id].event("MessageQueued", event_payload, now)
    return outbox, messages


def _message_row(
    group: MessageGroup,
    debtor_id: int,
    language: str,
    key: str,
    today: Any,
    total_cents: int,
    costs_cents: int | None,
    status: str,
    lead: PlannedAction,
    claim_ids: list[int],
    steps: list[str],
) -> NewMessage:
    return NewMessage(
        debtor_id=debtor_id,
        kind=group.kind,
        channel=group.channel.value,
        template=group.template,
        tone=group.tone.value if group.tone else None,
        letterhead=group.letterhead.value if group.letterhead else None,
        language=language,
        strategy_name=lead.strategy,
        strategy_version=lead.version,
        variant=_variant(group),
        claim_ids=claim_ids,
        step_ids=steps,
        idempotency_key=key,
        sent_on=today,
        total_cents=total_cents,
        costs_cents=costs_cents,
        status=status,
    )


def _announce(
    items: dict[int, Item],
    amounts: Sequence[ClaimAmounts],
    costs: Any,
    channel: str,
    *,
    now: datetime,
) -> None:
    """Each claim's ``FourteenDayLetterSent`` (the ledger's letter fact): its share of the
    costs the letter announces, pro rata the principals (art. 6:96 lid 7 BW)."""
    split = shares(costs, {a.claim_id: a.principal for a in amounts})
    for a in amounts:
        item = items[a.claim_id]
        sent = item.state.letter_sent_on or to_local(now).date()
        item.event(
            LETTER_EVENT,
            {
                "on": sent.isoformat(),
                "channel": channel,
                "cost_amount": format_amount(split[a.claim_id]),
                "vat_uplift_stated": False,
                "letter_costs": format_amount(costs),
            },
            now,
        )
