"""Every shipped scenario with every bot: the calls close, a good strategy wins, bad ones lose.

Judged in engine terms (the scoring package grades the same calls in tests/scoring): a good call
ends with the outcome the scenario is built to teach — an agreement at or above the floor that the
debtor can really pay, or the correct procedural ending (wrong party with nothing disclosed, an
escalation to the attorney or to validation, a short call with no collection talk outside calling
hours).
"""

from __future__ import annotations

import pytest

from negotiation_sim.content.library import Library
from negotiation_sim.content.persona import Persona
from negotiation_sim.content.scenario import Scenario
from negotiation_sim.engine import events as ev
from negotiation_sim.engine.debtor import Debtor
from negotiation_sim.engine.offers import Offer
from negotiation_sim.engine.session import CallSession

from .playbook import bots, closing, feasible, flags, judge, play_bot


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "scenario_id" in metafunc.fixturenames:
        from negotiation_sim.content.library import load_library

        metafunc.parametrize("scenario_id", sorted(load_library().scenarios))


def test_every_scenario_plays_to_a_close_with_every_bot(library: Library, scenario_id: str) -> None:
    scenario = library.scenario(scenario_id)
    persona = library.persona_for(scenario)
    for name, bot in bots():
        session = play_bot(scenario, persona, bot)
        assert session.closed, f"{name} left the call open"
        close = closing(session.events)
        assert close["outcome"] in {"agreement", "no_agreement", "hung_up", "escalated", "wrong_party"}
        assert session.events[-1]["type"] == ev.CALL_CLOSED, name


def test_by_the_book_gets_the_outcome_the_scenario_teaches(library: Library, scenario_id: str) -> None:
    scenario = library.scenario(scenario_id)
    persona = library.persona_for(scenario)
    for seed in (scenario.seed, 1, 2):
        session = play_bot(scenario, persona, dict(bots())["by-the-book"], seed=seed)
        ok, why = judge(scenario, persona, session.events)
        assert ok, f"by-the-book on {scenario_id} (seed {seed}): {why}"


def test_the_pushover_does_not(library: Library, scenario_id: str) -> None:
    scenario = library.scenario(scenario_id)
    persona = library.persona_for(scenario)
    session = play_bot(scenario, persona, dict(bots())["pushover"])
    ok, why = judge(scenario, persona, session.events)
    assert not ok, f"the pushover did well on {scenario_id}: {why}"


def test_the_aggressive_bot_does_not(library: Library, scenario_id: str) -> None:
    scenario = library.scenario(scenario_id)
    persona = library.persona_for(scenario)
    session = play_bot(scenario, persona, dict(bots())["aggressive"])
    ok, why = judge(scenario, persona, session.events)
    assert not ok, f"the aggressive bot did well on {scenario_id}: {why}"
    assert closing(session.events)["outcome"] in {"hung_up", "no_agreement", "wrong_party", "escalated"}
    if scenario.context.answered_by == "debtor":
        assert "debt_disclosed_to_third_party" not in flags(session.events)


def _negotiable(library: Library) -> list[str]:
    return [
        sid
        for sid, s in sorted(library.scenarios.items())
        if s.context.answered_by == "debtor"
        and s.context.within_calling_hours
        and library.persona_for(s).attorney is None
        and library.persona_for(s).dispute is None
    ]


def test_negotiated_scenarios_are_winnable_by_construction(library: Library) -> None:
    """At good trust the debtor's real capacity reaches the floor; their opening counter does not."""
    for sid in _negotiable(library):
        scenario = library.scenario(sid)
        persona = library.persona_for(scenario)
        debtor = Debtor(persona, scenario)
        debtor.state.trust, debtor.state.stress = 85, 30
        debtor.state.claim_exposed = True  # a good collector has validated any claim
        w = debtor.willingness()
        f = persona.finances
        best = max(
            min(f.lump_sum_capacity, scenario.account.balance) * w,
            min(f.monthly_capacity * w, debtor.ceiling_monthly()) * scenario.authority.max_plan_months,
        )
        assert best >= scenario.floor_amount, f"{sid}: even a good collector cannot reach the floor ({best:.0f})"

        opening = Debtor(persona, scenario).next_counter()
        assert not _good_terms(scenario, persona, opening), f"{sid}: the opening counter {opening} is already fine"


def _good_terms(scenario: Scenario, persona: Persona, offer: Offer) -> bool:
    if offer.total < scenario.floor_amount - 0.01:
        return False
    if offer.kind == "plan" and offer.months > scenario.authority.max_plan_months:
        return False
    return feasible(persona, offer.to_dict())


def test_the_calling_hours_scenario_is_late_only_at_the_debtors_end(library: Library) -> None:
    late = [s for s in library.scenarios.values() if not s.context.within_calling_hours]
    assert late
    for scenario in late:
        hours, minutes = map(int, scenario.context.local_time.split(":"))
        assert hours * 60 + minutes >= 21 * 60 or hours < 8
        assert any("time" in note.lower() for note in scenario.account.notes), "the notes name both clocks"


def test_a_by_the_book_call_can_be_replayed_from_its_events(library: Library) -> None:
    scenario = library.scenario("false-hardship-tight-floor")
    persona = library.persona_for(scenario)
    session = play_bot(scenario, persona, dict(bots())["by-the-book"])
    again = CallSession.replay(scenario, persona, session.events)
    assert again.events == session.events
