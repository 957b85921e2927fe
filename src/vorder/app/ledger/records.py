"""Plain records of the claims ledger, as the repositories return them.

Amounts are integer cents here (as stored); the use cases turn them into ``Decimal`` where
they compute, and the entry points into decimal strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class BankAccountRecord:
    iban: str
    bic: str | None = None
    bank_name: str | None = None


@dataclass(frozen=True, slots=True)
class DebtorData:
    """A validated debtor as stored: the core debtor's fields, with lists of contacts."""

    kind: str  # consumer | business
    name: str
    external_number: str | None = None
    street: str | None = None
    house_number: str | None = None
    house_number_addition: str | None = None
    postcode: str | None = None
    city: str | None = None
    country: str | None = None
    line2: str | None = None
    kvk_number: str | None = None
    vat_number: str | None = None
    language: str = "nl"
    preferred_channels: tuple[str, ...] = ()
    refused_channels: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    accounts: tuple[BankAccountRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class DebtorRecord:
    id: int
    data: DebtorData
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class NewInvoice:
    """An invoice or credit note to store (``credited_invoice_id`` for a credit note)."""

    debtor_id: int
    document_type: str
    number: str
    issue_date: date
    due_date: date
    due_date_stated: bool
    total_cents: int
    vat_cents: int | None
    amount_due_cents: int
    currency: str
    payment_reference: str
    payment_reference_kind: str
    source: str
    description: str | None = None
    buyer_reference: str | None = None
    attachment_path: str | None = None
    credited_invoice_id: int | None = None
    import_batch_id: int | None = None


@dataclass(frozen=True, slots=True)
class InvoiceRow:
    id: int
    debtor_id: int
    claim_id: int | None
    document_type: str
    number: str
    issue_date: date
    due_date: date
    due_date_stated: bool
    total_cents: int
    vat_cents: int | None
    amount_due_cents: int
    credited_cents: int
    outstanding_cents: int
    currency: str
    payment_reference: str
    payment_reference_kind: str
    description: str | None
    buyer_reference: str | None
    attachment_path: str | None
    source: str
    credited_invoice_id: int | None
    import_batch_id: int | None
    created_at: datetime
    debtor_name: str = ""


@dataclass(frozen=True, slots=True)
class NewClaim:
    debtor_id: int
    kind: str  # consumer | commercial
    currency: str
    oldest_due_date: date
    principal_cents: int = 0
    contractual_rate: str | None = None
    compound: bool = True
    cost_clause: str = "statutory"
    phase: str = "in_house"
    status: str = "open"


@dataclass(frozen=True, slots=True)
class ClaimRow:
    id: int
    debtor_id: int
    kind: str
    currency: str
    contractual_rate: str | None
    compound: bool
    cost_clause: str
    phase: str
    status: str
    strategy_name: str | None
    strategy_version: int | None
    strategy_variant: str | None
    next_wake_at: datetime | None
    principal_cents: int
    costs_cents: int
    costs_charged_on: date | None
    vat_uplift: bool
    paid_cents: int
    outstanding_cents: int
    oldest_due_date: date
    created_at: datetime
    updated_at: datetime
    debtor_name: str = ""
    invoice_count: int = 0


@dataclass(frozen=True, slots=True)
class ClaimTotals:
    """The denormalised amounts of a claim after (re)computing it."""

    principal_cents: int
    costs_cents: int
    paid_cents: int
    outstanding_cents: int
    oldest_due_date: date
    status: str


@dataclass(frozen=True, slots=True)
class PaymentRow:
    id: int
    debtor_id: int
    amount_cents: int
    currency: str
    paid_on: date
    source: str
    reference: str | None
    designated_claim_id: int | None
    designated_invoice_id: int | None
    allocated_cents: int
    credit_cents: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class AllocationRow:
    payment_id: int
    claim_id: int
    invoice_id: int | None
    allocated_on: date
    costs_cents: int
    interest_cents: int
    principal_cents: int

    @property
    def total_cents(self) -> int:
        return self.costs_cents + self.interest_cents + self.principal_cents


@dataclass(frozen=True, slots=True)
class CreditRow:
    id: int
    debtor_id: int
    payment_id: int | None
    claim_id: int | None
    amount_cents: int
    currency: str
    status: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ClaimShare:
    """The part of a payment that belongs to one claim (art. 6:43 BW): allocated + credit."""

    payment: PaymentRow
    cents: int


@dataclass(frozen=True, slots=True)
class ImportBatchRow:
    id: int
    file_name: str
    sha256: str
    format: str
    partial: bool
    status: str
    rows: int
    invoices_created: int
    credit_notes_created: int
    debtors_created: int
    claims_opened: int
    already_present: int
    rejected_rows: int
    report: dict[str, Any]
    actor: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class IdempotencyRow:
    key: str
    fingerprint: str
    status: str  # pending | done
    response_status: int | None
    response_body: str | None


@dataclass(frozen=True, slots=True)
class Page:
    """A page of a list: ``next_offset`` is None on the last page."""

    items: list[Any]
    next_offset: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
