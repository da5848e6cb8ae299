"""CallSession: how the debtor reacts, what the events record, and that a call is reproducible."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from negotiation_sim.engine import events as ev
from negotiation_sim.engine.session import MAX_UTTERANCE, CallSession, ReplayError, sanitise
from negotiation_sim.vocabulary import Outcome, Stage

from .helpers import OPENING, persona, say_all, scenario, session


def _state(s: CallSession) -> dict[str, int]:
    last = [e for e in s.events if e["type"] == ev.DEBTOR_STATE][-1]
    return {k: last[k] for k in ("trust", "stress", "patience")}


def test_a_call_opens_with_the_debtor_answering() -> None:
    s = session()
    kinds = [e["type"] for e in s.events]
    assert kinds == [ev.CALL_STARTED, ev.DEBTOR_STATE, ev.DEBTOR_SAID]
    assert s.events[2]["situation"] == "answer"
    assert s.stage == Stage.OPENING


def test_empathy_raises_trust_and_lowers_stress() -> None:
    s = say_all(session(), OPENING)
    before = _state(s)
    s.say("I understand, that sounds really hard. Thank you for telling me.")
    after = _state(s)
    assert after["trust"] > before["trust"]
    assert after["stress"] < before["stress"]


def test_a_threat_raises_stress_and_ends_the_call() -> None:
    s = say_all(session(), OPENING)
    before = _state(s)
    s.say("If you don't pay today we will have you arrested.")
    closed = [e for e in s.events if e["type"] == ev.CALL_CLOSED]
    assert _state(s)["stress"] > before["stress"]
    assert s.closed and s.outcome == Outcome.HUNG_UP
    assert closed[0]["outcome"] == "hung_up"


WARNED = ["Don't threaten me. Say that again and I'm gone.", "Watch it. One more of those and we're done."]


def test_a_tolerant_debtor_stays_on_after_one_threat_but_not_two() -> None:
    tolerant = {"negotiation": {"threats_tolerated": 1}, "lines": {"warned": WARNED}}
    s = say_all(session(persona_overrides=tolerant), OPENING)
    s.say("If you don't pay we will have you arrested.")
    assert not s.closed
    reply = [e for e in s.events if e["type"] == ev.DEBTOR_SAID][-1]
    assert reply["situation"] == "warned" and reply["text"] in WARNED  # not a walk-out line on a call that goes on
    s.say("I mean it, you'll go to jail.")
    assert s.outcome == Outcome.HUNG_UP
    assert [e for e in s.events if e["type"] == ev.DEBTOR_SAID][-1]["situation"] == "threatened"


def test_a_persona_that_tolerates_threats_needs_lines_for_it() -> None:
    with pytest.raises(ValidationError, match="missing lines for: warned"):
        persona(negotiation={"threats_tolerated": 2})


def test_asking_for_proof_exposes_a_false_hardship_claim() -> None:
    liar = {
        "finances": {
            "claimed_reason": "I lost my job and I have nothing.",
            "claimed_lump_sum_capacity": 50,
            "claimed_monthly_capacity": 20,
        }
    }
    s = say_all(session(persona_overrides=liar), OPENING)
    hidden_before = [e for e in s.events if e["type"] == ev.DEBTOR_STATE][-1]["hidden"]
    assert hidden_before["willing_monthly"] < 25
    s.say("Could you send us proof of that, like a bank statement or a termination letter?")
    flags = [e for e in s.events if e["type"] == ev.FLAG]
    assert [f["flag"] for f in flags] == ["claim_exposed"]
    hidden_after = [e for e in s.events if e["type"] == ev.DEBTOR_STATE][-1]["hidden"]
    assert hidden_after["claim_exposed"] is True
    assert hidden_after["willing_monthly"] > 100
    assert s.events[-1]["situation"] in ("proof_exposed", "ask_proof")


def test_asking_an_honest_debtor_for_proof_exposes_nothing() -> None:
    s = say_all(session(), OPENING)
    s.say("Could you send us proof of that, like a bank statement?")
    assert not [e for e in s.events if e["type"] == ev.FLAG]


def test_the_reminder_moves_the_call_to_the_reminder_stage() -> None:
    s = say_all(session(), OPENING)
    s.say("Our records show a balance of $1,250 for the laptop delivered in August, due on October 1st.")
    changes = [(e["from"], e["to"]) for e in s.events if e["type"] == ev.STAGE_CHANGED]
    assert changes == [("opening", "reminder")]


def test_a_move_out_of_stage_is_recorded_and_answered_not_an_error() -> None:
    s = session()
    events = s.say("Could you make a good-faith payment of $100 today?")
    said = next(e for e in events if e["type"] == ev.TRAINEE_SAID)
    assert "ask_good_faith" in said["moves"]
    assert s.stage == Stage.OPENING
    assert events[-1]["type"] == ev.DEBTOR_SAID


def test_a_counter_offer_request_gets_a_debtor_offer_below_their_capacity() -> None:
    s = say_all(session(), OPENING)
    events = s.say("What could you offer towards the balance?")
    offers = [e for e in events if e["type"] == ev.OFFER_MADE]
    assert len(offers) == 1 and offers[0]["by"] == "debtor"
    assert 0 < offers[0]["offer"]["total"] <= 1400
    assert s.stage == Stage.COUNTER_OFFER


def test_accepting_the_debtors_offer_makes_an_agreement_with_those_terms() -> None:
    s = say_all(session(), OPENING)
    offer = next(e for e in s.say("What could you offer towards the balance?") if e["type"] == ev.OFFER_MADE)
    events = s.say("Okay, I can accept that.")
    agreement = [e for e in events if e["type"] == ev.AGREEMENT]
    assert agreement and agreement[0]["terms"] == offer["offer"]
    assert s.stage == Stage.GOOD_FAITH
    s.say("Thank you, goodbye.")
    closed = s.events[-1]
    assert closed["type"] == ev.CALL_CLOSED and closed["outcome"] == "agreement"
    assert closed["terms"] == offer["offer"]


def test_a_third_party_on_the_line_hears_about_the_debt_only_if_told() -> None:
    third = {
        "context": {
            "answered_by": "third_party",
            "third_party": {
                "relation": "roommate",
                "lines": {
                    "answer": ["Hello?"],
                    "asked_for_debtor": ["She's not here, who's calling?"],
                    "told_about_debt": ["Oh, she owes money? I'll tell her."],
                    "message": ["Sure, I'll pass it on."],
                    "unclear": ["Sorry?"],
                    "goodbye": ["Bye."],
                },
            },
        }
    }
    careful = session(**third)
    say_all(
        careful, ["Hello, may I speak with the account holder please?", "Could you ask her to call me back? Goodbye."]
    )
    assert careful.outcome == Outcome.WRONG_PARTY
    assert not [e for e in careful.events if e["type"] == ev.FLAG]

    careless = session(**third)
    careless.say("Hi, I'm calling because she owes $1,250 to Brightline Electronics.")
    flags = [e["flag"] for e in careless.events if e["type"] == ev.FLAG]
    assert flags == ["debt_disclosed_to_third_party"]


def test_ending_the_call_without_a_deal_is_no_agreement() -> None:
    s = say_all(session(), OPENING)
    s.end("trainee hung up")
    assert s.outcome == Outcome.NO_AGREEMENT
    assert [e["type"] for e in s.events[-3:]] == [ev.COLLECTOR_ENDED, ev.STAGE_CHANGED, ev.CALL_CLOSED]
    assert s.say("Hello?") == []


def test_same_seed_and_lines_give_identical_events() -> None:
    lines = [*OPENING, "What could you offer?", "Let me take a moment to review that.", "I can accept that."]
    a = say_all(session(seed=11), lines)
    b = say_all(session(seed=11), lines)
    assert ev.to_jsonl(a.events) == ev.to_jsonl(b.events)


def test_different_seeds_meet_different_people_and_words() -> None:
    lines = [*OPENING, "Can you tell me what happened?", "What could you offer towards the balance?"]
    texts = set()
    names = set()
    for seed in range(6):
        s = say_all(session(seed=seed), lines)
        names.add(s.identity.name)
        texts.add(tuple(e["text"] for e in s.events if e["type"] == ev.DEBTOR_SAID))
    assert len(names) >= 5
    assert len(texts) >= 4


def test_replay_rebuilds_the_same_call_and_state() -> None:
    s = say_all(session(seed=5), [*OPENING, "What could you offer?", "I can accept that."])
    again = CallSession.replay(s.scenario, s.persona, s.events)
    assert again.events == s.events
    assert again.stage == s.stage and again.debtor.state == s.debtor.state


def test_replay_refuses_events_that_were_changed() -> None:
    s = say_all(session(seed=5), [*OPENING, "What could you offer?"])
    tampered = [dict(e) for e in s.events]
    offer = next(e for e in tampered if e["type"] == ev.OFFER_MADE)
    offer["offer"] = {**offer["offer"], "total": 1.0}
    with pytest.raises(ReplayError):
        CallSession.replay(s.scenario, s.persona, tampered)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\x00\x07\x1b[31mred\x1b[0m", "مرحبا، أريد أن أدفع", "💸" * 500, "a" * 100_000, "\u202eevil\u202c"],
)
def test_any_text_is_handled(text: str) -> None:
    s = session()
    events = s.say(text)
    said = events[0]
    assert said["type"] == ev.TRAINEE_SAID
    assert len(said["text"]) <= MAX_UTTERANCE
    assert all(ch.isprintable() for ch in said["text"])
    assert events[-1]["type"] == ev.DEBTOR_SAID


def test_sanitise_keeps_words_and_drops_control_characters() -> None:
    assert sanitise("  hello\n\tthere\x07 ") == "hello there"
    assert sanitise("x" * (MAX_UTTERANCE + 50)) == "x" * MAX_UTTERANCE


def test_scenario_overrides_apply_to_the_account() -> None:
    s = CallSession(scenario(account={"balance": 999}), persona(), seed=1)
    assert s.events[0]["account"]["balance"] == 999


def test_an_offer_that_names_the_balance_as_reference_proposes_the_other_amount() -> None:
    s = say_all(session(), OPENING)
    events = s.say("We can settle the $1,250 balance for $1,100 today.")
    offer = next(e for e in events if e["type"] == ev.OFFER_MADE)
    assert offer["by"] == "collector"
    assert offer["offer"]["kind"] == "lump_sum" and offer["offer"]["amount"] == 1100.0
