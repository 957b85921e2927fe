"""The strategies and claim-action endpoints: decimal strings, declared 4xx, permissions,
idempotent POSTs, and a dry run that writes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from tests.integration.web.conftest import app, bearer, client, make_org  # noqa: F401
from vorder.adapters.db import tables as t
from vorder.adapters.messages import collection_services
from vorder.app.ledger.debtors import DebtorFields, create_debtor
from vorder.app.ledger.invoices import InvoiceInput, register_invoice
from vorder.app.records import Actor
from vorder.core.access import Role


@pytest.fixture
def org(container):
    return make_org(container, "alpha")


def _claim(container, org) -> int:
    actor = Actor("user", 1, "test", org.tenant_id, Role.OWNER)
    now = container.clock.now()
    debtor = create_debtor(
        container.uow,
        actor=actor,
        details=DebtorFields(
            name="Jan de Vries",
            kind="consumer",
            emails=("jan@example.nl",),
            street="Kerkstraat",
            house_number="1",
            postcode="3512 AB",
            city="Utrecht",
        ),
        now=now,
    ).id
    entry = InvoiceInput(
        debtor_id=debtor,
        number="F-1",
        issue_date=date(2026, 11, 1),
        due_date=date(2026, 11, 15),
        total=Decimal("250.00"),
    )
    rates = collection_services(container.settings.data_dir).rates
    return register_invoice(container.uow, actor=actor, entry=entry, rates=rates, now=now).claim.id


def _count(container, model) -> int:
    with container.uow(system=True) as uow:
        return uow.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_strategies_publish_export_validate_and_rules(client, org):
    h = bearer(org.owner_key)
    assert client.get("/api/strategies", headers=h).json() == []
    r = client.post("/api/strategies/install-defaults", headers=h)
    assert [s["name"] for s in r.json()] == [
        "business-firm",
        "consumer-friendly",
        "straight-to-partner",
    ]
    doc = client.get("/api/strategies/consumer-friendly", headers=h).json()
    assert (doc["version"], doc["source"], doc["document"]["name"]) == (
        1,
        "default",
        "consumer-friendly",
    )
    text = client.get("/api/strategies/consumer-friendly/export", headers=h)
    assert text.headers["content-type"].startswith("application/yaml")
    r = client.post("/api/strategies", headers=h, json={"text": text.text})
    assert (r.status_code, r.json()["created"], r.json()["version"]) == (200, False, 1)
    changed = text.text.replace("days: 21", "days: 28")
    r = client.post("/api/strategies", headers=h, json={"text": changed})
    assert (r.status_code, r.json()["version"]) == (201, 2)
    r = client.post("/api/strategies", headers=h, json={"document": {"name": "x"}})
    assert r.status_code == 422 and r.json()["code"] == "strategy_invalid"
    r = client.post("/api/strategies/validate", headers=h, json={"document": {"name": "x"}})
    assert r.json()["valid"] is False
    assert [p["path"] for p in r.json()["problems"]] == ["version", "title", "phases"]
    r = client.put("/api/strategies/assignment", headers=h, json={"rules": {"default": "nergens"}})
    assert (r.status_code, r.json()["code"]) == (422, "unknown_strategy_in_rules")
    r = client.put(
        "/api/strategies/assignment", headers=h, json={"rules": {"default": "straight-to-partner"}}
    )
    assert r.json() == {"version": 2, "rules": {"default": "straight-to-partner"}}
    assert client.get("/api/strategies/nergens", headers=h).status_code == 404
    assert client.get("/api/strategies/schema", headers=h).json()["title"] == "Vorder strategy"


def test_a_viewer_cannot_publish(client, org):
    r = client.post("/api/strategies/install-defaults", headers=bearer(org.viewer_key))
    assert r.status_code == 403
    assert client.get("/api/strategies", headers=bearer(org.owner_key)).json() == []


def test_dry_run_writes_nothing(client, container, org):
    claim = _claim(container, org)
    events, outbox = _count(container, t.EventRow), _count(container, t.OutboxRow)
    r = client.post("/api/strategies/dry-run", headers=bearer(org.owner_key), json={})
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["claims"], body["total_actions"], body["messages_after_grouping"]) == (1, 1, 1)
    assert body["counts"] == [{"action": "send_message", "channel": "email", "count": 1}]
    assert [(a["claim_id"], a["step_id"]) for a in body["actions"]] == [
        (claim, "herinnering-email")
    ]
    r = client.post(
        "/api/strategies/dry-run", headers=bearer(org.owner_key), json={"strategy": "business-firm"}
    )
    # a what-if: the B2B costs step does not apply to a consumer; its reminder does
    assert [a["step_id"] for a in r.json()["actions"]] == ["herinnering"]
    assert (_count(container, t.EventRow), _count(container, t.OutboxRow)) == (events, outbox)


def test_claim_actions_permissions_and_idempotency(client, container, org):
    claim = _claim(container, org)
    owner, viewer = bearer(org.owner_key), bearer(org.viewer_key)
    r = client.post(f"/api/claims/{claim}/dispute", headers=viewer, json={"reason": "klopt niet"})
    assert r.status_code == 403
    assert client.get(f"/api/claims/{claim}/collection", headers=owner).json() is None
    keyed = {**owner, "Idempotency-Key": "pauze-1"}
    body = {"reason": "belt terug", "until": "2027-01-04"}
    first = client.post(f"/api/claims/{claim}/pause", headers=keyed, json=body)
    again = client.post(f"/api/claims/{claim}/pause", headers=keyed, json=body)
    assert first.status_code == again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true"
    assert first.json()["status"] == "paused" and first.json()["paused_until"] == "2027-01-04"
    with container.uow(system=True) as uow:
        paused = uow.session.scalars(
            sa.select(t.EventRow.type).where(t.EventRow.type == "ClaimPaused")
        )
        assert list(paused) == ["ClaimPaused"]
    r = client.post(f"/api/claims/{claim}/dispute/resolve", headers=owner, json={})
    assert (r.status_code, r.json()["code"]) == (409, "not_disputed")
    r = client.post(f"/api/claims/{claim}/resume", headers=owner, json={})
    assert r.json()["status"] == "open"
    r = client.post(f"/api/claims/{claim}/phase", headers=owner, json={"phase": "amicable"})
    assert (r.json()["phase"], r.json()["next_step_id"]) == ("amicable", "veertiendagenbrief")
    r = client.post(
        f"/api/claims/{claim}/promise", headers=owner, json={"promise_date": "2020-01-01"}
    )
    assert (r.status_code, r.json()["field"]) == (422, "promise_date")
    assert client.get(f"/api/claims/{claim}/messages", headers=owner).json() == []
    assert client.post("/api/claims/999/resume", headers=owner, json={}).status_code == 404
