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
    return Test.of(cond).holds(s)


@dataclass(frozen=True, slots=True)
class Test:
    """A Condition read once into plain values, to be checked on many turns.

    Reading a field of a pydantic model goes through its `__getattr__` hook: a Condition costs
    its thirteen reads on every turn it is checked. A Test reads them once.
    """

    stages: frozenset[Stage] | None
    moves: tuple[str, ...] | None
    after_move: str | None
    not_after_move: str | None
    trust_at_least: int | None
    trust_below: int | None
    stress_at_least: int | None
    stress_below: int | None
    patience_below: int | None
    turn_at_least: int | None
    claim_exposed: bool | None
    offer_ratio_at_least: float | None
    offer_ratio_below: float | None

    @classmethod
    def of(cls, cond: Condition) -> Test:
        stage, move = cond.stage, cond.move
        return cls(
            stages=None if stage is None else frozenset(stage if isinstance(stage, list) else [stage]),
            moves=None if move is None else tuple(move if isinstance(move, list) else [move]),
            after_move=cond.after_move,
            not_after_move=cond.not_after_move,
            trust_at_least=cond.trust_at_least,
            trust_below=cond.trust_below,
            stress_at_least=cond.stress_at_least,
            stress_below=cond.stress_below,
            patience_below=cond.patience_below,
            turn_at_least=cond.turn_at_least,
            claim_exposed=cond.claim_exposed,
            offer_ratio_at_least=cond.offer_ratio_at_least,
            offer_ratio_below=cond.offer_ratio_below,
        )

    def holds(self, s: Situation) -> bool:
        # One test after another, stopping at the first that fails (a hot path: every reveal and
        # flag is checked on every turn, and most conditions set one or two keys).
        if self.stages is not None and s.stage not in self.stages:
            return False
        if self.moves is not None and not any(m in s.moves_now for m in self.moves):
            return False
        if self.after_move is not None and self.after_move not in s.moves_ever:
            return False
        if self.not_after_move is not None and self.not_after_move in s.moves_ever:
            return False
        if self.trust_at_least is not None and not s.trust >= self.trust_at_least:
            return False
        if self.trust_below is not None and not s.trust < self.trust_below:
            return False
        if self.stress_at_least is not None and not s.stress >= self.stress_at_least:
            return False
        if self.stress_below is not None and not s.stress < self.stress_below:
            return False
        if self.patience_below is not None and not s.patience < self.patience_below:
            return False
        if self.turn_at_least is not None and not s.turn >= self.turn_at_least:
            return False
        if self.claim_exposed is not None and s.claim_exposed != self.claim_exposed:
            return False
        ratio = s.offer_ratio
        if self.offer_ratio_at_least is not None and (ratio is None or ratio < self.offer_ratio_at_least):
            return False
        return not (self.offer_ratio_below is not None and (ratio is None or ratio >= self.offer_ratio_below))
