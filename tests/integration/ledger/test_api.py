"""The ledger's REST API end to end, on SQLite and PostgreSQL: the law-nl.md allocation example
through the statement endpoint, Idempotency-Key replays, imports, money as strings, 404 across
organisations."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.integration.ledger.conftest import Ledger
from tests.integration.web.conftest import Org, bearer, make_org
from vorder.adapters import lawdata
from vorder.app.records import Actor
from vorder.core.access import Role
from vorder.web.app import create_app

DEBTOR = {
    "name": "Jan de Vries",
    "kind": "consumer",
    "street": "Kerkstraat",
    "house_number": "12",
    "postcode": "3512ab",
    "city": "Utrecht",
    "emails": ["jan@example.nl"],
    "phones": ["06 12345678"],
    "ibans": ["NL91 ABNA 0417 1643 00"],
}


class Api:
    def __init__(self, client: TestClient, org: Org) -> None:
        self.client = client
        self.org = org
        self.headers = bearer(org.owner_key)

    def post(self, url: str, body: dict, key: str | None = None):
        headers = dict(self.headers)
        if key:
            headers["Idempotency-Key"] = key
        return self.client.post(url, json=body, headers=headers)

    def get(self, url: str, **params: object):
        return self.client.get(url, params=params, headers=self.headers)


@pytest.fixture
def api(container) -> Iterator[tuple[Api, Api, Ledger]]:
    alpha, beta = make_org(container, "alpha"), make_org(container, "beta")
    with TestClient(create_app(container)) as client:
        books = Ledger(
            container,
            Actor("user", 1, "t", alpha.tenant_id, Role.OWNER),
            lawdata.cached_rate_tables(lawdata.DEFAULT_DATA_DIR),
        )
        yield Api(client, alpha), Api(client, beta), books


def _claim_with_letter_and_costs(a: Api) -> tuple[int, int]:
    r = a.post("/api/debtors", DEBTOR)
    assert r.status_code == 201, r.text
    debtor = r.json()
    assert (debtor["address"]["postcode"], debtor["phones"], debtor["bank_accounts"][0]["bic"]) == (
        "3512 AB",
        ["+31612345678"],
        "ABNANL2A",
    )
    r = a.post(
        "/api/invoices",
        {
            "debtor_id": debtor["id"],
            "number": "F-2025-001",
            "issue_date": "2025-01-01",
            "due_date": "2025-01-31",
            "total": "1000.00",
        },
    )
    assert r.status_code == 201, r.text
    invoice = r.json()
    assert (invoice["total"], invoice["outstanding"], invoice["debtor"]) == (
        "1000.00",
        "1000.00",
        "Jan de Vries",
    )
    claim_id = invoice["claim_id"]
    r = a.post(f"/api/claims/{claim_id}/letters", {"sent_on": "2025-02-05", "channel": "email"})
    assert (r.status_code, r.json()["cost_amount"]) == (201, "150.00"), r.text
    r = a.post(f"/api/claims/{claim_id}/costs", {"on": "2025-02-20"})
    assert (r.status_code, r.json()["costs"], r.json()["outstanding"]) == (200, "150.00", "1150.00")
    return claim_id, debtor["id"]


def test_statement_endpoint_matches_the_law_nl_allocation_example(api):
    a, _, _ = api
    claim_id, _ = _claim_with_letter_and_costs(a)
    r = a.post("/api/payments", {"amount": "400.00", "paid_on": "2025-06-30", "claim_id": claim_id})
    assert r.status_code == 201, r.text
    payment = r.json()
    assert [(x["costs"], x["interest"], x["principal"]) for x in payment["allocations"]] == [
        ("150.00", "0.00", "0.00"),
        ("0.00", "24.66", "225.34"),
    ]
    r = a.get(f"/api/claims/{claim_id}/statement", on="2025-06-30")
    assert r.status_code == 200, r.text
    s = r.json()
    assert (s["principal_outstanding"], s["interest_outstanding"], s["costs_outstanding"]) == (
        "774.66",
        "0.00",
        "0.00",
    )
    assert (s["paid"], s["total_outstanding"], s["provisional"]) == ("400.00", "774.66", False)
    paid = [
        (ln["kind"], ln["amount"], ln["basis"]) for ln in s["lines"] if ln["on"] == "2025-06-30"
    ]
    assert [(k, amount) for k, amount, _ in paid] == [
        ("interest", "24.66"),
        ("payment", "-400.00"),
        ("payment_to_costs", "-150.00"),
        ("payment_to_interest", "-24.66"),
        ("payment_to_principal", "-225.34"),
    ]
    assert paid[0][2] == "art. 6:119 BW"
    segments = s["invoices"][0]["segments"]
    assert [(g["start"], g["last"], g["days"], g["rate"], g["interest"]) for g in segments] == [
        ("2025-02-01", "2025-06-30", 150, "0.06", "24.66")
    ]
    timeline = a.get(f"/api/claims/{claim_id}/timeline").json()
    assert [e["type"] for e in timeline][:2] == ["PaymentAllocated", "CollectionCostsCharged"]
    claim = a.get(f"/api/claims/{claim_id}").json()
    assert (claim["paid"], claim["outstanding"], claim["invoice_count"]) == ("400.00", "774.66", 1)


def test_a_repeated_post_with_the_same_key_is_replayed_and_nothing_is_done_twice(api):
    a, _, books = api
    claim_id, _ = _claim_with_letter_and_costs(a)
    body = {"amount": "100.00", "paid_on": "2025-06-30", "claim_id": claim_id}
    first = a.post("/api/payments", body, key="pay-0001")
    after_first = books.counts()
    again = a.post("/api/payments", body, key="pay-0001")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    other = a.post("/api/payments", {**body, "amount": "100.01"}, key="pay-0001")
    assert (other.status_code, other.json()["code"]) == (409, "idempotency_key_reused")
    assert books.counts() == after_first
    listed = a.get("/api/payments", claim_id=claim_id).json()
    assert [p["amount"] for p in listed["items"]] == ["100.00"]


def test_ids_of_another_organisation_are_not_found_and_nothing_changes(api):
    a, b, books = api
    claim_id, debtor_id = _claim_with_letter_and_costs(a)
    before = books.counts()
    for url in (
        f"/api/claims/{claim_id}",
        f"/api/claims/{claim_id}/statement",
        f"/api/claims/{claim_id}/timeline",
        f"/api/debtors/{debtor_id}",
    ):
        r = b.get(url)
        assert (r.status_code, r.json()["code"]) == (404, "not_found"), url
    r = b.post("/api/payments", {"amount": "1.00", "paid_on": "2025-06-30", "claim_id": claim_id})
    assert r.status_code == 404
    r = b.post(f"/api/claims/{claim_id}/costs", {"on": "2025-03-01"})
    assert r.status_code == 404
    assert books.counts() == before
    assert b.get("/api/claims").json() == {"items": [], "next_offset": None}


def test_invalid_debtor_lists_every_field_and_writes_nothing(api):
    a, _, books = api
    before = books.counts()
    r = a.post("/api/debtors", {**DEBTOR, "postcode": "99", "emails": ["jan@", "x@y"]})
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "invalid_debtor"
    assert [(e["field"], e["code"]) for e in body["errors"]] == [
        ("postcode", "invalid_postcode"),
        ("emails[0]", "invalid_email"),
        ("emails[1]", "invalid_email"),
    ]
    assert books.counts() == before


def test_import_endpoint_rejects_a_bad_file_whole_and_takes_part_with_partial(api):
    a, _, books = api
    csv = (
        b"factuurnummer;factuurdatum;vervaldatum;totaal;naam;postcode;huisnummer;plaats;straat\n"
        b"A-1;2025-03-01;2025-03-31;121,00;Imke Smit;1234 AB;7;Delft;Markt\n"
        b"A-2;2025-03-01;2025-02-28;50,00;Imke Smit;1234 AB;7;Delft;Markt\n"
    )
    before = books.counts()

    def upload(partial: bool):
        return a.client.post(
            "/api/imports",
            files={"file": ("facturen.csv", csv, "text/csv")},
            data={"partial": "true" if partial else "false"},
            headers=a.headers,
        )

    r = upload(False)
    assert r.status_code == 422, r.text
    report = r.json()
    assert (report["status"], report["code"], report["id"]) == ("rejected", "import_rejected", None)
    assert [(e["line"], e["field"], e["code"]) for e in report["errors"]] == [
        (3, "vervaldatum", "due_before_issue")
    ]
    assert report["errors"][0]["message"] == report["errors"][0]["message_nl"]
    assert books.counts() == before
    r = upload(True)
    assert r.status_code == 201, r.text
    assert (r.json()["status"], r.json()["invoices_created"], r.json()["rejected_rows"]) == (
        "partial",
        1,
        1,
    )
    again = upload(True)
    assert (again.status_code, again.json()["status"]) == (200, "duplicate")
    assert a.get("/api/invoices", q="A-1").json()["items"][0]["total"] == "121.00"


def test_lists_page_and_sort(api):
    a, _, _ = api
    r = a.post("/api/debtors", DEBTOR)
    debtor_id = r.json()["id"]
    for n, total in (("N-1", "10.00"), ("N-2", "30.00"), ("N-3", "20.00")):
        body = {
            "debtor_id": debtor_id,
            "number": n,
            "issue_date": "2025-01-01",
            "due_date": "2025-01-31",
            "total": total,
        }
        assert a.post("/api/invoices", body).status_code == 201
    first = a.get("/api/invoices", sort="-outstanding", limit=2).json()
    assert [i["number"] for i in first["items"]] == ["N-2", "N-3"]
    assert first["next_offset"] == 2
    rest = a.get("/api/invoices", sort="-outstanding", limit=2, offset=2).json()
    assert ([i["number"] for i in rest["items"]], rest["next_offset"]) == (["N-1"], None)
    assert a.get("/api/invoices", limit=501).status_code == 422
    found = a.get("/api/debtors", q="NL91ABNA0417164300").json()["items"]
    assert [d["id"] for d in found] == [debtor_id]
