"""The "Writing a scenario" example in the README validates and plays the way the text says."""

from __future__ import annotations

import pytest

from negotiation_sim.cli import main
from negotiation_sim.content.library import load_library
from negotiation_sim.engine.moves import default_recogniser
from negotiation_sim.engine.session import CallSession

from ..conftest import FIXTURES
from .playbook import bots, judge, opening, play_bot

EXAMPLE = FIXTURES / "readme_scenario.yaml"


def test_the_example_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLE)]) == 0, capsys.readouterr().err
    lib = load_library(files=[EXAMPLE], known_moves=default_recogniser().known_moves())
    assert not lib.problems, "\n".join(map(str, lib.problems))
    scenario = lib.scenario("physio-plan")
    assert lib.persona_for(scenario).finances.monthly_capacity == 200  # the override applied


def test_the_example_is_won_by_the_book_and_lost_by_a_pushover() -> None:
    lib = load_library(files=[EXAMPLE])
    scenario = lib.scenario("physio-plan")
    persona = lib.persona_for(scenario)
    played = {name: play_bot(scenario, persona, bot) for name, bot in bots()[:3]}
    ok, why = judge(scenario, persona, played["by-the-book"].events)
    assert ok, why
    assert not judge(scenario, persona, played["pushover"].events)[0]
    assert not judge(scenario, persona, played["aggressive"].events)[0]


def test_the_example_overrides_the_personas_lines() -> None:
    lib = load_library(files=[EXAMPLE])
    scenario = lib.scenario("physio-plan")
    persona = lib.persona_for(scenario)
    session = CallSession(scenario, persona)
    for line in (*opening(scenario, session), "Your balance is $1,320.", "What are your thoughts on this?"):
        session.say(line)
    said = [e for e in session.events if e["type"] == "debtor_said"][-1]
    assert said["situation"] == "ask_comments"
    assert said["text"] in persona.lines["ask_comments"]
    assert said["text"] not in lib.personas["medical-morgan"].lines["ask_comments"]


def test_the_readme_shows_exactly_this_example() -> None:
    readme = (FIXTURES.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Writing a scenario", 1)[1]
    block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert block == EXAMPLE.read_text(encoding="utf-8")
