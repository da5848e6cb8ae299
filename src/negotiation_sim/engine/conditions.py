"""Evaluate a content `Condition` against the call as it stands."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ..content.conditions import Condition
from ..vocabulary import Stage


@dataclass(frozen=True, slots=True)
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
    if cond.stage is not None:
        stages = cond.stage if isinstance(cond.stage, list) else [cond.stage]
        if s.stage not in stages:
            return False
    if cond.move is not None:
        wanted = cond.move if isinstance(cond.move, list) else [cond.move]
        if not any(m in s.moves_now for m in wanted):
            return False
    checks = (
        cond.after_move is None or cond.after_move in s.moves_ever,
        cond.not_after_move is None or cond.not_after_move not in s.moves_ever,
        cond.trust_at_least is None or s.trust >= cond.trust_at_least,
        cond.trust_below is None or s.trust < cond.trust_below,
        cond.stress_at_least is None or s.stress >= cond.stress_at_least,
        cond.stress_below is None or s.stress < cond.stress_below,
        cond.patience_below is None or s.patience < cond.patience_below,
        cond.turn_at_least is None or s.turn >= cond.turn_at_least,
        cond.claim_exposed is None or s.claim_exposed == cond.claim_exposed,
    )
    if not all(checks):
        return False
    if cond.offer_ratio_at_least is not None and (s.offer_ratio is None or s.offer_ratio < cond.offer_ratio_at_least):
        return False
    return not (cond.offer_ratio_below is not None and (s.offer_ratio is None or s.offer_ratio >= cond.offer_ratio_below))
