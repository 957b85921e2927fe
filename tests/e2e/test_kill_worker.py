"""THE KILL TEST: a real worker process (the runner and the outbox delivery in a loop, day by
day on a simulated clock) is killed with SIGKILL at random moments, five times, and restarted;
at the end every message the same portfolio produces without kills was delivered exactly
once — no key missing, no key twice, neither in the outbox nor in the sink's log of delivery
*calls* (the sink's own idempotency cannot hide a double) — and the claims' states and events
agree with the messages. On SQLite (a file) and, when VORDER_TEST_POSTGRES_URL is set, on
PostgreSQL.

Run as a script (``python tests/e2e/test_kill_worker.py URL DATA_DIR RESTART``) it is the
worker: it reads the last finished day from ``DATA_DIR/progress`` and carries on.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
START = date(2026, 11, 2)
DAYS = 36
DEBTORS = 200
KILLS = 5
LOCK = timedelta(minutes=5)
SECRET = "kill-test-secret-0123456789"
AMS = ZoneInfo("Europe/Amsterdam")

pytestmark = pytest.mark.slow


def _moment(day: int, restart: int) -> datetime:
    """The worker's clock on simulated day ``day``: 09:00 Amsterdam, plus 10 minutes per
    restart so that rows locked by a killed worker (5 minutes) are due again."""
    d = START + timedelta(days=day)
    base = datetime(d.year, d.month, d.day, 9, tzinfo=AMS).astimezone(UTC)
    return base + timedelta(minutes=10 * restart)


def _container(url: str, data_dir: Path):
    from vorder.bootstrap import build
    from vorder.config import load_settings

    settings = load_settings(
        database_url=url, data_dir=data_dir, demo=True, task_backend="immediate", secret_key=SECRET
    )
    return build(settings)


def portfolio_csv() -> bytes:
    """A deterministic portfolio: consumers (e-mail, or post only) and businesses (with a
    phone: call tasks), invoices due over three weeks, some debtors with two invoices."""
    rng = random.Random(20261202)
    lines = [
        "invoice_number;issue_date;due_date;total;debtor_number;debtor_kind;name;street;"
        "house_number;postcode;city;email;phone"
    ]
    for n in range(DEBTORS):
        business = n % 5 == 0
        email = "" if n % 7 == 3 else f"d{n}@example.nl"
        due = START + timedelta(days=rng.randrange(-10, 14))
        for k in range(1 + (n % 9 == 0)):
            amount = Decimal(rng.randrange(3_000, 300_000)) / 100
            lines.append(
                ";".join(
                    [
                        f"K-{n}-{k}",
                        (due - timedelta(days=14)).isoformat(),
                        due.isoformat(),
                        str(amount),
                        f"D{n}",
                        "business" if business else "consumer",
                        f"Debiteur {n}" + (" B.V." if business else ""),
                        "Dorpsstraat",
                        str(n + 1),
                        "1234 AB",
                        "Ergens",
                        email,
                        "+31201234567" if business else "",
                    ]
                )
            )
    return ("\n".join(lines) + "\n").encode()


def seed(url: str, data_dir: Path) -> None:
    """The portfolio through the ledger's bulk import (one transaction)."""
    from vorder.adapters.clock import FixedClock
    from vorder.adapters.messages import collection_services
    from vorder.app import tenancy
    from vorder.app.ledger.imports import import_invoices
    from vorder.app.records import Actor
    from vorder.core.access import Role, TenantKind

    c = _container(url, data_dir)
    c.clock = FixedClock(_moment(0, 0) - timedelta(hours=2))
    now = c.clock.now()
    tenant = tenancy.create_tenant(
        c.uow,
        slug="kill",
        kind=TenantKind.CREDITOR,
        name="Kill B.V.",
        provider_slug=None,
        actor="test",
        now=now,
    )
    report = import_invoices(
        c.uow,
        actor=Actor("user", 1, "test", tenant.id, Role.OWNER),
        data=portfolio_csv(),
        file_name="portfolio.csv",
        format="csv",
        partial=False,
        rates=collection_services(data_dir).rates,
        now=now,
    )
    assert report.status == "imported", report
    c.close()


def work(url: str, data_dir: Path, restart: int) -> None:
    """The worker loop: each simulated day, run the sweep and deliver, then mark the day."""
    from vorder.adapters.messages import collection_services, sink_deliverers
    from vorder.app.collection.delivery import deliver_messages
    from vorder.app.collection.runner import run_due

    c = _container(url, data_dir)
    services = collection_services(data_dir)
    sinks = sink_deliverers(data_dir)
    progress = data_dir / "progress"
    done = int(progress.read_text()) if progress.exists() else -1
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "started").write_text(str(restart))
    for day in range(done + 1, DAYS):
        now = _moment(day, restart)
        run_due(c.uow, services, now=now, batch=20)
        while True:
            report = deliver_messages(c.uow, sinks, now=now, batch=10, lock=LOCK)
            if report.delivered + report.retried + report.failed == 0:
                break
        tmp = progress.with_suffix(".tmp")
        tmp.write_text(str(day))
        os.replace(tmp, progress)
    c.close()


def _run_child(url: str, data_dir: Path, restart: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    return subprocess.Popen(
        [sys.executable, __file__, url, str(data_dir), str(restart)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _facts(url: str, data_dir: Path) -> dict[str, object]:
    from vorder.adapters.db.engine import make_engine

    engine = make_engine(url)
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT set_config('app.system', 'on', false)"))
        outbox = conn.execute(
            sa.text("SELECT idempotency_key, status FROM outbox ORDER BY idempotency_key")
        ).all()
        messages = conn.execute(
            sa.text("SELECT idempotency_key, status FROM collection_messages")
        ).all()
        events = conn.execute(sa.text("SELECT type, payload, subject_id FROM events")).all()
        states = conn.execute(sa.text("SELECT claim_id, history FROM collection_states")).all()
    engine.dispose()
    calls: list[str] = []
    for channel in ("email", "post", "sms"):
        log = data_dir / "sink" / channel / "calls.log"
        if log.exists():
            calls += [json.loads(line)["key"] for line in log.read_text().splitlines() if line]

    def payload(value: object) -> dict[str, object]:
        return value if isinstance(value, dict) else json.loads(str(value))

    queued = Counter(
        (subject, payload(p)["key"]) for kind, p, subject in events if kind == "MessageQueued"
    )
    delivered = Counter(payload(p)["key"] for kind, p, _ in events if kind == "OutboxDelivered")
    recovered = sum(
        1 for kind, p, _ in events if kind == "OutboxDelivered" and payload(p).get("recovered")
    )
    sent_steps = Counter()
    for claim_id, history in states:
        items = history if isinstance(history, list) else json.loads(history)
        sent_steps[claim_id] = sum(1 for h in items if h[3] in ("sent", "delivered", "bounced"))
    return {
        "outbox": [tuple(r) for r in outbox],
        "messages": sorted(tuple(r) for r in messages),
        "calls": calls,
        "queued": queued,
        "delivered": delivered,
        "sent_steps": sent_steps,
        "recovered": recovered,
    }


class _Postgres:
    """Two databases with the same seeded portfolio: the reference, and a copy of it (a
    PostgreSQL template copy keeps the schema, the row-level security and the grants)."""

    def __init__(self, admin_url: str) -> None:
        from tests.support.db import PostgresDatabase
        from vorder.adapters.db.engine import make_engine

        self.reference = PostgresDatabase(admin_url)
        self.admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.copy = self.reference.name + "_k"

    def urls(self) -> tuple[str, str]:
        from sqlalchemy.engine import make_url

        url = make_url(self.reference.app_url)
        return self.reference.app_url, url.set(database=self.copy).render_as_string(False)

    def duplicate(self) -> None:
        self.reference.owner_engine.dispose()
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{self.copy}" TEMPLATE "{self.reference.name}"'))

    def drop(self) -> None:
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{self.copy}" WITH (FORCE)'))
        self.admin.dispose()
        self.reference.drop()


def _prepare(kind: str, tmp_path: Path) -> tuple[str, str, _Postgres | None]:
    """Seed the portfolio once; the killed run gets an identical copy."""
    import shutil

    from vorder.adapters.db.migrate import upgrade

    if kind == "sqlite":
        reference, killed = tmp_path / "reference.db", tmp_path / "killed.db"
        upgrade(f"sqlite:///{reference}")
        seed(f"sqlite:///{reference}", tmp_path / "ref")
        shutil.copy(reference, killed)
        return f"sqlite:///{reference}", f"sqlite:///{killed}", None
    from tests.support.db import postgres_admin_url

    admin = postgres_admin_url()
    if not admin:
        pytest.skip("PostgreSQL not configured (set VORDER_TEST_POSTGRES_URL)")
    pg = _Postgres(admin)
    reference_url, killed_url = pg.urls()
    seed(reference_url, tmp_path / "ref")
    pg.duplicate()
    return reference_url, killed_url, pg


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_worker_killed_again_and_again_loses_nothing_and_sends_nothing_twice(kind, tmp_path):
    started = time.monotonic()
    reference_url, killed_url, pg = _prepare(kind, tmp_path)
    try:
        began = time.monotonic()
        work(reference_url, tmp_path / "ref", 0)  # the same portfolio without kills
        # kill within the work's own pace (a fast machine finishes sooner)
        window = max(0.4, (time.monotonic() - began) / (KILLS + 1))
        expected = _facts(reference_url, tmp_path / "ref")
        assert len(expected["outbox"]) > 300

        rng = random.Random()
        kills = 0
        days: list[int] = []  # the last finished day after each kill
        for restart in range(KILLS):
            marker = tmp_path / "kill" / "started"
            marker.unlink(missing_ok=True)
            child = _run_child(killed_url, tmp_path / "kill", restart)
            deadline = time.monotonic() + 20
            while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(rng.uniform(0.1, window))
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
                kills += 1
            child.wait()
            progress = tmp_path / "kill" / "progress"
            days.append(int(progress.read_text()) if progress.exists() else -1)
        child = _run_child(killed_url, tmp_path / "kill", KILLS)
        _, err = child.communicate(timeout=120)
        assert child.returncode == 0, err.decode()[-2000:]
        mid_run = sum(1 for d in days if d < DAYS - 1)
        assert kills == KILLS and mid_run >= 3, f"killed too late: {days}"
        got = _facts(killed_url, tmp_path / "kill")
    finally:
        if pg is not None:
            pg.drop()

    keys = [k for k, _ in expected["outbox"]]
    assert [k for k, _ in got["outbox"]] == keys  # no key missing, none added
    assert {s for _, s in got["outbox"]} == {"delivered"}
    calls = Counter(got["calls"])
    assert sorted(calls) == keys  # every key handed to the sink ...
    assert [k for k, n in calls.items() if n > 1] == []  # ... exactly once
    assert [m for m in got["messages"] if m[1] != "open"] == [(k, "delivered") for k in keys]
    assert got["messages"] == expected["messages"]  # and the call tasks
    assert got["queued"] == expected["queued"]  # each claim's MessageQueued, once per message
    assert set(got["delivered"]) == set(keys) and max(got["delivered"].values()) == 1
    assert got["sent_steps"] == expected["sent_steps"]
    print(
        f"\n{kind}: {len(keys)} messages, killed {kills}x after days {days}, "
        f"{got['recovered']} in-doubt deliveries found delivered by lookup, "
        f"{time.monotonic() - started:.1f} s",
        file=sys.stderr,
    )
    assert time.monotonic() - started < 120  # typically 15-35 s on 2 busy cores


if __name__ == "__main__":
    work(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]))
