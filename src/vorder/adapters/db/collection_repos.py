"""Repositories of the collection area: ``uow.strategies``, ``uow.assignments``,
``uow.collection`` (the runner's bulk reads and writes, the outbox claim for delivery).

Strategy and assignment versions go through the ORM (scoped by :mod:`.scoping`). The runner's
statements are Core on the session's connection and filter ``tenant_id`` themselves (Core
bypasses the ORM hooks; PostgreSQL row-level security still applies).

Concurrency (docs/adr/0012-runner.md): a runner batch locks *debtors* — on PostgreSQL with
``SELECT ... FOR UPDATE SKIP LOCKED``, so two workers take disjoint debtors and one debtor's
claims are always decided together; on SQLite the batch first takes the database's single
write lock (a no-op UPDATE), so batches run one after another. Claim actions lock the debtor
the same way (blocking) before they change a claim's collection state.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import fields
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from vorder.adapters.db import collection_tables as ct
from vorder.adapters.db import ledger_tables as lt
from vorder.adapters.db import tables as t
from vorder.adapters.db.ledger_bulk import BulkInsert, chunks, table_of, tenant_of_session
from vorder.adapters.db.uow import AREA_REPOSITORIES
from vorder.app.collection.records import (
    AssignmentRecord,
    Batch,
    ClaimUpdate,
    DebtorContactInfo,
    DueClaim,
    MessageRow,
    NewMessage,
    OutboxClaimed,
    StateRow,
    StrategyRecord,
)
from vorder.app.ledger.accounts import LETTER_EVENT, ClaimBook, letters_from
from vorder.app.ledger.records import ClaimRow, ClaimShare, InvoiceRow, PaymentRow
from vorder.app.records import Event, StoredEvent

FEEDBACK_EVENTS = ("MessageDelivered", "MessageBounced")
WINDOW = 8  # candidate claims per debtor wanted when locking (room for other workers' locks)

CLAIMS = table_of(lt.Claim)
DEBTORS = table_of(lt.Debtor)
CONTACTS = table_of(lt.DebtorContact)
INVOICES = table_of(lt.Invoice)
MEMBERS = table_of(lt.ClaimInvoice)
PAYMENTS = table_of(lt.Payment)
ALLOCATIONS = table_of(lt.Allocation)
CREDITS = table_of(lt.Credit)
STATES = table_of(ct.CollectionState)
MESSAGES = table_of(ct.CollectionMessage)
EVENTS = table_of(t.EventRow)
OUTBOX = table_of(t.OutboxRow)
STATE_FIELDS = tuple(f.name for f in fields(StateRow))
STATE_COLUMNS = tuple(STATES.c[n] for n in STATE_FIELDS)
LIGHT_FIELDS = ("held_step_id", "held_reason", "wake_at", "runs", "updated_at")
CLAIM_ROW_FIELDS = tuple(f.name for f in fields(ClaimRow))
INVOICE_ROW_FIELDS = tuple(f.name for f in fields(InvoiceRow))
PAYMENT_ROW_FIELDS = tuple(f.name for f in fields(PaymentRow))
MESSAGE_FIELDS = tuple(f.name for f in fields(MessageRow))


class _Many:
    """One UPDATE for many rows, without SQLAlchemy's per-row parameter handling (what made
    the runner's writes slow). ``template`` names the values ``{p_name}`` and qualifies the
    table's own columns. SQLite: the driver's executemany. PostgreSQL: the rows as one array
    per value, zipped by ``unnest`` — one statement and one round trip per chunk. Each value
    is converted by its column type's bind processor (UTC moments, dates, JSON); values are
    always bound, never formatted into the SQL."""

    def __init__(self, conn: sa.Connection, table: str, template: str, types: dict[str, Any]):
        self.conn = conn
        dialect = conn.dialect
        self.names = list(types)
        self.arrays = dialect.name == "postgresql"
        if self.arrays:
            marks = {n: f"v.{n}" for n in types}
            head, where = template.format(**marks).split(" WHERE ", 1)
            casts = ", ".join(
                f"%s::{types[n].dialect_impl(dialect).compile(dialect=dialect)}[]"
                for n in self.names
            )
            self.sql = f"{head} FROM unnest({casts}) AS v({', '.join(self.names)}) WHERE {where}"
        else:
            self.sql = template.format(**{n: f":{n}" for n in types})
        self.processors = [
            (n, p)
            for n, t in types.items()
            if (p := t.dialect_impl(dialect).bind_processor(dialect)) is not None
        ]
        del table

    def run(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            for name, process in self.processors:
                row[name] = process(row[name])
        for part in chunks(rows):
            if self.arrays:
                arrays = tuple([row[n] for row in part] for n in self.names)
                self.conn.exec_driver_sql(self.sql, arrays)
            else:
                self.conn.exec_driver_sql(self.sql, list(part))


def _strategy(row: ct.StrategyVersion) -> StrategyRecord:
    return StrategyRecord(
        id=row.id,
        name=row.name,
        version=row.version,
        title_nl=row.title_nl,
        title_en=row.title_en,
        document=dict(row.document),
        source=row.source,
        author=row.author,
        published_at=row.published_at,
    )


class StrategyRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        *,
        name: str,
        version: int,
        title_nl: str,
        title_en: str,
        document: dict[str, Any],
        source: str,
        author: str,
        now: datetime,
    ) -> StrategyRecord:
        row = ct.StrategyVersion(
            name=name,
            version=version,
            title_nl=title_nl,
            title_en=title_en,
            document=document,
            source=source,
            author=author,
            published_at=now,
        )
        self.session.add(row)
        self.session.flush()
        return _strategy(row)

    def get(self, name: str, version: int | None = None) -> StrategyRecord | None:
        s = ct.StrategyVersion
        query = sa.select(s).where(s.name == name)
        if version is not None:
            query = query.where(s.version == version)
        row = self.session.scalar(query.order_by(s.version.desc()).limit(1))
        return _strategy(row) if row is not None else None

    def latest_all(self) -> list[StrategyRecord]:
        s = ct.StrategyVersion
        top = sa.select(s.name, sa.func.max(s.version).label("version")).group_by(s.name).subquery()
        rows = self.session.scalars(
            sa.select(s)
            .join(top, sa.and_(top.c.name == s.name, top.c.version == s.version))
            .order_by(s.name)
        )
        return [_strategy(r) for r in rows]

    def versions(self, name: str) -> list[StrategyRecord]:
        s = ct.StrategyVersion
        rows = self.session.scalars(sa.select(s).where(s.name == name).order_by(s.version))
        return [_strategy(r) for r in rows]


class AssignmentRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    def latest(self) -> AssignmentRecord | None:
        a = ct.AssignmentVersion
        row = self.session.scalar(sa.select(a).order_by(a.version.desc()).limit(1))
        if row is None:
            return None
        return AssignmentRecord(row.version, dict(row.document), row.author, row.published_at)

    def add(
        self, *, version: int, document: dict[str, Any], author: str, now: datetime
    ) -> AssignmentRecord:
        row = ct.AssignmentVersion(
            version=version, document=document, author=author, published_at=now
        )
        self.session.add(row)
        self.session.flush()
        return AssignmentRecord(row.version, dict(row.document), row.author, row.published_at)


def _address(row: Any) -> tuple[str, ...]:
    if not (row.street and row.postcode and row.city):
        return ()
    number = " ".join(p for p in (row.house_number, row.house_number_addition) if p)
    lines = [row.name, f"{row.street} {number}".strip()]
    if row.line2:
        lines.append(row.line2)
    lines.append(f"{row.postcode} {row.city}")
    if row.country and row.country != "NL":
        lines.append(row.country)
    return tuple(lines)


def _message(row: Any) -> MessageRow:
    return MessageRow(**{name: getattr(row, name) for name in MESSAGE_FIELDS})


def _is_in(conn: sa.Connection, column: Any, values: Sequence[Any]) -> sa.ColumnElement[bool]:
    """``column IN values``; on PostgreSQL ``column = ANY(array)``: one bound value, one
    cached plan, instead of a statement per list length."""
    if conn.dialect.name == "postgresql":
        array = sa.bindparam(None, list(values), type_=postgresql.ARRAY(column.type))
        return column == sa.any_(array)  # type: ignore[no-any-return]
    return column.in_(values)  # type: ignore[no-any-return]


class CollectionRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def _conn(self) -> sa.Connection:
        return self.session.connection()

    @property
    def _postgres(self) -> bool:
        return self._conn.dialect.name == "postgresql"

    # ------------------------------------------------------------------ sweeping

    def due_tenants(self, *, now: datetime, limit: int) -> list[int]:
        query = (
            sa.select(CLAIMS.c.tenant_id)
            .where(CLAIMS.c.next_wake_at <= now)
            .group_by(CLAIMS.c.tenant_id)
            .order_by(sa.func.min(CLAIMS.c.next_wake_at))
            .limit(limit)
        )
        return [int(v) for v in self._conn.execute(query).scalars()]

    def lock_due_debtors(self, *, now: datetime, limit: int) -> list[int]:
        tenant_id = tenant_of_session(self.session)
        conn = self._conn
        # ``tenant_id + 0``: no index on tenant_id may be chosen here, so the due range is
        # read in wake-up order from ix_claims_wake (next_wake_at, tenant_id) and the debtors
        # by primary key — otherwise every batch scans the tenant's whole portfolio.
        window = (
            sa.select(CLAIMS.c.debtor_id)
            .where((CLAIMS.c.tenant_id + 0) == tenant_id, CLAIMS.c.next_wake_at <= now)
            .order_by(CLAIMS.c.next_wake_at)
            .limit(limit * WINDOW)
        )
        query = (
            sa.select(DEBTORS.c.id)
            .where((DEBTORS.c.tenant_id + 0) == tenant_id, DEBTORS.c.id.in_(window))
            .order_by(DEBTORS.c.id)
            .limit(limit)
        )
        if self._postgres:
            query = query.with_for_update(skip_locked=True, of=DEBTORS)
        else:  # take SQLite's write lock first: batches of several workers queue up here
            conn.execute(sa.update(STATES).where(sa.false()).values(runs=STATES.c.runs))
        return [int(v) for v in conn.execute(query).scalars()]

    def lock_debtor_of(self, claim_id: int) -> int | None:
        tenant_id = tenant_of_session(self.session)
        conn = self._conn
        debtor_id = conn.execute(
            sa.select(CLAIMS.c.debtor_id).where(
                CLAIMS.c.tenant_id == tenant_id, CLAIMS.c.id == claim_id
            )
        ).scalar_one_or_none()
        if debtor_id is None:
            return None
        if self._postgres:
            conn.execute(
                sa.select(DEBTORS.c.id)
                .where(DEBTORS.c.tenant_id == tenant_id, DEBTORS.c.id == debtor_id)
                .with_for_update()
            )
        else:
            conn.execute(sa.update(STATES).where(sa.false()).values(runs=STATES.c.runs))
        return int(debtor_id)

    def _claims(self, where: sa.ColumnElement[bool], limit: int | None = None) -> list[DueClaim]:
        tenant_id = tenant_of_session(self.session)
        c = CLAIMS
        rows = self._conn.execute(
            sa.select(
                c.c.id,
                c.c.debtor_id,
                c.c.kind,
                c.c.currency,
                c.c.status,
                c.c.phase,
                c.c.strategy_name,
                c.c.strategy_version,
                c.c.strategy_variant,
                c.c.next_wake_at,
                c.c.principal_cents,
                c.c.paid_cents,
                c.c.outstanding_cents,
                c.c.costs_charged_on,
                c.c.oldest_due_date,
            )
            .where(c.c.tenant_id == tenant_id, where)
            .order_by(c.c.id)
            .limit(limit)
        ).all()
        ids = [r.id for r in rows]
        open_principal: dict[int, int] = {}
        for part in chunks(ids):
            for claim_id, cents in self._conn.execute(
                sa.select(MEMBERS.c.claim_id, sa.func.sum(INVOICES.c.outstanding_cents))
                .join(INVOICES, INVOICES.c.id == MEMBERS.c.invoice_id)
                .where(
                    MEMBERS.c.tenant_id == tenant_id,
                    INVOICES.c.tenant_id == tenant_id,
                    _is_in(self._conn, MEMBERS.c.claim_id, part),
                    INVOICES.c.document_type == "invoice",
                )
                .group_by(MEMBERS.c.claim_id)
            ):
                open_principal[int(claim_id)] = int(cents or 0)
        return [
            DueClaim(
                id=r.id,
                debtor_id=r.debtor_id,
                kind=r.kind,
                currency=r.currency,
                status=r.status,
                phase=r.phase,
                strategy_name=r.strategy_name,
                strategy_version=r.strategy_version,
                strategy_variant=r.strategy_variant,
                next_wake_at=r.next_wake_at,
                principal_cents=r.principal_cents,
                open_principal_cents=open_principal.get(r.id, 0),
                paid_cents=r.paid_cents,
                outstanding_cents=r.outstanding_cents,
                costs_charged_on=r.costs_charged_on,
                oldest_due_date=r.oldest_due_date,
            )
            for r in rows
        ]

    def _debtors(self, debtor_ids: Collection[int]) -> dict[int, DebtorContactInfo]:
        tenant_id = tenant_of_session(self.session)
        conn = self._conn
        found: dict[int, DebtorContactInfo] = {}
        for part in chunks(sorted(debtor_ids)):
            email: dict[int, str] = {}
            phone: dict[int, str] = {}
            contacts = conn.execute(
                sa.select(CONTACTS.c.debtor_id, CONTACTS.c.kind, CONTACTS.c.value)
                .where(CONTACTS.c.tenant_id == tenant_id, _is_in(conn, CONTACTS.c.debtor_id, part))
                .order_by(CONTACTS.c.position.desc(), CONTACTS.c.id.desc())
            )
            for debtor_id, kind, value in contacts:  # the last written is the first position
                (email if kind == "email" else phone)[debtor_id] = value
            d = DEBTORS.c
            for r in conn.execute(
                sa.select(
                    d.id,
                    d.kind,
                    d.name,
                    d.language,
                    d.street,
                    d.house_number,
                    d.house_number_addition,
                    d.line2,
                    d.postcode,
                    d.city,
                    d.country,
                    d.refused_channels,
                ).where(d.tenant_id == tenant_id, _is_in(conn, d.id, part))
            ):
                found[r.id] = DebtorContactInfo(
                    id=r.id,
                    kind=r.kind,
                    name=r.name,
                    language=r.language or "nl",
                    address_lines=_address(r),
                    email=email.get(r.id),
                    phone=phone.get(r.id),
                    refused_channels=tuple(p for p in (r.refused_channels or "").split(",") if p),
                )
        return found

    def _states(self, claim_ids: Collection[int]) -> dict[int, StateRow]:
        tenant_id = tenant_of_session(self.session)
        found: dict[int, StateRow] = {}
        for part in chunks(sorted(claim_ids)):
            for r in self._conn.execute(
                sa.select(*STATE_COLUMNS).where(
                    STATES.c.tenant_id == tenant_id, _is_in(self._conn, STATES.c.claim_id, part)
                )
            ):
                found[r[0]] = StateRow(*r)
        return found

    def load_batch(self, debtor_ids: Collection[int], *, now: datetime) -> Batch:
        claims: list[DueClaim] = []
        for part in chunks(sorted(debtor_ids)):
            claims += self._claims(
                sa.and_(_is_in(self._conn, CLAIMS.c.debtor_id, part), CLAIMS.c.next_wake_at <= now)
            )
        return Batch(
            claims,
            self._debtors({c.debtor_id for c in claims}),
            self._states([c.id for c in claims]),
        )

    def open_portfolio(self, *, after_claim_id: int, limit: int) -> Batch:
        claims = self._claims(
            sa.and_(
                CLAIMS.c.id > after_claim_id, CLAIMS.c.status.notin_(("closed", "written_off"))
            ),
            limit,
        )
        return Batch(
            claims,
            self._debtors({c.debtor_id for c in claims}),
            self._states([c.id for c in claims]),
        )

    def one(self, claim_id: int) -> Batch:
        """One claim (whatever its wake-up), its debtor and its state."""
        claims = self._claims(CLAIMS.c.id == claim_id)
        return Batch(
            claims,
            self._debtors({c.debtor_id for c in claims}),
            self._states([c.id for c in claims]),
        )

    def feedback_events(
        self, claim_ids: Collection[int], *, after_ids: dict[int, int]
    ) -> list[StoredEvent]:
        tenant_id = tenant_of_session(self.session)
        if not claim_ids:
            return []
        low = min(after_ids.get(c, 0) for c in claim_ids)
        out: list[StoredEvent] = []
        for part in chunks(sorted(claim_ids)):
            rows = self._conn.execute(
                sa.select(EVENTS)
                .where(
                    EVENTS.c.tenant_id == tenant_id,
                    EVENTS.c.subject_type == "claim",
                    _is_in(self._conn, EVENTS.c.subject_id, part),
                    EVENTS.c.type.in_(FEEDBACK_EVENTS),
                    EVENTS.c.id > low,
                )
                .order_by(EVENTS.c.id)
            )
            out += [
                StoredEvent(
                    r.id,
                    r.subject_type,
                    r.subject_id,
                    r.type,
                    dict(r.payload),
                    r.occurred_at,
                    r.recorded_at,
                    r.actor,
                )
                for r in rows
                if r.id > after_ids.get(r.subject_id, 0)
            ]
        return out

    # ------------------------------------------------------------------ writing back

    def save_states(
        self,
        new: Sequence[StateRow],
        changed: Sequence[StateRow],
        touched: Sequence[StateRow] = (),
    ) -> None:
        """Insert ``new``, rewrite ``changed``; of ``touched`` (decided, nothing else
        changed) only the hold, the wake-up and the run counter are written."""
        tenant_id = tenant_of_session(self.session)
        conn = self._conn
        for part in chunks(new):
            conn.execute(
                sa.insert(STATES),
                [
                    {"tenant_id": tenant_id, **{n: getattr(s, n) for n in STATE_FIELDS}}
                    for s in part
                ],
            )
        for rows, names in ((changed, STATE_FIELDS[1:]), (touched, LIGHT_FIELDS)):
            if not rows:
                continue
            many = _Many(
                conn,
                "collection_states",
                # the column names are the record's fields (fixed), values are bound
                "UPDATE collection_states SET "  # noqa: S608
                + ", ".join(f"{n} = {{p_{n}}}" for n in names)
                + " WHERE collection_states.tenant_id = {p_tenant_id}"
                " AND collection_states.claim_id = {p_claim_id}",
                {f"p_{n}": STATES.c[n].type for n in (*names, "tenant_id", "claim_id")},
            )
            many.run(
                [
                    {
                        **{f"p_{n}": getattr(r, n) for n in names},
                        "p_tenant_id": tenant_id,
                        "p_claim_id": r.claim_id,
                    }
                    for r in rows
                ]
            )

    def state(self, claim_id: int) -> StateRow | None:
        return self._states([claim_id]).get(claim_id)

    def update_claims(self, updates: Sequence[ClaimUpdate], *, now: datetime) -> None:
        """Status, phase, strategy and wake-up on the ledger's claim rows; a row changed
        since it was read (paid, principal or status differ) is woken at ``now`` instead,
        and a closed or written-off claim keeps its status."""
        if not updates:
            return
        tenant_id = tenant_of_session(self.session)
        c = CLAIMS.c
        many = _Many(
            self._conn,
            "claims",
            "UPDATE claims SET"
            " status = CASE WHEN claims.status = 'closed' OR claims.status = 'written_off'"
            " THEN claims.status ELSE {p_status} END,"
            " phase = {p_phase},"
            " strategy_name = COALESCE({p_name}, claims.strategy_name),"
            " strategy_version = COALESCE({p_version}, claims.strategy_version),"
            " strategy_variant = CASE WHEN {p_name} IS NULL THEN claims.strategy_variant"
            " ELSE {p_variant} END,"
            " next_wake_at = CASE WHEN claims.paid_cents <> {p_seen_paid}"
            " OR claims.principal_cents <> {p_seen_principal} OR claims.status <> {p_seen_status}"
            " THEN {p_now} ELSE {p_wake} END"
            " WHERE claims.tenant_id = {p_tenant_id} AND claims.id = {p_id}",
            {
                "p_status": c.status.type,
                "p_phase": c.phase.type,
                "p_name": c.strategy_name.type,
                "p_version": c.strategy_version.type,
                "p_variant": c.strategy_variant.type,
                "p_seen_paid": c.paid_cents.type,
                "p_seen_principal": c.principal_cents.type,
                "p_seen_status": c.status.type,
                "p_now": c.next_wake_at.type,
                "p_wake": c.next_wake_at.type,
                "p_tenant_id": c.tenant_id.type,
                "p_id": c.id.type,
            },
        )
        many.run(
            [
                {
                    "p_status": u.status,
                    "p_phase": u.phase,
                    "p_name": u.strategy_name,
                    "p_version": u.strategy_version,
                    "p_variant": u.variant,
                    "p_seen_paid": u.seen[0],
                    "p_seen_principal": u.seen[1],
                    "p_seen_status": u.seen[2],
                    "p_now": now,
                    "p_wake": u.wake_at,
                    "p_tenant_id": tenant_id,
                    "p_id": u.claim_id,
                }
                for u in updates
            ]
        )

    # ------------------------------------------------------------------ the law engine's facts

    def books(self, claim_ids: Collection[int]) -> dict[int, ClaimBook]:
        tenant_id = tenant_of_session(self.session)
        conn = self._conn
        ids = sorted(claim_ids)
        claims: dict[int, ClaimRow] = {}
        invoices: dict[int, list[InvoiceRow]] = defaultdict(list)
        cents: dict[tuple[int, int], int] = defaultdict(int)
        letters: dict[int, list[Event]] = defaultdict(list)
        for part in chunks(ids):
            for r in conn.execute(
                sa.select(CLAIMS).where(
                    CLAIMS.c.tenant_id == tenant_id, _is_in(conn, CLAIMS.c.id, part)
                )
            ):
                m = r._mapping
                claims[r.id] = ClaimRow(**{n: m[n] for n in CLAIM_ROW_FIELDS if n in m})
            for r in conn.execute(
                sa.select(INVOICES, MEMBERS.c.claim_id)
                .join(MEMBERS, MEMBERS.c.invoice_id == INVOICES.c.id)
                .where(MEMBERS.c.tenant_id == tenant_id, _is_in(conn, MEMBERS.c.claim_id, part))
                .order_by(INVOICES.c.due_date, INVOICES.c.id)
            ):
                m = r._mapping
                values = {n: m[n] for n in INVOICE_ROW_FIELDS if n in m}
                invoices[r.claim_id].append(InvoiceRow(**values))
            a = ALLOCATIONS.c
            for claim_id, payment_id, total in conn.execute(
                sa.select(
                    a.claim_id,
                    a.payment_id,
                    sa.func.sum(a.costs_cents + a.interest_cents + a.principal_cents),
                )
                .where(a.tenant_id == tenant_id, _is_in(conn, a.claim_id, part))
                .group_by(a.claim_id, a.payment_id)
            ):
                cents[(claim_id, payment_id)] += int(total or 0)
            for claim_id, payment_id, total in conn.execute(
                sa.select(
                    CREDITS.c.claim_id, CREDITS.c.payment_id, sa.func.sum(CREDITS.c.amount_cents)
                )
                .where(
                    CREDITS.c.tenant_id == tenant_id,
                    _is_in(conn, CREDITS.c.claim_id, part),
                    CREDITS.c.status == "open",
                    CREDITS.c.payment_id.is_not(None),
                )
                .group_by(CREDITS.c.claim_id, CREDITS.c.payment_id)
            ):
                cents[(claim_id, payment_id)] += int(total or 0)
            for r in conn.execute(
                sa.select(EVENTS)
                .where(
                    EVENTS.c.tenant_id == tenant_id,
                    EVENTS.c.subject_type == "claim",
                    _is_in(conn, EVENTS.c.subject_id, part),
                    EVENTS.c.type == LETTER_EVENT,
                )
                .order_by(EVENTS.c.id)
            ):
                letters[r.subject_id].append(
                    Event(
                        r.subject_type,
                        r.subject_id,
                        r.type,
                        dict(r.payload),
                        r.occurred_at,
                        r.actor,
                    )
                )
        payments: dict[int, PaymentRow] = {}
        for part in chunks(sorted({p for _, p in cents})):
            for r in conn.execute(
                sa.select(PAYMENTS).where(
                    PAYMENTS.c.tenant_id == tenant_id, PAYMENTS.c.id.in_(part)
                )
            ):
                m = r._mapping
                payments[r.id] = PaymentRow(**{n: m[n] for n in PAYMENT_ROW_FIELDS if n in m})
        shares: dict[int, list[ClaimShare]] = defaultdict(list)
        for (claim_id, payment_id), amount in cents.items():
            if amount > 0 and payment_id in payments:
                shares[claim_id].append(ClaimShare(payments[payment_id], amount))
        books: dict[int, ClaimBook] = {}
        for claim_id, claim in claims.items():
            rows = invoices.get(claim_id, [])
            mine = sorted(shares.get(claim_id, []), key=lambda s: (s.payment.paid_on, s.payment.id))
            books[claim_id] = ClaimBook(
                claim=claim,
                invoices=tuple(r for r in rows if r.document_type == "invoice"),
                credit_notes=tuple(r for r in rows if r.document_type == "credit_note"),
                shares=tuple(mine),
                letters=letters_from(letters.get(claim_id, [])),
            )
        return books

    # ------------------------------------------------------------------ outbox and messages

    def existing_keys(self, keys: Collection[str]) -> set[str]:
        tenant_id = tenant_of_session(self.session)
        found: set[str] = set()
        for part in chunks(sorted(keys)):
            found.update(
                self._conn.execute(
                    sa.select(OUTBOX.c.idempotency_key).where(
                        OUTBOX.c.tenant_id == tenant_id, OUTBOX.c.idempotency_key.in_(part)
                    )
                ).scalars()
            )
        return found

    def add_outbox(self, rows: Sequence[tuple[str, str, dict[str, Any]]], *, now: datetime) -> None:
        if not rows:
            return
        tenant_id = tenant_of_session(self.session)
        columns = (
            "tenant_id",
            "kind",
            "idempotency_key",
            "payload",
            "status",
            "attempts",
            "next_attempt_at",
            "created_at",
        )
        BulkInsert(self.session, OUTBOX, columns).run(
            (tenant_id, kind, key, payload, "pending", 0, now, now) for kind, key, payload in rows
        )

    def add_messages(self, messages: Sequence[NewMessage], *, now: datetime) -> None:
        if not messages:
            return
        tenant_id = tenant_of_session(self.session)
        names = tuple(f.name for f in fields(NewMessage))
        BulkInsert(self.session, MESSAGES, ("tenant_id", "created_at", *names)).run(
            (tenant_id, now, *(getattr(m, n) for n in names)) for m in messages
        )

    def append_events(self, events: Sequence[Event], *, now: datetime) -> None:
        """The batch's events in one bulk insert (the same rows as the event log's)."""
        if not events:
            return
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
        BulkInsert(self.session, EVENTS, columns).run(
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

    def messages(
        self, *, claim_id: int | None, debtor_id: int | None, limit: int
    ) -> list[MessageRow]:
        m = ct.CollectionMessage
        query = sa.select(m)
        if debtor_id is not None:
            query = query.where(m.debtor_id == debtor_id)
        if claim_id is not None:
            owner = self.session.scalar(
                sa.select(lt.Claim.debtor_id).where(lt.Claim.id == claim_id)
            )
            if owner is None:
                return []
            query = query.where(m.debtor_id == owner)
        rows = self.session.scalars(
            query.order_by(m.id.desc()).limit(limit * 4 if claim_id else limit)
        )
        found = [_message(r) for r in rows]
        if claim_id is not None:
            found = [r for r in found if claim_id in r.claim_ids][:limit]
        return found

    def messages_after(self, message_id: int, *, limit: int) -> list[MessageRow]:
        m = ct.CollectionMessage
        rows = self.session.scalars(
            sa.select(m).where(m.id > message_id).order_by(m.id).limit(limit)
        )
        return [_message(r) for r in rows]

    def next_wake(self, *, before: datetime) -> datetime | None:
        tenant_id = tenant_of_session(self.session)
        value: datetime | None = self._conn.execute(
            sa.select(sa.func.min(CLAIMS.c.next_wake_at)).where(
                CLAIMS.c.tenant_id == tenant_id, CLAIMS.c.next_wake_at < before
            )
        ).scalar_one_or_none()  # min() keeps the column's type: an aware UTC moment
        return value

    def message_by_key(self, key: str) -> MessageRow | None:
        m = ct.CollectionMessage
        row = self.session.scalar(sa.select(m).where(m.idempotency_key == key))
        return _message(row) if row is not None else None

    def set_message_status(self, key: str, *, status: str, at: datetime) -> None:
        m = ct.CollectionMessage
        values: dict[str, Any] = {"status": status}
        if status == "delivered":
            values["delivered_at"] = at
        self.session.execute(
            sa.update(m)
            .where(m.idempotency_key == key)
            .values(**values)
            .execution_options(synchronize_session=False)
        )

    def claim_outbox(
        self, *, now: datetime, limit: int, lock: timedelta, kinds: Collection[str] | None
    ) -> list[OutboxClaimed]:
        o = OUTBOX.c
        due = sa.and_(
            o.status == "pending",
            o.next_attempt_at <= now,
            sa.or_(o.locked_until.is_(None), o.locked_until <= now),
        )
        if kinds is not None:
            due = sa.and_(due, o.kind.in_(sorted(kinds)))
        query = sa.select(OUTBOX).where(due).order_by(o.next_attempt_at, o.id).limit(limit)
        conn = self._conn
        if self._postgres:
            rows = conn.execute(query.with_for_update(skip_locked=True)).all()
            mine = {r.id for r in rows}
        else:
            rows = conn.execute(query).all()
            mine = set()
            for part in chunks([r.id for r in rows]):
                mine.update(
                    conn.execute(
                        sa.update(OUTBOX)
                        .where(o.id.in_(part), due)
                        .values(locked_until=now + lock)
                        .returning(o.id)
                    ).scalars()
                )
        if self._postgres and mine:
            conn.execute(
                sa.update(OUTBOX).where(o.id.in_(sorted(mine))).values(locked_until=now + lock)
            )
        return [
            OutboxClaimed(
                id=r.id,
                tenant_id=r.tenant_id,
                kind=r.kind,
                idempotency_key=r.idempotency_key,
                payload=dict(r.payload),
                attempts=r.attempts,
                in_doubt=r.locked_until is not None,
            )
            for r in rows
            if r.id in mine
        ]

    def finish_delivery(
        self,
        outbox_id: int,
        *,
        status: str,
        attempts: int,
        error: str | None,
        now: datetime,
        next_attempt_at: datetime,
        claim_ids: Sequence[int],
        message_status: str | None,
    ) -> None:
        """Record one delivery attempt: the outbox row, the message's status, and wake its
        claims (Core statements; one round trip each)."""
        tenant_id = tenant_of_session(self.session)
        conn = self._conn
        o = OUTBOX.c
        values: dict[str, Any] = {
            "status": status,
            "attempts": attempts,
            "last_error": error,
            "locked_until": None,
        }
        if status == "delivered":
            values["delivered_at"] = now
        elif status == "pending":
            values["next_attempt_at"] = next_attempt_at
        conn.execute(
            sa.update(OUTBOX).where(o.tenant_id == tenant_id, o.id == outbox_id).values(**values)
        )
        if message_status is None:
            return
        key = conn.execute(sa.select(o.idempotency_key).where(o.id == outbox_id)).scalar_one()
        m = MESSAGES.c
        changes: dict[str, Any] = {"status": message_status}
        if message_status == "delivered":
            changes["delivered_at"] = now
        conn.execute(
            sa.update(MESSAGES)
            .where(m.tenant_id == tenant_id, m.idempotency_key == key)
            .values(**changes)
        )
        if claim_ids:
            c = CLAIMS.c
            conn.execute(
                sa.update(CLAIMS)
                .where(
                    c.tenant_id == tenant_id,
                    c.id.in_(sorted(claim_ids)),
                    sa.or_(c.next_wake_at.is_(None), c.next_wake_at > now),
                )
                .values(next_wake_at=now)
            )

    def outbox_counts(self) -> dict[str, int]:
        tenant_id = tenant_of_session(self.session)
        rows = self._conn.execute(
            sa.select(OUTBOX.c.status, sa.func.count())
            .where(OUTBOX.c.tenant_id == tenant_id)
            .group_by(OUTBOX.c.status)
        )
        return {str(status): int(n) for status, n in rows}


AREA_REPOSITORIES.update(
    {"strategies": StrategyRepo, "assignments": AssignmentRepo, "collection": CollectionRepo}
)
