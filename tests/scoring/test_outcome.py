"""The outcome: terms, recovery against balance and floor, feasibility against hidden capacity, goodwill,
follow-through; and for calls whose right result was not to collect, the handling."""

from __future__ import annotations

import pytest

from negotiation_sim.scoring.measures import likelihood_kept
from negotiation_sim.scoring.outcome import recovery_value

from .helpers import Call, model_call, opening, persona, scenario


def test_likelihood_kept_falls_as_the_terms_eat_into_real_capacity() -> None:
    assert likelihood_kept(0.5) == likelihood_kept(0.8) == 0.95
    assert likelihood_kept(1.0) == pytest.approx(0.75)
    assert likelihood_kept(0.9) == pytest.approx(0.85)
    assert likelihood_kept(2.0) == pytest.approx(0.1875)
    assert likelihood_kept(100.0) == 0.05
    assert [likelihood_kept(r / 10) for r in range(1, 40)] == sorted(
        (likelihood_kept(r / 10) for r in range(1, 40)), reverse=True
    )


def test_recovery_value_rewards_the_balance_and_punishes_going_below_the_floor() -> None:
    assert recovery_value(1250, 1250, 1062.5) == 1.0
    assert recovery_value(1062.5, 1250, 1062.5) == pytest.approx(0.7)
    assert recovery_value(1000, 1250, 1062.5) == pytest.approx(0.3 * 1000 / 1062.5)
    assert recovery_value(500, 1000, 1000) == pytest.approx(0.15)


def test_the_outcome_of_a_deal_with_every_figure() -> None:
    card = model_call().score()
    o = card.outcome
    assert o.kind == "collection" and o.call_outcome == "agreement" and o.procedures == ()
    f = o.facts
    assert (
        f["terms"]["kind"] == "lump_sum"
        and f["terms"]["total"] == 1100
        and f["terms"]["describe"] == "$1,100 as a lump sum"
    )
    assert f["recovery_ratio"] == 0.88 and f["floor_ratio"] == round(1100 / 1062.5, 4)
    assert f["below_floor"] is False and f["over_plan_months"] is False
    assert f["feasibility"]["feasible"] is True and f["feasibility"]["real_lump_sum_capacity"] == 1400
    assert f["expected_recovery"] == round(1100 * likelihood_kept(1100 / 1400), 2)
    assert f["good_faith"] == {"asked": True, "agreed": True, "amount": 100}
    assert f["written_confirmation"] is True and f["follow_up"] is True
    assert f["goodwill"]["trust_start"] == 55 and f["goodwill"]["mood_end"] == "calm"
    parts = {p.id: p for p in o.parts}
    assert parts["recovery"].value == pytest.approx(recovery_value(1100, 1250, 1062.5))
    expected = 0.45 * parts["recovery"].value + 0.25 * likelihood_kept(1100 / 1400) + 0.15 * 1 + 0.15 * 1
    assert o.score == int(100 * expected + 0.5)


def _plan(monthly: float, months: int, **persona_finances: float) -> Call:
    sc = scenario(authority={"max_plan_months": 12})
    c = opening(Call(sc, persona(finances=persona_finances) if persona_finances else None))
    c.say("offer", plans=((monthly, months),)).offer("collector", "plan", monthly, months)
    return c.agree("plan", monthly, months).state().reply("Okay.", "accept_offer")


def test_an_infeasible_plan_is_flagged_with_its_likelihood() -> None:
    o = _plan(110, 12, monthly_capacity=55).score().outcome  # twice the real budget
    assert o.facts["feasibility"]["feasible"] is False
    assert o.facts["feasibility"]["likelihood_kept"] == pytest.approx(likelihood_kept(2.0))
    assert "NOT feasible" in o.summary
    assert o.facts["expected_recovery"] == round(1320 * likelihood_kept(2.0), 2)


def test_a_plan_within_capacity_is_feasible() -> None:
    o = _plan(110, 12).score().outcome  # $110 of a real $400 a month
    assert o.facts["feasibility"]["feasible"] is True and o.facts["below_floor"] is False


def test_a_deal_below_the_floor_is_flagged() -> None:
    o = _plan(50, 12).score().outcome  # $600 < $1,062.50
    assert o.facts["below_floor"] is True and "BELOW" in o.summary


def test_a_good_faith_payment_beyond_savings_makes_a_plan_infeasible() -> None:
    c = _plan(110, 12, lump_sum_capacity=50)
    c.say("ask_good_faith", amounts=(100.0,)).good_faith(100).state().reply()
    assert c.score().outcome.facts["feasibility"]["feasible"] is False


def test_no_deal_when_one_was_possible_scores_no_recovery() -> None:
    o = opening(Call()).turn_of("remind").turn_of("end_call").close("no_agreement").score().outcome
    parts = {p.id: p for p in o.parts}
    assert parts["recovery"].value == 0.0 and "feasibility" not in parts
    assert o.score < 50 and o.summary.startswith("No deal")
    assert o.facts["terms"] is None and o.facts["best_within_authority"] == 1250


def test_no_deal_when_none_fits_the_debtors_means_is_judged_on_the_rest() -> None:
    pe = persona(finances={"lump_sum_capacity": 100, "monthly_capacity": 50})
    c = opening(Call(pe=pe)).turn_of("remind").turn_of("schedule_follow_up", "end_call").close("no_agreement")
    o = c.score().outcome
    parts = {p.id: p for p in o.parts}
    assert parts["recovery"].value is None and parts["follow_through"].value == 1.0
    assert "none within your authority" in o.summary


# --- procedural calls ------------------------------------------------------------------------
def test_a_correct_short_call_to_a_third_party_passes_on_handling() -> None:
    c = Call(answered_by="third_party")
    c.say("greet", "identify_self").reply("Hi?", speaker="third_party")
    c.say("verify_identity").reply("She's out.", "asked_for_debtor", speaker="third_party")
    c.say("schedule_follow_up", "end_call").reply("Bye.", "goodbye", speaker="third_party").close("wrong_party")
    card = c.score()
    assert card.outcome.kind == "procedural" and card.outcome.procedures == ("third_party",)
    assert card.outcome.score == 100 and card.passed and card.overall >= 90


def test_a_late_call_handled_right_passes_and_one_that_collects_fails() -> None:
    good = (
        Call(within_calling_hours=False)
        .turn_of("identify_self", "acknowledge", "end_call")
        .close("no_agreement", by_collector=True)
    )
    card = good.score()
    assert card.outcome.score == 100 and card.passed
    bad = opening(Call(within_calling_hours=False)).turn_of("remind", amounts=(1250.0,)).score()
    parts = {p.id: p.value for p in bad.outcome.parts}
    assert parts["calling_hours.no_collection"] == 0.0 and not bad.passed


def test_attorney_handling_steps() -> None:
    c = (
        opening(Call())
        .say("remind", amounts=(1250.0,))
        .flag("attorney_mentioned", "J. Ortiz")
        .state()
        .reply("Talk to my lawyer.", "attorney")
    )
    c.turn_of("ask_attorney_details").turn_of("end_call").close("escalated")
    o = c.score().outcome
    assert {p.id: p.value for p in o.parts} == {
        "attorney.details": 1.0,
        "attorney.stopped": 1.0,
        "attorney.closed": 1.0,
    }
    assert o.score == 100 and "2 of 3" not in o.summary


def test_a_dispute_handled_without_validation_loses_the_handling_points() -> None:
    c = opening(Call()).say("remind").flag("dispute_raised").state().reply("I dispute it.", "dispute")
    c.turn_of("acknowledge").turn_of("end_call").close("no_agreement")
    parts = {p.id: p.value for p in c.score().outcome.parts}
    assert parts == {"dispute.validation": 0.0, "dispute.stopped": 1.0, "dispute.closed": 1.0}


def test_a_deal_made_in_a_procedural_call_is_still_reported() -> None:
    c = opening(Call()).say("remind").flag("cease_requested").state().reply("Stop calling.", "cease")
    c.say("offer", amounts=(1100.0,)).offer("collector", "lump_sum", 1100).agree("lump_sum", 1100).state().reply()
    o = c.score().outcome
    assert o.kind == "procedural" and "A deal was still made" in o.summary
    assert {p.id: p.value for p in o.parts}["cease.stopped"] == 0.0
