"""Scoring: pure functions from (scenario, persona, events, rubric) to a `Scorecard`.

from negotiation_sim.scoring import score_call, render_debrief, Scorecard
"""

from .debrief import render_debrief
from .score import score_call
from .scorecard import SCHEMA_VERSION, Scorecard

__all__ = ["SCHEMA_VERSION", "Scorecard", "render_debrief", "score_call"]
