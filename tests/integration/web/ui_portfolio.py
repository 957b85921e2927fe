"""A small portfolio for the workspace page tests, made through the ledger's and the
collection's use cases (as a person and the strategy runner would), on the container's clock
(Thursday 3 December 2026, 11:00 in Amsterdam).

====  ======================  ========  ======================================  ============
claim debtor                  invoices  what happened                           outstanding
====  ======================  ========  ======================================  ============
K1    Jan de Vries (consumer) F-1001    1,000.00 due 31 Aug; 400.00 paid 15 Nov      608.33
K2    Bakkerij De Korenschoof F-1002,   2,500.00 due 1 Oct + 845.50 due 31 Oct;    3,670.50
      B.V. (business)         F-1003    costs 375.00 on 2 Oct; 50.00 paid 1 Dec
K3    Fatima El Amrani        F-1004    149.95 due 15 Nov; disputed                  149.95
K4    Installatiebedrijf      F-1005    12,450.00 due 5 Dec (not yet due)         12,450.00
      Jansen (business)
====  ======================  ========  ======================================  ============

K1 on 3 Dec: interest 1 Sep–15 Nov 76 days × 4% on 1,000.00 = 8.33; the payment goes 8.33 to
interest and 391.67 to principal (art. 6:44 BW); interest 16 Nov–3 Dec 18 days × 4% on
608.33 = 1.20; outstanding with interest 609.53. K2's payment goes to the costs first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from vorder.adapters import lawdata
from vorder.adapters.messages import collection_services
from vorder.adapters.strategy_defaults import PackagedDefaults
from vorder.app.collection import actions
from vorder.app.collection.runner import run_due
from vorder.app.ledger import claims, debtors, invoices, payments
from vorder.app.records import Actor
from vorder.bootstrap import Container
from vorder.core.access import Role

RATES = lawdata.cached_rate_tables(lawdata.DEFAULT_DATA_DIR)


@dataclass(frozen=True)
class Portfolio:
    k1: int
    k2: int
    k3: int
    k4: int
    jan: int
    bakkerij: int
    fatima: int
    jansen: int


def actor_of(tenant_id: int) -> Actor:
    return Actor("user", 1, "seed", tenant_id, Role.OWNER)


def debtor(c: Container, tenant_id: int, name: str, kind: str, **details: Any) -> int:
    fields = debtors.DebtorFields(name=name, kind=kind, **details)
    return debtors.create_debtor(
        c.uow, actor=actor_of(tenant_id), details=fields, now=c.clock.now()
    ).id


def invoice(
    c: Container, tenant_id: int, debtor_id: int, number: str, total: str, issued: date, due: date
) -> int:
    entry = invoices.InvoiceInput(
        debtor_id=debtor_id, number=number, issue_date=issued, due_date=due, total=Decimal(total)
    )
    done = invoices.register_invoice(
        c.uow, actor=actor_of(tenant_id), entry=entry, rates=RATES, now=c.clock.now()
    )
    return done.claim.id


def pay(c: Container, tenant_id: int, claim_id: int, amount: str, on: date) -> None:
    payments.record_payment(
        c.uow,
        actor=actor_of(tenant_id),
        entry=payments.PaymentInput(amount=Decimal(amount), paid_on=on, claim_id=claim_id),
        rates=RATES,
        now=c.clock.now(),
    )


def seed(c: Container, tenant_id: int, *, run: bool = True) -> Portfolio:
    now = c.clock.now()
    jan = debtor(
        c, tenant_id, "Jan de Vries", "consumer", street="Kerkstraat", house_number="12",
        postcode="3512 AB", city="Utrecht", emails=("jan@example.nl",),
    )  # fmt: skip
    bakkerij = debtor(
        c, tenant_id, "Bakkerij De Korenschoof B.V.", "business", street="Markt",
        house_number="1", postcode="2611 GP", city="Delft",
    )  # fmt: skip
    fatima = debtor(
        c, tenant_id, "Fatima El Amrani", "consumer", street="Lindelaan", house_number="7",
        postcode="5611 AA", city="Eindhoven",
    )  # fmt: skip
    jansen = debtor(
        c, tenant_id, "Installatiebedrijf Jansen", "business", street="Industrieweg",
        house_number="44", postcode="8025 BJ", city="Zwolle",
    )  # fmt: skip
    k1 = invoice(c, tenant_id, jan, "F-1001", "1000.00", date(2026, 8, 1), date(2026, 8, 31))
    k2 = invoice(c, tenant_id, bakkerij, "F-1002", "2500.00", date(2026, 9, 1), date(2026, 10, 1))
    same = invoice(
        c, tenant_id, bakkerij, "F-1003", "845.50", date(2026, 10, 1), date(2026, 10, 31)
    )
    assert same == k2  # the debtor's open in-house claim takes the second invoice
    k3 = invoice(c, tenant_id, fatima, "F-1004", "149.95", date(2026, 11, 1), date(2026, 11, 15))
    k4 = invoice(c, tenant_id, jansen, "F-1005", "12450.00", date(2026, 11, 5), date(2026, 12, 5))
    pay(c, tenant_id, k1, "400.00", date(2026, 11, 15))
    claims.charge_collection_costs(
        c.uow, actor=actor_of(tenant_id), claim_id=k2, on=date(2026, 10, 2), rates=RATES, now=now
    )
    pay(c, tenant_id, k2, "50.00", date(2026, 12, 1))
    if run:
        run_due(c.uow, collection_services(c.settings.data_dir), now=now, tenant_ids=[tenant_id])
    actions.register_dispute(
        c.uow,
        actor=actor_of(tenant_id),
        claim_id=k3,
        reason="Het pakket is nooit aangekomen",
        now=now,
        defaults=PackagedDefaults(),
    )
    return Portfolio(k1, k2, k3, k4, jan, bakkerij, fatima, jansen)
