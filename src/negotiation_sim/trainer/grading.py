"""The scorecard facts the trainer tools need, read from `negotiation_sim.scoring`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
    from ..scoring import score_call

    card = score_call(scenario, persona, events, rubric)
    return Grade(float(card.overall), bool(card.passed), tuple(_findings(card)))


def _findings(card: Any) -> list[Finding]:
    out = []
    for f in getattr(card, "compliance", ()) or ():
        rule = getattr(f, "rule", None) or getattr(f, "rule_id", None) or getattr(f, "id", "")
        turn = getattr(f, "turn", None)
        out.append(Finding(str(rule), str(getattr(f, "severity", "")), int(turn) if turn is not None else None))
    return out
