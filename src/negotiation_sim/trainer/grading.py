"""The scorecard facts the trainer tools need, read from `negotiation_sim.scoring`."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.lesson import Rubric
from ..content.persona import Persona
from ..content.scenario import Scenario
from ..engine.events import Event


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: str
    turn: int | None


@dataclass(frozen=True, slots=True)
class Grade:
    overall: float
    passed: bool
    findings: tuple[Finding, ...]

    def has(self, rule: str, *, by_turn: int | None = None) -> bool:
        return any(f.rule == rule and (by_turn is None or f.turn is None or f.turn <= by_turn) for f in self.findings)


def grade(scenario: Scenario, persona: Persona, events: list[Event], rubric: Rubric | None = None) -> Grade:
    """The call's grade and compliance findings, as its scorecard has them.

    Runs the scorecard's rules without writing the scorecard up (no events hash, no suggestions for
    next time, neither of which changes the grade): explore grades thousands of calls."""
    from ..scoring.score import assess_call

    a = assess_call(scenario, persona, events, rubric)
    findings = tuple(Finding(f.rule, f.severity, f.turn) for f in a.findings)
    return Grade(float(a.grade.overall), a.grade.passed, findings)
