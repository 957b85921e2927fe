"""The collection commands: strategies (list, show, validate, import, export, assign,
dry-run), claim actions and the simulation clock — JSON out, exit code 2 for bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.integration.collection.conftest import local
from vorder.cli import _register, cli

DEFAULTS = Path(__file__).resolve().parents[3] / "src/vorder/core/strategy/defaults"


@pytest.fixture
def vorder(desk, container):
    _register()
    env = {
        "VORDER_DATABASE_URL": container.settings.database_url,
        "VORDER_DATA_DIR": str(container.settings.data_dir),
        "VORDER_DEMO": "1",
        "VORDER_TASK_BACKEND": "immediate",
    }

    def run(*args: str, input: str | None = None):
        return CliRunner().invoke(cli, list(args), env=env, input=input, catch_exceptions=False)

    return run


def test_strategies_install_list_export_import_round_trip(vorder, desk, tmp_path):
    r = vorder("strategies", "install-defaults", "--tenant", "bakkerij", "--json")
    assert r.exit_code == 0, r.output
    assert [s["name"] for s in json.loads(r.output)] == [
        "business-firm",
        "consumer-friendly",
        "straight-to-partner",
    ]
    listed = json.loads(vorder("strategies", "list", "--tenant", "bakkerij", "--json").output)
    assert [(s["name"], s["version"], s["source"]) for s in listed] == [
        ("business-firm", 1, "default"),
        ("consumer-friendly", 1, "default"),
        ("straight-to-partner", 1, "default"),
    ]
    exported = vorder("strategies", "export", "consumer-friendly", "--tenant", "bakkerij").output
    assert exported.startswith("name: consumer-friendly\nversion: 1\n")
    assert "send_time" not in exported  # canonical: defaults left out
    same = tmp_path / "same.yaml"
    same.write_text(exported)
    r = vorder("strategies", "import", str(same), "--tenant", "bakkerij", "--json")
    assert json.loads(r.output)["created"] is False  # unchanged: no new version
    changed = tmp_path / "changed.yaml"
    changed.write_text(exported.replace("days: 21", "days: 28"))
    r = vorder("strategies", "import", str(changed), "--tenant", "bakkerij", "--json")
    assert (json.loads(r.output)["version"], json.loads(r.output)["created"]) == (2, True)
    versions = json.loads(
        vorder(
            "strategies", "versions", "consumer-friendly", "--tenant", "bakkerij", "--json"
        ).output
    )
    assert [v["version"] for v in versions] == [1, 2]
    v1 = vorder("strategies", "show", "consumer-friendly", "--tenant", "bakkerij", "--version", "1")
    assert v1.output == exported


def test_validate_reports_every_problem_with_its_path_and_exits_2(vorder, tmp_path):
    assert (
        vorder("strategies", "validate", str(DEFAULTS / "business-firm.yaml")).output == "valid\n"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: Bad Name\nversion: 0\ntitle: {nl: x, en: y}\nphases:\n"
        "  - phase: in_house\n    steps:\n      - id: a\n"
        "        trigger: {type: due_date, days: -1}\n        action: {type: wait}\n"
    )
    r = vorder("strategies", "validate", str(bad), "--json")
    assert r.exit_code == 2
    assert json.loads(r.output) == {
        "valid": False,
        "problems": [
            {
                "path": "name",
                "message": "must start with a-z and contain only a-z, 0-9, '-' and '_'",
            },
            {"path": "version", "message": "must be >= 1"},
            {"path": "phases[0].steps[0].trigger.days", "message": "must be >= 0"},
        ],
    }


def test_import_refuses_an_invalid_strategy_and_stores_nothing(vorder, desk, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x"}')
    r = vorder("strategies", "import", str(bad), "--tenant", "bakkerij")
    assert r.exit_code == 2 and "invalid strategy: version: is required" in r.output
    assert json.loads(vorder("strategies", "list", "--tenant", "bakkerij", "--json").output) == []


def test_assignment_rules_and_an_unknown_strategy(vorder, desk, tmp_path):
    vorder("strategies", "install-defaults", "--tenant", "bakkerij")
    rules = tmp_path / "rules.yaml"
    rules.write_text("default: straight-to-partner\n")
    r = vorder("strategies", "assign", str(rules), "--tenant", "bakkerij", "--json")
    assert json.loads(r.output) == {"version": 2, "rules": {"default": "straight-to-partner"}}
    rules.write_text("default: nergens\n")
    r = vorder("strategies", "assign", str(rules), "--tenant", "bakkerij")
    assert r.exit_code == 2 and "not published: nergens" in r.output


def test_the_simulation_then_claim_actions(vorder, desk):
    desk.at(local(date(2026, 11, 2), 8))
    debtor = desk.debtor()
    claim = desk.invoice(debtor, "F-1", "250.00", date(2026, 11, 20), issued=date(2026, 11, 6)).id
    args = ("--tenant", "bakkerij", "--from", "2026-11-02", "--until", "2026-11-30")
    r = vorder("run", *args, "--seed", "3", "--json")
    assert r.exit_code == 0, r.output
    report = json.loads(r.output)
    assert (report["days"], report["messages"]) == (29, {"herinnering": 1, "herinnering-vooraf": 1})
    assert len(desk.sinks["email"].calls()) == 2  # delivered to the local sink
    # The actions use the real clock (after the simulated days).
    r = vorder(
        "collection",
        "dispute",
        str(claim),
        "--tenant",
        "bakkerij",
        "--reason",
        "klopt niet",
        "--json",
    )
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["status"] == "disputed"
    r = vorder("collection", "move-phase", str(claim), "bewaking", "--tenant", "bakkerij")
    assert r.exit_code == 2 and "unknown phase 'bewaking'" in r.output
    r = vorder("collection", "show", str(claim), "--tenant", "bakkerij", "--json")
    assert json.loads(r.output)["strategy"] == "consumer-friendly"
