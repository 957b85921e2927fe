"""Making ledger objects in an organisation, for tests of other areas (the web isolation test
walks every ``{debtor_id}``, ``{invoice_id}``, ``{claim_id}``, ``{payment_id}`` and
``{import_id}`` route with another organisation's ids)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Protocol

from vorder.adapters import lawdata
from vorder.app.ledger import claims, debtors, imports, invoices, payments
from vorder.app.ledger.debtors import ledger
from vorder.app.records import Actor
from vorder.bootstrap import Container
from vorder.core.access import Role

CSV = (
    "factuurnummer;factuurdatum;vervaldatum;totaal;naam;postcode;huisnummer;plaats;straat\n"
    "IMP-1;2025-03-01;2025-03-31;121,00;Imke Import;1234 AB;7;Delft;Markt\n"
)


class HasTenant(Protocol):
    tenant_id: int


def _actor(tenant_id: int) -> Actor:
    return Actor("system", 0, "test", tenant_id, Role.OWNER)


def _debtor_ids(c: Container, tenant_id: int) -> list[int]:
    """Read without the access log (a test reading its own fixtures is no access)."""
    with c.uow(tenant_id=tenant_id) as uow:
        rows = ledger(uow).debtors.search(q=None, kind=None, sort="name", limit=500, offset=0)
    return [d.id for d in rows]


def ensure_ledger(c: Container, tenant_id: int) -> None:
    """A debtor, an invoice (so a claim), a payment and an import (once per organisation)."""
    actor = _actor(tenant_id)
    if _debtor_ids(c, tenant_id):
        return
    rates = lawdata.cached_rate_tables(lawdata.DEFAULT_DATA_DIR)
    now = c.clock.now()
    debtor = debtors.create_debtor(
        c.uow,
        actor=actor,
        details=debtors.DebtorFields(
            name="Dirk Debiteur",
            street="Kerkstraat",
            house_number="1",
            postcode="3512 AB",
            city="Utrecht",
        ),
        now=now,
    )
    done = invoices.register_invoice(
        c.uow,
        actor=actor,
        entry=invoices.InvoiceInput(
            debtor_id=debtor.id,
            number="ISO-1",
            issue_date=date(2025, 1, 1),
            due_date=date(2025, 1, 31),
            total=Decimal("100.00"),
        ),
        rates=rates,
        now=now,
    )
    payments.record_payment(
        c.uow,
        actor=actor,
        entry=payments.PaymentInput(
            amount=Decimal("10.00"), paid_on=date(2025, 2, 1), claim_id=done.claim.id
        ),
        rates=rates,
        now=now,
    )
    imports.import_invoices(
        c.uow,
        actor=actor,
        data=CSV.encode(),
        file_name="iso.csv",
        format="csv",
        partial=False,
        rates=rates,
        now=now,
    )


def debtor_ids(c: Container, org: HasTenant) -> list[int]:
    tenant_id = org.tenant_id
    ensure_ledger(c, tenant_id)
    return _debtor_ids(c, tenant_id)


def invoice_ids(c: Container, org: HasTenant) -> list[int]:
    tenant_id = org.tenant_id
    ensure_ledger(c, tenant_id)
    return [i.id for i in invoices.list_invoices(c.uow, actor=_actor(tenant_id)).items]


def claim_ids(c: Container, org: HasTenant) -> list[int]:
    tenant_id = org.tenant_id
    ensure_ledger(c, tenant_id)
    return [k.id for k in claims.list_claims(c.uow, actor=_actor(tenant_id)).items]


def payment_ids(c: Container, org: HasTenant) -> list[int]:
    tenant_id = org.tenant_id
    ensure_ledger(c, tenant_id)
    return [p.id for p in payments.list_payments(c.uow, actor=_actor(tenant_id)).items]


def import_ids(c: Container, org: HasTenant) -> list[int]:
    tenant_id = org.tenant_id
    ensure_ledger(c, tenant_id)
    page = imports.list_imports(c.uow, actor=_actor(tenant_id))
    return [r.batch_id for r in page.items if r.batch_id is not None]
