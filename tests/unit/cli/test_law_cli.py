"""`vorder law ...`: the exact CLI contract (JSON on stdout, exit 2 + JSON error on stderr)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from vorder.cli.law import law

ROOT = Path(__file__).resolve().parents[3]


def run(*args: str) -> tuple[int, Any, str]:
    result = CliRunner().invoke(law, list(args))
    out = json.loads(result.stdout) if result.exit_code == 0 else None
    return result.exit_code, out, result.stderr


def test_interest_contract() -> None:
    code, out, _ = run(
        "interest",
        "--principal",
        "1000.00",
        "--kind",
        "consumer",
        "--due",
        "2024-01-31",
        "--until",
        "2024-12-31",
    )
    assert code == 0
    assert out["interest"] == "64.25"
    assert out["segments"] == [
        {
            "from": "2024-02-01",
            "to": "2024-12-31",
            "days": 335,
            "rate": "0.07",
            "base": "1000.00",
            "interest": "64.25",
        }
    ]


def test_interest_options() -> None:
    base = [
        "interest",
        "--principal",
        "10000.00",
        "--kind",
        "commercial",
        "--due",
        "2023-06-30",
        "--until",
        "2025-06-30",
    ]
    assert run(*base)[1]["interest"] == "2542.43"
    assert run(*base, "--day-count", "actact")[1]["interest"] == "2538.62"
    simple = run(*base, "--simple")[1]
    assert [s["base"] for s in simple["segments"]] == ["10000.00"] * 4
    fixed = run(*base, "--rate", "0.08", "--simple")[1]
    # 2023-07-01..2025-06-30 is 731 days (29 February 2024) at 8% ACT/365, one segment
    assert fixed["segments"][0]["rate"] == "0.08" and fixed["interest"] == "1602.19"
    e9 = run(
        "interest",
        "--principal",
        "1000",
        "--kind",
        "commercial",
        "--received",
        "2025-03-03",
        "--until",
        "2025-07-31",
    )[1]
    assert e9["interest"] == "35.81" and e9["due"] == "2025-04-02"


def test_interest_payment_and_provisional() -> None:
    code, out, _ = run(
        "interest",
        "--principal",
        "1000.00",
        "--kind",
        "consumer",
        "--due",
        "2024-11-30",
        "--until",
        "2025-01-31",
        "--payment",
        "2025-01-01=500.00",
    )
    assert code == 0 and out["principal_outstanding"] == "506.11"
    code, out, _ = run(
        "interest",
        "--principal",
        "1000.00",
        "--kind",
        "consumer",
        "--due",
        "2026-05-31",
        "--until",
        "2026-08-31",
        "--provisional",
    )
    assert out["provisional"] is True
    assert out["missing"] == {"from": "2026-07-01", "to": "2026-08-31"}


def test_costs_and_deadline_contract() -> None:
    assert run("costs", "--principal", "1234.56")[1] == {
        "costs": "185.18",
        "vat": "0.00",
        "total": "185.18",
        "principal": "1234.56",
        "basis": "art. 6:96 lid 6-7 BW; Besluit BIK art. 2",
    }
    assert run("costs", "--principal", "1000000", "--vat")[1]["total"] == "8197.75"
    assert run("costs", "--principal", "100", "--b2b", "--invoices", "3")[1]["costs"] == "120.00"
    together = run("costs", "--principal", "1000.00", "--principal", "1500.00")[1]
    assert together["costs"] == "375.00"
    out = run("deadline", "--sent", "2025-12-18")[1]
    assert (out["delivered"], out["last_day"], out["costs_due_from"]) == (
        "2025-12-20",
        "2026-01-05",
        "2026-01-06",
    )
    assert run("deadline", "--sent", "2025-12-18", "--channel", "email")[1]["delivered"] == (
        "2025-12-18"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [
                "interest",
                "--principal",
                "-5",
                "--kind",
                "consumer",
                "--due",
                "2024-01-31",
                "--until",
                "2024-12-31",
            ],
            "must not be negative",
        ),
        (
            [
                "interest",
                "--principal",
                "5",
                "--kind",
                "consumer",
                "--due",
                "2024-01-31",
                "--until",
                "2023-12-31",
            ],
            "lies before the due date",
        ),
        (
            [
                "interest",
                "--principal",
                "5",
                "--kind",
                "consumer",
                "--due",
                "1997-01-31",
                "--until",
                "1998-12-31",
            ],
            "no consumer rate before 1998-01-01",
        ),
        (
            [
                "interest",
                "--principal",
                "5",
                "--kind",
                "consumer",
                "--due",
                "2026-01-31",
                "--until",
                "2026-12-31",
            ],
            "known through 2026-06-30",
        ),
        (
            ["interest", "--principal", "5", "--kind", "consumer", "--until", "2026-01-31"],
            "exactly one of --due or --received",
        ),
        (
            [
                "interest",
                "--principal",
                "5",
                "--kind",
                "consumer",
                "--received",
                "2025-01-01",
                "--until",
                "2026-01-31",
            ],
            "for commercial claims",
        ),
        (
            [
                "interest",
                "--principal",
                "5",
                "--kind",
                "retail",
                "--due",
                "2024-01-31",
                "--until",
                "2024-12-31",
            ],
            "'retail' is not one of",
        ),
        (
            [
                "interest",
                "--principal",
                "1,2,3",
                "--kind",
                "consumer",
                "--due",
                "2024-01-31",
                "--until",
                "2024-12-31",
            ],
            "is not an amount",
        ),
        (
            [
                "interest",
                "--principal",
                "5",
                "--kind",
                "consumer",
                "--due",
                "2024-01-31",
                "--until",
                "2024-12-31",
                "--rate",
                "8",
            ],
            "between 0 and 1",
        ),
        (
            [
                "interest",
                "--principal",
                "5",
                "--kind",
                "consumer",
                "--due",
                "2024-01-31",
                "--until",
                "2024-12-31",
                "--payment",
                "400",
            ],
            "must look like",
        ),
        (["costs", "--principal", "100", "--invoices", "3"], "--b2b"),
        (["deadline", "--sent", "18-12-2025"], "not an ISO date"),
        (["statement", "--file", "/nonexistent/claim.json", "--on", "2025-01-01"], "cannot read"),
        (["nosuch"], "No such command"),
        (["--bogus"], "No such option"),
    ],
)
def test_bad_input_exit_2_and_one_json_line(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 2 and out is None
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert message in json.loads(lines[0])["error"]


CLAIM = {
    "kind": "consumer",
    "invoices": [
        {"number": "F1", "issued": "2025-01-01", "amount": "1000.00", "due": "2025-01-31"}
    ],
    "events": [
        {"type": "letter_sent", "on": "2025-02-03", "channel": "post", "cost_amount": "150.00"},
        {"type": "costs_charged", "on": "2025-02-20"},
        {"type": "payment", "on": "2025-06-30", "amount": "400.00"},
    ],
}


def test_statement_file(tmp_path: Path) -> None:
    path = tmp_path / "claim.json"
    path.write_text(json.dumps(CLAIM))
    code, out, _ = run(
        "statement", "--file", str(path), "--on", "2025-12-31", "--data-dir", str(tmp_path / "law")
    )
    assert code == 0
    # 774.66 at 6% from 2025-07-01 through 2025-12-31 (184 days) = 23.43
    assert (out["principal"], out["interest"], out["costs"], out["total"]) == (
        "774.66",
        "23.43",
        "0.00",
        "798.09",
    )
    path.write_text("{not json")
    code, _, err = run("statement", "--file", str(path), "--on", "2025-12-31")
    assert code == 2 and "is not JSON" in json.loads(err)["error"]
    path.write_text(json.dumps({**CLAIM, "kind": "other"}))
    code, _, err = run("statement", "--file", str(path), "--on", "2025-12-31")
    assert code == 2 and "$.kind" in json.loads(err)["error"]


def test_rates_add_and_list(tmp_path: Path) -> None:
    data = str(tmp_path / "law")
    listed = run("rates", "list", "--kind", "consumer", "--json", "--data-dir", data)[1]
    assert listed["valid_through"] == "2026-06-30" and len(listed["rows"]) == 18
    assert {r["origin"] for r in listed["rows"]} == {"package"}
    code, out, _ = run(
        "rates",
        "add",
        "--kind",
        "consumer",
        "--from",
        "2026-07-01",
        "--rate",
        "0.04",
        "--source",
        "Stb. 2026, 123",
        "--data-dir",
        data,
    )
    assert code == 0 and out["valid_through"] == "2026-12-31"
    listed = run("rates", "list", "--kind", "consumer", "--json", "--data-dir", data)[1]
    assert listed["rows"][-1] == {
        "from": "2026-07-01",
        "rate": "0.04",
        "source": "Stb. 2026, 123",
        "note": "",
        "origin": "overlay",
    }
    interest = run(
        "interest",
        "--principal",
        "1000.00",
        "--kind",
        "consumer",
        "--due",
        "2026-05-31",
        "--until",
        "2026-08-31",
        "--data-dir",
        data,
    )[1]
    assert interest["provisional"] is False and interest["interest"] == "10.08"
    code, _, err = run(
        "rates",
        "add",
        "--kind",
        "consumer",
        "--from",
        "2026-07-01",
        "--rate",
        "0.05",
        "--source",
        "Stb. x",
        "--data-dir",
        data,
    )
    assert code == 2 and "already has a row" in json.loads(err)["error"]
    code, _, err = run(
        "rates",
        "add",
        "--kind",
        "commercial",
        "--from",
        "2027-07-01",
        "--rate",
        "0.1",
        "--source",
        "Stb. y",
        "--data-dir",
        data,
    )
    assert code == 2 and "leave the days between unknown" in json.loads(err)["error"]


def test_real_subprocess() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    ok = subprocess.run(
        [sys.executable, "-m", "vorder", "law", "costs", "--principal", "1234.56"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["costs"] == "185.18"
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "vorder",
            "law",
            "interest",
            "--principal",
            "5",
            "--kind",
            "consumer",
            "--due",
            "2024-01-31",
            "--until",
            "2023-01-01",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2 and bad.stdout == ""
    assert "Traceback" not in bad.stderr
    assert json.loads(bad.stderr.strip())["error"].startswith("the last interest day")
