"""Grades in a lesson: a call's scorecard less the hints it used, and the lesson's grade over its calls.

A call's grade is the scorecard's overall score minus `hint_cost` points per hint (never below 0); it
passes when the scorecard passes (no critical compliance finding, overall at the pass mark) and the
grade is still at the pass mark. The lesson's grade is the mean of its calls' grades; the lesson is
passed when that mean reaches the pass mark and no call has a critical compliance finding.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..content.lesson import DEFAULT_RUBRIC, Rubric
from ..content.persona import Persona
from ..content.scenario import Scenario
from ..engine.events import Event


@dataclass(frozen=True)
class CallGrade:
    card: dict[str, Any]  # Scorecard.to_dict()
    overall: float  # the scorecard's own overall score
    hints_used: int
    hint_penalty: float
    grade: float  # overall less the hint penalty
    passed: bool
    critical: int  # critical compliance findings
    debrief: str  # the scorecard's plain-text debrief

    @property
    def blocked(self) -> bool:
        return self.critical > 0


def rubric_hash(rubric: Rubric) -> str:
    """Identifies the rubric a scorecard was computed with (regrade notes when it changed)."""
    return hashlib.sha256(rubric.model_dump_json().encode("utf-8")).hexdigest()[:16]


def grade_call(
    scenario: Scenario,
    persona: Persona,
    events: Sequence[Event],
    rubric: Rubric | None = None,
    *,
    hints_used: int = 0,
    hint_cost: int = 0,
) -> CallGrade:
    from ..scoring import render_debrief, score_call

    rubric = rubric or DEFAULT_RUBRIC
    card = score_call(scenario, persona, list(events), rubric)
    data = card.to_dict()
    overall = float(data["overall"])
    penalty = float(hints_used * hint_cost)
    grade = round(max(0.0, overall - penalty), 1)
    critical = critical_findings(data)
    passed = bool(data["passed"]) and critical == 0 and grade >= rubric.pass_mark
    return CallGrade(
        card=data,
        overall=overall,
        hints_used=hints_used,
        hint_penalty=penalty,
        grade=grade,
        passed=passed,
        critical=critical,
        debrief=render_debrief(card),
    )


def findings(card: dict[str, Any]) -> list[dict[str, Any]]:
    """The compliance findings of a scorecard dict (Scorecard.to_dict())."""
    return [f for f in card.get("compliance") or [] if isinstance(f, dict)]


def critical_findings(card: dict[str, Any]) -> int:
    return sum(1 for f in findings(card) if f.get("severity") == "critical")


def trait_scores(card: dict[str, Any]) -> dict[str, float]:
    """trait id → 0–100 score for the traits the call could show (a scorecard dict)."""
    return {
        str(t["trait"]): float(t["score"])
        for t in card.get("traits") or []
        if isinstance(t, dict) and isinstance(t.get("score"), int | float)
    }


def lesson_grade(grades: Sequence[float], critical: int, rubric: Rubric) -> tuple[float, bool]:
    """(the lesson's grade, passed) from its calls' grades and their critical findings."""
    if not grades:
        return 0.0, False
    mean = round(sum(grades) / len(grades), 1)
    return mean, mean >= rubric.pass_mark and critical == 0
