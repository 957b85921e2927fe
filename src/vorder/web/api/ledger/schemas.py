"""Pydantic models of the ledger endpoints. Money is a decimal string, never a JSON number;
dates are ISO 8601."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from vorder.app.ledger.records import ClaimRow, DebtorRecord, InvoiceRow
from vorder.web.api.ledger._common import In, Money, MoneyOut, PageOut, money

Channel = Literal["post", "email", "sms", "phone"]


class DebtorIn(In):
    name: str = Field(min_length=1, max_length=200, examples=["Jan de Vries"])
    kind: Literal["consumer", "business"] = "consumer"
    external_number: str | None = Field(
        default=None, max_length=64, description="Your own debtor (customer) number"
    )
    street: str | None = Field(default=None, max_length=100, examples=["Kerkstraat"])
    house_number: str | None = Field(default=None, max_length=12, examples=["12"])
    house_number_addition: str | None = Field(default=None, max_length=10, examples=["A"])
    address: str | None = Field(
        default=None, max_length=120, description="Or one line: street, number and addition"
    )
    postcode: str | None = Field(default=None, max_length=12, examples=["3512 AB"])
    city: str | None = Field(default=None, max_length=100, examples=["Utrecht"])
    country: str | None = Field(default=None, max_length=60, examples=["NL"])
    line2: str | None = Field(default=None, max_length=100, description="e.g. t.a.v. ...")
    kvk_number: str | None = Field(default=None, max_length=20)
    vat_number: str | None = Field(default=None, max_length=20)
    language: Literal["nl", "en"] | None = None
    preferred_channels: list[Channel] = Field(default_factory=list, max_length=4)
    refused_channels: list[Channel] = Field(default_factory=list, max_length=4)
    emails: list[str] = Field(default_factory=list, max_length=5)
    phones: list[str] = Field(default_factory=list, max_length=5, description="Any notation")
    ibans: list[str] = Field(default_factory=list, max_length=5)


class DebtorPatch(In):
    """Only the fields sent are changed (send null to clear one)."""

    name: str | None = Field(default=None, min_length=1, max_length=200)
    kind: Literal["consumer", "business"] | None = None
    external_number: str | None = Field(default=None, max_length=64)
    street: str | None = Field(default=None, max_length=100)
    house_number: str | None = Field(default=None, max_length=12)
    house_number_addition: str | None = Field(default=None, max_length=10)
    address: str | None = Field(default=None, max_length=120)
    postcode: str | None = Field(default=None, max_length=12)
    city: str | None = Field(default=None, max_length=100)
    country: str | None = Field(default=None, max_length=60)
    line2: str | None = Field(default=None, max_length=100)
    kvk_number: str | None = Field(default=None, max_length=20)
    vat_number: str | None = Field(default=None, max_length=20)
    language: Literal["nl", "en"] | None = None
    preferred_channels: list[Channel] | None = Field(default=None, max_length=4)
    refused_channels: list[Channel] | None = Field(default=None, max_length=4)
    emails: list[str] | None = Field(default=None, max_length=5)
    phones: list[str] | None = Field(default=None, max_length=5)
    ibans: list[str] | None = Field(default=None, max_length=5)


class AddressOut(BaseModel):
    street: str | None
    house_number: str | None
    house_number_addition: str | None
    postcode: str | None
    city: str | None
    country: str | None
    line2: str | None


class BankAccountOut(BaseModel):
    iban: str
    bic: str | None
    bank_name: str | None


class DebtorOut(BaseModel):
    id: int
    kind: str
    name: str
    external_number: str | None
    address: AddressOut
    kvk_number: str | None
    vat_number: str | None
    language: str
    preferred_channels: list[str]
    refused_channels: list[str]
    emails: list[str]
    phones: list[str] = Field(description="E.164, e.g. +31612345678")
    bank_accounts: list[BankAccountOut]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, r: DebtorRecord) -> DebtorOut:
        d = r.data
        return cls(
            id=r.id,
            kind=d.kind,
            name=d.name,
            external_number=d.external_number,
            address=AddressOut(
                street=d.street,
                house_number=d.house_number,
                house_number_addition=d.house_number_addition,
                postcode=d.postcode,
                city=d.city,
                country=d.country,
                line2=d.line2,
            ),
            kvk_number=d.kvk_number,
            vat_number=d.vat_number,
            language=d.language,
            preferred_channels=list(d.preferred_channels),
            refused_channels=list(d.refused_channels),
            emails=list(d.emails),
            phones=list(d.phones),
            bank_accounts=[
                BankAccountOut(iban=a.iban, bic=a.bic, bank_name=a.bank_name) for a in d.accounts
            ],
            created_at=r.created_at,
            updated_at=r.updated_at,
        )


class DebtorPage(PageOut):
    items: list[DebtorOut]


class InvoiceIn(In):
    debtor_id: int = Field(ge=1)
    number: str = Field(min_length=1, max_length=64, examples=["2026-0042"])
    document_type: Literal["invoice", "credit_note"] = "invoice"
    issue_date: date
    due_date: date | None = Field(
        default=None, description="Last day on time; left out: 30 days after the issue date"
    )
    total: Money = Field(description="Total including VAT (a credit note: the amount credited)")
    vat: Money | None = None
    amount_due: Money | None = Field(default=None, description="If less than the total")
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    payment_reference: str | None = Field(
        default=None,
        max_length=140,
        description="Betalingskenmerk or RF reference; left out: a betalingskenmerk is made",
    )
    description: str | None = Field(default=None, max_length=500)
    buyer_reference: str | None = Field(default=None, max_length=100)
    attachment_path: str | None = Field(default=None, max_length=500)
    credited_invoice_number: str | None = Field(
        default=None, max_length=64, description="A credit note: the invoice it credits"
    )


class InvoicePatch(In):
    description: str | None = Field(default=None, max_length=500)
    buyer_reference: str | None = Field(default=None, max_length=100)
    attachment_path: str | None = Field(default=None, max_length=500)


class InvoiceOut(BaseModel):
    id: int
    number: str
    document_type: str
    debtor_id: int
    debtor: str = Field(description="The debtor's name")
    claim_id: int | None
    issue_date: date
    due_date: date
    due_date_stated: bool = Field(description="False: the statutory 30 days were assumed")
    total: MoneyOut
    vat: MoneyOut | None
    amount_due: MoneyOut
    credited: MoneyOut = Field(description="Credit notes applied to this invoice")
    outstanding: MoneyOut = Field(description="Open principal of this invoice")
    currency: str
    payment_reference: str
    payment_reference_kind: str
    description: str | None
    buyer_reference: str | None
    attachment_path: str | None
    source: str
    credited_invoice_id: int | None
    import_id: int | None
    created_at: datetime

    @classmethod
    def of(cls, i: InvoiceRow) -> InvoiceOut:
        return cls(
            id=i.id,
            number=i.number,
            document_type=i.document_type,
            debtor_id=i.debtor_id,
            debtor=i.debtor_name,
            claim_id=i.claim_id,
            issue_date=i.issue_date,
            due_date=i.due_date,
            due_date_stated=i.due_date_stated,
            total=money(i.total_cents) or "0.00",
            vat=money(i.vat_cents),
            amount_due=money(i.amount_due_cents) or "0.00",
            credited=money(i.credited_cents) or "0.00",
            outstanding=money(i.outstanding_cents) or "0.00",
            currency=i.currency,
            payment_reference=i.payment_reference,
            payment_reference_kind=i.payment_reference_kind,
            description=i.description,
            buyer_reference=i.buyer_reference,
            attachment_path=i.attachment_path,
            source=i.source,
            credited_invoice_id=i.credited_invoice_id,
            import_id=i.import_batch_id,
            created_at=i.created_at,
        )


class InvoicePage(PageOut):
    items: list[InvoiceOut]


class ClaimIn(In):
    debtor_id: int = Field(ge=1)
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    contractual_rate: str | None = Field(
        default=None,
        pattern=r"^\d(\.\d{1,8})?$",
        description="Agreed yearly rate as a fraction (0.08 = 8%); null: statutory interest",
    )
    compound: bool = Field(default=True, description="Contractual rate: compound yearly")
    cost_clause: Literal["statutory", "none"] = "statutory"


class ClaimPatch(In):
    contractual_rate: str | None = Field(default=None, pattern=r"^\d(\.\d{1,8})?$")
    compound: bool | None = None
    cost_clause: Literal["statutory", "none"] | None = None
    phase: Literal["in_house", "amicable", "judicial", "execution", "monitoring"] | None = None
    status: (
        Literal["open", "paused", "disputed", "promise", "plan", "closed", "written_off"] | None
    ) = None
    strategy_name: str | None = Field(default=None, max_length=100)
    strategy_version: int | None = Field(default=None, ge=1)
    strategy_variant: str | None = Field(default=None, max_length=40)


class StrategyOut(BaseModel):
    name: str | None
    version: int | None
    variant: str | None


class ClaimOut(BaseModel):
    id: int
    debtor_id: int
    debtor: str
    kind: str = Field(description="consumer (6:119 BW) or commercial (6:119a BW)")
    currency: str
    contractual_rate: str | None
    compound: bool
    cost_clause: str
    phase: str
    status: str
    strategy: StrategyOut
    next_wake_at: datetime | None
    principal: MoneyOut
    costs: MoneyOut
    paid: MoneyOut
    outstanding: MoneyOut = Field(description="Open principal and costs (interest: statement)")
    oldest_due_date: date
    days_overdue: int
    invoice_count: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, c: ClaimRow, today: date) -> ClaimOut:
        return cls(
            id=c.id,
            debtor_id=c.debtor_id,
            debtor=c.debtor_name,
            kind=c.kind,
            currency=c.currency,
            contractual_rate=c.contractual_rate,
            compound=c.compound,
            cost_clause=c.cost_clause,
            phase=c.phase,
            status=c.status,
            strategy=StrategyOut(
                name=c.strategy_name, version=c.strategy_version, variant=c.strategy_variant
            ),
            next_wake_at=c.next_wake_at,
            principal=money(c.principal_cents) or "0.00",
            costs=money(c.costs_cents) or "0.00",
            paid=money(c.paid_cents) or "0.00",
            outstanding=money(c.outstanding_cents) or "0.00",
            oldest_due_date=c.oldest_due_date,
            days_overdue=max(0, (today - c.oldest_due_date).days),
            invoice_count=c.invoice_count,
            created_at=c.created_at,
            updated_at=c.updated_at,
        )


class ClaimDetailOut(ClaimOut):
    invoices: list[InvoiceOut]


class ClaimPage(PageOut):
    items: list[ClaimOut]


class LetterIn(In):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"sent_on": "2025-02-05", "channel": "email"}]},
    )

    sent_on: date
    channel: Literal["post", "email"] = "post"
    cost_amount: Money | None = Field(
        default=None, description="The costs the letter announced; default: the staffel"
    )
    vat_uplift_stated: bool = False


class CostsIn(In):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"on": "2025-02-20"}]}
    )

    on: date
    vat_uplift: bool = Field(default=False, description="Creditor cannot deduct VAT (BIK 2.3)")
