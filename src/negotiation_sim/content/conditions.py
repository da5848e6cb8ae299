"""Declarative conditions: plain data that the engine evaluates, never code."""

from __future__ import annotations

from pydantic import Field, model_validator

from ..vocabulary import Stage
from .base import MoveId, Ratio, Score, StrictModel


class Condition(StrictModel):
    """Every key given must hold (they are ANDed); an empty condition always holds.

    Example: `{stage: counter_offer, move: offer, offer_ratio_at_least: 0.8, trust_at_least: 50}`.
    """

    stage: Stage | list[Stage] | None = None
    move: MoveId | list[MoveId] | None = Field(default=None, description="a move made on this turn")
    after_move: MoveId | None = Field(default=None, description="a move made on any earlier or this turn")
    not_after_move: MoveId | None = None
    trust_at_least: Score | None = None
    trust_below: Score | None = None
    stress_at_least: Score | None = None
    stress_below: Score | None = None
    patience_below: Score | None = None
    turn_at_least: int | None = Field(default=None, ge=0, le=1000)
    offer_ratio_at_least: Ratio | None = Field(default=None, description="collector's latest offer ÷ balance")
    offer_ratio_below: Ratio | None = None
    claim_exposed: bool | None = None

    @model_validator(mode="after")
    def _ranges_make_sense(self) -> Condition:
        pairs = [
            ("trust_at_least", "trust_below"),
            ("stress_at_least", "stress_below"),
            ("offer_ratio_at_least", "offer_ratio_below"),
        ]
        for low, high in pairs:
            lo, hi = getattr(self, low), getattr(self, high)
            if lo is not None and hi is not None and lo >= hi:
                raise ValueError(f"{low} ({lo}) must be below {high} ({hi}): the condition can never hold")
        return self

    def moves_named(self) -> list[str]:
        named: list[str] = []
        if isinstance(self.move, list):
            named.extend(self.move)
        elif self.move:
            named.append(self.move)
        named.extend(m for m in (self.after_move, self.not_after_move) if m)
        return named
