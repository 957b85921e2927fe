"""The ledger CLI as an operator uses it: real processes, JSON on stdout, exit codes, and the
demo seed; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = str(Path(__file__).resolve().parents[3] / "src")
GOOD = (
    "factuurnummer;factuurdatum;vervaldatum;totaal;naam;soort debiteur;postcode;huisnummer;"
    "plaats;straat\n"
    "C-1;2025-01-01;2025-01-31;1.000,00;Jan de Vries;consument;3512 AB;12;Utrecht;Kerkstraat\n"
    "C-2;2025-02-01;2025-02-28;250,00;Jan de Vries;consument;3512 AB;12;Utrecht;Kerkstraat\n"
)
BAD = GOOD + "C-3;2025-02-01;2025-02-30;12,50;Piet;consument;3512 AB;1;Utrecht;Kerkstraat\n"


@pytest.fixture
def run(database_url, tmp_path):
    env = {
        **os.environ,
        "PYTHONPATH": SRC,
        "VORDER_DATABASE_URL": database_url,
        "VORDER_DATA_DIR": str(tmp_path),
        "VORDER_DEMO": "1",
    }

    def _run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "vorder", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )

    assert _run("create-tenant", "acme", "--kind", "creditor").returncode == 0
    return _run


def _csv(tmp_path: Path, text: str, name: str = "facturen.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_list_and_statement(run, tmp_path):
    bad = run("import", "invoices", _csv(tmp_path, BAD, "bad.csv"), "--tenant", "acme", "--json")
    assert bad.returncode == 2
    report = json.loads(bad.stdout)
    assert (report["status"], report["invoices_created"]) == ("rejected", 0)
    assert [(e["line"], e["field"], e["code"], e["message"]) for e in report["errors"]] == [
        (
            4,
            "vervaldatum",
            "invalid_date",
            "'2025-02-30' is geen datum (gebruik jjjj-mm-dd of dd-mm-jjjj)",
        )
    ]
    listed = run("invoices", "list", "--tenant", "acme", "--json")
    assert (listed.returncode, json.loads(listed.stdout)) == (0, [])

    path = _csv(tmp_path, GOOD)
    done = run("import", "invoices", path, "--tenant", "acme", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["invoices_created"] == 2
    again = run("import", "invoices", path, "--tenant", "acme", "--json")
    assert (again.returncode, json.loads(again.stdout)["status"]) == (0, "duplicate")

    rows = json.loads(run("invoices", "list", "--tenant", "acme", "--json").stdout)
    assert [
        (r["number"], r["debtor"], r["total"], r["outstanding"], r["due_date"]) for r in rows
    ] == [
        ("C-1", "Jan de Vries", "1000.00", "1000.00", "2025-01-31"),
        ("C-2", "Jan de Vries", "250.00", "250.00", "2025-02-28"),
    ]
    claim_id = rows[0]["claim_id"]
    assert rows[1]["claim_id"] == claim_id
    p = run(
        "claims", "statement", str(claim_id), "--tenant", "acme", "--on", "2025-03-31", "--json"
    )
    assert p.returncode == 0, p.stderr
    s = json.loads(p.stdout)
    # 1,000 at 6% for 59 days (9.70) + 250 at 6% for 31 days (1.27)
    assert (s["principal"], s["interest"], s["total"], s["claim_id"]) == (
        "1250.00",
        "10.97",
        "1260.97",
        claim_id,
    )
    wrong = run("claims", "statement", "999", "--tenant", "acme", "--on", "2025-03-31")
    assert (wrong.returncode, wrong.stderr.strip()) == (2, "error: no claim 999")
    bad_date = run("claims", "statement", "1", "--tenant", "acme", "--on", "31-03-2025")
    assert bad_date.returncode == 2
    unknown = run("invoices", "list", "--tenant", "nope", "--json")
    assert (unknown.returncode, json.loads(unknown.stderr)) == (
        2,
        {"error": "no organisation 'nope'"},
    )


def test_demo_seed_is_believable_and_idempotent(run):
    assert run("demo", "load").returncode == 0
    p = run("demo", "seed", "--tenant", "vandam-installatie", "--claims", "40", "--json")
    assert p.returncode == 0, p.stderr
    first = json.loads(p.stdout)["vandam-installatie"]
    assert first["invoices_created"] == 40
    assert first["claims_opened"] == sum(first["phases"].values())
    assert first["payments"] > 0
    again = json.loads(
        run("demo", "seed", "--tenant", "vandam-installatie", "--claims", "40", "--json").stdout
    )
    assert again["vandam-installatie"]["already_present"] == 40
    assert again["vandam-installatie"]["invoices_created"] == 0
    listed = json.loads(
        run("invoices", "list", "--tenant", "vandam-installatie", "--json", "--limit", "500").stdout
    )
    assert len(listed) == 40
