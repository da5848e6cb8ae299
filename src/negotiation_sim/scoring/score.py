"""`score_call`: from a scenario, its persona and the call's events to a `Scorecard`.

Pure and deterministic: no I/O, no clock, no randomness. Re-grading a stored call is just
running this again on its events.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..content.lesson import DEFAULT_RUBRIC, Rubric
from ..content.persona import Persona
from ..content.scenario import Scenario
from ..engine.events import Event, events_hash
from .compliance import compliance_findings
from .facts import CallFacts
from .hints import HINTS
from .outcome import score_outcome
from .overall import grade, rubric_dict, suggestions
from .scorecard import Scorecard
from .tips import TIPS
from .traits import score_traits


def score_call(
    scenario: Scenario, persona: Persona, events: Sequence[Event], rubric: Rubric | None = None
) -> Scorecard:
    """Score one call. Raises ValueError if the events are not a call (no call_started first)."""
    rubric = rubric or DEFAULT_RUBRIC
    facts = CallFacts(scenario, persona, events)
    traits = score_traits(facts)
    tips = [spec.run(facts) for spec in (*TIPS, *HINTS)]
    findings = compliance_findings(facts)
    outcome = score_outcome(facts)
    g = grade(traits, tips, outcome, findings, rubric)
    seed = facts.start.get("seed")
    return Scorecard(
        scenario=scenario.id,
        scenario_title=scenario.title,
        persona=persona.id,
        seed=int(seed) if seed is not None else None,
        events_hash=events_hash(events),
        rubric=rubric_dict(rubric),
        overall=g.overall,
        passed=g.passed,
        parts=g.parts,
        capped=g.capped,
        traits=tuple(traits),
        tips=tuple(tips),
        compliance=tuple(findings),
        outcome=outcome,
        suggestions=tuple(suggestions(facts, traits, tips, findings)),
    )
