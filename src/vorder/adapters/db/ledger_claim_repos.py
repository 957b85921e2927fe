"""Repository of claims and their memberships (which invoices a claim collects).

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
from vorder.app.ledger.records import ClaimRow, ClaimTotals, NewClaim

_CLAIM_FIELDS = tuple(f.name for f in fields(NewClaim))
_claim_fields = attrgetter(*_CLAIM_FIELDS)


def _claim_row(row: lt.Claim, debtor_name: str = "", invoice_count: int = 0) -> ClaimRow:
    return ClaimRow(
        **{c: getattr(row, c) for c in ClaimRow.__dataclass_fields__ if hasattr(row, c)},
        debtor_name=debtor_name,
        invoice_count=invoice_count,
    )


def _new_claim_values(claim: NewClaim, now: datetime) -> dict[str, Any]:
    return {
        **values_of(claim),
        "outstanding_cents": claim.principal_cents,
        "costs_cents": 0,
        "paid_cents": 0,
        "vat_uplift": False,
        "next_wake_at": now,
        "created_at": now,
        "updated_at": now,
    }


class ClaimRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _query(self) -> sa.Select[Any]:
        count = (
            sa.select(sa.func.count(lt.ClaimInvoice.id))
            .where(lt.ClaimInvoice.claim_id == lt.Claim.id)
            .correlate(lt.Claim)
            .scalar_subquery()
        )
        return sa.select(lt.Claim, lt.Debtor.name, count).join(
            lt.Debtor, lt.Debtor.id == lt.Claim.debtor_id
        )

    def add(self, claim: NewClaim, *, now: datetime) -> int:
        row = lt.Claim(**_new_claim_values(claim, now))
        self.session.add(row)
        self.session.flush()
        return row.id

    def add_many(self, claims: Sequence[NewClaim], *, now: datetime) -> list[int]:
        tenant_id = tenant_of_session(self.session)
        table = table_of(lt.Claim)
        ids = reserve_ids(self.session, table, len(claims))
        columns = (
            "id",
            "tenant_id",
            *_CLAIM_FIELDS,
            "outstanding_cents",
            "costs_cents",
            "paid_cents",
            "vat_uplift",
            "next_wake_at",
            "created_at",
            "updated_at",
        )
        BulkInsert(self.session, table, columns).run(
            (claim_id, tenant_id, *_claim_fields(c), c.principal_cents, 0, 0, False, now, now, now)
            for claim_id, c in zip(ids, claims, strict=True)
        )
        return ids

    def get(self, claim_id: int) -> ClaimRow | None:
        found = self.session.execute(self._query().where(lt.Claim.id == claim_id)).first()
        return _claim_row(found[0], found[1], found[2]) if found else None

    def extendable(self, debtor_ids: Collection[int]) -> dict[tuple[int, str], int]:
        found: dict[tuple[int, str], int] = {}
        for part in chunks(sorted(debtor_ids)):
            rows = self.session.execute(
                sa.select(lt.Claim.id, lt.Claim.debtor_id, lt.Claim.currency)
                .where(
                    lt.Claim.debtor_id.in_(part),
                    lt.Claim.status == "open",
                    lt.Claim.phase == "in_house",
                )
                .order_by(lt.Claim.id)
            )
            for claim_id, debtor_id, currency in rows:
                found.setdefault((debtor_id, currency), claim_id)
        return found

    def for_debtor(self, debtor_id: int, *, open_only: bool) -> list[ClaimRow]:
        query = self._query().where(lt.Claim.debtor_id == debtor_id)
        if open_only:
            query = query.where(lt.Claim.status.notin_(("closed", "written_off")))
        return [
            _claim_row(r[0], r[1], r[2]) for r in self.session.execute(query.order_by(lt.Claim.id))
        ]

    def add_members(self, pairs: Sequence[tuple[int, int]], *, now: datetime) -> None:
        tenant_id = tenant_of_session(self.session)
        BulkInsert(
            self.session,
            table_of(lt.ClaimInvoice),
            ("tenant_id", "claim_id", "invoice_id", "added_at"),
        ).run((tenant_id, c, i, now) for c, i in pairs)

    def claim_of_invoice(self, invoice_id: int) -> int | None:
        return self.session.scalar(
            sa.select(lt.ClaimInvoice.claim_id).where(lt.ClaimInvoice.invoice_id == invoice_id)
        )

    def add_principal(self, deltas: Mapping[int, tuple[int, date]], *, now: datetime) -> None:
        if not deltas:
            return
        tenant_id = tenant_of_session(self.session)
        table = table_of(lt.Claim)
        due = sa.bindparam("b_due", type_=sa.Date)
        stmt = (
            sa.update(table)
            .where(table.c.id == sa.bindparam("b_id"), table.c.tenant_id == tenant_id)
            .values(
                principal_cents=table.c.principal_cents + sa.bindparam("b_delta"),
                outstanding_cents=table.c.outstanding_cents + sa.bindparam("b_delta"),
                oldest_due_date=sa.case(
                    (table.c.oldest_due_date > due, due), else_=table.c.oldest_due_date
                ),
                updated_at=now,
            )
        )
        rows = [{"b_id": c, "b_delta": d, "b_due": due_on} for c, (d, due_on) in deltas.items()]
        conn = self.session.connection()
        for part in chunks(rows):
            conn.execute(stmt, part)

    def set_totals(self, claim_id: int, totals: ClaimTotals, *, now: datetime) -> None:
        self.session.execute(
            sa.update(lt.Claim)
            .where(lt.Claim.id == claim_id)
            .values(**values_of(totals), updated_at=now)
            .execution_options(synchronize_session=False)
        )

    def wake(self, claim_ids: Collection[int], *, at: datetime) -> None:
        table = table_of(lt.Claim)
        tenant_id = tenant_of_session(self.session)
        conn = self.session.connection()
        wake_at = sa.case(
            (sa.or_(table.c.next_wake_at.is_(None), table.c.next_wake_at > at), at),
            else_=table.c.next_wake_at,
        )
        for part in chunks(sorted(claim_ids)):
            conn.execute(
                sa.update(table)
                .where(table.c.tenant_id == tenant_id, table.c.id.in_(part))
                .values(next_wake_at=wake_at)
            )

    def update(self, claim_id: int, values: Mapping[str, Any], *, now: datetime) -> None:
        allowed = {
            "contractual_rate",
            "compound",
            "cost_clause",
            "phase",
            "status",
            "strategy_name",
            "strategy_version",
            "strategy_variant",
            "next_wake_at",
        }
        assert set(values) <= allowed, sorted(set(values) - allowed)
        self.session.execute(
            sa.update(lt.Claim)
            .where(lt.Claim.id == claim_id)
            .values(**values, updated_at=now)
            .execution_options(synchronize_session=False)
        )

    def set_costs(self, claim_id: int, *, on: date | None, vat_uplift: bool, now: datetime) -> None:
        self.session.execute(
            sa.update(lt.Claim)
            .where(lt.Claim.id == claim_id)
            .values(costs_charged_on=on, vat_uplift=vat_uplift, updated_at=now)
            .execution_options(synchronize_session=False)
        )

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
    ) -> list[ClaimRow]:
        query = self._query()
        if q:
            text = q.strip()
            compact = text.replace(" ", "").upper()
            members = sa.select(lt.ClaimInvoice.claim_id).join(
                lt.Invoice, lt.Invoice.id == lt.ClaimInvoice.invoice_id
            )
            conditions: list[sa.ColumnElement[bool]] = [
                lt.Debtor.name_key.like(like(text.lower()), escape="\\"),
                lt.Claim.id.in_(
                    members.where(
                        sa.or_(lt.Invoice.number == text, lt.Invoice.payment_reference == compact)
                    )
                ),
                lt.Claim.debtor_id.in_(
                    sa.select(lt.DebtorAccount.debtor_id).where(lt.DebtorAccount.iban == compact)
                ),
            ]
            if text.isdigit() and len(text) < 18:
                conditions.append(lt.Claim.id == int(text))
            query = query.where(sa.or_(*conditions))
        if debtor_id is not None:
            query = query.where(lt.Claim.debtor_id == debtor_id)
        if status:
            query = query.where(lt.Claim.status == status)
        if phase:
            query = query.where(lt.Claim.phase == phase)
        if kind:
            query = query.where(lt.Claim.kind == kind)
        order = {
            "outstanding": (lt.Claim.outstanding_cents, lt.Claim.id),
            "-outstanding": (lt.Claim.outstanding_cents.desc(), lt.Claim.id.desc()),
            "due_date": (lt.Claim.oldest_due_date, lt.Claim.id),
            "-due_date": (lt.Claim.oldest_due_date.desc(), lt.Claim.id.desc()),
            "created_at": (lt.Claim.id,),
            "-created_at": (lt.Claim.id.desc(),),
        }[sort]
        rows = self.session.execute(query.order_by(*order).limit(limit).offset(offset))
        return [_claim_row(r[0], r[1], r[2]) for r in rows]
