"""`score_call`: from a scenario, its persona and the call's events to a `Scorecard`.

Pure and deterministic: no I/O, no clock, no randomness. Re-grading a stored call is just
running this again on its events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..content.lesson import DEFAULT_RUBRIC, Rubric
from ..content.persona import Persona
from ..content.scenario import Scenario
from ..engine.events import Event, events_hash
from .compliance import compliance_findings
from .facts import CallFacts
from .hints import HINTS
from .outcome import score_outcome
from .overall import Grade, grade, rubric_dict, suggestions
from .scorecard import Finding, OutcomeReport, Scorecard, TipCheck, TraitScore
from .tips import TIPS
from .traits import score_traits

TIP_CHECKS = (*TIPS, *HINTS)  # every tip, then every hint, as a scorecard lists them


@dataclass(slots=True)
class Assessment:
    """What every rule found in a call, and the grade it makes: a scorecard without its write-up
    (the events' hash and the suggestions for next time, which the grade does not depend on)."""

    facts: CallFacts
    rubric: Rubric
    traits: list[TraitScore]
    tips: list[TipCheck]
    findings: list[Finding]
    outcome: OutcomeReport
    grade: Grade


def assess_call(
    scenario: Scenario, persona: Persona, events: Sequence[Event], rubric: Rubric | None = None
) -> Assessment:
    """Run every rule on one call. Raises ValueError if the events are not a call (no call_started first).

    What `score_call` builds its scorecard from; tools that need only the grade (explore plays
    thousands of calls) call this and skip the write-up."""
    rubric = rubric or DEFAULT_RUBRIC
    facts = CallFacts(scenario, persona, events)
    traits = score_traits(facts)
    tips = [spec.run(facts) for spec in TIP_CHECKS]
    findings = compliance_findings(facts)
    outcome = score_outcome(facts)
    return Assessment(facts, rubric, traits, tips, findings, outcome, grade(traits, tips, outcome, findings, rubric))


def score_call(
    scenario: Scenario, persona: Persona, events: Sequence[Event], rubric: Rubric | None = None
) -> Scorecard:
    """Score one call. Raises ValueError if the events are not a call (no call_started first)."""
    a = assess_call(scenario, persona, events, rubric)
    g = a.grade
    seed = a.facts.start.get("seed")
    return Scorecard(
        scenario=scenario.id,
        scenario_title=scenario.title,
        persona=persona.id,
        seed=int(seed) if seed is not None else None,
        events_hash=events_hash(events),
        rubric=rubric_dict(a.rubric),
        overall=g.overall,
        passed=g.passed,
        parts=g.parts,
        capped=g.capped,
        traits=tuple(a.traits),
        tips=tuple(a.tips),
        compliance=tuple(a.findings),
        outcome=a.outcome,
        suggestions=tuple(suggestions(a.facts, a.traits, a.tips, a.findings)),
    )
