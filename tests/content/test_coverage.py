"""No dead content: every reveal, stage, flag and line situation is reached by a bot or a script.

The bots play every scenario; hand-written tours (tests/content/playbook.py) then walk each
scenario's debtor through chit-chat, every stage, haggling, refusals, a threat, abuse, an inbound
call and a late call. A reveal whose condition can never hold, or lines for a situation the
debtor can never meet, fail here.
"""

from __future__ import annotations

import pytest

from negotiation_sim.content.library import Library
from negotiation_sim.vocabulary import Stage

from .playbook import Coverage, bots, play_bot, run_tours


@pytest.fixture(scope="module")
def coverage(library: Library) -> Coverage:
    found = Coverage()
    for scenario in library.scenarios.values():
        persona = library.persona_for(scenario)
        for _, bot in bots():
            found.add(scenario, play_bot(scenario, persona, bot).events)
        for session in run_tours(library, scenario):
            found.add(scenario, session.events)
    return found


def test_every_stage_is_reached(coverage: Coverage) -> None:
    assert {s.value for s in Stage} <= coverage.stages, {s.value for s in Stage} - coverage.stages


def test_every_persona_reveal_is_reached(library: Library, coverage: Coverage) -> None:
    dead = []
    for persona_id, persona in library.personas.items():
        dead += [f"{persona_id}: {r.id}" for r in persona.reveals if r.id not in coverage.revealed.get(persona_id, ())]
    for scenario_id, scenario in library.scenarios.items():
        if "reveals" in scenario.persona_overrides:
            got = coverage.revealed.get(f"scenario:{scenario_id}", set())
            dead += [f"{scenario_id}: {r.id}" for r in library.persona_for(scenario).reveals if r.id not in got]
    assert not dead, "reveals nothing reaches:\n" + "\n".join(dead)


def test_every_line_situation_a_persona_defines_is_spoken(library: Library, coverage: Coverage) -> None:
    dead = []
    for persona_id, persona in library.personas.items():
        spoken = coverage.situations.get(persona_id, set())
        dead += [f"{persona_id}: {key}" for key in persona.lines if key not in spoken]
    assert not dead, "line situations nothing reaches:\n" + "\n".join(dead)


def test_every_special_behaviour_fires(library: Library, coverage: Coverage) -> None:
    missing = []
    for scenario in library.scenarios.values():
        p = library.persona_for(scenario)
        got = coverage.flags.get(scenario.persona, set())
        wanted = {
            "claim_exposed": p.finances.claims_are_false,
            "dispute_raised": p.dispute is not None,
            "attorney_mentioned": p.attorney is not None,
            "cease_requested": p.asks_to_stop is not None,
        }
        missing += [f"{scenario.id}: {flag}" for flag, needed in wanted.items() if needed and flag not in got]
    assert not missing, "\n".join(missing)


def test_every_third_party_line_is_spoken(library: Library, coverage: Coverage) -> None:
    dead = []
    for scenario_id, scenario in library.scenarios.items():
        third = scenario.context.third_party
        if third is None:
            continue
        spoken = coverage.third_party.get(scenario_id, set())
        dead += [f"{scenario_id}: {key}" for key in third.lines if key not in spoken]
    assert not dead, "third-party lines nothing reaches:\n" + "\n".join(dead)
