"""The six CCA 12.1 traits: each criterion raised or lowered by the behaviour it names, with evidence."""

from __future__ import annotations

import pytest

from negotiation_sim.scoring.measures import likelihood_kept
from negotiation_sim.scoring.traits import trait_score
from negotiation_sim.vocabulary import Trait

from .helpers import Call, criterion, model_call, opening, persona, scenario


def test_the_model_call_scores_every_trait_at_the_top() -> None:
    card = model_call().score()
    assert [t.trait for t in card.traits] == [t.value for t in Trait]
    assert all(t.score is not None and t.score >= 95 for t in card.traits), [(t.trait, t.score) for t in card.traits]


def test_a_trait_is_the_weighted_mean_of_its_applicable_criteria() -> None:
    card = opening(Call()).turn_of("remind", amounts=(1250.0,)).score()
    for t in card.traits:
        used = [c for c in t.criteria if c.value is not None]
        if used:
            expected = sum(c.weight * c.value for c in used) / sum(c.weight for c in used)  # type: ignore[operator]
            assert t.score == int(100 * expected + 0.5)
        else:
            assert t.score is None
    assert trait_score([]) is None


def test_every_lowered_criterion_cites_the_moment_that_lowered_it() -> None:
    c = Call().turn_of("remind", amounts=(1400.0,)).turn_of("threat").turn_of("off_topic")
    card = c.score()
    for t in card.traits:
        for cr in t.criteria:
            if cr.value is not None and cr.value < 1 and cr.id not in ("details_given", "stages_steered"):
                assert any(e.effect == "lowered" for e in cr.evidence), (t.trait, cr.id)
                for e in cr.evidence:
                    assert 0 <= e.i < len(c.events) and c.events[e.i]["turn"] == e.turn


# --- big picture and details -------------------------------------------------------------------
def test_big_picture_balance_and_accuracy() -> None:
    right = opening(Call()).turn_of("remind", amounts=(1250.0,)).score()
    assert criterion(right, "big_picture", "balance_stated").value == 1.0
    assert criterion(right, "big_picture", "facts_accurate").value == 1.0
    wrong = opening(Call()).turn_of("remind", amounts=(1500.0,)).score()
    assert criterion(wrong, "big_picture", "balance_stated").value == 0.0
    assert criterion(wrong, "big_picture", "facts_accurate").value == 0.0
    assert "$1,500" in criterion(wrong, "big_picture", "facts_accurate").evidence[0].note


def test_big_picture_details_count_the_facts_from_the_file() -> None:
    one = opening(Call()).say("remind", text="Brightline says you owe $1,250.", amounts=(1250.0,)).state().reply()
    assert criterion(one.score(), "big_picture", "details_given").value == 0.5
    text = "Brightline Electronics: the laptop and service plan, $1,250, due 2026-10-01."
    three = opening(Call()).say("remind", text=text, amounts=(1250.0,), dates=("2026-10-01",)).state().reply()
    assert criterion(three.score(), "big_picture", "details_given").value == 1.0
    month_day = opening(Call()).say("remind", text="It was due on October 1st.", dates=("oct-1",)).state().reply()
    assert "due date" in criterion(month_day.score(), "big_picture", "details_given").note


def test_big_picture_priorities_full_balance_first_and_never_below_the_floor() -> None:
    good = opening(Call()).say("state_expectation").offer("collector", "full_balance", 1250).state().reply()
    assert criterion(good.score(), "big_picture", "priorities_kept").value == 1.0
    low = opening(Call()).say("offer").offer("collector", "lump_sum", 800).state().reply()
    assert criterion(low.score(), "big_picture", "priorities_kept").value == 0.0


# --- the other side's needs -----------------------------------------------------------------
def test_other_side_needs_asks_and_acknowledges() -> None:
    card = (
        opening(Call()).turn_of("ask_reason", reply="I moved.", situation="ask_reason").turn_of("acknowledge").score()
    )
    assert criterion(card, "other_side_needs", "asked_reason").value == 1.0
    assert criterion(card, "other_side_needs", "acknowledged").value == 1.0
    cold = opening(Call()).turn_of("state_expectation").score()
    assert criterion(cold, "other_side_needs", "asked_reason").value == 0.0
    assert criterion(cold, "other_side_needs", "acknowledged").value is None  # the debtor had said nothing yet
    told = opening(Call()).turn_of("ask_reason", reply="I moved.", situation="ask_reason").turn_of("state_expectation")
    assert criterion(told.score(), "other_side_needs", "acknowledged").value == 0.0


def test_acknowledging_before_the_debtor_has_said_anything_is_not_listening() -> None:
    early = opening(Call()).turn_of("acknowledge").turn_of("ask_reason", reply="I moved.", situation="ask_reason")
    assert criterion(early.turn_of("state_expectation").score(), "other_side_needs", "acknowledged").value == 0.0


def test_only_the_last_question_of_a_line_counts() -> None:
    both = opening(Call()).turn_of("ask_reason", "ask_comments", reply="Well...", situation="ask_comments")
    card = both.score()
    assert criterion(card, "other_side_needs", "asked_reason").value == 0.0
    assert card.tip("hint_listen").status == "miss" and "one breath" in card.tip("hint_listen").reason


def test_a_monologue_earns_no_credit_but_is_still_judged() -> None:
    script = (
        "remind",
        "ask_reason",
        "acknowledge",
        "state_expectation",
        "ask_comments",
        "request_counter_offer",
        "ask_good_faith",
        "confirm_in_writing",
        "threat",
    )
    card = opening(Call()).turn_of(*script, amounts=(1250.0,)).score()
    assert criterion(card, "big_picture", "balance_stated").value == 0.0
    assert criterion(card, "agenda_control", "stages_steered").value == 0.0
    assert card.tip("tip09_clear_message").status == "miss"
    assert "in one breath" in card.tip("hint_listen").reason
    assert card.findings("false_threat")  # every word is still judged


def test_other_side_needs_follows_up_reveals() -> None:
    c = opening(Call()).say("ask_reason").state().reply("I moved.", "ask_reason").reveal("moved", "I moved in April.")
    c.turn_of("acknowledge").say("remind").state().reply().reveal("job", "New job next month.").turn_of(
        "state_expectation"
    )
    cr = criterion(c.score(), "other_side_needs", "responded_to_reveals")
    assert cr.value == 0.5 and [e.effect for e in cr.evidence] == ["raised", "lowered"]
    assert criterion(opening(Call()).score(), "other_side_needs", "responded_to_reveals").value is None


# --- control of the playing field -------------------------------------------------------------
@pytest.mark.parametrize(("when", "expected"), [(0, 1.0), (3, 0.5), (None, 0.0)])
def test_agenda_control_identification(when: int | None, expected: float) -> None:
    c = Call()
    for n, moves in enumerate([("greet",), ("verify_identity",), ("mini_miranda",), ("remind",)]):
        c.turn_of(*moves, *(("identify_self",) if n == when else ()))
    assert criterion(c.score(), "agenda_control", "identified_self").value == expected


def test_agenda_control_agenda_before_negotiating() -> None:
    early = opening(Call()).turn_of("state_agenda").turn_of("ask_reason").score()
    late = opening(Call()).turn_of("ask_reason").turn_of("state_agenda").score()
    never = opening(Call()).turn_of("ask_reason").score()
    values = [criterion(x, "agenda_control", "agenda_stated").value for x in (early, late, never)]
    assert values == [1.0, 0.5, 0.0]


def test_agenda_control_stages_are_the_collectors_steps() -> None:
    card = opening(Call()).turn_of("remind").turn_of("ask_reason").score()
    cr = criterion(card, "agenda_control", "stages_steered")
    assert cr.value == 0.5 and "skipped comments, counter-offer" in cr.note
    assert criterion(model_call().score(), "agenda_control", "stages_steered").value == 1.0


def test_agenda_control_a_hang_up_is_not_a_close() -> None:
    hung = opening(Call()).close("hung_up", "the debtor hung up")
    assert criterion(hung.score(), "agenda_control", "closed_the_call").value == 0.0
    assert criterion(model_call().score(), "agenda_control", "closed_the_call").value == 1.0


# --- both sides under pressure -------------------------------------------------------------------
def test_mutual_pressure_stress_uses_the_room_before_breaking_point() -> None:
    # Fran starts at stress 25 and walks away at 85: 60 points of room.
    for peak, expected in ((55, 1.0), (70, 0.5), (84, pytest.approx(1 / 30))):
        c = opening(Call()).say("state_expectation").state(stress=peak).reply()
        cr = criterion(c.score(), "mutual_pressure", "stress_managed")
        assert cr.value == expected, peak
        assert f"peak {peak}" in cr.note and cr.evidence[0].i == c.events[-2]["i"]


def test_mutual_pressure_hostility_and_easing() -> None:
    card = opening(Call()).turn_of("threat").score()
    assert criterion(card, "mutual_pressure", "no_hostility").value == 0.0
    # two tense moments: pressure after the first, an acknowledgement after the second
    c = opening(Call()).say("remind").state(stress=50).reply("Ugh.", "remind").turn_of("explain_consequences")
    c.turn_of("acknowledge")
    cr = criterion(c.score(), "mutual_pressure", "eased_tension")
    assert cr.value == 0.5 and cr.evidence[0].effect == "lowered"
    assert criterion(opening(Call()).score(), "mutual_pressure", "eased_tension").value is None


# --- discipline -----------------------------------------------------------------------------------
def test_discipline_on_topic_and_back() -> None:
    c = opening(Call()).turn_of("off_topic").turn_of("redirect", "remind")
    card = c.score()
    assert criterion(card, "discipline", "on_topic").value == pytest.approx(2 / 3)
    assert criterion(card, "discipline", "brought_back").value == 1.0
    stuck = opening(Call()).turn_of("off_topic").turn_of("small_talk").score()
    assert criterion(stuck, "discipline", "brought_back").value == 0.0
    assert criterion(model_call().score(), "discipline", "on_topic").value == 1.0


def test_discipline_sensible_order() -> None:
    assert criterion(model_call().score(), "discipline", "sensible_order").value == 1.0
    c = Call().turn_of("request_counter_offer").turn_of("verify_identity").turn_of("mini_miranda")
    cr = criterion(c.score(), "discipline", "sensible_order")
    assert cr.value == 0.0 and "out of order: verify the right party" in cr.evidence[0].note


def test_discipline_procedure_followed_only_when_a_stop_applies() -> None:
    assert "procedure_followed" not in [c.id for c in model_call().score().trait("discipline").criteria]
    c = opening(Call()).say("remind").flag("cease_requested").state().reply("Stop calling.", "cease")
    assert criterion(c.turn_of("end_call").score(), "discipline", "procedure_followed").value == 1.0
    c = opening(Call()).say("remind").flag("cease_requested").state().reply("Stop calling.", "cease")
    assert criterion(c.turn_of("offer").score(), "discipline", "procedure_followed").value == 0.0


# --- the client's needs --------------------------------------------------------------------------
def test_client_needs_a_keepable_deal() -> None:
    card = model_call().score()
    assert criterion(card, "client_needs", "deal_keepable").value == pytest.approx(likelihood_kept(1100 / 1400))
    no_deal = opening(Call()).turn_of("remind").turn_of("end_call").close("no_agreement").score()
    assert criterion(no_deal, "client_needs", "deal_keepable").value == 0.0


def test_client_needs_no_deal_is_not_held_against_you_when_none_was_possible() -> None:
    pe = persona(finances={"lump_sum_capacity": 100, "monthly_capacity": 50})  # 6 x $50 < the $1,062.50 floor
    card = opening(Call(pe=pe)).turn_of("remind").turn_of("end_call").close("no_agreement").score()
    assert criterion(card, "client_needs", "deal_keepable").value is None


def test_client_needs_relationship_compares_the_end_with_the_start() -> None:
    kept = opening(Call()).say("acknowledge").state(trust=70).reply().score()
    assert criterion(kept, "client_needs", "relationship_kept").value == 1.0
    soured = opening(Call()).say("state_expectation").state(trust=35, stress=50).reply().score()
    # mood calm -> tense (-0.35), trust 55 -> 35 (-20/40 = -0.5)
    assert criterion(soured, "client_needs", "relationship_kept").value == pytest.approx(0.15)


def test_traits_a_call_cannot_show_are_not_applicable() -> None:
    c = Call(answered_by="third_party")
    c.say("greet", "identify_self").reply("Hi?", speaker="third_party")
    c.say("verify_identity", "end_call").reply("Bye.", "goodbye", speaker="third_party").close("wrong_party")
    card = c.score()
    assert card.trait("big_picture").score is None and card.trait("client_needs").score is None
    assert card.trait("discipline").score == 100


def test_lesson_trait_weights_change_the_traits_part() -> None:
    from negotiation_sim.content.lesson import Rubric

    c = opening(Call()).turn_of("remind", amounts=(1250.0,)).turn_of("threat")
    even = c.score()
    only = c.score(
        Rubric(trait_weights={Trait.MUTUAL_PRESSURE: 1.0, **{t: 0.0 for t in Trait if t != "mutual_pressure"}})
    )
    assert only.parts["traits"] == even.trait("mutual_pressure").score
    assert even.parts["traits"] != only.parts["traits"]
    assert scenario().id == even.scenario
