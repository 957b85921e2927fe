"""Which strategy a claim gets: ordered rules with a default, and champion/challenger splits.

The first rule whose conditions hold decides. A rule names one strategy, or splits claims
between variants by percentage for an experiment. The split is deterministic: the bucket is
``sha256(experiment + "\\x1f" + claim key)`` read as a big-endian integer modulo 10,000, so the
same claim always lands in the same variant, and the variant can be stored on the claim and on
every message it receives.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from vorder.core.strategy._doc import Problem, format_path, spec
from vorder.core.strategy.conditions import matches
from vorder.core.strategy.model import SLUG, SLUG_HINT, Conditions
from vorder.core.strategy.state import ClaimState

BUCKETS = 10_000


@dataclass(frozen=True, slots=True, kw_only=True)
class Variant:
    """One arm of an experiment: a strategy and its share of the claims."""

    variant: str = spec(doc="label stored on the claim", pattern=SLUG, hint=SLUG_HINT)
    strategy: str = spec(doc="strategy name", pattern=SLUG, hint=SLUG_HINT)
    percent: int = spec(doc="share of the claims", minimum=1, maximum=100)


@dataclass(frozen=True, slots=True, kw_only=True)
class AssignmentRule:
    """Conditions → one strategy, or → a split between variants (give exactly one of the two)."""

    id: str = spec(doc="unique rule key", pattern=SLUG, hint=SLUG_HINT)
    when: Conditions | None = spec(None, doc="the rule applies when these hold")
    strategy: str | None = spec(None, doc="strategy name", pattern=SLUG, hint=SLUG_HINT)
    experiment: str | None = spec(None, doc="experiment name (seed of the split)", pattern=SLUG)
    split: tuple[Variant, ...] = spec((), doc="variants; percentages add up to 100")


@dataclass(frozen=True, slots=True, kw_only=True)
class AssignmentRules:
    """Ordered rules that choose a strategy for a new claim, with a default."""

    rules: tuple[AssignmentRule, ...] = spec((), doc="the first matching rule decides")
    default: str = spec(doc="strategy when no rule matches", pattern=SLUG, hint=SLUG_HINT)


@dataclass(frozen=True, slots=True)
class Assignment:
    """The chosen strategy; ``variant``/``experiment``/``bucket`` are set for a split."""

    strategy: str
    rule_id: str | None  # None: the default
    variant: str | None = None
    experiment: str | None = None
    bucket: int | None = None


def bucket(experiment: str, key: str) -> int:
    """The stable bucket 0..9999 of ``key`` in ``experiment``."""
    digest = hashlib.sha256(f"{experiment}\x1f{key}".encode()).digest()
    return int.from_bytes(digest, "big") % BUCKETS


def assign(
    rules: AssignmentRules, state: ClaimState, *, today: date, key: str | None = None
) -> Assignment:
    """Choose the strategy for ``state`` (the claim's facts at assignment time).

    ``key`` seeds the split (default: the claim id); ``today`` is used by age conditions.
    """
    for rule in rules.rules:
        if not matches(rule.when, state, today=today):
            continue
        if rule.strategy is not None:
            return Assignment(rule.strategy, rule.id)
        experiment = rule.experiment or rule.id
        b = bucket(experiment, key if key is not None else state.claim_id)
        upper = 0
        for arm in rule.split:
            upper += arm.percent * (BUCKETS // 100)
            if b < upper:
                return Assignment(arm.strategy, rule.id, arm.variant, experiment, b)
    return Assignment(rules.default, None)


def check_assignment(rules: AssignmentRules) -> tuple[Problem, ...]:
    """Cross-field problems of assignment rules."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, rule in enumerate(rules.rules):
        path: tuple[str | int, ...] = ("rules", i)
        if rule.id in seen:
            problems.append(Problem(format_path((*path, "id")), f"'{rule.id}' is used twice"))
        seen.add(rule.id)
        if (rule.strategy is None) == (not rule.split):
            problems.append(Problem(format_path(path), "give either strategy or split"))
        if rule.split:
            total = sum(arm.percent for arm in rule.split)
            if total != 100:
                message = f"percentages add up to {total}, not 100"
                problems.append(Problem(format_path((*path, "split")), message))
            labels = [arm.variant for arm in rule.split]
            for k, label in enumerate(labels):
                if label in labels[:k]:
                    problems.append(
                        Problem(format_path((*path, "split", k, "variant")), "is used twice")
                    )
        elif rule.experiment is not None:
            problems.append(
                Problem(format_path((*path, "experiment")), "only a rule with a split has one")
            )
    return tuple(problems)
