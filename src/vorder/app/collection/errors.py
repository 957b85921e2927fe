"""Named errors of the collection use cases (each maps to a clear 4xx at the edge)."""

from __future__ import annotations

from vorder.core.errors import Conflict, DomainError, NotFound


class StrategyNotFound(NotFound):
    """(code ``not_found``, like every NotFound: the edge answers 404.)"""


class UnknownStrategyInRules(DomainError):
    """Assignment rules name a strategy the organisation has not published."""

    code = "unknown_strategy_in_rules"


class InvalidExportFormat(DomainError):
    code = "invalid_export_format"


class ClaimNotActive(Conflict):
    """The claim is paid, written off or otherwise finished: nothing can be changed on it."""

    code = "claim_not_active"


class NotDisputed(Conflict):
    code = "not_disputed"


class NotPaused(Conflict):
    code = "not_paused"


class InvalidClaimAction(DomainError):
    """The input of a claim action is not valid (a date in the past, an empty reason...)."""

    code = "invalid_claim_action"


class PhaseNotInStrategy(DomainError):
    code = "phase_not_in_strategy"
