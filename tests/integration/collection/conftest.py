"""Fixtures for the collection tests: a creditor with debtors and invoices on the ledger, the
runner and the delivery on a fixed clock, and a recording sink per channel."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from vorder.adapters.clock import FixedClock
from vorder.adapters.db import collection_tables as ct
from vorder.adapters.db import tables as t
from vorder.adapters.messages import collection_services, sink_deliverers
from vorder.app import tenancy
from vorder.app.collection.delivery import deliver_messages
from vorder.app.collection.runner import CollectionServices, run_due
from vorder.app.ledger.debtors import DebtorFields, create_debtor
from vorder.app.ledger.invoices import InvoiceInput, register_invoice
from vorder.app.ledger.payments import PaymentInput, record_payment
from vorder.app.records import Actor
from vorder.bootstrap import Container
from vorder.core.access import Role, TenantKind

AMS = ZoneInfo("Europe/Amsterdam")


def local(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """An Amsterdam wall-clock moment as aware UTC (what the clock gives)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMS).astimezone(UTC)


@dataclass
class Desk:
    c: Container
    actor: Actor
    services: CollectionServices
    sinks: dict[str, Any]
    data_dir: Path
    log: list[str] = field(default_factory=list)

    @property
    def clock(self) -> FixedClock:
        assert isinstance(self.c.clock, FixedClock)
        return self.c.clock

    def at(self, moment: datetime) -> None:
        self.clock.moment = moment

    def debtor(
        self,
        name: str = "Jan de Vries",
        kind: str = "consumer",
        *,
        email: str | None = "jan@example.nl",
        phone: str | None = None,
        address: bool = True,
        language: str = "nl",
    ) -> int:
        extra: dict[str, Any] = {}
        if address:
            extra.update(street="Kerkstraat", house_number="12", postcode="3512 AB", city="Utrecht")
        fields = DebtorFields(
            name=name,
            kind=kind,
            emails=(email,) if email else (),
            phones=(phone,) if phone else (),
            language=language,
            **extra,
        )
        return create_debtor(self.c.uow, actor=self.actor, details=fields, now=self.clock.now()).id

    def invoice(
        self, debtor_id: int, number: str, amount: str, due: date, issued: date | None = None
    ):
        entry = InvoiceInput(
            debtor_id=debtor_id,
            number=number,
            issue_date=issued or due,
            due_date=due,
            total=Decimal(amount),
        )
        return register_invoice(
            self.c.uow,
            actor=self.actor,
            entry=entry,
            rates=self.services.rates,
            now=self.clock.now(),
        ).claim

    def pay(self, claim_id: int, amount: str, on: date):
        return record_payment(
            self.c.uow,
            actor=self.actor,
            entry=PaymentInput(amount=Decimal(amount), paid_on=on, claim_id=claim_id),
            rates=self.services.rates,
            now=self.clock.now(),
        )

    def act(self, action: Any, claim_id: int, **kw: Any):
        """A claim action (``vorder.app.collection.actions``) by the desk's user, now."""
        return action(
            self.c.uow,
            actor=self.actor,
            claim_id=claim_id,
            now=self.clock.now(),
            defaults=self.services.defaults,
            **kw,
        )

    def run(self, moment: datetime | None = None, **kw: Any):
        if moment is not None:
            self.at(moment)
        return run_due(self.c.uow, self.services, now=self.clock.now(), **kw)

    def deliver(self, moment: datetime | None = None, **kw: Any):
        if moment is not None:
            self.at(moment)
        return deliver_messages(self.c.uow, self.sinks, now=self.clock.now(), **kw)

    def rows(self, model: Any, *order: Any) -> list[Any]:
        with self.c.uow(system=True) as uow:
            query = sa.select(model.__table__)
            if order:
                query = query.order_by(*order)
            return list(uow.session.execute(query))  # type: ignore[attr-defined]

    def outbox(self) -> list[t.OutboxRow]:
        return self.rows(t.OutboxRow, t.OutboxRow.id)

    def messages(self) -> list[ct.CollectionMessage]:
        return self.rows(ct.CollectionMessage, ct.CollectionMessage.id)

    def events(self, *types: str, subject_type: str | None = "claim") -> list[t.EventRow]:
        rows = self.rows(t.EventRow, t.EventRow.id)
        return [
            e
            for e in rows
            if (not types or e.type in types)
            and (subject_type is None or e.subject_type == subject_type)
        ]

    def state(self, claim_id: int) -> ct.CollectionState:
        [row] = [s for s in self.rows(ct.CollectionState) if s.claim_id == claim_id]
        return row


def make_desk(c: Container, slug: str = "bakkerij", tmp: Path | None = None) -> Desk:
    now = c.clock.now()
    tenant = tenancy.create_tenant(
        c.uow,
        slug=slug,
        kind=TenantKind.CREDITOR,
        name="Bakkerij De Korenschoof",
        provider_slug=None,
        actor="test",
        now=now,
    )
    data_dir = c.settings.data_dir
    actor = Actor("user", 1, "test@bakkerij.nl", tenant.id, Role.OWNER)
    return Desk(c, actor, collection_services(data_dir), sink_deliverers(data_dir), data_dir)


@pytest.fixture
def desk(container: Container) -> Desk:
    return make_desk(container)


def sent(desk: Desk) -> list[tuple[str, str, str | None, str, tuple[int, ...]]]:
    """Messages produced, in order: (day, channel, template, kind, claim ids)."""
    return [
        (m.sent_on.isoformat(), m.channel, m.template, m.kind, tuple(m.claim_ids))
        for m in desk.messages()
    ]
