"""Build personas and sessions for engine tests from the shipped example, with overrides."""

from __future__ import annotations

from typing import Any

import yaml

from negotiation_sim.content.library import deep_merge
from negotiation_sim.content.persona import Persona
from negotiation_sim.content.scenario import Scenario
from negotiation_sim.engine.session import CallSession

from ..conftest import ROOT

BASE_PERSONA = ROOT / "personas" / "forgetful-fran.yaml"
BASE_SCENARIO = ROOT / "scenarios" / "first-reminder-fran.yaml"


def persona(**overrides: Any) -> Persona:
    data = yaml.safe_load(BASE_PERSONA.read_text(encoding="utf-8"))
    return Persona.model_validate(deep_merge(data, overrides))


def scenario(**overrides: Any) -> Scenario:
    data = yaml.safe_load(BASE_SCENARIO.read_text(encoding="utf-8"))
    return Scenario.model_validate(deep_merge(data, overrides))


def session(seed: int = 7, persona_overrides: dict[str, Any] | None = None, **scenario_overrides: Any) -> CallSession:
    return CallSession(scenario(**scenario_overrides), persona(**(persona_overrides or {})), seed=seed)


def say_all(s: CallSession, lines: list[str]) -> CallSession:
    for line in lines:
        s.say(line)
    return s


OPENING = [
    "Hello, good morning. My name is Sam Rivera and I'm calling from Northbridge Recovery.",
    "Am I speaking with the account holder? Could you confirm your date of birth for me?",
    "This is an attempt to collect a debt and any information obtained will be used for that purpose.",
]
