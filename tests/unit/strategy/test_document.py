"""Strategy documents: canonical round-trip, the published schema, and exact error paths."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from jsonschema import Draft202012Validator

from tests.unit.strategy.gen import strategies
from tests.unit.strategy.notation import DEFAULTS
from vorder.core.strategy import (
    Strategy,
    StrategyInvalid,
    parse_strategy,
    parse_strategy_text,
    schema_text,
    strategy_schema,
    strategy_to_dict,
    validate_strategy,
)

SCHEMA_FILE = Path(DEFAULTS).parent / "schema.json"
VALIDATOR = Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
SHIPPED = sorted(DEFAULTS.glob("*.yaml"))


def test_schema_file_is_current() -> None:
    # Regenerate: PYTHONPATH=src python -c "from vorder.core.strategy import schema_text;
    #   print(schema_text(), end='')" > src/vorder/core/strategy/schema.json
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()
    Draft202012Validator.check_schema(strategy_schema())
    assert strategy_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_strategies_are_canonical_and_schema_valid(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert validate_strategy(data) == ()
    assert list(VALIDATOR.iter_errors(data)) == []
    strategy = parse_strategy(data)
    assert strategy_to_dict(strategy) == data
    assert data["name"] == path.stem and strategy.version == 1
    assert strategy.title.nl and strategy.title.en


@settings(max_examples=75, deadline=None)
@given(strategies())
def test_round_trip(strategy: Strategy) -> None:
    data = strategy_to_dict(strategy)
    assert parse_strategy(data) == strategy
    assert strategy_to_dict(parse_strategy(data)) == data
    assert parse_strategy_text(json.dumps(data)) == strategy
    assert parse_strategy_text(yaml.safe_dump(data, allow_unicode=True)) == strategy
    assert list(VALIDATOR.iter_errors(data)) == []


def base() -> dict[str, Any]:
    return {
        "name": "test",
        "version": 1,
        "title": {"nl": "Test", "en": "Test"},
        "phases": [
            {
                "phase": "in_house",
                "steps": [
                    {
                        "id": "a",
                        "trigger": {"type": "due_date", "days": 3, "relative": "before"},
                        "action": {
                            "type": "send_message",
                            "channel": "email",
                            "template": "herinnering",
                            "tone": "friendly",
                        },
                    }
                ],
            },
            {
                "phase": "amicable",
                "steps": [
                    {
                        "id": "b",
                        "trigger": {"type": "previous_step", "days": 7},
                        "action": {"type": "send_14_day_letter"},
                    },
                    {
                        "id": "c",
                        "trigger": {"type": "letter_term"},
                        "action": {"type": "charge_collection_costs"},
                    },
                    {
                        "id": "d",
                        "trigger": {"type": "previous_step", "days": 0},
                        "action": {"type": "hand_over_to_partner", "partner": "incassopartner"},
                    },
                ],
            },
        ],
    }


def test_the_base_document_is_valid() -> None:
    assert validate_strategy(base()) == ()
    assert strategy_to_dict(parse_strategy(base())) == base()


def test_every_structural_problem_is_reported_with_its_path() -> None:
    doc = base()
    doc["name"] = "Bad Name"
    doc["version"] = 0
    del doc["title"]["en"]
    doc["send_time"] = 930  # what YAML makes of an unquoted 15:30
    doc["colour"] = "red"
    doc["phases"][0]["phase"] = "inhouse"
    step = doc["phases"][0]["steps"][0]
    step["trigger"]["count"] = "working"
    step["action"]["tone"] = "angry"
    step["conditions"] = {"amount": {"min": 250.5}, "segment": [], "language": ["NL"]}
    step["same_day"] = "yes"
    amicable = doc["phases"][1]["steps"]
    del amicable[0]["action"]["type"]
    amicable[1]["routes"] = None
    amicable[2]["trigger"] = {"type": "previous_step", "days": -1}
    amicable[2]["action"]["partner"] = ""
    assert [str(p) for p in validate_strategy(doc)] == [
        "colour: is not a known field",
        "name: must start with a-z and contain only a-z, 0-9, '-' and '_'",
        "version: must be >= 1",
        "title.en: is required",
        'send_time: must be a time "HH:MM" (quoted in YAML)',
        "phases[0].phase: must be one of: in_house, amicable, judicial, execution, monitoring",
        "phases[0].steps[0].trigger.count: must be one of: calendar, business",
        'phases[0].steps[0].conditions.amount.min: must be an amount as text, such as "250.00"',
        "phases[0].steps[0].conditions.segment: must have at least 1 item(s)",
        "phases[0].steps[0].conditions.language[0]: must be like nl or en",
        "phases[0].steps[0].action.tone: must be one of: friendly, neutral, firm",
        "phases[0].steps[0].same_day: must be true or false",
        "phases[1].steps[0].action.type: is required",
        "phases[1].steps[1].routes: must not be null (leave the field out)",
        "phases[1].steps[2].trigger.days: must be >= 0",
        "phases[1].steps[2].action.partner: must not be empty",
    ]
    with pytest.raises(StrategyInvalid) as err:
        parse_strategy(doc)
    assert len(err.value.problems) == 16
    assert err.value.field == "colour"
    assert err.value.message.endswith("(and 11 more)")


def test_every_cross_field_problem_is_reported_with_its_path() -> None:
    doc = base()
    doc["phases"].reverse()  # amicable before in_house
    doc["phases"][1]["steps"][0]["id"] = "b"  # used twice
    amicable = doc["phases"][0]["steps"]
    amicable[0]["trigger"] = {"type": "due_date", "days": 0}  # letter on the due date
    amicable[0]["combine"] = False
    amicable[2]["routes"] = [{"when": {"debtor_kind": "business"}, "goto": "in_house"}]
    amicable[2]["conditions"] = {"amount": {"min": "500.00", "max": "100.00"}, "age_days": {}}
    doc["event_handling"] = {"instalment_missed": {"goto": "judicial"}}
    assert [str(p) for p in validate_strategy(doc)] == [
        "phases[1].phase: phases must follow the order in_house → amicable → judicial → "
        "execution → monitoring",
        "event_handling.instalment_missed.goto: judicial is not a phase of this strategy",
        "phases[0].steps[0].trigger: a 14-day letter is sent only after the due date, when the "
        "debtor is in default (art. 6:96 lid 6 BW)",
        "phases[0].steps[0].combine: a 14-day letter always covers all claims that can be "
        "dunned together (art. 6:96 lid 7 BW)",
        "phases[0].steps[2].conditions.amount.max: must be >= min",
        "phases[0].steps[2].conditions.age_days: give min, max or both",
        "phases[0].steps[2].routes[0].goto: must be a phase after amicable",
        "phases[1].steps[0].id: 'b' is already used at phases[0].steps[0]",
    ]


def test_costs_for_consumers_need_an_earlier_letter() -> None:
    doc = base()
    steps = doc["phases"][1]["steps"]
    steps[0], steps[1] = steps[1], steps[0]
    assert [str(p) for p in validate_strategy(doc)] == [
        "phases[1].steps[0].trigger: letter_term needs an earlier send_14_day_letter step",
        "phases[1].steps[0].action: collection costs for consumers need an earlier "
        "send_14_day_letter step (art. 6:96 lid 6 BW); add one or set conditions.debtor_kind "
        "to business",
    ]
    steps[0]["trigger"] = {"type": "due_date", "days": 1}
    steps[0]["conditions"] = {"debtor_kind": "business"}
    assert validate_strategy(doc) == ()


SINGLE_FAULTS = [
    (("version",), "1", "version: must be a whole number"),
    (("phases",), [], "phases: must have at least 1 item(s)"),
    (
        ("phases", 0, "steps", 0, "trigger", "type"),
        "weekly",
        "phases[0].steps[0].trigger.type: must be one of: due_date, previous_step, event, "
        "letter_term",
    ),
    (
        ("phases", 0, "steps", 0, "action", "channel"),
        "fax",
        "phases[0].steps[0].action.channel: must be one of: post, email, sms",
    ),
    (
        ("phases", 1, "steps", 0, "action", "channel"),
        "sms",
        "phases[1].steps[0].action.channel: must be one of: post, email",
    ),
    (
        ("phases", 0, "steps", 0, "at"),
        "25:00",
        'phases[0].steps[0].at: must be a time "HH:MM" (quoted in YAML)',
    ),
    (
        ("phases", 0, "steps", 0, "trigger", "days"),
        True,
        "phases[0].steps[0].trigger.days: must be a whole number",
    ),
    (
        ("phases", 1, "steps", 1, "trigger", "days"),
        0,
        "phases[1].steps[1].trigger.days: must be >= 1",
    ),
    (
        ("phases", 0, "steps", 0, "on_events"),
        {"promise_to_pay": {"grace_days": 61}},
        "phases[0].steps[0].on_events.promise_to_pay.grace_days: must be <= 60",
    ),
    (
        ("phases", 0, "steps", 0, "conditions"),
        {"channel_available": ["fax"]},
        "phases[0].steps[0].conditions.channel_available[0]: must be one of: post, email, sms, "
        "phone",
    ),
    (("phases", 0, "steps"), {"id": "x"}, "phases[0].steps: must be a list"),
    (("phases", 0, "title"), "Eigen beheer", "phases[0].title: must be an object"),
]


@pytest.mark.parametrize(("path", "value", "problem"), SINGLE_FAULTS)
def test_single_faults_are_caught_by_the_validator_and_by_the_schema(
    path: tuple[str | int, ...], value: object, problem: str
) -> None:
    doc = base()
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = copy.deepcopy(value)
    assert [str(p) for p in validate_strategy(doc)] == [problem]
    assert list(VALIDATOR.iter_errors(doc)) != []


def test_yaml_pitfalls_are_explained() -> None:
    text = """
name: test
version: 1
title: {nl: Test, en: Test}
send_time: 10:30
phases:
  - phase: in_house
    steps:
      - id: a
        trigger: {type: due_date, days: 1}
        action: {type: wait}
        on: {partial_payment: {pause_days: 3}}
"""
    with pytest.raises(StrategyInvalid) as err:
        parse_strategy_text(text)
    assert [str(p) for p in err.value.problems] == [
        'send_time: must be a time "HH:MM" (quoted in YAML)',
        "phases[0].steps[0].True: is not a known field",
    ]


def test_not_yaml_at_all() -> None:
    with pytest.raises(StrategyInvalid) as err:
        parse_strategy_text("{not json")
    assert err.value.problems[0].path == ""
    assert err.value.problems[0].message.startswith("not valid YAML or JSON: ")
    assert [str(p) for p in validate_strategy(["a list"])] == ["must be an object"]
