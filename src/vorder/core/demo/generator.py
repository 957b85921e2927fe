"""Deterministic, streaming generator of realistic Dutch demo portfolios.

``generate_claims(creditor, seed=…, count=…, today=…)`` yields :class:`DemoClaim` s — the
same :class:`InvoiceRecord` the CSV and UBL intake produce, plus the debtor's
:class:`PaymentBehaviour` — one at a time, so a million claims need constant memory. Every
debtor is drawn from its own ``random.Random`` seeded with (seed, creditor, index): the same
seed gives the same portfolio on every machine and Python version, and the first N claims
do not depend on how many are asked for.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from vorder.core.demo import identifiers as ids
from vorder.core.demo.creditors import DemoCreditor, PaymentBehaviour
from vorder.core.demo.data import (
    ADDITIONS,
    BAKERY_CUSTOMERS,
    FIRST_NAMES,
    INSTALLER_CUSTOMERS,
    LEGAL_FORMS,
    NOUNS,
    STREETS,
    SURNAMES,
    TOWNS,
    Town,
)
from vorder.core.intake import DocumentType, InvoiceRecord
from vorder.core.money import round_cents
from vorder.core.parties import Address, Channel, Debtor, DebtorKind, Language
from vorder.core.references import (
    PaymentReference,
    PaymentReferenceKind,
    make_betalingskenmerk,
    reference_number,
)

HISTORY_DAYS = 365
MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class DemoClaim:
    record: InvoiceRecord
    behaviour: PaymentBehaviour


def _slug(text: str) -> str:
    return _SLUG.sub("", text.lower().replace("'", ""))


class _Portfolio:
    def __init__(self, creditor: DemoCreditor, seed: int, today: date) -> None:
        self.creditor = creditor
        self.seed = seed
        self.today = today
        self.town_names = tuple(name for name, _ in creditor.towns)
        self.town_weights = tuple(weight for _, weight in creditor.towns)

    def rng(self, index: int) -> random.Random:
        return random.Random(f"vorder-demo:{self.seed}:{self.creditor.key}:{index}")

    def debtor(self, rng: random.Random, index: int) -> tuple[Debtor, PaymentBehaviour]:
        c = self.creditor
        business = rng.random() < c.business_share
        town = TOWNS[rng.choices(self.town_names, self.town_weights)[0]]
        street = rng.choice(STREETS)
        addition = rng.choice(ADDITIONS) if rng.random() < 0.12 else None
        address = Address(
            street=street,
            house_number=str(rng.randint(1, 250)),
            house_number_addition=addition,
            postcode=ids.postcode(rng, town),
            city=town.name,
        )
        first, surname = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        kvk: str | None
        vat: str | None
        if business:
            name, email, phone = self._business_contact(rng, town, street, surname)
            kvk, vat = ids.kvk_number(rng), ids.rsin_vat_number(rng)
            behaviour = _pick(rng, c.business_behaviour)
        else:
            name = (
                f"{first} {surname[0].upper()}{surname[1:]}"
                if rng.random() < 0.5
                else (f"{first[0]}. {surname[0].upper()}{surname[1:]}")
            )
            domain = rng.choice(("example.com", "example.net", "example.org"))
            email = f"{_slug(first)}.{_slug(surname)}{rng.randrange(100)}@{domain}"
            phone = (
                ids.mobile_number(rng) if rng.random() < 0.85 else ids.landline_number(rng, town)
            )
            kvk = vat = None
            behaviour = _pick(rng, c.consumer_behaviour)
        account = ids.iban(rng) if business or rng.random() < 0.6 else None
        bank = _BANK_OF.get(account[4:8]) if account else None
        preferred: tuple[Channel, ...] = (Channel.EMAIL,) if rng.random() < 0.7 else (Channel.POST,)
        refused: tuple[Channel, ...] = (Channel.PHONE,) if rng.random() < 0.05 else ()
        return (
            Debtor(
                kind=DebtorKind.BUSINESS if business else DebtorKind.CONSUMER,
                name=name,
                external_number=f"{c.invoice_prefix}-D{index + 1:07d}",
                address=address,
                email=email if rng.random() < 0.9 else None,
                phone=phone if rng.random() < 0.8 else None,
                iban=account,
                bic=bank[0] if bank else None,
                bank_name=bank[1] if bank else None,
                kvk_number=kvk,
                vat_number=vat,
                language=Language.EN if rng.random() < 0.04 else Language.NL,
                preferred_channels=preferred,
                refused_channels=refused,
            ),
            behaviour,
        )

    def _business_contact(
        self, rng: random.Random, town: Town, street: str, surname: str
    ) -> tuple[str, str, str]:
        patterns = BAKERY_CUSTOMERS if self.creditor.key == "bakery" else INSTALLER_CUSTOMERS
        base = rng.choice(patterns).format(
            surname=surname[0].upper() + surname[1:],
            noun=rng.choice(NOUNS),
            town=town.name,
            street=street,
        )
        form = "" if base.startswith(("VvE", "Zorgcentrum")) else rng.choice(LEGAL_FORMS)
        name = f"{base} {form}".strip()
        email = f"{rng.choice(('administratie', 'info', 'facturen'))}@{_slug(base)}.example"
        return name, email, ids.landline_number(rng, town)

    def claims(
        self, rng: random.Random, debtor: Debtor
    ) -> Iterator[tuple[date, date, Decimal, str]]:
        """(issue date, due date, total, description) of one debtor's invoices."""
        c = self.creditor
        business = debtor.kind is DebtorKind.BUSINESS
        low, high = c.business_invoices if business else c.consumer_invoices
        n = rng.randint(low, high)
        if c.monthly_rent:
            median, sigma, lo, hi = c.consumer_amount
            rent = round_cents(
                Decimal(str(round(_clip(rng.lognormvariate(0, sigma) * median, lo, hi), 2)))
            )
            first_of_this_month = self.today.replace(day=1)
            for k in range(n, 0, -1):
                due = _add_months(first_of_this_month, -k + 1)
                issue = due - timedelta(days=7)
                yield issue, due, rent, f"Huur {MONTHS_NL[due.month - 1]} {due.year}"
            return
        median, sigma, lo, hi = c.business_amount if business else c.consumer_amount
        terms = c.business_terms if business else c.consumer_terms
        # Recent months weigh more: issue dates up to a year back, skewed toward today.
        for _ in range(n):
            age = int(HISTORY_DAYS * rng.random() ** 1.6)
            issue = self.today - timedelta(days=age)
            due = issue + timedelta(days=rng.choice(terms))
            amount = _clip(rng.lognormvariate(0, sigma) * median, lo, hi)
            total = round_cents(Decimal(str(round(amount, 2))))
            description = rng.choice(c.descriptions).format(week=issue.isocalendar()[1])
            yield issue, due, total, description


def _pick(
    rng: random.Random, weights: tuple[tuple[PaymentBehaviour, float], ...]
) -> PaymentBehaviour:
    return rng.choices([b for b, _ in weights], [w for _, w in weights])[0]


def _clip(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    return day.replace(year=day.year + month0 // 12, month=month0 % 12 + 1)


_BANK_OF = {
    "INGB": ("INGBNL2A", "ING"),
    "RABO": ("RABONL2U", "RABOBANK"),
    "ABNA": ("ABNANL2A", "ABN AMRO BANK N.V."),
    "SNSB": ("SNSBNL2A", "SNS"),
    "ASNB": ("ASNBNL21", "ASN BANK"),
    "TRIO": ("TRIONL2U", "TRIODOS BANK"),
    "KNAB": ("KNABNL2H", "KNAB"),
    "BUNQ": ("BUNQNL2A", "BUNQ"),
}


def generate_claims(
    creditor: DemoCreditor, *, seed: int, count: int, today: date
) -> Iterator[DemoClaim]:
    """Yield ``count`` demo claims of ``creditor`` (issued in the year before ``today``).

    Invoice numbers run ``{prefix}-{year}-{sequence:07d}``; every invoice carries a
    16-digit betalingskenmerk from the creditor's tenant code and the sequence.
    """
    portfolio = _Portfolio(creditor, seed, today)
    sequence = 0
    index = 0
    while sequence < count:
        rng = portfolio.rng(index)
        debtor, behaviour = portfolio.debtor(rng, index)
        index += 1
        for issue, due, total, description in portfolio.claims(rng, debtor):
            if sequence >= count:
                return
            sequence += 1
            vat = round_cents(total * creditor.vat_rate / (1 + creditor.vat_rate))
            reference = make_betalingskenmerk(reference_number(creditor.tenant_code, sequence))
            yield DemoClaim(
                InvoiceRecord(
                    line=sequence,
                    document_type=DocumentType.INVOICE,
                    number=f"{creditor.invoice_prefix}-{issue.year}-{sequence:07d}",
                    issue_date=issue,
                    due_date=due,
                    total=total,
                    vat=vat,
                    amount_due=total,
                    currency="EUR",
                    debtor=debtor,
                    payment_reference=PaymentReference(
                        PaymentReferenceKind.BETALINGSKENMERK, reference
                    ),
                    description=description,
                    supplier=creditor.supplier,
                    payee_iban=creditor.iban,
                    source="demo",
                ),
                behaviour,
            )
