"""Use cases: read and list claims, the statement of account, the timeline, 14-day letters and
collection costs.

The statement on a date is computed by the law engine from the claim's stored facts
(:mod:`.accounts`): principal per invoice (credit notes shown as their own lines), interest per
segment (art. 6:119/6:119a BW), collection costs (art. 6:96 BW, Besluit BIK), what was paid and
how it was allocated (art. 6:43/6:44 BW), and what is outstanding, each line with its basis.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from vorder.app.ledger.accounts import (
    CLOSED,
    LETTER_EVENT,
    load_book,
    refresh_claim,
    refresh_events,
    statement_for,
)
from vorder.app.ledger.debtors import check_sort, ledger, page_bounds
from vorder.app.ledger.errors import ClaimClosed, ClaimNotFound
from vorder.app.ledger.records import ClaimRow, InvoiceRow, Page
from vorder.app.ports import LedgerUnitOfWork, UnitOfWorkFactory
from vorder.app.records import Actor, Event, StoredEvent
from vorder.core.errors import DomainError
from vorder.core.law import Statement, StatutoryRates, consumer_costs
from vorder.core.law.letter import Channel
from vorder.core.law.statement import CostsAlreadyCharged, LineKind, StatementLine
from vorder.core.money import ZERO, format_amount, from_cents, parse_amount

CLAIM_SORTS = ("-outstanding", "outstanding", "due_date", "-due_date", "created_at", "-created_at")
CREDIT_NOTE_BASIS = "credit note (creditnota): corrects the invoice from its start"
MAX_TIMELINE = 500


class InvalidLetter(DomainError):
    code = "invalid_letter"


class CostsExcluded(DomainError):
    """The creditor agreed (cost clause ``none``) not to charge collection costs."""

    code = "costs_excluded"


@dataclass(frozen=True, slots=True)
class ClaimStatement:
    """The law engine's statement with the claim's credit notes as their own lines."""

    claim: ClaimRow
    statement: Statement
    lines: tuple[StatementLine, ...]
    invoice_ids: dict[str, int]


def _claim(uow: LedgerUnitOfWork, claim_id: int) -> ClaimRow:
    claim = uow.claims.get(claim_id)
    if claim is None:
        raise ClaimNotFound(f"no claim {claim_id}", field="claim_id")
    return claim


def get_claim(uow_factory: UnitOfWorkFactory, *, actor: Actor, claim_id: int) -> ClaimRow:
    with uow_factory(tenant_id=actor.tenant_id) as base:
        return _claim(ledger(base), claim_id)


def claim_invoices(
    uow_factory: UnitOfWorkFactory, *, actor: Actor, claim_id: int
) -> list[InvoiceRow]:
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = ledger(base)
        _claim(uow, claim_id)
        return uow.invoices.for_claim(claim_id)


def list_claims(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    q: str | None = None,
    debtor_id: int | None = None,
    status: str | None = None,
    phase: str | None = None,
    kind: str | None = None,
    sort: str = "-outstanding",
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Claims by debtor name, invoice number, payment reference, IBAN or claim number."""
    check_sort(sort, CLAIM_SORTS)
    limit, offset = page_bounds(limit, offset)
    with uow_factory(tenant_id=actor.tenant_id) as base:
        rows = ledger(base).claims.search(
            q=q,
            debtor_id=debtor_id,
            status=status,
            phase=phase,
            kind=kind,
            sort=sort,
            limit=limit + 1,
            offset=offset,
        )
    return Page(rows[:limit], offset + limit if len(rows) > limit else None)


def _with_credit_notes(
    lines: tuple[StatementLine, ...], invoices: list[InvoiceRow]
) -> tuple[StatementLine, ...]:
    by_id = {i.id: i for i in invoices if i.document_type == "invoice"}
    notes = [i for i in invoices if i.document_type == "credit_note"]
    credited: dict[str, int] = {}
    extra: list[StatementLine] = []
    for note in notes:
        target = by_id.get(note.credited_invoice_id or 0)
        if target is None:
            continue
        credited[target.number] = credited.get(target.number, 0) + note.amount_due_cents
        extra.append(
            StatementLine(
                note.issue_date,
                LineKind.INVOICE,
                f"credit note {note.number} on invoice {target.number}",
                -from_cents(note.amount_due_cents),
                CREDIT_NOTE_BASIS,
                target.number,
            )
        )
    out = [
        replace(ln, amount=ln.amount + from_cents(credited[ln.invoice]))
        if ln.kind is LineKind.INVOICE and ln.invoice in credited
        else ln
        for ln in lines
    ]
    return tuple(sorted(out + extra, key=lambda ln: ln.on))


def claim_statement(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    claim_id: int,
    on: date,
    rates: StatutoryRates,
) -> ClaimStatement:
    """The statement of account of a claim on ``on`` (see the module docstring)."""
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = ledger(base)
        claim = _claim(uow, claim_id)
        book = load_book(uow, claim)
        rows = uow.invoices.for_claim(claim_id)
    statement = statement_for(book, on=on, rates=rates)
    return ClaimStatement(
        claim,
        statement,
        _with_credit_notes(statement.lines, rows),
        {i.number: i.id for i in book.invoices},
    )


def claim_timeline(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    claim_id: int,
    before_id: int | None = None,
    limit: int = 100,
) -> list[StoredEvent]:
    """The claim's events, newest first (``before_id`` pages further back)."""
    limit = max(1, min(limit, MAX_TIMELINE))
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = ledger(base)
        _claim(uow, claim_id)
        return uow.events.search(
            subject_type="claim", subject_id=claim_id, before_id=before_id, limit=limit
        )


def record_letter_sent(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    claim_id: int,
    on: date,
    channel: str,
    rates: StatutoryRates,
    now: datetime,
    cost_amount: Decimal | None = None,
    vat_uplift_stated: bool = False,
) -> Event:
    """Record that a 14-day letter (art. 6:96 lid 6 BW) was sent on ``on``.

    ``cost_amount`` is the amount the letter announced; by default the statutory staffel on
    the principal then in default. The law engine decides its validity on every statement.
    """
    try:
        letter_channel = Channel(channel)
    except ValueError:
        raise InvalidLetter(
            f"unknown channel '{channel}' (choose post or email)", field="channel"
        ) from None
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = ledger(base)
        claim = _claim(uow, claim_id)
        if claim.status in CLOSED:
            raise ClaimClosed(f"claim {claim_id} is {claim.status}", field="claim_id")
        if cost_amount is None:
            statement = statement_for(load_book(uow, claim), on=on, rates=rates)
            due = [b.principal_outstanding for b in statement.invoices if b.due < on]
            cost_amount = consumer_costs(due).costs if sum(due, ZERO) else ZERO
        amount = parse_amount(cost_amount, field="cost_amount")
        event = Event(
            "claim",
            claim_id,
            LETTER_EVENT,
            {
                "on": on.isoformat(),
                "channel": letter_channel.value,
                "cost_amount": format_amount(amount),
                "vat_uplift_stated": vat_uplift_stated,
            },
            now,
            actor.ref,
        )
        uow.events.append(event, now=now)
        uow.claims.wake([claim_id], at=now)
        uow.commit()
    return event


def charge_collection_costs(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    claim_id: int,
    on: date,
    rates: StatutoryRates,
    now: datetime,
    vat_uplift: bool = False,
) -> ClaimRow:
    """Charge the statutory collection costs on ``on`` (art. 6:96 BW, Besluit BIK).

    Once per claim. The law engine checks that they may be charged (a consumer: only after a
    valid 14-day letter's term passed unpaid) and computes the amount; a refusal is its named
    error (CostsNotChargeable, CostsAboveStatutory) and nothing is stored.
    """
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = ledger(base)
        claim = _claim(uow, claim_id)
        if claim.status in CLOSED:
            raise ClaimClosed(f"claim {claim_id} is {claim.status}", field="claim_id")
        if claim.cost_clause == "none":
            raise CostsExcluded(
                f"claim {claim_id} has no cost clause: collection costs are not charged",
                field="claim_id",
            )
        if claim.costs_charged_on is not None:
            raise CostsAlreadyCharged(
                f"collection costs were already charged on {claim.costs_charged_on.isoformat()}",
                field="claim_id",
            )
        uow.claims.set_costs(claim_id, on=on, vat_uplift=vat_uplift, now=now)
        charged = replace(claim, costs_charged_on=on, vat_uplift=vat_uplift)
        done = refresh_claim(uow, charged, rates=rates, now=now)
        updated = _claim(uow, claim_id)
        uow.events.append(
            Event(
                "claim",
                claim_id,
                "CollectionCostsCharged",
                {
                    "on": on.isoformat(),
                    "amount": format_amount(from_cents(updated.costs_cents)),
                    "vat_uplift": vat_uplift,
                },
                now,
                actor.ref,
            ),
            now=now,
        )
        for e in refresh_events(done, actor=actor, now=now):
            uow.events.append(e, now=now)
        uow.claims.wake([claim_id], at=now)
        uow.commit()
    return updated
