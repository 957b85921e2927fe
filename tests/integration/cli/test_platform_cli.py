"""The platform CLI as an operator uses it: real processes, JSON out, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = str(Path(__file__).resolve().parents[3] / "src")


@pytest.fixture
def run(database_url, tmp_path):
    env = {
        **os.environ,
        "PYTHONPATH": SRC,
        "VORDER_DATABASE_URL": database_url,
        "VORDER_DATA_DIR": str(tmp_path),
        "VORDER_DEMO": "1",
    }

    def _run(*args, **extra):
        return subprocess.run(
            [sys.executable, "-m", "vorder", *args],
            capture_output=True,
            text=True,
            env={**env, **extra},
            timeout=60,
            check=False,
        )

    return _run


def test_tenants_users_keys_and_modules(run):
    p = run(
        "create-tenant", "noord", "--kind", "service-provider", "--name", "Incasso Noord", "--json"
    )
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout) == {
        "id": 1,
        "slug": "noord",
        "name": "Incasso Noord",
        "kind": "service_provider",
        "provider_id": None,
    }
    p = run("create-tenant", "bakker", "--kind", "creditor", "--provider", "noord", "--json")
    assert json.loads(p.stdout)["provider_id"] == 1
    p = run(
        "create-user",
        "Sanne@Example.nl",
        "--tenant",
        "noord",
        "--role",
        "admin",
        "--json",
        VORDER_NEW_PASSWORD="correct horse battery",
    )
    assert json.loads(p.stdout) == {
        "id": 1,
        "email": "sanne@example.nl",
        "tenant": "noord",
        "role": "admin",
    }
    p = run(
        "create-api-key",
        "--tenant",
        "bakker",
        "--name",
        "erp",
        "--role",
        "credit-manager",
        "--json",
    )
    key = json.loads(p.stdout)["key"]
    assert key.startswith("vk_") and len(key) > 40
    p = run("modules", "--tenant", "bakker", "--enable", "scoring", "--disable", "portal", "--json")
    states = {m["module"]: m["enabled"] for m in json.loads(p.stdout)}
    assert (states["scoring"], states["portal"], states["core"]) == (True, False, True)
    p = run("tenants", "--json")
    assert [t["slug"] for t in json.loads(p.stdout)] == ["noord", "bakker"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["create-tenant", "Bad Slug", "--kind", "creditor"], "is not a valid short name"),
        (["create-tenant", "x", "--kind", "bank"], "unknown organisation kind 'bank'"),
        (
            ["create-tenant", "x", "--kind", "creditor", "--provider", "nope"],
            "no organisation 'nope'",
        ),
        (["create-api-key", "--tenant", "nope", "--name", "k"], "no organisation 'nope'"),
        (["modules", "--tenant", "nope"], "no organisation 'nope'"),
    ],
)
def test_bad_input_is_one_line_with_exit_code_2_and_changes_nothing(run, args, message):
    p = run(*args)
    assert p.returncode == 2
    assert p.stdout == ""
    assert p.stderr.startswith("error: ") and message in p.stderr
    assert "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1
    assert json.loads(run("tenants", "--json").stdout) == []


def test_json_errors_are_json(run):
    p = run("create-tenant", "x", "--kind", "bank", "--json")
    assert p.returncode == 2
    assert json.loads(p.stderr) == {
        "error": "unknown organisation kind 'bank' (creditor, service-provider or partner)"
    }


def test_demo_load_is_idempotent(run):
    first = json.loads(run("demo", "load", "--json").stdout)
    second = json.loads(run("demo", "load", "--json").stdout)
    assert (first["organisations_created"], first["users_created"]) == (5, 4)
    assert (second["organisations_created"], second["users_created"]) == (0, 0)


def test_unmigrated_database_and_bad_config_are_clear(tmp_path):
    env = {**os.environ, "PYTHONPATH": SRC, "VORDER_DATABASE_URL": f"sqlite:///{tmp_path}/empty.db"}
    p = subprocess.run(
        [sys.executable, "-m", "vorder", "tenants"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert p.returncode == 1 and "run `vorder migrate`" in p.stderr and "Traceback" not in p.stderr
    env["VORDER_PORT"] = "eighty"
    p = subprocess.run(
        [sys.executable, "-m", "vorder", "tenants"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert p.returncode == 2 and p.stderr.startswith("error: VORDER_PORT:")
