"""Repository of invoices and credit notes.

Bulk methods (``add_many``, ``add_members``, ``add_principal``, ``set_balances``) use Core
executemany on the session's connection in chunks, setting or filtering ``tenant_id``
themselves (Core statements bypass the ORM scoping hooks; PostgreSQL row-level security
still applies).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import fields
from datetime import date, datetime
from operator import attrgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from vorder.adapters.db import ledger_tables as lt
from vorder.adapters.db.ledger_bulk import (
    BulkInsert,
    chunks,
    like,
    reserve_ids,
    table_of,
    tenant_of_session,
    values_of,
)
from vorder.app.ledger.records import InvoiceRow, NewInvoice


def _invoice_row(row: lt.Invoice, claim_id: int | None, debtor_name: str = "") -> InvoiceRow:
    return InvoiceRow(
        id=row.id,
        debtor_id=row.debtor_id,
        claim_id=claim_id,
        document_type=row.document_type,
        number=row.number,
        issue_date=row.issue_date,
        due_date=row.due_date,
        due_date_stated=row.due_date_stated,
        total_cents=row.total_cents,
        vat_cents=row.vat_cents,
        amount_due_cents=row.amount_due_cents,
        credited_cents=row.credited_cents,
        outstanding_cents=row.outstanding_cents,
        currency=row.currency,
        payment_reference=row.payment_reference,
        payment_reference_kind=row.payment_reference_kind,
        description=row.description,
        buyer_reference=row.buyer_reference,
        attachment_path=row.attachment_path,
        source=row.source,
        credited_invoice_id=row.credited_invoice_id,
        import_batch_id=row.import_batch_id,
        created_at=row.created_at,
        debtor_name=debtor_name,
    )


_INVOICE_FIELDS = tuple(f.name for f in fields(NewInvoice))
_invoice_fields = attrgetter(*_INVOICE_FIELDS)


def _new_invoice_values(invoice: NewInvoice) -> dict[str, Any]:
    values = values_of(invoice)
    values["credited_cents"] = 0
    values["outstanding_cents"] = (
        invoice.amount_due_cents if invoice.document_type == "invoice" else 0
    )
    return values


class InvoiceRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _query(self) -> Any:
        return (
            sa.select(lt.Invoice, lt.ClaimInvoice.claim_id, lt.Debtor.name)
            .join(lt.Debtor, lt.Debtor.id == lt.Invoice.debtor_id)
            .outerjoin(lt.ClaimInvoice, lt.ClaimInvoice.invoice_id == lt.Invoice.id)
        )

    def add(self, invoice: NewInvoice, *, now: datetime) -> int:
        row = lt.Invoice(created_at=now, **_new_invoice_values(invoice))
        self.session.add(row)
        self.session.flush()
        return row.id

    def add_many(self, invoices: Sequence[NewInvoice], *, now: datetime) -> list[int]:
        tenant_id = tenant_of_session(self.session)
        table = table_of(lt.Invoice)
        ids = reserve_ids(self.session, table, len(invoices))
        columns = (
            "id",
            "tenant_id",
            "created_at",
            "credited_cents",
            "outstanding_cents",
            *_INVOICE_FIELDS,
        )
        BulkInsert(self.session, table, columns).run(
            (
                invoice_id,
                tenant_id,
                now,
                0,
                i.amount_due_cents if i.document_type == "invoice" else 0,
                *_invoice_fields(i),
            )
            for invoice_id, i in zip(ids, invoices, strict=True)
        )
        return ids

    def get(self, invoice_id: int) -> InvoiceRow | None:
        found = self.session.execute(self._query().where(lt.Invoice.id == invoice_id)).first()
        return _invoice_row(found[0], found[1], found[2]) if found else None

    def by_numbers(self, document_type: str, numbers: Collection[str]) -> dict[str, InvoiceRow]:
        found: dict[str, InvoiceRow] = {}
        for part in chunks(list(numbers)):
            rows = self.session.execute(
                self._query().where(
                    lt.Invoice.document_type == document_type, lt.Invoice.number.in_(part)
                )
            )
            found.update({r[0].number: _invoice_row(r[0], r[1], r[2]) for r in rows})
        return found

    def for_claim(self, claim_id: int) -> list[InvoiceRow]:
        rows = self.session.execute(
            self._query()
            .where(lt.ClaimInvoice.claim_id == claim_id)
            .order_by(lt.Invoice.due_date, lt.Invoice.id)
        )
        return [_invoice_row(r[0], r[1], r[2]) for r in rows]

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
    ) -> list[InvoiceRow]:
        query = self._query()
        if q:
            text = q.strip()
            compact = text.replace(" ", "").upper()
            query = query.where(
                sa.or_(
                    lt.Invoice.number == text,
                    lt.Invoice.number.like(like(text, prefix=True), escape="\\"),
                    lt.Invoice.payment_reference == compact,
                    lt.Debtor.name_key.like(like(text.lower()), escape="\\"),
                    lt.Invoice.debtor_id.in_(
                        sa.select(lt.DebtorAccount.debtor_id).where(
                            lt.DebtorAccount.iban == compact
                        )
                    ),
                )
            )
        if debtor_id is not None:
            query = query.where(lt.Invoice.debtor_id == debtor_id)
        if claim_id is not None:
            query = query.where(lt.ClaimInvoice.claim_id == claim_id)
        if document_type:
            query = query.where(lt.Invoice.document_type == document_type)
        if open_only:
            query = query.where(lt.Invoice.outstanding_cents > 0)
        if due_from is not None:
            query = query.where(lt.Invoice.due_date >= due_from)
        if due_to is not None:
            query = query.where(lt.Invoice.due_date <= due_to)
        order = {
            "due_date": (lt.Invoice.due_date, lt.Invoice.id),
            "-due_date": (lt.Invoice.due_date.desc(), lt.Invoice.id.desc()),
            "number": (lt.Invoice.number, lt.Invoice.id),
            "-number": (lt.Invoice.number.desc(), lt.Invoice.id.desc()),
            "outstanding": (lt.Invoice.outstanding_cents, lt.Invoice.id),
            "-outstanding": (lt.Invoice.outstanding_cents.desc(), lt.Invoice.id.desc()),
            "created_at": (lt.Invoice.id,),
            "-created_at": (lt.Invoice.id.desc(),),
        }[sort]
        rows = self.session.execute(query.order_by(*order).limit(limit).offset(offset))
        return [_invoice_row(r[0], r[1], r[2]) for r in rows]

    def set_balances(self, balances: Mapping[int, tuple[int, int]]) -> None:
        if not balances:
            return
        tenant_id = tenant_of_session(self.session)
        table = table_of(lt.Invoice)
        stmt = (
            sa.update(table)
            .where(table.c.id == sa.bindparam("b_id"), table.c.tenant_id == tenant_id)
            .values(
                credited_cents=sa.bindparam("b_credited"),
                outstanding_cents=sa.bindparam("b_outstanding"),
            )
        )
        rows = [{"b_id": i, "b_credited": c, "b_outstanding": o} for i, (c, o) in balances.items()]
        conn = self.session.connection()
        for part in chunks(rows):
            conn.execute(stmt, part)

    def update_details(self, invoice_id: int, values: Mapping[str, str | None]) -> None:
        allowed = {"description", "buyer_reference", "attachment_path"}
        assert set(values) <= allowed, sorted(set(values) - allowed)
        self.session.execute(
            sa.update(lt.Invoice)
            .where(lt.Invoice.id == invoice_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )

    def reserve_sequence(self, name: str, count: int) -> int:
        tenant_id = tenant_of_session(self.session)
        table = table_of(lt.NumberSequence)
        conn = self.session.connection()
        where = sa.and_(table.c.tenant_id == tenant_id, table.c.name == name)
        current = conn.execute(
            sa.select(table.c.next_value).where(where).with_for_update()
        ).scalar_one_or_none()
        if current is None:
            conn.execute(sa.insert(table).values(tenant_id=tenant_id, name=name, next_value=1))
            current = 1
        conn.execute(sa.update(table).where(where).values(next_value=current + count))
        return int(current)
