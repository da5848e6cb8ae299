"""Evaluate a content `Condition` against the call as it stands."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ..content.conditions import Condition
from ..vocabulary import Stage


# Not frozen: a frozen dataclass sets each field through object.__setattr__, and one Situation
# is built twice a turn (a hot path). Nothing changes it after it is made.
@dataclass(slots=True)
class Situation:
    stage: Stage
    moves_now: Collection[str]
    moves_ever: Collection[str]
    trust: int
    stress: int
    patience: int
    turn: int
    offer_ratio: float | None
    claim_exposed: bool


def holds(cond: Condition, s: Situation) -> bool:
    # One test after another, stopping at the first that fails (a hot path: every reveal and
    # flag is checked on every turn, and most conditions set one or two keys).
    if cond.stage is not None:
        stages = cond.stage if isinstance(cond.stage, list) else [cond.stage]
        if s.stage not in stages:
            return False
    if cond.move is not None:
        wanted = cond.move if isinstance(cond.move, list) else [cond.move]
        if not any(m in s.moves_now for m in wanted):
            return False
    if cond.after_move is not None and cond.after_move not in s.moves_ever:
        return False
    if cond.not_after_move is not None and cond.not_after_move in s.moves_ever:
        return False
    if cond.trust_at_least is not None and not s.trust >= cond.trust_at_least:
        return False
    if cond.trust_below is not None and not s.trust < cond.trust_below:
        return False
    if cond.stress_at_least is not None and not s.stress >= cond.stress_at_least:
        return False
    if cond.stress_below is not None and not s.stress < cond.stress_below:
        return False
    if cond.patience_below is not None and not s.patience < cond.patience_below:
        return False
    if cond.turn_at_least is not None and not s.turn >= cond.turn_at_least:
        return False
    if cond.claim_exposed is not None and s.claim_exposed != cond.claim_exposed:
        return False
    ratio = s.offer_ratio
    if cond.offer_ratio_at_least is not None and (ratio is None or ratio < cond.offer_ratio_at_least):
        return False
    return not (cond.offer_ratio_below is not None and (ratio is None or ratio >= cond.offer_ratio_below))
