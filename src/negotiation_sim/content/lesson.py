"""A lesson: a graded classroom unit of scenarios with fixed seeds (DESIGN §5)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..vocabulary import Trait
from .base import ContentId, Score, StrictModel, Text


class Weights(StrictModel):
    """How much each part of the scorecard counts in the overall grade."""

    traits: float = Field(default=0.5, ge=0, le=1)
    tips: float = Field(default=0.2, ge=0, le=1)
    outcome: float = Field(default=0.2, ge=0, le=1)
    compliance: float = Field(default=0.1, ge=0, le=1)

    @model_validator(mode="after")
    def _sum_to_one(self) -> Weights:
        total = self.traits + self.tips + self.outcome + self.compliance
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"weights must add up to 1.0 (they add up to {total:g})")
        return self


def _equal_traits() -> dict[Trait, float]:
    return {trait: 1.0 for trait in Trait}


class Rubric(StrictModel):
    weights: Weights = Weights()
    trait_weights: dict[Trait, float] = Field(default_factory=_equal_traits)
    pass_mark: Score = 70


class LessonCall(StrictModel):
    scenario: ContentId
    seed: int = Field(ge=0, le=2**63 - 1)


class Lesson(StrictModel):
    id: ContentId
    title: Text
    summary: Text
    objectives: list[Text] = Field(min_length=1)
    mode: Literal["graded", "practice"] = "graded"
    calls: list[LessonCall] = Field(min_length=1)
    rubric: Rubric = Rubric()
    attempts: int = Field(default=3, ge=1, le=100)
    hints: int = Field(default=3, ge=0, le=20, description="hints per call in practice mode")
    hint_cost: int = Field(default=3, ge=0, le=50, description="points taken off the call grade per hint used")


DEFAULT_RUBRIC = Rubric()
