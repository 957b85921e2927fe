"""The strategy engine: strategies as typed data, and a pure ``decide``.

Public API (see docs/strategies.md and docs/adr/0005-strategy-engine.md):

* model: :class:`Strategy` and its parts (:mod:`.model`); :class:`ClaimState` (:mod:`.state`);
* documents: :func:`parse_strategy`, :func:`validate_strategy`, :func:`strategy_to_dict`,
  :func:`parse_strategy_text`, :func:`strategy_schema` (:mod:`.document`);
* running: :func:`decide` → :class:`Decision`, :func:`react` → :class:`Reaction`;
* around it: :func:`group_actions`, :func:`dry_run`, :func:`assign`.
"""

from vorder.core.strategy._doc import Problem
from vorder.core.strategy.assignment import (
    Assignment,
    AssignmentRule,
    AssignmentRules,
    Variant,
    assign,
    bucket,
)
from vorder.core.strategy.decide import (
    Decision,
    Held,
    PlannedAction,
    SkippedStep,
    StrategyLoop,
    StrategyMismatch,
    UnknownStep,
    decide,
)
from vorder.core.strategy.document import (
    StrategyInvalid,
    assignment_to_dict,
    parse_assignment,
    parse_strategy,
    parse_strategy_text,
    schema_text,
    strategy_schema,
    strategy_to_dict,
    validate_assignment,
    validate_strategy,
)
from vorder.core.strategy.dry_run import Count, DryRun, dry_run
from vorder.core.strategy.events import PromiseDateRequired, Reaction, react
from vorder.core.strategy.grouping import Grouped, MessageGroup, group_actions
from vorder.core.strategy.guards import HoldReason, SkipReason, costs_allowed, letter_is_valid
from vorder.core.strategy.model import (
    Channel,
    DebtorKind,
    EventType,
    Letterhead,
    Outcome,
    PhaseName,
    Step,
    Strategy,
    Tone,
)
from vorder.core.strategy.state import (
    ClaimState,
    ClaimStatus,
    EventRecord,
    Instalment,
    StepRecord,
)

__all__ = [
    "Assignment",
    "AssignmentRule",
    "AssignmentRules",
    "Channel",
    "ClaimState",
    "ClaimStatus",
    "Count",
    "DebtorKind",
    "Decision",
    "DryRun",
    "EventRecord",
    "EventType",
    "Grouped",
    "Held",
    "HoldReason",
    "Instalment",
    "Letterhead",
    "MessageGroup",
    "Outcome",
    "PhaseName",
    "PlannedAction",
    "Problem",
    "PromiseDateRequired",
    "Reaction",
    "SkipReason",
    "SkippedStep",
    "Step",
    "StepRecord",
    "Strategy",
    "StrategyInvalid",
    "StrategyLoop",
    "StrategyMismatch",
    "Tone",
    "UnknownStep",
    "Variant",
    "assign",
    "assignment_to_dict",
    "bucket",
    "costs_allowed",
    "decide",
    "dry_run",
    "group_actions",
    "letter_is_valid",
    "parse_assignment",
    "parse_strategy",
    "parse_strategy_text",
    "react",
    "schema_text",
    "strategy_schema",
    "strategy_to_dict",
    "validate_assignment",
    "validate_strategy",
]
