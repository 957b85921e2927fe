"""run.daily and run.scale: the strategy runner's daily sweep.

Workload (x scale): 1,000,000 open claims of one creditor, all due for a look at the run
moment (Thursday 3 December 2026, 09:30 in Amsterdam), seeded with a bulk path (Core
executemany, not through the API), in the steady state of the shipped strategies:

* 7% new consumer claims, due a week ago: their first reminder goes out (e-mail, or post);
* 2% consumer claims whose e-mail reminder went out two weeks ago: the aanmaning (post);
* 1% new business claims, due yesterday: collection costs (B2B minimum) and a reminder;
* 70% consumer and 20% business claims between two steps: decided, held until their next
  step (they were woken by the sweep; nothing is due).

``run.daily`` is claims per second of ``run_due`` (batches of 500 debtors, one transaction
each: decide, group, statements and rendering for the messages, state, events, outbox), and
its ratio to a raw-SQL floor that reads the same rows per batch (due claims, their debtors,
contacts, open principal and collection state) and writes one row per claim. ``run.scale``
is two runner processes against one on PostgreSQL (``VORDER_BENCH_POSTGRES_URL``; SQLite has
one writer). Single process unless said: figures per core.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from harness import ROOT, Result, progress

IDS = ("run.daily", "run.scale")
CLAIMS = 1_000_000
BATCH = 500
CHUNK = 10_000
AMS = ZoneInfo("Europe/Amsterdam")
RUN_DAY = date(2026, 12, 3)
RUN_AT = datetime(2026, 12, 3, 9, 30, tzinfo=AMS).astimezone(UTC)
GOAL_DAILY = "ratio ≤ 3 to the raw-SQL floor"
GOAL_SCALE = "≥ 1.8x with 2 workers on 2 cores (PostgreSQL)"
PG_ENV = "VORDER_BENCH_POSTGRES_URL"


# ---------------------------------------------------------------------- databases


class Database:
    """A fresh database for one measurement: a SQLite file, or a PostgreSQL database
    created for it (migrated by the owner, used through the non-owner app role)."""

    def __init__(self, kind: str) -> None:
        from vorder.adapters.db.migrate import upgrade

        self.kind = kind
        self.admin: sa.Engine | None = None
        if kind == "sqlite":
            folder = ROOT / "var" / "bench" / "run"
            folder.mkdir(parents=True, exist_ok=True)
            self.path = folder / f"run-{uuid.uuid4().hex[:8]}.db"
            self.url = f"sqlite:///{self.path}"
            upgrade(self.url)
            self.owner_url = self.url
            return
        from sqlalchemy.engine import make_url

        from vorder.adapters.db.engine import make_engine
        from vorder.adapters.db.roles import grant_app_role
        from vorder.adapters.db.walls import APP_ROLE

        admin_url = os.environ[PG_ENV]
        self.admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.name = f"vorder_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{self.name}"'))
        base = make_url(admin_url).set(drivername="postgresql+psycopg")
        self.owner_url = base.set(database=self.name).render_as_string(hide_password=False)
        upgrade(self.owner_url)
        owner = make_engine(self.owner_url)
        grant_app_role(owner)
        owner.dispose()
        self.url = base.set(database=self.name, username=APP_ROLE, password=None).render_as_string(
            hide_password=False
        )

    def drop(self) -> None:
        if self.kind == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            return
        assert self.admin is not None
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self.admin.dispose()


# ---------------------------------------------------------------------- the portfolio


def _local(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMS).astimezone(UTC)


def _row_kind(i: int) -> str:
    g = i % 100
    if g < 7:
        return "new_consumer"
    if g < 9:
        return "aanmaning"
    if g < 10:
        return "new_business"
    return "held_consumer" if g < 80 else "held_business"


def _history(*items: tuple[str, str, date, str]) -> str:
    return json.dumps([[s, a, f"{d.isoformat()}T09:00:00", o] for s, a, d, o in items])


def seed(db: Database, n: int) -> None:
    """Insert the portfolio with Core executemany on one connection (owner, no hooks)."""
    from vorder.adapters.db.engine import make_engine
    from vorder.adapters.messages import collection_services
    from vorder.app.collection.strategies import cuow, ensure_defaults
    from vorder.bootstrap import build
    from vorder.config import load_settings

    settings = load_settings(
        database_url=db.url,
        data_dir=ROOT / "var" / "bench" / "data",
        demo=True,
        task_backend="immediate",
        secret_key="bench-secret-0123456789",
    )
    c = build(settings)
    now = RUN_AT - timedelta(days=30)
    from vorder.app import tenancy
    from vorder.core.access import TenantKind

    tenant = tenancy.create_tenant(
        c.uow,
        slug="bench",
        kind=TenantKind.CREDITOR,
        name="Bench B.V.",
        provider_slug=None,
        actor="bench",
        now=now,
    )
    with c.uow(tenant_id=tenant.id) as base:
        uow = cuow(base)
        ensure_defaults(
            uow, collection_services(settings.data_dir).defaults, actor_ref="bench", now=now
        )
        uow.commit()
    c.close()
    from vorder.adapters.db.registry import metadata

    engine = make_engine(db.owner_url)
    tables = {
        name: metadata.tables[name]
        for name in (
            "debtors",
            "debtor_contacts",
            "claims",
            "invoices",
            "claim_invoices",
            "collection_states",
        )
    }
    rng = random.Random(20261203)
    bar = progress(n, "seed")
    t = tenant.id
    wake = RUN_AT - timedelta(hours=1)
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA synchronous=OFF")
        for start in range(1, n + 1, CHUNK):
            rows: dict[str, list[dict[str, Any]]] = {name: [] for name in tables}
            for i in range(start, min(n + 1, start + CHUNK)):
                kind = _row_kind(i)
                business = kind in ("new_business", "held_business")
                cents = rng.randrange(5_000, 250_000)
                due = {
                    "new_consumer": RUN_DAY - timedelta(days=7),
                    "aanmaning": RUN_DAY - timedelta(days=21),
                    "new_business": RUN_DAY - timedelta(days=1),
                    "held_consumer": RUN_DAY - timedelta(days=10),
                    "held_business": RUN_DAY - timedelta(days=6),
                }[kind]
                costs = max(4000, cents * 15 // 100) if kind == "held_business" else 0
                rows["debtors"].append(
                    {
                        "id": i,
                        "tenant_id": t,
                        "match_key": f"x:B{i}",
                        "kind": "business" if business else "consumer",
                        "name": f"Debiteur {i}",
                        "name_key": f"debiteur {i}",
                        "external_number": f"B{i}",
                        "street": "Dorpsstraat",
                        "house_number": str(i % 300 + 1),
                        "house_number_addition": None,
                        "postcode": "1234 AB",
                        "city": "Ergens",
                        "country": "NL",
                        "line2": None,
                        "kvk_number": None,
                        "vat_number": None,
                        "language": "nl",
                        "preferred_channels": "",
                        "refused_channels": "",
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                if i % 7 != 3:
                    rows["debtor_contacts"].append(
                        {
                            "id": i,
                            "tenant_id": t,
                            "debtor_id": i,
                            "kind": "email",
                            "value": f"d{i}@example.nl",
                            "position": 0,
                        }
                    )
                held = kind.startswith("held") or kind == "aanmaning"
                rows["claims"].append(
                    {
                        "id": i,
                        "tenant_id": t,
                        "debtor_id": i,
                        "kind": "commercial" if business else "consumer",
                        "currency": "EUR",
                        "contractual_rate": None,
                        "compound": True,
                        "cost_clause": "statutory",
                        "phase": "in_house",
                        "status": "open",
                        "strategy_name": ("business-firm" if business else "consumer-friendly")
                        if held
                        else None,
                        "strategy_version": 1 if held else None,
                        "strategy_variant": None,
                        "next_wake_at": wake,
                        "principal_cents": cents,
                        "costs_cents": costs,
                        "costs_charged_on": due + timedelta(days=1) if costs else None,
                        "vat_uplift": False,
                        "paid_cents": 0,
                        "outstanding_cents": cents + costs,
                        "oldest_due_date": due,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                rows["invoices"].append(
                    {
                        "id": i,
                        "tenant_id": t,
                        "debtor_id": i,
                        "document_type": "invoice",
                        "number": f"B-{i}",
                        "issue_date": due - timedelta(days=14),
                        "due_date": due,
                        "due_date_stated": True,
                        "total_cents": cents,
                        "vat_cents": None,
                        "amount_due_cents": cents,
                        "credited_cents": 0,
                        "outstanding_cents": cents,
                        "currency": "EUR",
                        "payment_reference": f"{i:016d}",
                        "payment_reference_kind": "free_text",
                        "description": None,
                        "buyer_reference": None,
                        "attachment_path": None,
                        "source": "demo",
                        "credited_invoice_id": None,
                        "import_batch_id": None,
                        "created_at": now,
                    }
                )
                rows["claim_invoices"].append(
                    {
                        "id": i,
                        "tenant_id": t,
                        "claim_id": i,
                        "invoice_id": i,
                        "added_at": now,
                    }
                )
                if held:
                    rows["collection_states"].append(_state(t, i, kind, due, now))
            for name in (
                "debtors",
                "debtor_contacts",
                "claims",
                "invoices",
                "claim_invoices",
                "collection_states",
            ):
                if rows[name]:
                    conn.execute(sa.insert(tables[name]), rows[name])
            bar.update(min(CHUNK, n + 1 - start))
        if conn.dialect.name == "postgresql":
            for name in tables:
                if "id" in tables[name].c:
                    conn.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), {n + 1})"
                    )
            conn.exec_driver_sql("ANALYZE")
    bar.close()
    engine.dispose()


def _state(t: int, i: int, kind: str, due: date, now: datetime) -> dict[str, Any]:
    business = kind == "held_business"
    if business:
        ran = due + timedelta(days=1)
        history = _history(
            ("incassokosten", "charge_collection_costs", ran, "done"),
            ("herinnering", "send_message", ran, "delivered"),
        )
        current, nxt = "herinnering", "aanmaning"
    else:
        ran = due + timedelta(days=7)
        history = _history(
            ("herinnering-vooraf", "send_message", due - timedelta(days=3), "skipped"),
            ("herinnering-email", "send_message", ran, "delivered"),
        )
        current, nxt = "herinnering-email", "aanmaning"
    return {
        "tenant_id": t,
        "claim_id": i,
        "debtor_id": i,
        "strategy_name": "business-firm" if business else "consumer-friendly",
        "strategy_version": 1,
        "variant": None,
        "experiment": None,
        "status": "open",
        "phase": "in_house",
        "current_step_id": current,
        "current_step_ran_at": _local(ran, 9),
        "next_step_id": nxt,
        "finished": False,
        "started_at": _local(due - timedelta(days=14), 9),
        "history": json.loads(history),
        "events": [],
        "instalments": [],
        "paused_until": None,
        "pause_reason": None,
        "promise_date": None,
        "dispute_reason": None,
        "letter_sent_on": None,
        "letter_channel": None,
        "letter_delivered_on": None,
        "letter_last_day": None,
        "seen_paid_cents": 0,
        "last_event_id": 0,
        "held_step_id": None,
        "held_reason": None,
        "wake_at": None,
        "runs": 1,
        "updated_at": now,
    }


# ---------------------------------------------------------------------- measuring


def _container(db: Database) -> Any:
    from vorder.adapters.clock import FixedClock
    from vorder.bootstrap import build
    from vorder.config import load_settings

    settings = load_settings(
        database_url=db.url,
        data_dir=ROOT / "var" / "bench" / "data",
        demo=True,
        task_backend="immediate",
        secret_key="bench-secret-0123456789",
    )
    c = build(settings)
    c.clock = FixedClock(RUN_AT)
    return c


def run_runner(db: Database, n: int, *, desc: str = "run") -> tuple[float, int]:
    """Seconds for ``run_due`` over the portfolio, and the claims it decided."""
    from vorder.adapters.messages import collection_services
    from vorder.app.collection.runner import run_due

    c = _container(db)
    services = collection_services(c.settings.data_dir)
    bar = progress(n, desc)
    seen = [0]

    def tick(report: Any) -> None:
        bar.update(report.claims - seen[0])
        seen[0] = report.claims

    start = time.perf_counter()
    report = run_due(c.uow, services, now=RUN_AT, batch=BATCH, after_batch=tick)
    seconds = time.perf_counter() - start
    bar.close()
    c.close()
    return seconds, report.claims


def run_floor(db: Database, n: int) -> tuple[float, int]:
    """Raw SQL, batch by batch like the runner: the same rows read (due claims of a batch
    of debtors, their debtors, contacts, open principal, collection states), one row per
    claim written, one transaction per batch."""
    from vorder.adapters.db.engine import make_engine

    engine = make_engine(db.url)
    bar = progress(n, "floor")
    done = 0
    after = 0
    now = RUN_AT.replace(tzinfo=None) if db.kind == "sqlite" else RUN_AT
    start = time.perf_counter()
    while True:
        with engine.begin() as conn:
            if db.kind == "postgresql":
                conn.exec_driver_sql("SELECT set_config('app.tenant_id', '1', true)")
            debtors = [  # keyset over debtors (every claim of the portfolio is due)
                r[0]
                for r in conn.execute(
                    sa.text(
                        "SELECT id FROM debtors WHERE tenant_id + 0 = 1 AND id > :a "
                        "ORDER BY id LIMIT :l"
                    ),
                    {"a": after, "l": BATCH},
                )
            ]
            if not debtors:
                break
            after = debtors[-1]
            ids = ",".join(str(d) for d in debtors)
            claims = conn.execute(
                sa.text(
                    "SELECT id, debtor_id, kind, status, phase, strategy_name, strategy_version, "
                    "next_wake_at, principal_cents, paid_cents, outstanding_cents, "
                    f"costs_charged_on, oldest_due_date FROM claims WHERE tenant_id = 1 AND "
                    f"debtor_id IN ({ids}) AND next_wake_at <= :n"
                ),
                {"n": now},
            ).all()
            cids = ",".join(str(r[0]) for r in claims)
            conn.exec_driver_sql(
                f"SELECT ci.claim_id, SUM(i.outstanding_cents) FROM claim_invoices ci JOIN "
                f"invoices i ON i.id = ci.invoice_id WHERE ci.tenant_id = 1 AND "
                f"ci.claim_id IN ({cids}) GROUP BY ci.claim_id"
            ).all()
            conn.exec_driver_sql(
                f"SELECT * FROM debtors WHERE tenant_id + 0 = 1 AND id IN ({ids})"
            ).all()
            conn.exec_driver_sql(
                f"SELECT debtor_id, kind, value FROM debtor_contacts WHERE tenant_id = 1 AND "
                f"debtor_id IN ({ids})"
            ).all()
            conn.exec_driver_sql(
                f"SELECT * FROM collection_states WHERE tenant_id = 1 AND claim_id IN ({cids})"
            ).all()
            conn.execute(
                sa.text(
                    "UPDATE claims SET updated_at = updated_at WHERE tenant_id = 1 AND id = :i"
                ),
                [{"i": r[0]} for r in claims],
            )
        done += len(claims)
        bar.update(len(claims))
    seconds = time.perf_counter() - start
    bar.close()
    engine.dispose()
    return seconds, done


def _daily(kind: str, n: int) -> Result:
    db = Database(kind)
    try:
        seed(db, n)
        floor_seconds, floor_claims = run_floor(db, n)
        seconds, claims = run_runner(db, n)
    finally:
        db.drop()
    rate = claims / seconds
    floor_rate = floor_claims / floor_seconds
    return Result(
        id="run.daily",
        value=round(rate, 1),
        unit="claims/s",
        floor=round(floor_rate, 1),
        ratio=round(floor_rate / rate, 2),
        goal=GOAL_DAILY,
        note=f"{kind}, {claims:,} claims ({floor_claims:,} in the floor), one process; "
        f"10% act (7% reminders, 2% aanmaningen, 1% B2B costs + reminder), 90% held",
    )


def _child(url: str, n: int) -> None:
    """One worker process of run.scale: run_due until nothing is due; prints claims done."""
    from vorder.adapters.clock import FixedClock
    from vorder.adapters.messages import collection_services
    from vorder.app.collection.runner import run_due
    from vorder.bootstrap import build
    from vorder.config import load_settings

    settings = load_settings(
        database_url=url,
        data_dir=ROOT / "var" / "bench" / "data",
        demo=True,
        task_backend="immediate",
        secret_key="bench-secret-0123456789",
    )
    c = build(settings)
    c.clock = FixedClock(RUN_AT)
    report = run_due(c.uow, collection_services(c.settings.data_dir), now=RUN_AT, batch=BATCH)
    print(report.claims)


def _workers(db: Database, count: int, n: int) -> tuple[float, int]:
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT / 'bench'}"}
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "--child", db.url, str(n)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    outputs = [p.communicate() for p in procs]
    seconds = time.perf_counter() - start
    for p, (_, err) in zip(procs, outputs, strict=True):
        if p.returncode != 0:
            raise RuntimeError(err[-2000:])
    counts = [int(out.strip() or 0) for out, _ in outputs]
    print(f"  {count} worker(s): {counts} claims in {seconds:.1f} s", file=sys.stderr)
    return seconds, sum(counts)


def _scale(n: int) -> Result:
    if not os.environ.get(PG_ENV):
        return Result(
            id="run.scale",
            value=0.0,
            unit="x",
            goal=GOAL_SCALE,
            note=f"skipped: {PG_ENV} not set (SQLite has one writer: two workers take turns)",
        )
    rates = []
    claims_done = []
    for count in (1, 2):
        db = Database("postgresql")
        try:
            seed(db, n)
            seconds, claims = _workers(db, count, n)
        finally:
            db.drop()
        rates.append(claims / seconds)
        claims_done.append(claims)
    speedup = rates[1] / rates[0]
    return Result(
        id="run.scale",
        value=round(speedup, 2),
        unit="x",
        floor=round(rates[0], 1),
        ratio=None,
        goal=GOAL_SCALE,
        note=f"PostgreSQL, {n:,} claims: 1 worker {rates[0]:,.0f} claims/s, 2 workers "
        f"{rates[1]:,.0f} claims/s ({claims_done[1]:,} claims, each once); {os.cpu_count()} cores",
    )


def run(scale: float) -> list[Result]:
    n = max(1000, int(CLAIMS * scale))
    kind = "postgresql" if os.environ.get(PG_ENV) else "sqlite"
    return [_daily(kind, n), _scale(max(1000, n // 2))]


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "--child":
    _child(sys.argv[2], int(sys.argv[3]))
