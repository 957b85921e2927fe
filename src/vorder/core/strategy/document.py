"""Strategy documents: parse and validate a plain dict (from YAML or JSON), export it back.

The caller loads the file; the core gets a dict or a string. :func:`validate_strategy` reports
*every* problem with its path (``phases[1].steps[2].trigger.days: must be >= 0``): first all
structural problems; when the structure is sound, the cross-field checks of
:mod:`vorder.core.strategy.checks`. :func:`parse_strategy` raises :class:`StrategyInvalid`
carrying those problems. :func:`strategy_to_dict` is the inverse: ``parse_strategy(
strategy_to_dict(s)) == s``, and for a document in canonical form (defaults left out)
``strategy_to_dict(parse_strategy(d)) == d``.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from vorder.core.errors import DomainError
from vorder.core.strategy._doc import (
    INVALID,
    Problem,
    export_document,
    parse_document,
    schema_for,
)
from vorder.core.strategy.assignment import AssignmentRules, check_assignment
from vorder.core.strategy.checks import check_strategy
from vorder.core.strategy.model import Strategy

SCHEMA_ID = "https://vorder.nl/schema/strategy.schema.json"


class StrategyInvalid(DomainError):
    """A strategy (or assignment) document has problems; ``problems`` lists each with its path."""

    code = "strategy_invalid"

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        shown = "; ".join(str(p) for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"invalid strategy: {shown}{more}", field=problems[0].path or None)
        self.problems = problems


def _parse(data: object) -> tuple[Strategy | None, tuple[Problem, ...]]:
    problems: list[Problem] = []
    parsed = parse_document(Strategy, data, problems)
    if parsed is INVALID:
        return None, tuple(problems)
    strategy: Strategy = parsed
    return strategy, check_strategy(strategy)


def validate_strategy(data: object) -> tuple[Problem, ...]:
    """Every problem of a strategy document; empty when it is valid."""
    return _parse(data)[1]


def parse_strategy(data: object) -> Strategy:
    """A valid strategy document → :class:`Strategy`; raises :class:`StrategyInvalid`."""
    strategy, problems = _parse(data)
    if problems or strategy is None:
        raise StrategyInvalid(problems)
    return strategy


def load_text(text: str) -> object:
    """YAML or JSON text → plain data (``yaml.safe_load``; JSON is read as JSON).

    Raises :class:`StrategyInvalid` when the text is not well-formed.
    """
    try:
        if text.lstrip().startswith("{"):
            return json.loads(text)
        return yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise StrategyInvalid((Problem("", f"not valid YAML or JSON: {exc}"),)) from None


def parse_strategy_text(text: str) -> Strategy:
    """A strategy as YAML or JSON text → :class:`Strategy`; raises :class:`StrategyInvalid`."""
    return parse_strategy(load_text(text))


def strategy_to_dict(strategy: Strategy) -> dict[str, Any]:
    """The canonical plain-dict form of a strategy (defaults left out)."""
    return export_document(strategy)


def _parse_assignment(data: object) -> tuple[AssignmentRules | None, tuple[Problem, ...]]:
    problems: list[Problem] = []
    parsed = parse_document(AssignmentRules, data, problems)
    if parsed is INVALID:
        return None, tuple(problems)
    rules: AssignmentRules = parsed
    return rules, check_assignment(rules)


def validate_assignment(data: object) -> tuple[Problem, ...]:
    """Every problem of an assignment-rules document; empty when it is valid."""
    return _parse_assignment(data)[1]


def parse_assignment(data: object) -> AssignmentRules:
    """A valid assignment-rules document → :class:`AssignmentRules`."""
    rules, problems = _parse_assignment(data)
    if problems or rules is None:
        raise StrategyInvalid(problems)
    return rules


def assignment_to_dict(rules: AssignmentRules) -> dict[str, Any]:
    return export_document(rules)


def strategy_schema() -> dict[str, Any]:
    """The published JSON Schema (draft 2020-12) of a strategy document.

    The root describes a strategy; ``#/$defs/AssignmentRules`` describes assignment rules.
    Generated from the model; committed as ``schema.json`` (a test keeps it current).
    """
    body = schema_for(Strategy, extra_roots=(AssignmentRules,))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Vorder strategy",
        **body,
    }


def schema_text() -> str:
    """``schema.json``'s exact text: the schema as indented JSON with a final newline."""
    return json.dumps(strategy_schema(), indent=2, ensure_ascii=False) + "\n"
