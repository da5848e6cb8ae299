"""Matching spoken lines back to variants, and what a scenario can reach before any call is played."""

from __future__ import annotations

from negotiation_sim.content.conditions import Condition
from negotiation_sim.content.library import Library, content_dirs, deep_merge, load_library
from negotiation_sim.content.persona import Persona
from negotiation_sim.content.scenario import Scenario
from negotiation_sim.engine.lines import fill
from negotiation_sim.engine.session import CallSession
from negotiation_sim.trainer.lines import LineCatalog, VariantId, template_pattern
from negotiation_sim.trainer.reach import analyse, never_holds

from ..conftest import FIXTURES

UNWINNABLE = FIXTURES / "trainer" / "unwinnable"


def fixture_library() -> Library:
    lib = load_library(content_dirs([UNWINNABLE]))
    assert not lib.problems, lib.problems
    return lib


def persona_with(lib: Library, persona_id: str, **overrides: object) -> Persona:
    base = lib.entries[("persona", persona_id)].doc.data
    return Persona.model_validate(deep_merge(base, overrides))


def scenario_with(lib: Library, scenario_id: str, **overrides: object) -> Scenario:
    base = lib.entries[("scenario", scenario_id)].doc.data
    return Scenario.model_validate(deep_merge(base, overrides))


def test_template_pattern_matches_filled_text_only() -> None:
    pattern = template_pattern("{balance}? Okay... for the {delivered}.")
    assert pattern.fullmatch("$1,250? Okay... for the laptop.")
    assert not pattern.fullmatch("$1,250? Okay.")
    assert not template_pattern("Hi. (Yes)").fullmatch("Hi. Yes")  # literal text is escaped


def test_every_line_the_engine_says_is_matched_to_its_variant() -> None:
    lib = fixture_library()
    scenario = lib.scenario("unwinnable-floor")
    persona = lib.persona_for(scenario)
    catalog = LineCatalog(persona, scenario)
    values = {
        "balance": "$5,000",
        "creditor": "Lakeside Furniture",
        "offer": "$100 a month for 3 months",
        "first_name": "Ana",
        "good_faith": "$50",
        "income_day": "the 15th",
    }
    for variant in catalog.variants():
        text = fill(variant.template, values)
        assert catalog.identify("debtor", variant.id.key, text) == variant.id
        # a reveal spoken after the line is stripped before matching
        assert catalog.identify("debtor", variant.id.key, text + " I got a new job.", "I got a new job.") == variant.id


def test_identify_returns_none_for_text_no_template_makes() -> None:
    lib = fixture_library()
    scenario = lib.scenario("unwinnable-floor")
    catalog = LineCatalog(lib.persona_for(scenario), scenario)
    assert catalog.identify("debtor", "answer", "Something the persona never says.") is None
    assert catalog.identify("debtor", "no-such-key", "Hello?") is None


def test_mood_split_lines_record_their_mood() -> None:
    lib = fixture_library()
    scenario = lib.scenario("unwinnable-floor")
    catalog = LineCatalog(lib.persona_for(scenario), scenario)
    found = catalog.identify("debtor", "remind", "You don't have to tell me, I get the letters.")
    assert found == VariantId("debtor", "remind", "tense", 2)


def test_session_lines_are_all_identified() -> None:
    """Real calls: every debtor line of 20 random calls maps to a variant (nothing unmatched)."""
    from negotiation_sim.bots import play_call
    from negotiation_sim.trainer.strategies import RandomAny

    lib = fixture_library()
    scenario = lib.scenario("unwinnable-floor")
    persona = lib.persona_for(scenario)
    catalog = LineCatalog(persona, scenario)
    said = 0
    for seed in range(20):
        session = play_call(CallSession(scenario, persona, seed=seed), RandomAny(seed))
        reveal: dict[int, str] = {}
        for e in session.events:
            if e["type"] == "revealed":
                reveal[e["turn"]] = e["text"]
            if e["type"] == "debtor_said":
                said += 1
                assert catalog.identify("debtor", e["situation"], e["text"], reveal.get(e["turn"])) is not None, e
    assert said > 100


def test_unwinnable_floor_is_found_without_playing() -> None:
    lib = fixture_library()
    scenario = lib.scenario("unwinnable-floor")
    reach = analyse(scenario, lib.persona_for(scenario))
    kinds = [f.kind for f in reach.findings]
    assert kinds == ["unwinnable"]
    assert "$4,500" in reach.findings[0].message and "$450" in reach.findings[0].message


def test_floor_within_reach_is_not_unwinnable() -> None:
    lib = fixture_library()
    scenario = scenario_with(lib, "unwinnable-floor", authority={"settlement_floor_pct": 8, "max_plan_months": 3})
    # $400 floor: exactly the persona's lump-sum capacity
    assert not [f for f in analyse(scenario, lib.persona_for(scenario)).findings if f.kind == "unwinnable"]
    plan_only = scenario_with(lib, "unwinnable-floor", authority={"settlement_floor_pct": 9, "max_plan_months": 3})
    # $450 floor: beyond the lump sum, but $150 × 3 months reaches it
    assert not [f for f in analyse(plan_only, lib.persona_for(plan_only)).findings if f.kind == "unwinnable"]
    just_over = scenario_with(lib, "unwinnable-floor", authority={"settlement_floor_pct": 9.1, "max_plan_months": 3})
    assert [f for f in analyse(just_over, lib.persona_for(just_over)).findings if f.kind == "unwinnable"]


def test_lines_for_other_scenarios_are_not_applicable() -> None:
    lib = fixture_library()
    persona = lib.personas["fixture-stretched"]
    outbound = lib.scenario("unwinnable-floor")
    reach = analyse(outbound, persona)
    assert "calling_in" not in reach.line_keys and "line calling_in" in reach.not_applicable
    assert "late_call" not in reach.line_keys and "answer" in reach.line_keys
    inbound = scenario_with(lib, "unwinnable-floor", context={"direction": "inbound"})
    assert "calling_in" in analyse(inbound, persona).line_keys
    late = scenario_with(lib, "unwinnable-floor", context={"local_time": "22:15"})
    late_reach = analyse(late, persona)
    assert "late_call" in late_reach.line_keys and "answer" not in late_reach.line_keys


def test_third_party_scenario_uses_no_persona_content() -> None:
    lib = fixture_library()
    third = scenario_with(
        lib,
        "unwinnable-floor",
        context={
            "answered_by": "third_party",
            "third_party": {
                "relation": "roommate",
                "lines": {"answer": ["Hello?"], "unclear": ["Who?"], "goodbye": ["Bye."]},
            },
        },
    )
    reach = analyse(third, lib.persona_for(third))
    assert reach.third_party and not reach.line_keys and not reach.reveals
    assert reach.stages == {"opening", "closed"}
    assert reach.findings == []  # no negotiation happens, so the floor is not judged


def test_conditions_that_can_never_hold() -> None:
    lib = fixture_library()
    honest = lib.personas["fixture-stretched"]
    assert never_holds(Condition(stage="closed"), honest)
    assert never_holds(Condition(move="ask_reason", not_after_move="ask_reason"), honest)
    assert never_holds(Condition(claim_exposed=True), honest)  # no false claims to expose
    assert never_holds(Condition(turn_at_least=500), honest)
    assert never_holds(Condition(move="ask_reason", trust_at_least=60), honest) is None
    liar = persona_with(lib, "fixture-stretched", finances={"claimed_monthly_capacity": 10})
    assert never_holds(Condition(claim_exposed=True), liar) is None


def test_reveal_that_can_never_fire_is_reported() -> None:
    lib = fixture_library()
    persona = persona_with(
        lib,
        "fixture-stretched",
        reveals=[
            {"id": "too-late", "when": {"stage": "closed"}, "text": "Too late now."},
            {"id": "fine", "when": {"move": "ask_reason"}, "text": "Fine."},
        ],
    )
    reach = analyse(lib.scenario("unwinnable-floor"), persona)
    assert reach.reveals == {"fine"}
    assert any(f.kind == "never-fires" and "too-late" in f.message for f in reach.findings)


def test_good_faith_that_can_never_be_paid_is_reported() -> None:
    lib = fixture_library()
    scenario = scenario_with(lib, "unwinnable-floor", authority={"min_good_faith": 900})
    reach = analyse(scenario, lib.persona_for(scenario))
    assert "good_faith_yes" not in reach.situations
    assert any(f.kind == "never-fires" and "good-faith" in f.message for f in reach.findings)
