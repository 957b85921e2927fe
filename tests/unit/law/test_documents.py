"""The claim file format (docs/law.md) in, result documents out: strings for money."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from vorder.core.law.documents import (
    ClaimDocumentError,
    format_rate,
    parse_claim_document,
    statement_document,
)
from vorder.core.law.events import ClaimKind, CostsCharged, LetterSent, PaymentReceived
from vorder.core.law.settings import DayCount
from vorder.core.law.statement import statement_of_account
from vorder.core.law.tables import StatutoryRates
from vorder.core.money import InvalidAmount

DOC: dict[str, Any] = {
    "kind": "consumer",
    "reference": "D-2025-001",
    "invoices": [
        {"number": "F1", "issued": "2025-01-01", "amount": "1000.00", "due": "2025-01-31"}
    ],
    "events": [
        {"type": "letter_sent", "on": "2025-02-03", "channel": "post", "cost_amount": "150.00"},
        {"type": "costs_charged", "on": "2025-02-20"},
        {"type": "payment", "on": "2025-06-30", "amount": "400.00"},
    ],
    "settings": {"day_count": "act365"},
}


def test_parse_claim_document() -> None:
    facts = parse_claim_document(DOC)
    assert facts.kind is ClaimKind.CONSUMER and facts.reference == "D-2025-001"
    assert facts.invoices[0].amount == Decimal("1000.00")
    assert facts.events == (
        LetterSent(date(2025, 2, 3), cost_amount=Decimal("150.00")),
        CostsCharged(date(2025, 2, 20)),
        PaymentReceived(date(2025, 6, 30), Decimal("400.00")),
    )
    assert facts.settings.day_count is DayCount.ACT_365


def test_statement_document_money_is_strings(rates: StatutoryRates) -> None:
    doc = statement_document(
        statement_of_account(parse_claim_document(DOC), on=date(2025, 6, 30), rates=rates)
    )
    assert (doc["principal"], doc["interest"], doc["costs"], doc["total"]) == (
        "774.66",
        "0.00",
        "0.00",
        "774.66",
    )
    assert doc["invoices"][0]["segments"] == [
        {
            "from": "2025-02-01",
            "to": "2025-06-30",
            "days": 150,
            "rate": "0.06",
            "base": "1000.00",
            "interest": "24.66",
        },
    ]
    assert doc["letters"][0]["valid"] is True and doc["letters"][0]["problems"] == []


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"kind": "retail"}, "$.kind"),
        ({"invoices": "F1"}, "$.invoices"),
        (
            {
                "invoices": [
                    {"number": "F1", "issued": "2025-01-01", "amount": 1000, "due": "2025-01-31"}
                ]
            },
            "$.invoices[0].amount",
        ),
        (
            {
                "invoices": [
                    {"number": "F1", "issued": "01-01-2025", "amount": "1.00", "due": "2025-01-31"}
                ]
            },
            "$.invoices[0].issued",
        ),
        ({"events": [{"type": "refund", "on": "2025-02-01"}]}, "$.events[0].type"),
        ({"events": [{"type": "payment", "on": "2025-02-01"}]}, "$.events[0].amount"),
        (
            {"events": [{"type": "letter_sent", "on": "2025-02-01", "term_days": "14"}]},
            "$.events[0].term_days",
        ),
        ({"settings": {"day_count": "30/360"}}, "settings.day_count"),
        ({"contractual_rate": {"rate": 0.08}}, "$.contractual_rate.rate"),
    ],
)
def test_document_errors_name_the_json_path(patch: dict[str, Any], field: str) -> None:
    with pytest.raises(ClaimDocumentError) as exc:
        parse_claim_document({**DOC, **patch})
    assert exc.value.field == field


def test_amount_with_three_decimals_is_refused() -> None:
    bad = {**DOC, "events": [{"type": "payment", "on": "2025-02-01", "amount": "1.005"}]}
    with pytest.raises(InvalidAmount):
        parse_claim_document(bad)


@pytest.mark.parametrize(
    ("rate", "text"),
    [("0.07", "0.07"), ("0.1200", "0.12"), ("0.1215", "0.1215"), ("0.1", "0.10"), ("0", "0.00")],
)
def test_format_rate(rate: str, text: str) -> None:
    assert format_rate(Decimal(rate)) == text
