"""The debtors list and a debtor's page. A debtor's details are personal data: both reads go
through the ledger's debtor use cases, which log each access with its purpose (AVG art. 5
and 30); the claims and amounts come from the ledger's claims."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from vorder.app.ledger import claims, debtors
from vorder.app.ledger.debtors import ledger
from vorder.app.ledger.records import ClaimRow, DebtorRecord
from vorder.app.ports import UnitOfWorkFactory
from vorder.app.records import Actor

PAGE_SIZE = 50
MAX_QUERY = 100
CLAIMS_SHOWN = 200
PURPOSE_LIST = "find a debtor in the workspace"
PURPOSE_PAGE = "collect the creditor's claims on this debtor (debtor page)"
PURPOSE_PICK = "choose the debtor of a new invoice"
FINISHED = ("closed", "written_off")


@dataclass(frozen=True, slots=True)
class DebtorLine:
    debtor: DebtorRecord
    open_claims: int
    outstanding_cents: int


@dataclass(frozen=True, slots=True)
class DebtorList:
    q: str | None
    kind: str | None
    lines: tuple[DebtorLine, ...]
    offset: int
    next_offset: int | None


@dataclass(frozen=True, slots=True)
class DebtorPage:
    debtor: DebtorRecord
    claims: tuple[ClaimRow, ...]
    outstanding_cents: int
    open_claims: int


def debtor_list(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: Actor,
    q: str | None,
    kind: str | None,
    offset: int,
    now: datetime,
    limit: int = PAGE_SIZE,
    purpose: str = PURPOSE_LIST,
) -> DebtorList:
    """Debtors by name, own number, postcode, KvK number, IBAN or e-mail (access logged),
    each with its open claims and their outstanding amount."""
    text = (q or "").strip()[:MAX_QUERY] or None
    page = debtors.search_debtors(
        uow_factory,
        actor=actor,
        q=text,
        kind=kind,
        limit=limit,
        offset=offset,
        now=now,
        purpose=purpose,
    )
    lines = []
    with uow_factory(tenant_id=actor.tenant_id) as base:
        uow = ledger(base)
        for record in page.items:
            open_rows = uow.claims.for_debtor(record.id, open_only=True)
            lines.append(
                DebtorLine(record, len(open_rows), sum(c.outstanding_cents for c in open_rows))
            )
    return DebtorList(text, kind, tuple(lines), max(0, offset), page.next_offset)


def debtor_page(
    uow_factory: UnitOfWorkFactory, *, actor: Actor, debtor_id: int, now: datetime
) -> DebtorPage:
    """One debtor (the read is access-logged with its purpose) and the debtor's claims."""
    record = debtors.get_debtor(
        uow_factory, actor=actor, debtor_id=debtor_id, now=now, purpose=PURPOSE_PAGE
    )
    rows = claims.list_claims(
        uow_factory, actor=actor, debtor_id=debtor_id, sort="due_date", limit=CLAIMS_SHOWN
    ).items
    active = [c for c in rows if c.status not in FINISHED]
    return DebtorPage(
        debtor=record,
        claims=tuple(rows),
        outstanding_cents=sum(c.outstanding_cents for c in active),
        open_claims=len(active),
    )
