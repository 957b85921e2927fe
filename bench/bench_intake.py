"""intake.csv: importing a CSV of invoices, against a floor of a raw executemany of its rows.

Workload (x scale): a generated Dutch CSV of 100,000 invoices of 20,000 debtors (consumers and
businesses, each with an address, e-mail address and IBAN; amounts with decimal commas),
imported with ``vorder.app.ledger.imports.import_invoices`` into a fresh creditor: parse and
validate every field, create the debtors (with their contacts, bank accounts and access-log
rows), open one claim per debtor, store the invoices with generated betalingskenmerken, the
claim memberships and the events, in one transaction.

Floor: the *same rows* the import wrote (read back from the database after the import, ids
moved out of the way, tenant swapped to a second creditor) inserted with the DBAPI's
``executemany`` on the same kind of connection (same role, row-level security on), in one
transaction: what it costs the database to take this data at all. ``ratio = import / floor``.

``intake.csv.sqlite`` runs on a SQLite file; ``intake.csv.postgres`` when
``VORDER_BENCH_POSTGRES_URL`` names a PostgreSQL server (an admin URL: a database is created,
migrated as the owner, used through the non-owner ``vorder_app`` role, and dropped).
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from harness import Result, progress, timed
from vorder.adapters import lawdata
from vorder.adapters.db.engine import make_engine
from vorder.adapters.db.migrate import upgrade
from vorder.adapters.db.roles import grant_app_role
from vorder.adapters.db.walls import APP_ROLE
from vorder.app import tenancy
from vorder.app.ledger.imports import import_invoices
from vorder.app.records import Actor
from vorder.bootstrap import build
from vorder.config import load_settings
from vorder.core.access import Role, TenantKind

IDS = ("intake.csv.sqlite", "intake.csv.postgres")
GOAL = "ratio ≤ 3 against a raw executemany of the same rows"
INVOICES = 100_000
PER_DEBTOR = 5
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
OFFSET = 1_000_000_000
# Tables the import writes, and the id-like columns to move by OFFSET in the floor's copy.
TABLES: dict[str, tuple[str, ...]] = {
    "import_batches": ("id",),
    "debtors": ("id",),
    "debtor_contacts": ("debtor_id",),
    "debtor_accounts": ("debtor_id",),
    "claims": ("id", "debtor_id"),
    "invoices": ("id", "debtor_id", "credited_invoice_id", "import_batch_id"),
    "claim_invoices": ("claim_id", "invoice_id"),
    "events": ("subject_id",),
    "personal_data_access": ("subject_id",),
}
STREETS = ["Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsweg", "Schoolstraat", "Julianalaan"]
CITIES = ["Utrecht", "Amersfoort", "Zwolle", "Groningen", "Haarlem", "Tilburg", "Breda", "Delft"]
FIRST = ["Jan", "Anna", "Piet", "Sanne", "Mohammed", "Fatima", "Kees", "Lotte", "Daan", "Emma"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos"]
BANKS = ["INGB", "ABNA", "RABO", "SNSB", "TRIO", "ASNB"]
HEADER = (
    "factuurnummer;factuurdatum;vervaldatum;totaal;btw-bedrag;omschrijving;debiteurnummer;"
    "naam;soort debiteur;straat;huisnummer;postcode;plaats;email;iban;kvk\n"
)


def _iban(rng: random.Random) -> str:
    bank = rng.choice(BANKS)
    account = f"{rng.randrange(10**9, 10**10):010d}"
    digits = "".join(str(int(c, 36)) for c in bank + account + "NL00")
    check = 98 - int(digits) % 97
    return f"NL{check:02d}{bank}{account}"


def _kvk(rng: random.Random) -> str:
    return f"{rng.randrange(10_000_000, 99_999_999)}"


def generate_csv(invoices: int, seed: int = 42) -> bytes:
    """A believable Dutch invoice export: ``invoices`` rows, one debtor per PER_DEBTOR."""
    rng = random.Random(seed)
    debtors = []
    for d in range(max(1, invoices // PER_DEBTOR)):
        business = rng.random() < 0.3
        name = (
            f"{rng.choice(LAST)} {rng.choice(['B.V.', 'V.O.F.', 'Installatie', 'Bouw'])}"
            if business
            else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        )
        letters = "ABCDEFGHJKLMN"
        postcode = f"{rng.randrange(1000, 9999)} {rng.choice(letters)}{rng.choice(letters)}"
        debtors.append(
            ";".join(
                [
                    f"D{d:06d}",
                    f"{name} {d}",
                    "zakelijk" if business else "consument",
                    rng.choice(STREETS),
                    str(rng.randrange(1, 300)),
                    postcode,
                    rng.choice(CITIES),
                    f"debiteur{d}@example.nl",
                    _iban(rng),
                    _kvk(rng) if business else "",
                ]
            )
        )
    start = date(2025, 1, 1)
    lines = [HEADER]
    for i in range(invoices):
        issued = start + timedelta(days=rng.randrange(0, 540))
        due = issued + timedelta(days=rng.choice((14, 30, 30, 60)))
        total = rng.randrange(2_500, 250_000)
        vat = total * 21 // 121
        lines.append(
            f"F{i + 1:08d};{issued:%d-%m-%Y};{due:%d-%m-%Y};"
            f"{total // 100},{total % 100:02d};{vat // 100},{vat % 100:02d};"
            f"Levering {i + 1};{debtors[i % len(debtors)]}\n"
        )
    return "".join(lines).encode("utf-8")


class _Database:
    """A fresh migrated database: a SQLite file, or a PostgreSQL database used by the app role."""

    def __init__(self, kind: str, folder: Path) -> None:
        self.kind = kind
        self.admin: sa.Engine | None = None
        if kind == "sqlite":
            self.app_url = self.owner_url = f"sqlite:///{folder / 'bench.db'}"
            upgrade(self.app_url)
            return
        admin_url = os.environ["VORDER_BENCH_POSTGRES_URL"]
        self.admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.name = f"vorder_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{self.name}"'))
        base = make_url(admin_url).set(drivername="postgresql+psycopg", database=self.name)
        self.owner_url = base.render_as_string(hide_password=False)
        upgrade(self.owner_url)
        owner = make_engine(self.owner_url)
        grant_app_role(owner)
        owner.dispose()
        self.app_url = base.set(username=APP_ROLE, password=None).render_as_string(
            hide_password=False
        )

    def drop(self) -> None:
        if self.admin is not None:
            with self.admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
            self.admin.dispose()


def _floor_rows(engine: sa.Engine, tenant_id: int, other_id: int) -> dict[str, tuple[str, list]]:
    """The rows the import wrote, as stored, moved to ``other_id`` with ids out of the way."""
    out: dict[str, tuple[str, list]] = {}
    metadata = sa.MetaData()
    with engine.connect() as conn:
        quote = conn.dialect.identifier_preparer.quote
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        for name, shifted in TABLES.items():
            table = sa.Table(name, metadata, autoload_with=conn)
            keep = [c.name for c in table.c if c.name == "id" and "id" in shifted or c.name != "id"]
            rows = conn.exec_driver_sql(
                f"SELECT {', '.join(quote(c) for c in keep)} FROM {quote(name)} "
                f"WHERE tenant_id = {int(tenant_id)}"
            ).all()
            moved = []
            for row in rows:
                values = list(row)
                for i, column in enumerate(keep):
                    if column == "tenant_id":
                        values[i] = other_id
                    elif column in shifted and values[i] is not None:
                        values[i] += OFFSET
                    elif isinstance(values[i], dict):
                        values[i] = json.dumps(values[i])
                moved.append(tuple(values))
            sql = (
                f"INSERT INTO {quote(name)} ({', '.join(quote(c) for c in keep)}) "
                f"VALUES ({', '.join([mark] * len(keep))})"
            )
            out[name] = (sql, moved)
    return out


def _measure(kind: str, n: int) -> Result:
    with tempfile.TemporaryDirectory(prefix="vorder-bench-") as folder:
        db = _Database(kind, Path(folder))
        try:
            settings = load_settings(
                database_url=db.app_url, data_dir=Path(folder), demo=True, secret_key="b" * 24
            )
            c = build(settings)
            a = tenancy.create_tenant(
                c.uow,
                slug="bench-a",
                kind=TenantKind.CREDITOR,
                name="A",
                provider_slug=None,
                actor="bench",
                now=NOW,
            )
            b = tenancy.create_tenant(
                c.uow,
                slug="bench-b",
                kind=TenantKind.CREDITOR,
                name="B",
                provider_slug=None,
                actor="bench",
                now=NOW,
            )
            data = generate_csv(n)
            rates = lawdata.cached_rate_tables(lawdata.DEFAULT_DATA_DIR)
            actor = Actor("system", 0, "bench", a.id, Role.OWNER)
            bar = progress(n, f"intake.csv.{kind}")

            def tick(stage: str, done: int, total: int) -> None:
                if stage == "written":
                    bar.n = done
                    bar.refresh()

            seconds, report = timed(
                lambda: import_invoices(
                    c.uow,
                    actor=actor,
                    data=data,
                    file_name="bench.csv",
                    format="csv",
                    partial=False,
                    rates=rates,
                    now=NOW,
                    progress=tick,
                )
            )
            bar.close()
            if report.status != "imported" or report.invoices_created != n:
                raise SystemExit(f"intake.csv.{kind}: {report.status}, {report.errors[:3]}")
            owner = make_engine(db.owner_url)
            floor_rows = _floor_rows(owner, a.id, b.id)
            owner.dispose()
            rows = sum(len(r) for _, r in floor_rows.values())
            with c.uow(tenant_id=b.id) as uow:
                conn = uow.session.connection()
                start = time.perf_counter()
                for sql, values in floor_rows.values():
                    conn.exec_driver_sql(sql, values)
                uow.commit()
                floor = time.perf_counter() - start
            c.close()
        finally:
            db.drop()
    note = (
        f"{n:,} invoices, {report.debtors_created:,} debtors, {report.claims_opened:,} claims; "
        f"{rows:,} rows in {len(floor_rows)} tables; {n / seconds:,.0f} invoices/s; "
        f"floor {floor:.2f} s"
    )
    print(f"intake.csv.{kind}: {note}", file=sys.stderr)
    return Result(
        id=f"intake.csv.{kind}",
        value=round(seconds, 2),
        unit="s",
        floor=round(floor, 2),
        ratio=round(seconds / floor, 2),
        goal=GOAL,
        note=note,
    )


def run(scale: float) -> list[Result]:
    n = max(1_000, int(INVOICES * scale))
    results = [_measure("sqlite", n)]
    if os.environ.get("VORDER_BENCH_POSTGRES_URL"):
        results.append(_measure("postgres", n))
    return results


if __name__ == "__main__":
    from harness import scale_from_env, table

    print(table(run(scale_from_env())))
