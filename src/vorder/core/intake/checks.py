"""Checks on a whole document (shared by the CSV and the e-invoice intake)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from vorder.core.intake.records import Severity
from vorder.core.money import ZERO


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem with a document: which part (``target``), its code and parameters."""

    target: str  # "due_date", "total", "vat", "amount_due"
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity = Severity.ERROR


def check_document(
    *,
    issue_date: date,
    due_date: date | None,
    total: Decimal,
    vat: Decimal | None,
    amount_due: Decimal | None = None,
) -> list[Finding]:
    """Due date not before issue date; total not negative (0.00 is a warning); VAT neither
    negative nor more than the total; the amount due not more than the total."""
    found: list[Finding] = []
    if due_date is not None and due_date < issue_date:
        found.append(
            Finding("due_date", "due_before_issue", {"due": due_date, "issue": issue_date})
        )
    if total < ZERO:
        found.append(Finding("total", "negative_total", {"value": total}))
    elif total == ZERO:
        found.append(Finding("total", "zero_total", {}, Severity.WARNING))
    if vat is not None:
        if vat < ZERO:
            found.append(Finding("vat", "negative_vat", {"value": vat}))
        elif total >= ZERO and vat > total:
            found.append(Finding("vat", "vat_exceeds_total", {"vat": vat, "total": total}))
    if amount_due is not None and amount_due < ZERO:
        found.append(Finding("amount_due", "negative_total", {"value": amount_due}))
    elif amount_due is not None and total >= ZERO and amount_due > total:
        found.append(
            Finding("amount_due", "amount_due_exceeds_total", {"due": amount_due, "total": total})
        )
    return found
