"""Ports: the Protocols adapters implement. The application layer knows only these."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Protocol

from vorder.app.ledger.records import (
    AllocationRow,
    ClaimRow,
    ClaimShare,
    ClaimTotals,
    CreditRow,
    DebtorData,
    DebtorRecord,
    IdempotencyRow,
    ImportBatchRow,
    InvoiceRow,
    NewClaim,
    NewInvoice,
    PaymentRow,
)
from vorder.app.records import (
    Actor,
    ApiKeyRecord,
    DueMessage,
    Event,
    MemberRecord,
    ModuleState,
    OutboxMessage,
    StoredEvent,
    TenantRecord,
    UserRecord,
)
from vorder.core.access import Role, TenantKind


class Clock(Protocol):
    def now(self) -> datetime: ...


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...
    def verify(self, password: str, password_hash: str) -> bool: ...


class TaskQueue(Protocol):
    """Carries only "process batch X" style messages; business timers live in our tables."""

    def enqueue(self, task: str, **kwargs: Any) -> None: ...


class TenantRepository(Protocol):
    def add(
        self,
        *,
        slug: str,
        name: str,
        kind: TenantKind,
        provider_id: int | None,
        language: str,
        now: datetime,
    ) -> TenantRecord: ...
    def by_slug(self, slug: str) -> TenantRecord | None: ...
    def by_id(self, tenant_id: int) -> TenantRecord | None: ...
    def clients_of(self, provider_id: int) -> list[TenantRecord]: ...
    def all(self) -> list[TenantRecord]: ...


class UserRepository(Protocol):
    def add(
        self, *, email: str, name: str, password_hash: str, language: str, now: datetime
    ) -> UserRecord: ...
    def by_email(self, email: str) -> UserRecord | None: ...
    def by_id(self, user_id: int) -> UserRecord | None: ...
    def set_language(self, user_id: int, language: str) -> None: ...


class MembershipRepository(Protocol):
    def add(self, *, tenant_id: int, user_id: int, role: Role, now: datetime) -> None: ...
    def role_of(self, *, tenant_id: int, user_id: int) -> Role | None: ...
    def tenants_of(self, user_id: int) -> list[tuple[int, Role]]: ...
    def members(self, tenant_id: int) -> list[MemberRecord]: ...
    def member(self, member_id: int) -> MemberRecord | None:
        """A membership of the unit of work's tenant (None for another tenant's)."""
        ...


class ApiKeyRepository(Protocol):
    def add(
        self, *, tenant_id: int, name: str, prefix: str, key_hash: str, role: Role, now: datetime
    ) -> ApiKeyRecord: ...
    def by_prefix(self, prefix: str) -> ApiKeyRecord | None: ...
    def touch(self, key_id: int, *, now: datetime) -> None: ...
    def for_tenant(self, tenant_id: int) -> list[ApiKeyRecord]: ...
    def by_id(self, key_id: int) -> ApiKeyRecord | None:
        """A key of the unit of work's tenant (None for another tenant's)."""
        ...

    def revoke(self, key_id: int, *, now: datetime) -> None: ...


class WebSessionRepository(Protocol):
    def add(
        self, *, token_hash: str, user_id: int, now: datetime, expires_at: datetime
    ) -> None: ...
    def user_for(self, token_hash: str, *, now: datetime) -> int | None: ...
    def remove(self, token_hash: str) -> None: ...


class ModuleRepository(Protocol):
    def states(self, tenant_id: int) -> list[ModuleState]: ...
    def put(
        self, *, tenant_id: int, module: str, enabled: bool, settings: dict[str, Any], now: datetime
    ) -> None: ...


class EventLog(Protocol):
    def append(self, event: Event, *, now: datetime, tenant_id: int | None = None) -> int:
        """Append; ``tenant_id`` only in platform (system) transactions."""
        ...

    def for_subject(self, subject_type: str, subject_id: int) -> list[Event]: ...
    def get(self, event_id: int) -> StoredEvent | None: ...
    def search(
        self,
        *,
        subject_type: str | None,
        subject_id: int | None,
        before_id: int | None,
        limit: int,
    ) -> list[StoredEvent]:
        """Newest first, optionally for one subject type and/or id, below ``before_id``."""
        ...


class Outbox(Protocol):
    def add(self, message: OutboxMessage, *, now: datetime) -> bool:
        """Queue a side effect; False when the idempotency key was already queued."""
        ...


class OutboxDelivery(Protocol):
    def claim_due(self, *, now: datetime, limit: int, lock_until: datetime) -> list[DueMessage]: ...
    def finish(
        self,
        outbox_id: int,
        *,
        status: str,
        attempts: int,
        error: str | None,
        now: datetime,
        next_attempt_at: datetime,
    ) -> None: ...


class AccessLog(Protocol):
    def record(
        self,
        *,
        actor: str,
        actor_kind: str,
        subject_type: str,
        subject_id: int,
        action: str,
        purpose: str,
        now: datetime,
    ) -> None: ...


class UnitOfWork(Protocol):
    """One transaction. State changes, events and outbox rows commit together or not at all."""

    tenant_id: int | None
    tenants: TenantRepository
    users: UserRepository
    memberships: MembershipRepository
    api_keys: ApiKeyRepository
    web_sessions: WebSessionRepository
    modules: ModuleRepository
    events: EventLog
    outbox: Outbox
    outbox_delivery: OutboxDelivery
    access_log: AccessLog

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def after_commit(self, callback: Callable[[], None]) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self, *, tenant_id: int | None = None, system: bool = False) -> UnitOfWork: ...


__all__: Sequence[str] = [
    "AccessLog",
    "ApiKeyRepository",
    "Clock",
    "EventLog",
    "MembershipRepository",
    "ModuleRepository",
    "Outbox",
    "PasswordHasher",
    "TaskQueue",
    "TenantRepository",
    "UnitOfWork",
    "UnitOfWorkFactory",
    "UserRepository",
    "WebSessionRepository",
]


# ------------------------------------------------------------------------ the claims ledger
# Repositories of the claims ledger (vorder.app.ledger); the unit of work exposes them as
# ``uow.debtors``, ``uow.invoices``, ``uow.claims``, ``uow.payments``, ``uow.import_batches``,
# ``uow.idempotency_keys`` and ``uow.bulk_events`` (see LedgerUnitOfWork).


class DebtorRepository(Protocol):
    def add(self, data: DebtorData, *, match_key: str, now: datetime) -> DebtorRecord: ...
    def add_many(self, items: Sequence[tuple[str, DebtorData]], *, now: datetime) -> dict[str, int]:
        """Insert debtors in bulk; returns match key → new id."""
        ...

    def update(
        self, debtor_id: int, data: DebtorData, *, match_key: str, now: datetime
    ) -> DebtorRecord: ...
    def get(self, debtor_id: int) -> DebtorRecord | None: ...
    def ids_by_match_keys(self, keys: Collection[str]) -> dict[str, int]: ...
    def names(self, debtor_ids: Collection[int]) -> dict[int, str]: ...
    def kinds(self, debtor_ids: Collection[int]) -> dict[int, str]: ...
    def search(
        self, *, q: str | None, kind: str | None, sort: str, limit: int, offset: int
    ) -> list[DebtorRecord]: ...


class InvoiceRepository(Protocol):
    def add(self, invoice: NewInvoice, *, now: datetime) -> int: ...
    def add_many(self, invoices: Sequence[NewInvoice], *, now: datetime) -> list[int]: ...
    def get(self, invoice_id: int) -> InvoiceRow | None: ...
    def by_numbers(self, document_type: str, numbers: Collection[str]) -> dict[str, InvoiceRow]: ...
    def for_claim(self, claim_id: int) -> list[InvoiceRow]: ...
    def search(
        self,
        *,
        q: str | None,
        debtor_id: int | None,
        claim_id: int | None,
        document_type: str | None,
        open_only: bool,
        due_from: date | None,
        due_to: date | None,
        sort: str,
        limit: int,
        offset: int,
    ) -> list[InvoiceRow]: ...
    def set_balances(self, balances: Mapping[int, tuple[int, int]]) -> None:
        """invoice id → (credited cents, outstanding cents)."""
        ...

    def update_details(self, invoice_id: int, values: Mapping[str, str | None]) -> None:
        """Change descriptive fields (description, buyer_reference, attachment_path)."""
        ...

    def reserve_sequence(self, name: str, count: int) -> int:
        """Reserve ``count`` consecutive numbers of a per-tenant counter; returns the first."""
        ...


class ClaimRepository(Protocol):
    def add(self, claim: NewClaim, *, now: datetime) -> int: ...
    def add_many(self, claims: Sequence[NewClaim], *, now: datetime) -> list[int]: ...
    def get(self, claim_id: int) -> ClaimRow | None: ...
    def extendable(self, debtor_ids: Collection[int]) -> dict[tuple[int, str], int]:
        """Open in-house claim ids by (debtor id, currency): where a new invoice joins."""
        ...

    def for_debtor(self, debtor_id: int, *, open_only: bool) -> list[ClaimRow]: ...
    def add_members(self, pairs: Sequence[tuple[int, int]], *, now: datetime) -> None:
        """(claim id, invoice id) memberships."""
        ...

    def claim_of_invoice(self, invoice_id: int) -> int | None: ...
    def add_principal(self, deltas: Mapping[int, tuple[int, date]], *, now: datetime) -> None:
        """claim id → (cents to add to principal and outstanding, a due date to min in)."""
        ...

    def set_totals(self, claim_id: int, totals: ClaimTotals, *, now: datetime) -> None: ...
    def wake(self, claim_ids: Collection[int], *, at: datetime) -> None:
        """Ask the strategy runner to look at these claims at ``at`` (or earlier)."""
        ...

    def set_costs(
        self, claim_id: int, *, on: date | None, vat_uplift: bool, now: datetime
    ) -> None: ...
    def update(self, claim_id: int, values: Mapping[str, Any], *, now: datetime) -> None:
        """Change the claim's terms, phase or strategy fields (validated by the caller)."""
        ...

    def search(
        self,
        *,
        q: str | None,
        debtor_id: int | None,
        status: str | None,
        phase: str | None,
        kind: str | None,
        sort: str,
        limit: int,
        offset: int,
    ) -> list[ClaimRow]: ...


class PaymentRepository(Protocol):
    def add(
        self,
        *,
        debtor_id: int,
        amount_cents: int,
        currency: str,
        paid_on: date,
        source: str,
        reference: str | None,
        designated_claim_id: int | None,
        designated_invoice_id: int | None,
        now: datetime,
    ) -> int: ...
    def get(self, payment_id: int) -> PaymentRow | None: ...
    def search(
        self,
        *,
        q: str | None,
        debtor_id: int | None,
        claim_id: int | None,
        paid_from: date | None,
        paid_to: date | None,
        sort: str,
        limit: int,
        offset: int,
    ) -> list[PaymentRow]: ...
    def shares_for_claim(self, claim_id: int) -> list[ClaimShare]:
        """Each payment's part for the claim: its allocations plus its open credit there."""
        ...

    def claims_with_payments(self, claim_ids: Collection[int]) -> set[int]: ...
    def allocations_for_payment(self, payment_id: int) -> list[AllocationRow]: ...
    def allocations_for_claim(self, claim_id: int) -> list[AllocationRow]: ...
    def replace_allocations(self, claim_id: int, rows: Sequence[AllocationRow]) -> None: ...
    def set_open_credit(
        self,
        *,
        payment_id: int,
        claim_id: int | None,
        debtor_id: int,
        cents: int,
        currency: str,
        now: datetime,
    ) -> CreditRow | None:
        """Make the open credit of (payment, claim) ``cents``; returns it when it changed."""
        ...

    def credits_for_payment(self, payment_id: int) -> list[CreditRow]: ...
    def set_reference(self, payment_id: int, reference: str | None) -> None: ...
    def refresh_totals(self, payment_ids: Collection[int]) -> None:
        """Recompute each payment's allocated and credit cents from its rows."""
        ...


class ImportBatchRepository(Protocol):
    def by_sha256(self, sha256: str) -> ImportBatchRow | None: ...
    def add(
        self,
        *,
        file_name: str,
        sha256: str,
        format: str,
        partial: bool,
        actor: str,
        now: datetime,
    ) -> int: ...
    def finish(
        self, batch_id: int, *, status: str, counts: Mapping[str, int], report: dict[str, Any]
    ) -> None: ...
    def get(self, batch_id: int) -> ImportBatchRow | None: ...
    def search(self, *, limit: int, offset: int) -> list[ImportBatchRow]: ...


class IdempotencyKeyRepository(Protocol):
    def get(self, key: str) -> IdempotencyRow | None: ...
    def begin(self, key: str, *, fingerprint: str, now: datetime) -> bool:
        """Claim the key (pending); False when it already exists."""
        ...

    def complete(self, key: str, *, status: int, body: str, now: datetime) -> None: ...
    def forget(self, key: str) -> None: ...


class BulkEventLog(Protocol):
    def append_many(self, events: Sequence[Event], *, now: datetime) -> None:
        """Append many events of the unit of work's tenant in one batch."""
        ...

    def record_access_many(
        self,
        subject_ids: Sequence[int],
        *,
        actor: Actor,
        subject_type: str,
        action: str,
        purpose: str,
        now: datetime,
    ) -> None:
        """The personal-data access log (AVG) for many subjects at once."""
        ...


class LedgerUnitOfWork(UnitOfWork, Protocol):
    debtors: DebtorRepository
    invoices: InvoiceRepository
    claims: ClaimRepository
    payments: PaymentRepository
    import_batches: ImportBatchRepository
    idempotency_keys: IdempotencyKeyRepository
    bulk_events: BulkEventLog
