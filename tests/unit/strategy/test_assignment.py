"""Assignment rules and champion/challenger splits."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import replace
from datetime import date

from tests.unit.strategy.notation import claim
from vorder.core.strategy import (
    Assignment,
    assign,
    assignment_to_dict,
    bucket,
    parse_assignment,
    validate_assignment,
)

RULES = {
    "rules": [
        {"id": "zakelijk", "when": {"debtor_kind": "business"}, "strategy": "business-firm"},
        {
            "id": "groot",
            "when": {"amount": {"min": "5000.00"}},
            "strategy": "straight-to-partner",
        },
        {
            "id": "sms-proef",
            "experiment": "sms-2026",
            "when": {"debtor_kind": "consumer"},
            "split": [
                {"variant": "champion", "strategy": "consumer-friendly", "percent": 90},
                {"variant": "challenger", "strategy": "consumer-sms", "percent": 10},
            ],
        },
    ],
    "default": "consumer-friendly",
}
TODAY = date(2026, 2, 1)


def test_rules_parse_and_round_trip() -> None:
    rules = parse_assignment(RULES)
    assert assignment_to_dict(rules) == RULES


def test_first_matching_rule_decides() -> None:
    rules = parse_assignment(RULES)
    business = claim("business claim € 9000.00 due 2026-01-31, b2b route")
    assert assign(rules, business, today=TODAY) == Assignment("business-firm", "zakelijk")
    big = claim("consumer claim € 5000.00 due 2026-01-31, friendly route")
    assert assign(rules, big, today=TODAY) == Assignment("straight-to-partner", "groot")


def test_default_when_nothing_matches() -> None:
    rules = parse_assignment({**RULES, "rules": RULES["rules"][:2]})
    small = claim("consumer claim € 50.00 due 2026-01-31, friendly route")
    assert assign(rules, small, today=TODAY) == Assignment("consumer-friendly", None)


def test_bucket_is_sha256_of_experiment_and_claim_key() -> None:
    digest = hashlib.sha256(b"sms-2026\x1fC1").digest()
    assert bucket("sms-2026", "C1") == int.from_bytes(digest, "big") % 10_000
    assert 0 <= bucket("x", "y") < 10_000


def test_split_is_deterministic_and_close_to_its_percentages() -> None:
    rules = parse_assignment(RULES)
    base = claim("consumer claim € 250 due 2026-01-31, friendly route")
    seen = Counter()
    for i in range(4000):
        state = replace(base, claim_id=f"V-{i}")
        first = assign(rules, state, today=TODAY)
        assert assign(rules, state, today=TODAY) == first
        assert first.experiment == "sms-2026" and first.rule_id == "sms-proef"
        assert first.bucket is not None
        assert first.variant == ("champion" if first.bucket < 9000 else "challenger")
        seen[first.variant] += 1
    # 10% of 4000 = 400; a binomial standard deviation is 19: allow 5 of them
    assert abs(seen["challenger"] - 400) <= 95
    assert seen["champion"] + seen["challenger"] == 4000


def test_the_key_can_be_a_seed_other_than_the_claim_id() -> None:
    rules = parse_assignment(RULES)
    state = claim("consumer claim € 250 due 2026-01-31, friendly route")
    by_debtor = assign(rules, state, today=TODAY, key="debtor-D1")
    assert by_debtor.bucket == bucket("sms-2026", "debtor-D1")


def test_bad_rules_are_reported_with_paths() -> None:
    bad = {
        "rules": [
            {
                "id": "a",
                "strategy": "x",
                "split": [
                    {"variant": "v", "strategy": "y", "percent": 60},
                    {"variant": "v", "strategy": "z", "percent": 30},
                ],
            },
            {"id": "a"},
            {"id": "b", "strategy": "x", "experiment": "e"},
            {"id": "c", "split": [{"variant": "v", "strategy": "y", "percent": 0}]},
        ],
    }
    assert [str(p) for p in validate_assignment(bad)] == [
        "rules[3].split[0].percent: must be >= 1",
        "default: is required",
    ]
    bad["rules"].pop()
    bad["default"] = "consumer-friendly"
    assert [str(p) for p in validate_assignment(bad)] == [
        "rules[0]: give either strategy or split",
        "rules[0].split: percentages add up to 90, not 100",
        "rules[0].split[1].variant: is used twice",
        "rules[1].id: 'a' is used twice",
        "rules[1]: give either strategy or split",
        "rules[2].experiment: only a rule with a split has one",
    ]
