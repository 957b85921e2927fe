"""Building a message from a group of planned actions: the amounts from the law engine, the
14-day letter's announcement, the idempotency key, the outbox payload.

Amounts: each claim's statement of account on the message day
(:func:`vorder.core.law.statement_of_account` via the ledger's facts), line by line with its
basis. A 14-day letter to a consumer states the exact collection costs that will be charged:
the staffel on the principals of all claims dunned together, added (art. 6:96 lid 6-7 BW);
each claim's ``FourteenDayLetterSent`` event announces its share of that amount, so the
costs later charged per claim never add up to more than the letter said.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal

from vorder.app.collection.content import (
    AmountLine,
    ClaimAmounts,
    InvoiceLine,
    LetterTerms,
    MessageContent,
)
from vorder.app.collection.records import DebtorContactInfo
from vorder.app.ledger.accounts import ClaimBook, statement_for
from vorder.core.law import StatutoryRates, b2b_costs, consumer_costs
from vorder.core.law.statement import LineKind, Statement
from vorder.core.money import ZERO, round_cents
from vorder.core.strategy import MessageGroup

MAX_KEY = 200
PRINCIPAL_BASIS = "the invoices (agreement)"
PAID_BASIS = "art. 6:43-6:44 BW (costs, then interest, then principal)"


def idempotency_key(tenant_id: int, group: MessageGroup, day: date) -> str:
    """``tenant:claim(s):step(s):date`` — the same group on the same day gives the same key."""
    claims = "+".join(str(c) for c in group.claim_ids)
    steps = "+".join(sorted({a.step_id for a in group.items}))
    key = f"{tenant_id}:{claims}:{steps}:{day.isoformat()}"
    if len(key) <= MAX_KEY:
        return key
    digest = hashlib.sha256(f"{claims}:{steps}".encode()).hexdigest()[:40]
    return f"{tenant_id}:h{digest}:{day.isoformat()}"


def _interest_detail(statement: Statement) -> str:
    parts = []
    for invoice in statement.invoices:
        for seg in invoice.segments:
            rate = (seg.rate * 100).normalize()
            last = seg.end - timedelta(days=1)  # segments are half-open [start, end)
            parts.append(f"{invoice.number}: {rate}% {seg.start.isoformat()}..{last.isoformat()}")
    return "; ".join(parts)


def claim_amounts(
    book: ClaimBook, *, on: date, rates: StatutoryRates, payment_references: bool = True
) -> ClaimAmounts:
    """A claim's amounts on ``on`` from its statement of account, each with its basis."""
    statement = statement_for(book, on=on, rates=rates)
    by_number = {b.number: b for b in statement.invoices}
    invoices = []
    for row in book.invoices:
        balance = by_number.get(row.number)
        invoices.append(
            InvoiceLine(
                number=row.number,
                issue_date=row.issue_date,
                due_date=row.due_date,
                principal=balance.principal if balance else ZERO,
                open_principal=balance.principal_outstanding if balance else ZERO,
                interest=balance.interest_outstanding if balance else ZERO,
                payment_reference=row.payment_reference if payment_references else None,
            )
        )
    interest_basis = next(
        (ln.basis for ln in statement.lines if ln.kind is LineKind.INTEREST), statement.kind.basis
    )
    costs_basis = next((ln.basis for ln in statement.lines if ln.kind is LineKind.COSTS), "")
    lines = [AmountLine("principal", statement.principal_outstanding, PRINCIPAL_BASIS)]
    lines.append(
        AmountLine(
            "interest", statement.interest_outstanding, interest_basis, _interest_detail(statement)
        )
    )
    if statement.costs_outstanding:
        lines.append(AmountLine("costs", statement.costs_outstanding, costs_basis))
    if statement.paid:
        lines.append(AmountLine("paid", -statement.paid, PAID_BASIS))
    return ClaimAmounts(
        claim_id=book.claim.id,
        invoices=tuple(invoices),
        principal=statement.principal_outstanding,
        interest=statement.interest_outstanding,
        costs=statement.costs_outstanding,
        paid=statement.paid,
        total=statement.total_outstanding,
        lines=tuple(lines),
        provisional=statement.provisional,
    )


def letter_terms(
    amounts: Sequence[ClaimAmounts], *, consumer: bool, on: date, channel: str
) -> LetterTerms:
    """The 14-day letter's costs: the staffel on the principals added (art. 6:96 lid 7 BW) —
    for a business debtor ``max(40 x invoices, staffel)`` (art. 6:96 lid 4 BW)."""
    principals = [a.principal for a in amounts]
    if consumer:
        costs = consumer_costs(principals)
    else:
        costs = b2b_costs(principals, invoices=sum(len(a.invoices) for a in amounts) or 1)
    return LetterTerms(
        principal_total=sum(principals, ZERO),
        costs=costs.costs,
        vat=costs.vat,
        basis=costs.basis,
        sent_on=on,
        channel=channel,
    )


def shares(total: Decimal, weights: Mapping[int, Decimal]) -> dict[int, Decimal]:
    """``total`` split over the keys pro rata ``weights``, in cents, adding up exactly
    (largest remainder; ties to the lower key)."""
    keys = sorted(weights)
    base = sum((weights[k] for k in keys), ZERO)
    if base <= 0:
        even = {k: Decimal(1) for k in keys}
        return shares(total, even) if keys else {}
    cents = int(round_cents(total) * 100)
    raw = {k: Decimal(cents) * weights[k] / base for k in keys}
    out = {k: int(raw[k]) for k in keys}
    rest = cents - sum(out.values())
    for k in sorted(keys, key=lambda k: (-(raw[k] - int(raw[k])), k))[:rest]:
        out[k] += 1
    return {k: Decimal(v) / 100 for k, v in out.items()}


def content_for(
    group: MessageGroup,
    *,
    amounts: Sequence[ClaimAmounts],
    debtor: DebtorContactInfo,
    creditor_name: str,
    on: date,
    letter: LetterTerms | None,
) -> MessageContent:
    return MessageContent(
        kind="14_day_letter" if letter is not None else "message",
        template=group.template or "",
        tone=group.tone.value if group.tone else "neutral",
        channel=group.channel.value,
        letterhead=group.letterhead.value if group.letterhead else "own",
        language=debtor.language if debtor.language in ("nl", "en") else "nl",
        on=on,
        creditor_name=creditor_name,
        debtor_name=debtor.name,
        debtor_kind=debtor.kind,
        address_lines=debtor.address_lines,
        currency=group.currency,
        claims=tuple(amounts),
        total=sum((a.total for a in amounts), ZERO),
        letter=letter,
    )


def recipient(debtor: DebtorContactInfo, channel: str) -> str | list[str] | None:
    if channel == "email":
        return debtor.email
    if channel == "sms":
        return debtor.phone
    return list(debtor.address_lines) or None
