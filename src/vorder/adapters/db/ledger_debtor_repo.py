"""Repository of debtors with their e-mail addresses, phone numbers and bank accounts.

Single-row reads and writes go through the ORM (scoped to the unit of work's tenant by
:mod:`.scoping`); :meth:`DebtorRepo.add_many` (imports) uses Core executemany on the session's
connection, setting ``tenant_id`` itself, in the same transaction (PostgreSQL row-level
security still applies).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
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
)
from vorder.app.ledger.records import BankAccountRecord, DebtorData, DebtorRecord

_DEBTOR_COLUMNS = (
    "kind",
    "name",
    "external_number",
    "street",
    "house_number",
    "house_number_addition",
    "postcode",
    "city",
    "country",
    "line2",
    "kvk_number",
    "vat_number",
    "language",
)


def _debtor_values(data: DebtorData) -> dict[str, Any]:
    values = {c: getattr(data, c) for c in _DEBTOR_COLUMNS}
    values["name_key"] = data.name.lower()
    values["preferred_channels"] = ",".join(data.preferred_channels)
    values["refused_channels"] = ",".join(data.refused_channels)
    return values


_ROW_COLUMNS = (
    *_DEBTOR_COLUMNS,
    "name_key",
    "preferred_channels",
    "refused_channels",
)
_debtor_fields = attrgetter(*_DEBTOR_COLUMNS)


def _debtor_row(data: DebtorData) -> tuple[Any, ...]:
    return (
        *_debtor_fields(data),
        data.name.lower(),
        ",".join(data.preferred_channels),
        ",".join(data.refused_channels),
    )


def _split(text: str) -> tuple[str, ...]:
    return tuple(p for p in text.split(",") if p)


class DebtorRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _record(
        self,
        row: lt.Debtor,
        contacts: Sequence[lt.DebtorContact],
        accounts: Sequence[lt.DebtorAccount],
    ) -> DebtorRecord:
        data = DebtorData(
            **{c: getattr(row, c) for c in _DEBTOR_COLUMNS},
            preferred_channels=_split(row.preferred_channels),
            refused_channels=_split(row.refused_channels),
            emails=tuple(c.value for c in contacts if c.kind == "email"),
            phones=tuple(c.value for c in contacts if c.kind == "phone"),
            accounts=tuple(BankAccountRecord(a.iban, a.bic, a.bank_name) for a in accounts),
        )
        return DebtorRecord(row.id, data, row.created_at, row.updated_at)

    def _records(self, rows: Sequence[lt.Debtor]) -> list[DebtorRecord]:
        ids = [r.id for r in rows]
        contacts: dict[int, list[lt.DebtorContact]] = {i: [] for i in ids}
        accounts: dict[int, list[lt.DebtorAccount]] = {i: [] for i in ids}
        if ids:
            for c in self.session.scalars(
                sa.select(lt.DebtorContact)
                .where(lt.DebtorContact.debtor_id.in_(ids))
                .order_by(lt.DebtorContact.position, lt.DebtorContact.id)
            ):
                contacts[c.debtor_id].append(c)
            for a in self.session.scalars(
                sa.select(lt.DebtorAccount)
                .where(lt.DebtorAccount.debtor_id.in_(ids))
                .order_by(lt.DebtorAccount.position, lt.DebtorAccount.id)
            ):
                accounts[a.debtor_id].append(a)
        return [self._record(r, contacts[r.id], accounts[r.id]) for r in rows]

    def _children(self, debtor_id: int, data: DebtorData) -> list[object]:
        rows: list[object] = []
        for kind, values in (("email", data.emails), ("phone", data.phones)):
            rows += [
                lt.DebtorContact(debtor_id=debtor_id, kind=kind, value=v, position=i)
                for i, v in enumerate(values)
            ]
        rows += [
            lt.DebtorAccount(
                debtor_id=debtor_id, iban=a.iban, bic=a.bic, bank_name=a.bank_name, position=i
            )
            for i, a in enumerate(data.accounts)
        ]
        return rows

    def add(self, data: DebtorData, *, match_key: str, now: datetime) -> DebtorRecord:
        row = lt.Debtor(match_key=match_key, created_at=now, updated_at=now, **_debtor_values(data))
        self.session.add(row)
        self.session.flush()
        self.session.add_all(self._children(row.id, data))
        self.session.flush()
        return DebtorRecord(row.id, data, now, now)

    def add_many(self, items: Sequence[tuple[str, DebtorData]], *, now: datetime) -> dict[str, int]:
        tenant_id = tenant_of_session(self.session)
        table = table_of(lt.Debtor)
        new_ids = reserve_ids(self.session, table, len(items))
        ids = {key: debtor_id for (key, _), debtor_id in zip(items, new_ids, strict=True)}
        columns = ("id", "tenant_id", "match_key", "created_at", "updated_at", *_ROW_COLUMNS)
        BulkInsert(self.session, table, columns).run(
            (debtor_id, tenant_id, key, now, now, *_debtor_row(data))
            for (key, data), debtor_id in zip(items, new_ids, strict=True)
        )
        BulkInsert(
            self.session,
            table_of(lt.DebtorContact),
            ("tenant_id", "debtor_id", "kind", "value", "position"),
        ).run(
            (tenant_id, debtor_id, kind, value, position)
            for (_, data), debtor_id in zip(items, new_ids, strict=True)
            for kind, values in (("email", data.emails), ("phone", data.phones))
            for position, value in enumerate(values)
        )
        BulkInsert(
            self.session,
            table_of(lt.DebtorAccount),
            ("tenant_id", "debtor_id", "iban", "bic", "bank_name", "position"),
        ).run(
            (tenant_id, debtor_id, a.iban, a.bic, a.bank_name, position)
            for (_, data), debtor_id in zip(items, new_ids, strict=True)
            for position, a in enumerate(data.accounts)
        )
        return ids

    def update(
        self, debtor_id: int, data: DebtorData, *, match_key: str, now: datetime
    ) -> DebtorRecord:
        row = self.session.scalar(sa.select(lt.Debtor).where(lt.Debtor.id == debtor_id))
        assert row is not None, "update of a debtor that was not read first"
        for name, value in _debtor_values(data).items():
            setattr(row, name, value)
        row.match_key = match_key
        row.updated_at = now
        for model in (lt.DebtorContact, lt.DebtorAccount):
            self.session.execute(
                sa.delete(model)
                .where(model.debtor_id == debtor_id)
                .execution_options(synchronize_session=False)
            )
        self.session.add_all(self._children(debtor_id, data))
        self.session.flush()
        return DebtorRecord(row.id, data, row.created_at, now)

    def get(self, debtor_id: int) -> DebtorRecord | None:
        row = self.session.scalar(sa.select(lt.Debtor).where(lt.Debtor.id == debtor_id))
        return self._records([row])[0] if row is not None else None

    def ids_by_match_keys(self, keys: Collection[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for part in chunks(list(keys)):
            rows = self.session.execute(
                sa.select(lt.Debtor.match_key, lt.Debtor.id).where(lt.Debtor.match_key.in_(part))
            )
            found.update({k: i for k, i in rows})
        return found

    def names(self, debtor_ids: Collection[int]) -> dict[int, str]:
        found: dict[int, str] = {}
        for part in chunks(list(debtor_ids)):
            rows = self.session.execute(
                sa.select(lt.Debtor.id, lt.Debtor.name).where(lt.Debtor.id.in_(part))
            )
            found.update({i: n for i, n in rows})
        return found

    def kinds(self, debtor_ids: Collection[int]) -> dict[int, str]:
        found: dict[int, str] = {}
        for part in chunks(list(debtor_ids)):
            rows = self.session.execute(
                sa.select(lt.Debtor.id, lt.Debtor.kind).where(lt.Debtor.id.in_(part))
            )
            found.update({i: k for i, k in rows})
        return found

    def search(
        self, *, q: str | None, kind: str | None, sort: str, limit: int, offset: int
    ) -> list[DebtorRecord]:
        query = sa.select(lt.Debtor)
        if q:
            text = q.strip()
            compact = text.replace(" ", "").upper()
            query = query.where(
                sa.or_(
                    lt.Debtor.name_key.like(like(text.lower()), escape="\\"),
                    lt.Debtor.external_number == text,
                    lt.Debtor.postcode == text.upper(),
                    lt.Debtor.kvk_number == compact,
                    lt.Debtor.id.in_(
                        sa.select(lt.DebtorAccount.debtor_id).where(
                            lt.DebtorAccount.iban == compact
                        )
                    ),
                    lt.Debtor.id.in_(
                        sa.select(lt.DebtorContact.debtor_id).where(
                            lt.DebtorContact.value == text.lower()
                        )
                    ),
                )
            )
        if kind:
            query = query.where(lt.Debtor.kind == kind)
        order = {
            "name": (lt.Debtor.name_key, lt.Debtor.id),
            "-name": (lt.Debtor.name_key.desc(), lt.Debtor.id.desc()),
            "created_at": (lt.Debtor.id,),
            "-created_at": (lt.Debtor.id.desc(),),
        }[sort]
        rows = self.session.scalars(query.order_by(*order).limit(limit).offset(offset)).all()
        return self._records(rows)
