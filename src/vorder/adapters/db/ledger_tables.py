"""The claims ledger: debtors, invoices and credit notes, claims, payments and their allocation.

Every table is tenant-owned. Money is integer cents with a currency; days are ``Date``;
moments are UTC. Personal data of a debtor lives only in ``debtors``, ``debtor_contacts`` and
``debtor_accounts`` (never in the append-only event log), so it can be corrected and erased
(docs/adr/0011-ledger-storage.md).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from vorder.adapters.db.base import Base, Id, Json, TenantOwned, UTCDateTime

Cents = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _fk(target: str) -> sa.ForeignKey:
    return sa.ForeignKey(target)


class Debtor(TenantOwned, Base):
    """A debtor (schuldenaar) of one creditor tenant: a consumer or a business.

    ``match_key`` identifies the debtor for imports: ``x:`` + the creditor's own debtor
    number when there is one, else ``a:`` + a digest of kind, name and address.
    ``name_key`` is the lower-cased name for search.
    """

    __tablename__ = "debtors"
    __table_args__ = (
        sa.UniqueConstraint("tenant_id", "match_key"),
        sa.Index("ix_debtors_tenant_external", "tenant_id", "external_number"),
        sa.Index("ix_debtors_tenant_name", "tenant_id", "name_key"),
        sa.Index("ix_debtors_tenant_postcode", "tenant_id", "postcode", "house_number"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    match_key: Mapped[str] = mapped_column(sa.String(80))
    kind: Mapped[str] = mapped_column(sa.String(10))  # consumer | business
    name: Mapped[str] = mapped_column(sa.String(200))
    name_key: Mapped[str] = mapped_column(sa.String(200))
    external_number: Mapped[str | None] = mapped_column(sa.String(64))
    street: Mapped[str | None] = mapped_column(sa.String(100))
    house_number: Mapped[str | None] = mapped_column(sa.String(10))
    house_number_addition: Mapped[str | None] = mapped_column(sa.String(10))
    postcode: Mapped[str | None] = mapped_column(sa.String(12))
    city: Mapped[str | None] = mapped_column(sa.String(100))
    country: Mapped[str | None] = mapped_column(sa.String(2))
    line2: Mapped[str | None] = mapped_column(sa.String(100))
    kvk_number: Mapped[str | None] = mapped_column(sa.String(8))
    vat_number: Mapped[str | None] = mapped_column(sa.String(20))
    language: Mapped[str] = mapped_column(sa.String(5))
    preferred_channels: Mapped[str] = mapped_column(sa.String(60))  # "email,post"
    refused_channels: Mapped[str] = mapped_column(sa.String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DebtorContact(TenantOwned, Base):
    """An e-mail address or phone number (E.164) of a debtor, in order of preference."""

    __tablename__ = "debtor_contacts"
    __table_args__ = (
        sa.Index("ix_debtor_contacts_debtor", "tenant_id", "debtor_id"),
        sa.Index("ix_debtor_contacts_value", "tenant_id", "kind", "value"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    debtor_id: Mapped[int] = mapped_column(Id, _fk("debtors.id"))
    kind: Mapped[str] = mapped_column(sa.String(10))  # email | phone
    value: Mapped[str] = mapped_column(sa.String(254))
    position: Mapped[int] = mapped_column(sa.Integer)


class DebtorAccount(TenantOwned, Base):
    """A bank account (IBAN) a debtor pays from, with the bank from the registry."""

    __tablename__ = "debtor_accounts"
    __table_args__ = (
        sa.Index("ix_debtor_accounts_debtor", "tenant_id", "debtor_id"),
        sa.Index("ix_debtor_accounts_iban", "tenant_id", "iban"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    debtor_id: Mapped[int] = mapped_column(Id, _fk("debtors.id"))
    iban: Mapped[str] = mapped_column(sa.String(34))
    bic: Mapped[str | None] = mapped_column(sa.String(11))
    bank_name: Mapped[str | None] = mapped_column(sa.String(100))
    position: Mapped[int] = mapped_column(sa.Integer)


class ImportBatch(TenantOwned, Base):
    """One imported file: what it was, what it created, and its report (errors, warnings)."""

    __tablename__ = "import_batches"
    __table_args__ = (sa.UniqueConstraint("tenant_id", "sha256"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    file_name: Mapped[str] = mapped_column(sa.String(255))
    sha256: Mapped[str] = mapped_column(sa.String(64))
    format: Mapped[str] = mapped_column(sa.String(10))  # csv | ubl
    partial: Mapped[bool] = mapped_column(sa.Boolean)
    status: Mapped[str] = mapped_column(sa.String(20))  # imported | partial
    rows: Mapped[int] = mapped_column(sa.Integer)
    invoices_created: Mapped[int] = mapped_column(sa.Integer)
    credit_notes_created: Mapped[int] = mapped_column(sa.Integer)
    debtors_created: Mapped[int] = mapped_column(sa.Integer)
    claims_opened: Mapped[int] = mapped_column(sa.Integer)
    already_present: Mapped[int] = mapped_column(sa.Integer)
    rejected_rows: Mapped[int] = mapped_column(sa.Integer)
    report: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    actor: Mapped[str] = mapped_column(sa.String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Claim(TenantOwned, Base):
    """A claim (vordering): one debtor's invoices in one currency, collected together.

    ``outstanding_cents`` is denormalised for fast lists: open principal plus open costs
    (interest runs daily and is on the statement). ``next_wake_at`` is when the strategy
    runner next looks at the claim (swept in order of that column).
    """

    __tablename__ = "claims"
    __table_args__ = (
        sa.Index("ix_claims_tenant_debtor", "tenant_id", "debtor_id", "status"),
        sa.Index("ix_claims_tenant_status", "tenant_id", "status", "phase"),
        sa.Index("ix_claims_wake", "next_wake_at", "tenant_id"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    debtor_id: Mapped[int] = mapped_column(Id, _fk("debtors.id"))
    kind: Mapped[str] = mapped_column(sa.String(12))  # consumer | commercial
    currency: Mapped[str] = mapped_column(sa.String(3))
    contractual_rate: Mapped[str | None] = mapped_column(sa.String(16))  # "0.08", exact text
    compound: Mapped[bool] = mapped_column(sa.Boolean)
    cost_clause: Mapped[str] = mapped_column(sa.String(20))  # statutory | none
    phase: Mapped[str] = mapped_column(sa.String(20))
    status: Mapped[str] = mapped_column(sa.String(20))
    strategy_name: Mapped[str | None] = mapped_column(sa.String(100))
    strategy_version: Mapped[int | None] = mapped_column(sa.Integer)
    strategy_variant: Mapped[str | None] = mapped_column(sa.String(40))
    next_wake_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    principal_cents: Mapped[int] = mapped_column(Cents)
    costs_cents: Mapped[int] = mapped_column(Cents)
    costs_charged_on: Mapped[date | None] = mapped_column(sa.Date)
    vat_uplift: Mapped[bool] = mapped_column(sa.Boolean)
    paid_cents: Mapped[int] = mapped_column(Cents)
    outstanding_cents: Mapped[int] = mapped_column(Cents)
    oldest_due_date: Mapped[date] = mapped_column(sa.Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Invoice(TenantOwned, Base):
    """An invoice (factuur) or credit note (creditnota) of the creditor to a debtor.

    ``amount_due_cents`` is what the document asks (total minus any prepaid amount); a credit
    note's amounts are positive and ``credited_invoice_id`` names the invoice it reduces.
    ``outstanding_cents`` is the invoice's open principal (after credit notes and payments).
    """

    __tablename__ = "invoices"
    __table_args__ = (
        sa.UniqueConstraint("tenant_id", "document_type", "number"),
        sa.Index("ix_invoices_tenant_debtor", "tenant_id", "debtor_id"),
        sa.Index("ix_invoices_tenant_due", "tenant_id", "due_date"),
        sa.Index("ix_invoices_tenant_reference", "tenant_id", "payment_reference"),
        sa.Index("ix_invoices_tenant_credited", "tenant_id", "credited_invoice_id"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    debtor_id: Mapped[int] = mapped_column(Id, _fk("debtors.id"))
    document_type: Mapped[str] = mapped_column(sa.String(12))  # invoice | credit_note
    number: Mapped[str] = mapped_column(sa.String(64))
    issue_date: Mapped[date] = mapped_column(sa.Date)
    due_date: Mapped[date] = mapped_column(sa.Date)
    due_date_stated: Mapped[bool] = mapped_column(sa.Boolean)
    total_cents: Mapped[int] = mapped_column(Cents)
    vat_cents: Mapped[int | None] = mapped_column(Cents)
    amount_due_cents: Mapped[int] = mapped_column(Cents)
    credited_cents: Mapped[int] = mapped_column(Cents)
    outstanding_cents: Mapped[int] = mapped_column(Cents)
    currency: Mapped[str] = mapped_column(sa.String(3))
    payment_reference: Mapped[str] = mapped_column(sa.String(140))
    payment_reference_kind: Mapped[str] = mapped_column(sa.String(20))
    description: Mapped[str | None] = mapped_column(sa.String(500))
    buyer_reference: Mapped[str | None] = mapped_column(sa.String(100))
    attachment_path: Mapped[str | None] = mapped_column(sa.String(500))
    source: Mapped[str] = mapped_column(sa.String(10))  # csv | ubl | api | demo
    credited_invoice_id: Mapped[int | None] = mapped_column(Id, _fk("invoices.id"))
    import_batch_id: Mapped[int | None] = mapped_column(Id, _fk("import_batches.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ClaimInvoice(TenantOwned, Base):
    """Membership: which claim an invoice (or credit note) is collected in; at most one."""

    __tablename__ = "claim_invoices"
    __table_args__ = (
        sa.UniqueConstraint("tenant_id", "invoice_id"),
        sa.Index("ix_claim_invoices_claim", "tenant_id", "claim_id"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    claim_id: Mapped[int] = mapped_column(Id, _fk("claims.id"))
    invoice_id: Mapped[int] = mapped_column(Id, _fk("invoices.id"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Payment(TenantOwned, Base):
    """Money received from a debtor, optionally designated to a claim or invoice (6:43 BW)."""

    __tablename__ = "payments"
    __table_args__ = (
        sa.Index("ix_payments_tenant_debtor", "tenant_id", "debtor_id"),
        sa.Index("ix_payments_tenant_paid_on", "tenant_id", "paid_on"),
        sa.Index("ix_payments_tenant_reference", "tenant_id", "reference"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    debtor_id: Mapped[int] = mapped_column(Id, _fk("debtors.id"))
    amount_cents: Mapped[int] = mapped_column(Cents)
    currency: Mapped[str] = mapped_column(sa.String(3))
    paid_on: Mapped[date] = mapped_column(sa.Date)
    source: Mapped[str] = mapped_column(sa.String(20))  # manual | api | bank | psp | demo
    reference: Mapped[str | None] = mapped_column(sa.String(140))
    designated_claim_id: Mapped[int | None] = mapped_column(Id, _fk("claims.id"))
    designated_invoice_id: Mapped[int | None] = mapped_column(Id, _fk("invoices.id"))
    allocated_cents: Mapped[int] = mapped_column(Cents)
    credit_cents: Mapped[int] = mapped_column(Cents)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Allocation(TenantOwned, Base):
    """Part of a payment applied to a claim (art. 6:44 BW): costs, interest, principal.

    One row per payment, claim and invoice; the costs row has no invoice. The rows are a
    projection of the law engine's statement and are recomputed when a claim's facts change.
    """

    __tablename__ = "allocations"
    __table_args__ = (
        sa.Index("ix_allocations_payment", "tenant_id", "payment_id"),
        sa.Index("ix_allocations_claim", "tenant_id", "claim_id"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    payment_id: Mapped[int] = mapped_column(Id, _fk("payments.id"))
    claim_id: Mapped[int] = mapped_column(Id, _fk("claims.id"))
    invoice_id: Mapped[int | None] = mapped_column(Id, _fk("invoices.id"))
    allocated_on: Mapped[date] = mapped_column(sa.Date)
    costs_cents: Mapped[int] = mapped_column(Cents)
    interest_cents: Mapped[int] = mapped_column(Cents)
    principal_cents: Mapped[int] = mapped_column(Cents)


class Credit(TenantOwned, Base):
    """An over-payment kept for the debtor: to refund, or to allocate to a later claim."""

    __tablename__ = "credits"
    __table_args__ = (
        sa.Index("ix_credits_tenant_debtor", "tenant_id", "debtor_id", "status"),
        sa.Index("ix_credits_payment", "tenant_id", "payment_id"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    debtor_id: Mapped[int] = mapped_column(Id, _fk("debtors.id"))
    payment_id: Mapped[int | None] = mapped_column(Id, _fk("payments.id"))
    claim_id: Mapped[int | None] = mapped_column(Id, _fk("claims.id"))
    amount_cents: Mapped[int] = mapped_column(Cents)
    currency: Mapped[str] = mapped_column(sa.String(3))
    status: Mapped[str] = mapped_column(sa.String(12))  # open | refunded | allocated
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class IdempotencyKey(TenantOwned, Base):
    """A POST's ``Idempotency-Key``: the request's fingerprint and the response to replay."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (sa.UniqueConstraint("tenant_id", "key"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(sa.String(200))
    fingerprint: Mapped[str] = mapped_column(sa.String(64))
    status: Mapped[str] = mapped_column(sa.String(10))  # pending | done
    response_status: Mapped[int | None] = mapped_column(sa.Integer)
    response_body: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class NumberSequence(TenantOwned, Base):
    """Per-tenant counters (e.g. the sequence inside generated payment references)."""

    __tablename__ = "number_sequences"
    __table_args__ = (sa.PrimaryKeyConstraint("tenant_id", "name"),)

    name: Mapped[str] = mapped_column(sa.String(40))
    next_value: Mapped[int] = mapped_column(Cents)
