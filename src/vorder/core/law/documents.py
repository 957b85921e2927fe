"""JSON documents of the law engine: the claim file format in, result documents out.

Pure: works on already-decoded JSON values (``dict``/``list``/``str``), never on files. Money is
a decimal string with two decimals, dates ISO 8601, rates decimal fraction strings ("0.07").
Segment and period dates in documents are **inclusive** ("from" first day, "to" last day).
The claim file format is documented in ``docs/law.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from vorder.core.errors import DomainError
from vorder.core.law.costs import CollectionCosts
from vorder.core.law.events import (
    ClaimEvent,
    ClaimFacts,
    ClaimKind,
    ContractualRate,
    CostsCharged,
    Invoice,
    LetterSent,
    PaymentReceived,
)
from vorder.core.law.interest import InterestResult
from vorder.core.law.ledger import InterestSegment
from vorder.core.law.letter import Channel, LetterDeadline, TermStart
from vorder.core.law.settings import DEFAULT_SETTINGS, DayCount, InterestSettings
from vorder.core.law.statement import Statement
from vorder.core.money import format_amount, parse_amount
from vorder.core.periods import Period


class ClaimDocumentError(DomainError):
    """A claim document does not follow the documented format; ``field`` is the JSON path."""

    code = "invalid_claim_document"


def format_rate(rate: Decimal) -> str:
    """A rate as a decimal fraction string with at least two decimals ("0.07", "0.1215").

    Basis: the yearly rate of art. 6:119/6:119a/6:120 BW, written as a fraction.
    """
    text = format(rate.normalize(), "f")
    whole, _, fraction = text.partition(".")
    return f"{whole}.{fraction.ljust(2, '0')}"


def _period(period: Period | None) -> dict[str, str] | None:
    if period is None or period.is_empty:
        return None
    return {"from": period.start.isoformat(), "to": period.last.isoformat()}


def segment_document(segment: InterestSegment) -> dict[str, Any]:
    """One interest segment as a letter prints it (art. 6:119/6:119a BW), inclusive dates."""
    return {
        "from": segment.start.isoformat(),
        "to": segment.last.isoformat(),
        "days": segment.days,
        "rate": format_rate(segment.rate),
        "base": format_amount(segment.base),
        "interest": format_amount(segment.interest),
    }


def interest_document(result: InterestResult) -> dict[str, Any]:
    """The CLI/API document of an interest computation (art. 6:119/6:119a BW; docs/law.md)."""
    return {
        "interest": format_amount(result.interest),
        "segments": [segment_document(s) for s in result.segments],
        "principal": format_amount(result.principal),
        "period": _period(result.period),
        "principal_outstanding": format_amount(result.principal_outstanding),
        "interest_outstanding": format_amount(result.interest_outstanding),
        "total_outstanding": format_amount(result.total_outstanding),
        "payments": [
            {
                "on": p.on.isoformat(),
                "amount": format_amount(p.amount),
                "to_interest": format_amount(p.to_interest),
                "to_principal": format_amount(p.to_principal),
                "surplus": format_amount(p.surplus),
            }
            for p in result.payments
        ],
        "basis": result.basis,
        "provisional": result.provisional,
        "missing": _period(result.missing),
    }


def costs_document(costs: CollectionCosts) -> dict[str, Any]:
    """The document of collection costs (art. 6:96 BW, Besluit BIK)."""
    return {
        "costs": format_amount(costs.costs),
        "vat": format_amount(costs.vat),
        "total": format_amount(costs.total),
        "principal": format_amount(costs.principal),
        "basis": costs.basis,
    }


def deadline_document(deadline: LetterDeadline) -> dict[str, Any]:
    """The document of a 14-day letter's dates (art. 6:96 lid 6 BW)."""
    return {
        "sent": deadline.sent.isoformat(),
        "channel": deadline.channel.value,
        "delivered": deadline.delivered.isoformat(),
        "last_day": deadline.last_day.isoformat(),
        "costs_due_from": deadline.costs_due_from.isoformat(),
    }


def statement_document(statement: Statement) -> dict[str, Any]:
    """The document of a statement of account (docs/law.md); each line names its basis."""
    return {
        "on": statement.on.isoformat(),
        "kind": statement.kind.value,
        "principal": format_amount(statement.principal_outstanding),
        "interest": format_amount(statement.interest_outstanding),
        "costs": format_amount(statement.costs_outstanding),
        "total": format_amount(statement.total_outstanding),
        "paid": format_amount(statement.paid),
        "credit": format_amount(statement.credit),
        "provisional": statement.provisional,
        "missing": _period(statement.missing),
        "lines": [
            {
                "on": line.on.isoformat(),
                "kind": line.kind.value,
                "description": line.description,
                "amount": format_amount(line.amount),
                "basis": line.basis,
                "invoice": line.invoice,
            }
            for line in statement.lines
        ],
        "invoices": [
            {
                "number": b.number,
                "due": b.due.isoformat(),
                "principal": format_amount(b.principal),
                "principal_outstanding": format_amount(b.principal_outstanding),
                "interest": format_amount(b.interest),
                "interest_outstanding": format_amount(b.interest_outstanding),
                "segments": [segment_document(s) for s in b.segments],
            }
            for b in statement.invoices
        ],
        "letters": [
            {
                **deadline_document(s.deadline),
                "valid": s.valid,
                "problems": [p.value for p in s.problems],
                "covered": list(s.covered),
            }
            for s in statement.letters
        ],
    }


# --- reading a claim document -------------------------------------------------------------


def _get(obj: Mapping[str, Any], key: str, path: str, *, required: bool = True) -> Any:
    if key not in obj or obj[key] is None:
        if required:
            raise ClaimDocumentError(f"{path}.{key} is required", field=f"{path}.{key}")
        return None
    return obj[key]


def _date(value: Any, path: str) -> date:
    if not isinstance(value, str):
        raise ClaimDocumentError(f"{path} must be an ISO date string", field=path)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ClaimDocumentError(f"{path}: '{value}' is not an ISO date", field=path) from None


def _amount(value: Any, path: str) -> Decimal:
    if not isinstance(value, str):
        raise ClaimDocumentError(
            f'{path} must be a decimal string such as "1234.56" (not a JSON number)', field=path
        )
    return parse_amount(value, field=path)


def _rate(value: Any, path: str) -> Decimal:
    if not isinstance(value, str):
        raise ClaimDocumentError(f'{path} must be a decimal string such as "0.08"', field=path)
    try:
        return Decimal(value)
    except ArithmeticError:
        raise ClaimDocumentError(f"{path}: '{value}' is not a rate", field=path) from None


def _int(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ClaimDocumentError(f"{path} must be a whole number", field=path)
    return value


def _bool(obj: Mapping[str, Any], key: str, path: str, default: bool) -> bool:
    value = obj.get(key, default)
    if not isinstance(value, bool):
        raise ClaimDocumentError(f"{path}.{key} must be true or false", field=f"{path}.{key}")
    return value


def _choice(enum: Any, value: Any, path: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise ClaimDocumentError(f"{path} must be one of: {allowed}", field=path) from None


def _object(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ClaimDocumentError(f"{path} must be an object", field=path)
    return value


def _list(value: Any, path: str) -> Sequence[Any]:
    if not isinstance(value, list):
        raise ClaimDocumentError(f"{path} must be a list", field=path)
    return value


def _event(obj: Mapping[str, Any], path: str) -> ClaimEvent:
    kind = _get(obj, "type", path)
    on = _date(_get(obj, "on", path), f"{path}.on")
    if kind == "letter_sent":
        cost = _get(obj, "cost_amount", path, required=False)
        return LetterSent(
            on=on,
            channel=_choice(Channel, obj.get("channel", "post"), f"{path}.channel"),
            cost_amount=None if cost is None else _amount(cost, f"{path}.cost_amount"),
            term_days=_int(obj.get("term_days", 14), f"{path}.term_days"),
            term_starts=_choice(
                TermStart, obj.get("term_starts", "day_after_receipt"), f"{path}.term_starts"
            ),
            vat_uplift_stated=_bool(obj, "vat_uplift_stated", path, False),
        )
    if kind == "costs_charged":
        amount = _get(obj, "amount", path, required=False)
        return CostsCharged(
            on=on,
            amount=None if amount is None else _amount(amount, f"{path}.amount"),
            vat_uplift=_bool(obj, "vat_uplift", path, False),
        )
    if kind == "payment":
        designated = _list(obj.get("designated", []), f"{path}.designated")
        return PaymentReceived(
            on=on,
            amount=_amount(_get(obj, "amount", path), f"{path}.amount"),
            designated=tuple(str(n) for n in designated),
        )
    raise ClaimDocumentError(
        f"{path}.type must be letter_sent, costs_charged or payment", field=f"{path}.type"
    )


def _settings(obj: Mapping[str, Any] | None) -> InterestSettings:
    if obj is None:
        return DEFAULT_SETTINGS
    obj = _object(obj, "settings")
    return replace(
        DEFAULT_SETTINGS,
        day_count=_choice(DayCount, obj.get("day_count", "act365"), "settings.day_count"),
        include_last_day=_bool(obj, "include_last_day", "settings", True),
        provisional=_bool(obj, "provisional", "settings", False),
    )


def parse_claim_document(document: Any) -> ClaimFacts:
    """Typed :class:`ClaimFacts` from a decoded claim document (format: docs/law.md).

    Basis: the facts that art. 6:43, 6:44, 6:96 and 6:119/6:119a BW need; nothing is guessed:
    a missing or malformed field is a :class:`ClaimDocumentError` naming its JSON path.
    """
    doc = _object(document, "$")
    kind = _choice(ClaimKind, _get(doc, "kind", "$"), "$.kind")
    invoices = []
    for index, raw in enumerate(_list(_get(doc, "invoices", "$"), "$.invoices")):
        path = f"$.invoices[{index}]"
        item = _object(raw, path)
        invoices.append(
            Invoice(
                number=str(_get(item, "number", path)),
                issued=_date(_get(item, "issued", path), f"{path}.issued"),
                amount=_amount(_get(item, "amount", path), f"{path}.amount"),
                due=_date(_get(item, "due", path), f"{path}.due"),
            )
        )
    events = [
        _event(_object(raw, f"$.events[{i}]"), f"$.events[{i}]")
        for i, raw in enumerate(_list(doc.get("events", []), "$.events"))
    ]
    contractual = doc.get("contractual_rate")
    rate = None
    if contractual is not None:
        contractual = _object(contractual, "$.contractual_rate")
        rate = ContractualRate(
            rate=_rate(_get(contractual, "rate", "$.contractual_rate"), "$.contractual_rate.rate"),
            compound=_bool(contractual, "compound", "$.contractual_rate", False),
        )
    return ClaimFacts(
        kind=kind,
        invoices=tuple(invoices),
        events=tuple(events),
        contractual_rate=rate,
        settings=_settings(doc.get("settings")),
        interest_on_costs=_bool(doc, "interest_on_costs", "$", False),
        reference=str(doc.get("reference", "")),
    )
