"""The overall grade, the caps, the suggestions, the versioned JSON and the plain-text debrief."""

from __future__ import annotations

import json

import pytest

from negotiation_sim.content.lesson import Rubric, Weights
from negotiation_sim.scoring import SCHEMA_VERSION, Scorecard, render_debrief, score_call
from negotiation_sim.scoring.overall import CRITICAL_CAP

from .helpers import Call, model_call, opening


def _bad_call() -> Call:
    """Disclosure late, no reminder, below the floor at once, no paperwork."""
    c = Call().turn_of("greet").turn_of("verify_identity")
    c.say("request_counter_offer").offer("debtor", "lump_sum", 600).state().reply("$600?", "counter_offer")
    c.say("accept").agree("lump_sum", 600, accepted_by="collector").state().reply("Great.", "agreement")
    c.turn_of("mini_miranda").say("end_call").state().reply("Bye.", "goodbye")
    return c.close("agreement")


# --- the overall grade -------------------------------------------------------------------------
def test_overall_is_the_rubric_weighted_mean_of_the_parts() -> None:
    card = model_call().score()
    p = card.parts
    expected = 0.5 * p["traits"] + 0.2 * p["tips"] + 0.2 * p["outcome"] + 0.1 * p["compliance"]  # type: ignore[operator]
    assert card.overall == int(expected + 0.5) and card.passed
    assert card.rubric == {
        "weights": {"traits": 0.5, "tips": 0.2, "outcome": 0.2, "compliance": 0.1},
        "trait_weights": {
            t: 1.0
            for t in (
                "big_picture",
                "other_side_needs",
                "agenda_control",
                "mutual_pressure",
                "discipline",
                "client_needs",
            )
        },
        "pass_mark": 70,
    }


def test_a_lesson_rubric_changes_the_weights_and_the_pass_mark() -> None:
    c = model_call()
    outcome_only = c.score(Rubric(weights=Weights(traits=0, tips=0, outcome=1, compliance=0), pass_mark=95))
    assert outcome_only.overall == outcome_only.parts["outcome"] and not outcome_only.passed
    assert c.score(Rubric(pass_mark=50)).passed


def test_a_critical_finding_fails_the_call_whatever_else_went_well() -> None:
    perfect = model_call()
    threat = model_call()
    threat.events = threat.events[:-2]  # reopen the call (drop its close), say one threat, close it again
    threat.turn_of("threat").close("agreement")
    good, bad = perfect.score(), threat.score()
    assert good.passed and good.overall >= 90
    assert not bad.passed and bad.overall == CRITICAL_CAP
    assert bad.capped is not None and "false_threat" in bad.capped
    assert bad.parts["traits"] is not None and bad.parts["traits"] > 70  # the rest was still good


def test_the_critical_cap_stays_below_a_low_pass_mark() -> None:
    c = opening(Call()).turn_of("abusive")
    card = c.score(Rubric(pass_mark=20))
    assert card.overall <= 19 and not card.passed


def test_a_deal_below_the_floor_fails_the_call() -> None:
    card = _bad_call().score()
    assert card.outcome.facts["below_floor"] and not card.passed
    assert card.capped is not None and "below your floor of $1,062.50" in card.capped


# --- suggestions ---------------------------------------------------------------------------------
def test_three_suggestions_each_pointing_at_a_moment_of_the_call() -> None:
    c = _bad_call()
    card = c.score()
    assert len(card.suggestions) == 3
    moments = [s.i for s in card.suggestions]
    assert None not in moments and len(set(moments)) == 3
    for s in card.suggestions:
        assert s.i is not None and c.events[s.i]["turn"] == s.turn and s.text and s.why
    assert card.suggestions[0].source.startswith("compliance:")  # compliance comes first


def test_suggestions_use_the_scenarios_own_figures() -> None:
    texts = " ".join(s.text for s in _bad_call().score().suggestions)
    assert "$1,062.50" in texts or "$1,250" in texts


def test_a_model_call_has_nothing_urgent_to_suggest() -> None:
    card = model_call().score()
    assert all(not s.source.startswith(("compliance:", "tip:")) for s in card.suggestions)


# --- the JSON ------------------------------------------------------------------------------------
def test_to_dict_is_versioned_json_with_evidence() -> None:
    d = model_call().score().to_dict()
    assert d["schema_version"] == SCHEMA_VERSION
    assert {
        "schema_version",
        "overall",
        "passed",
        "traits",
        "tips",
        "compliance",
        "outcome",
        "suggestions",
    } <= set(d)
    json.dumps(d, allow_nan=False)  # JSON-safe
    evidence = [e for t in d["traits"] for c in t["criteria"] for e in c["evidence"]]
    assert evidence and all({"i", "turn", "quote", "effect"} <= set(e) for e in evidence)


def test_the_same_events_give_the_same_scorecard() -> None:
    c = _bad_call()
    a = score_call(c.scenario, c.persona, c.events).to_dict()
    b = score_call(c.scenario, c.persona, json.loads(json.dumps(c.events))).to_dict()
    assert json.dumps(a, sort_keys=False) == json.dumps(b, sort_keys=False)


def test_from_dict_round_trips() -> None:
    for c in (model_call(), _bad_call()):
        d = c.score().to_dict()
        assert Scorecard.from_dict(json.loads(json.dumps(d))).to_dict() == d
    with pytest.raises(ValueError, match="schema_version"):
        Scorecard.from_dict({**d, "schema_version": 99})


def test_events_that_are_not_a_call_are_refused() -> None:
    c = Call()
    with pytest.raises(ValueError, match="call_started"):
        score_call(c.scenario, c.persona, [])
    with pytest.raises(ValueError, match="call_started"):
        score_call(c.scenario, c.persona, c.events[1:])


# --- the debrief text ---------------------------------------------------------------------------
def test_the_debrief_teaches_grade_traits_tips_findings_outcome_and_suggestions() -> None:
    card = _bad_call().score()
    text = render_debrief(card)
    assert f"GRADE {card.overall}/100 - NOT PASSED (pass mark 70)" in text
    for heading in ("OUTCOME", "COMPLIANCE", "TRAITS (CCA 12.1", "TIPS AND HINTS", "TRY NEXT TIME"):
        assert heading in text
    assert "12 CFR 1006.18(e)" in text  # the disclosure finding names its section
    assert "MISS 14  Don't counter immediately" in text
    assert "Big picture and details" in text and "[" in text
    assert all(len(line) <= 80 for line in text.splitlines())
    for s in card.suggestions:
        assert s.text.split()[0] in text and f"#{s.i}" in text


def test_the_debrief_of_a_clean_procedural_call() -> None:
    c = Call(answered_by="third_party")
    c.say("greet", "identify_self").reply("Hi?", speaker="third_party")
    c.say("verify_identity", "schedule_follow_up", "end_call").reply("Bye.", "goodbye", speaker="third_party")
    text = render_debrief(c.close("wrong_party").score())
    assert "PASSED" in text and "judged on handling, not money" in text and "No findings." in text
    assert "n/a   (this call could not show it)" in text
