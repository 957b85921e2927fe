"""REST router /api/law in a tiny app with a minimal DomainError → 422 handler."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient

from vorder.core.errors import DomainError
from vorder.core.law.tables import StatutoryRates
from vorder.web.api import law


@pytest.fixture()
def client(rates: StatutoryRates) -> TestClient:
    app = FastAPI()
    app.include_router(law.router)

    @app.exception_handler(DomainError)
    async def _domain_error(request: Request, exc: DomainError) -> JSONResponse:
        return JSONResponse({"error": exc.message, "field": exc.field}, status_code=422)

    app.dependency_overrides[law.get_rate_tables] = lambda: rates
    return TestClient(app)


def test_interest_e1(client: TestClient) -> None:
    response = client.post(
        "/api/law/interest",
        json={
            "principal": "1000.00",
            "kind": "consumer",
            "due": "2024-01-31",
            "until": "2024-12-31",
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["interest"] == "64.25"
    assert body["segments"] == [
        {
            "from": "2024-02-01",
            "to": "2024-12-31",
            "days": 335,
            "rate": "0.07",
            "base": "1000.00",
            "interest": "64.25",
        }
    ]
    assert body["provisional"] is False and body["missing"] is None


def test_interest_e9_received_and_payments(client: TestClient) -> None:
    response = client.post(
        "/api/law/interest",
        json={
            "principal": "1000.00",
            "kind": "commercial",
            "received": "2025-03-03",
            "until": "2025-07-31",
        },
    )
    assert response.json()["interest"] == "35.81"
    paid = client.post(
        "/api/law/interest",
        json={
            "principal": "1000.00",
            "kind": "consumer",
            "due": "2024-11-30",
            "until": "2025-01-31",
            "payments": [{"on": "2025-01-01", "amount": "500.00"}],
        },
    ).json()
    assert paid["payments"][0]["to_interest"] == "6.11"
    assert paid["principal_outstanding"] == "506.11"


@pytest.mark.parametrize(
    ("body", "error", "field"),
    [
        ({"principal": "-1.00"}, "must not be negative", "principal"),
        ({"until": "2023-01-01"}, "lies before the due date", "until"),
        ({"until": "2026-12-31"}, "known through 2026-06-30", "until"),
        ({"due": None}, "exactly one of due or received", "due"),
        ({"rate": "4"}, "between 0 and 1", "rate"),
    ],
)
def test_domain_errors_are_422(
    client: TestClient, body: dict[str, Any], error: str, field: str
) -> None:
    base = {"principal": "1000.00", "kind": "consumer", "due": "2024-01-31", "until": "2024-12-31"}
    response = client.post("/api/law/interest", json={**base, **body})
    assert response.status_code == 422
    assert error in response.json()["error"] and response.json()["field"] == field


def test_money_as_json_number_is_refused(client: TestClient) -> None:
    response = client.post("/api/law/costs", json={"principals": [1234.56]})
    assert response.status_code == 422


def test_costs_and_deadline(client: TestClient) -> None:
    assert client.post("/api/law/costs", json={"principals": ["1234.56"], "vat": True}).json() == {
        "costs": "185.18",
        "vat": "38.89",
        "total": "224.07",
        "principal": "1234.56",
        "basis": "art. 6:96 lid 6-7 BW; Besluit BIK art. 2",
    }
    b2b = client.post("/api/law/costs", json={"principals": ["100.00"], "b2b": True, "invoices": 3})
    assert b2b.json()["costs"] == "120.00"
    deadline = client.post("/api/law/deadline", json={"sent": "2025-12-23"}).json()
    assert (deadline["delivered"], deadline["last_day"], deadline["costs_due_from"]) == (
        "2025-12-27",
        "2026-01-12",
        "2026-01-13",
    )


def test_statement(client: TestClient) -> None:
    response = client.post(
        "/api/law/statement",
        json={
            "on": "2025-06-30",
            "kind": "consumer",
            "invoices": [
                {"number": "F1", "issued": "2025-01-01", "amount": "1000.00", "due": "2025-01-31"}
            ],
            "events": [
                {"type": "letter_sent", "on": "2025-02-03", "cost_amount": "150.00"},
                {"type": "costs_charged", "on": "2025-02-20"},
                {"type": "payment", "on": "2025-06-30", "amount": "400.00"},
            ],
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["principal"], body["total"]) == ("774.66", "774.66")
    assert [ln["amount"] for ln in body["lines"] if ln["kind"].startswith("payment_to")] == [
        "-150.00",
        "-24.66",
        "-225.34",
    ]


def test_openapi_declares_422_and_string_money(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in ("interest", "costs", "deadline", "statement"):
        operation = schema["paths"][f"/api/law/{path}"]["post"]
        assert "422" in operation["responses"]
        assert operation["tags"] == ["law"]
    principal = schema["components"]["schemas"]["InterestIn"]["properties"]["principal"]
    assert principal["type"] == "string"
