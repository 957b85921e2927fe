"""Repositories of the claims ledger, registered on the unit of work (``uow.debtors`` ...).

Here: import batches, idempotency keys and bulk event appends. Debtors, invoices, claims and
payments: :mod:`.ledger_debtor_repo`, :mod:`.ledger_invoice_repo`, :mod:`.ledger_claim_repos`,
:mod:`.ledger_money_repos`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from vorder.adapters.db import ledger_tables as lt
from vorder.adapters.db import tables as t
from vorder.adapters.db.ledger_bulk import BulkInsert, table_of, tenant_of_session
from vorder.adapters.db.ledger_claim_repos import ClaimRepo
from vorder.adapters.db.ledger_debtor_repo import DebtorRepo
from vorder.adapters.db.ledger_invoice_repo import InvoiceRepo
from vorder.adapters.db.ledger_money_repos import PaymentRepo
from vorder.adapters.db.uow import AREA_REPOSITORIES
from vorder.app.ledger.records import IdempotencyRow, ImportBatchRow
from vorder.app.records import Actor, Event


def _batch(row: lt.ImportBatch) -> ImportBatchRow:
    return ImportBatchRow(
        id=row.id,
        file_name=row.file_name,
        sha256=row.sha256,
        format=row.format,
        partial=row.partial,
        status=row.status,
        rows=row.rows,
        invoices_created=row.invoices_created,
        credit_notes_created=row.credit_notes_created,
        debtors_created=row.debtors_created,
        claims_opened=row.claims_opened,
        already_present=row.already_present,
        rejected_rows=row.rejected_rows,
        report=dict(row.report or {}),
        actor=row.actor,
        created_at=row.created_at,
    )


_COUNTS = (
    "rows",
    "invoices_created",
    "credit_notes_created",
    "debtors_created",
    "claims_opened",
    "already_present",
    "rejected_rows",
)


class ImportBatchRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_sha256(self, sha256: str) -> ImportBatchRow | None:
        row = self.session.scalar(sa.select(lt.ImportBatch).where(lt.ImportBatch.sha256 == sha256))
        return _batch(row) if row is not None else None

    def add(
        self,
        *,
        file_name: str,
        sha256: str,
        format: str,
        partial: bool,
        actor: str,
        now: datetime,
    ) -> int:
        row = lt.ImportBatch(
            file_name=file_name,
            sha256=sha256,
            format=format,
            partial=partial,
            status="running",
            report={},
            actor=actor,
            created_at=now,
            **{c: 0 for c in _COUNTS},
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def finish(
        self, batch_id: int, *, status: str, counts: Mapping[str, int], report: dict[str, Any]
    ) -> None:
        values = {c: int(counts.get(c, 0)) for c in _COUNTS}
        self.session.execute(
            sa.update(lt.ImportBatch)
            .where(lt.ImportBatch.id == batch_id)
            .values(status=status, report=report, **values)
            .execution_options(synchronize_session=False)
        )

    def get(self, batch_id: int) -> ImportBatchRow | None:
        row = self.session.scalar(sa.select(lt.ImportBatch).where(lt.ImportBatch.id == batch_id))
        return _batch(row) if row is not None else None

    def search(self, *, limit: int, offset: int) -> list[ImportBatchRow]:
        rows = self.session.scalars(
            sa.select(lt.ImportBatch).order_by(lt.ImportBatch.id.desc()).limit(limit).offset(offset)
        )
        return [_batch(r) for r in rows]


class IdempotencyKeyRepo:
    """Keys live in their own short transactions (see :mod:`vorder.app.ledger.idempotency`)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str) -> IdempotencyRow | None:
        row = self.session.scalar(sa.select(lt.IdempotencyKey).where(lt.IdempotencyKey.key == key))
        if row is None:
            return None
        return IdempotencyRow(
            row.key, row.fingerprint, row.status, row.response_status, row.response_body
        )

    def begin(self, key: str, *, fingerprint: str, now: datetime) -> bool:
        if self.get(key) is not None:
            return False
        self.session.add(
            lt.IdempotencyKey(key=key, fingerprint=fingerprint, status="pending", created_at=now)
        )
        try:
            self.session.flush()
        except IntegrityError:  # a concurrent request claimed the key first
            self.session.rollback()
            return False
        return True

    def complete(self, key: str, *, status: int, body: str, now: datetime) -> None:
        self.session.execute(
            sa.update(lt.IdempotencyKey)
            .where(lt.IdempotencyKey.key == key)
            .values(status="done", response_status=status, response_body=body, completed_at=now)
            .execution_options(synchronize_session=False)
        )

    def forget(self, key: str) -> None:
        self.session.execute(
            sa.delete(lt.IdempotencyKey)
            .where(lt.IdempotencyKey.key == key, lt.IdempotencyKey.status == "pending")
            .execution_options(synchronize_session=False)
        )


class BulkEventRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    def append_many(self, events: Sequence[Event], *, now: datetime) -> None:
        tenant_id = tenant_of_session(self.session)
        columns = (
            "tenant_id",
            "subject_type",
            "subject_id",
            "type",
            "payload",
            "occurred_at",
            "recorded_at",
            "actor",
        )
        BulkInsert(self.session, table_of(t.EventRow), columns).run(
            (
                tenant_id,
                e.subject_type,
                e.subject_id,
                e.type,
                e.payload,
                e.occurred_at,
                now,
                e.actor,
            )
            for e in events
        )

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
        tenant_id = tenant_of_session(self.session)
        columns = (
            "tenant_id",
            "actor",
            "actor_kind",
            "subject_type",
            "subject_id",
            "action",
            "purpose",
            "at",
        )
        BulkInsert(self.session, table_of(t.PersonalDataAccess), columns).run(
            (tenant_id, actor.ref, actor.kind, subject_type, i, action, purpose, now)
            for i in subject_ids
        )


REPOSITORIES = {
    "debtors": DebtorRepo,
    "invoices": InvoiceRepo,
    "claims": ClaimRepo,
    "payments": PaymentRepo,
    "import_batches": ImportBatchRepo,
    "idempotency_keys": IdempotencyKeyRepo,
    "bulk_events": BulkEventRepo,
}

AREA_REPOSITORIES.update(REPOSITORIES)
