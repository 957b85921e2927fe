"""Fixtures for the ledger tests: a creditor with an acting user, the rate tables, helpers
that count rows, and the third-party UBL samples of the e-invoice tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from tests.integration.einvoice.conftest import (  # noqa: F401 - fixtures re-exported
    Samples,
    ketentest_samples,
    oasis_samples,
)
from vorder.adapters import lawdata
from vorder.adapters.db.base import tenant_owned_tables
from vorder.adapters.db.registry import metadata
from vorder.app import tenancy
from vorder.app.ledger.debtors import DebtorFields, create_debtor
from vorder.app.ledger.invoices import InvoiceInput, register_invoice
from vorder.app.records import Actor
from vorder.bootstrap import Container
from vorder.core.access import Role, TenantKind
from vorder.core.law import StatutoryRates


@dataclass
class Ledger:
    c: Container
    actor: Actor
    rates: StatutoryRates

    @property
    def now(self):
        return self.c.clock.now()

    def debtor(self, name: str = "Jan de Vries", kind: str = "consumer", **extra: object) -> int:
        fields = DebtorFields(
            name=name,
            kind=kind,
            street="Kerkstraat",
            house_number="12",
            postcode="3512 AB",
            city="Utrecht",
            **extra,  # type: ignore[arg-type]
        )
        return create_debtor(self.c.uow, actor=self.actor, details=fields, now=self.now).id

    def invoice(
        self,
        debtor_id: int,
        number: str,
        amount: str,
        due: date,
        issued: date | None = None,
        **extra: object,
    ):
        entry = InvoiceInput(
            debtor_id=debtor_id,
            number=number,
            issue_date=issued or due,
            due_date=due,
            total=Decimal(amount),
            **extra,  # type: ignore[arg-type]
        )
        return register_invoice(
            self.c.uow, actor=self.actor, entry=entry, rates=self.rates, now=self.now
        )

    def counts(self) -> dict[str, int]:
        """Rows per tenant-owned table (as the platform sees them)."""
        out = {}
        with self.c.uow(system=True) as uow:
            for table in tenant_owned_tables(metadata):
                out[table.name] = uow.session.execute(
                    sa.select(sa.func.count()).select_from(table)
                ).scalar_one()
        return out


def make_ledger(c: Container, slug: str = "acme") -> Ledger:
    now = c.clock.now()
    tenant = tenancy.create_tenant(
        c.uow,
        slug=slug,
        kind=TenantKind.CREDITOR,
        name=slug.title(),
        provider_slug=None,
        actor="test",
        now=now,
    )
    actor = Actor("user", 1, "test@acme.nl", tenant.id, Role.OWNER)
    return Ledger(c, actor, lawdata.cached_rate_tables(lawdata.DEFAULT_DATA_DIR))


@pytest.fixture
def books(container: Container) -> Ledger:
    return make_ledger(container)
