"""Evaluate :class:`~vorder.core.strategy.model.Conditions` against a claim, on a given day."""

from __future__ import annotations

from datetime import date

from vorder.core.strategy.model import Conditions
from vorder.core.strategy.state import ClaimState


def matches(conditions: Conditions | None, state: ClaimState, *, today: date) -> bool:
    """True when every given condition holds (no conditions: always true).

    A condition on a field the claim does not have yet (segment, score band) does not hold.
    """
    if conditions is None:
        return True
    c = conditions
    if c.debtor_kind is not None and state.debtor_kind is not c.debtor_kind:
        return False
    if c.amount is not None:
        if c.amount.min is not None and state.outstanding < c.amount.min:
            return False
        if c.amount.max is not None and state.outstanding > c.amount.max:
            return False
    if c.age_days is not None:
        age = state.age_days(today)
        if c.age_days.min is not None and age < c.age_days.min:
            return False
        if c.age_days.max is not None and age > c.age_days.max:
            return False
    if c.segment and state.segment not in c.segment:
        return False
    if c.score_band and state.score_band not in c.score_band:
        return False
    if not all(ch in state.channels for ch in c.channel_available):
        return False
    if any(ch in state.channels for ch in c.channel_missing):
        return False
    if c.language and state.language not in c.language:
        return False
    if c.previous_outcome:
        last = state.last_executed()
        if last is None or last.outcome not in c.previous_outcome:
            return False
    return True
