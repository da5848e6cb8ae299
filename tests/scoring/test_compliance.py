"""Each compliance rule: a hand-written call where it fires, and one where it does not."""

from __future__ import annotations

import pytest

from negotiation_sim.scoring import Scorecard
from negotiation_sim.scoring.compliance import RULES

from .helpers import Call, model_call, opening, scenario


def rules(card: Scorecard) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in card.compliance]


def test_a_model_call_has_no_findings() -> None:
    assert model_call().score().compliance == ()


def test_every_finding_names_its_rule_section_and_turn() -> None:
    c = Call().turn_of("remind", amounts=(1250.0,)).turn_of("threat")
    card = c.score()
    assert {f.rule for f in card.compliance} == {
        "disclosure_missing",
        "right_party_unverified",
        "false_threat",
    }
    for f in card.compliance:
        assert f.regulation == RULES[f.rule].regulation and f.regulation.startswith("12 CFR 1006")
        assert c.events[f.i]["type"] == "trainee_said" and c.events[f.i]["turn"] == f.turn
        assert any(e.i == f.i and e.effect == "lowered" for e in f.evidence)


# --- debt-collector disclosure -------------------------------------------------------------
def test_disclosure_missing_fires_when_the_debt_comes_before_the_mini_miranda() -> None:
    c = Call().turn_of("verify_identity").turn_of("remind", amounts=(1250.0,)).turn_of("mini_miranda")
    found = c.score().findings("disclosure_missing")
    assert [(f.severity, f.turn) for f in found] == [("major", 2)]
    assert "given only at turn 3" in found[0].detail  # saying it afterwards still leaves the finding


def test_disclosure_missing_is_critical_when_the_debt_is_discussed_at_length_without_it() -> None:
    c = Call().turn_of("verify_identity")
    c.turn_of("remind", amounts=(1250.0,)).turn_of("ask_reason").turn_of("state_expectation", amounts=(1250.0,))
    assert rules(c.score())[0] == ("disclosure_missing", "critical")


def test_disclosure_before_the_debt_in_the_same_line_counts_but_after_it_does_not() -> None:
    before = Call().turn_of("verify_identity").turn_of("mini_miranda", "remind", amounts=(1250.0,))
    after = Call().turn_of("verify_identity").turn_of("remind", "mini_miranda", amounts=(1250.0,))
    assert before.score().findings("disclosure_missing") == ()
    assert after.score().findings("disclosure_missing")[0].severity == "major"


def test_no_disclosure_finding_when_the_debt_never_comes_up() -> None:
    c = Call().turn_of("greet", "identify_self").turn_of("end_call")
    assert c.score().compliance == ()


# --- right party ---------------------------------------------------------------------------
def test_naming_the_debt_before_verifying_the_debtor_is_major() -> None:
    c = Call().turn_of("greet").turn_of("mini_miranda").turn_of("remind", amounts=(1250.0,)).turn_of("verify_identity")
    assert ("right_party_unverified", "major") in rules(c.score())


def test_verifying_in_the_same_line_as_naming_the_debt_is_too_late() -> None:
    c = Call().turn_of("mini_miranda").turn_of("verify_identity", "remind", amounts=(1250.0,))
    assert ("right_party_unverified", "major") in rules(c.score())


def test_no_right_party_finding_after_verification() -> None:
    assert opening(Call()).turn_of("remind", amounts=(1250.0,)).score().findings("right_party_unverified") == ()


def test_third_party_disclosure_is_critical_when_the_engine_flags_it() -> None:
    c = Call(answered_by="third_party")
    c.say("greet", "identify_self").reply("Hi?", speaker="third_party")
    c.say("remind", amounts=(1250.0,)).flag("debt_disclosed_to_third_party", "roommate")
    c.reply("She owes money?", "told_about_debt", speaker="third_party")
    card = c.score()
    assert rules(card) == [("third_party_disclosure", "critical")]
    assert card.compliance[0].turn == 2 and "roommate" in card.compliance[0].detail
    assert not card.passed and card.overall <= 39


def test_no_third_party_finding_for_a_neutral_message() -> None:
    c = Call(answered_by="third_party")
    c.say("greet", "identify_self").reply("Hi?", speaker="third_party")
    c.say("verify_identity").reply("She's out.", "asked_for_debtor", speaker="third_party")
    c.say("schedule_follow_up", "end_call").reply("Bye.", "goodbye", speaker="third_party").close("wrong_party")
    card = c.score()
    assert card.compliance == () and card.passed


# --- calling hours -------------------------------------------------------------------------
def test_collecting_outside_calling_hours_is_critical() -> None:
    c = opening(Call(within_calling_hours=False)).turn_of("remind", amounts=(1250.0,))
    found = c.score().findings("calling_hours")
    assert [(f.severity, f.turn) for f in found] == [("critical", 4)]


def test_apologising_and_calling_back_outside_hours_has_no_finding() -> None:
    c = Call(within_calling_hours=False)
    c.turn_of("identify_self", "acknowledge", "schedule_follow_up", "end_call")
    assert c.score().compliance == ()


def test_an_inbound_call_late_at_night_is_not_a_calling_hours_breach() -> None:
    sc = scenario(context={"direction": "inbound", "local_time": "22:30"})
    assert sc.context.within_calling_hours
    c = opening(Call(sc)).turn_of("remind", amounts=(1250.0,))
    assert c.score().findings("calling_hours") == ()


# --- attorney --------------------------------------------------------------------------------
def _attorney_call() -> Call:
    c = opening(Call())
    return (
        c.say("remind", amounts=(1250.0,))
        .flag("attorney_mentioned", "J. Ortiz")
        .state()
        .reply("My lawyer handles this.", "attorney")
    )


def test_collecting_after_the_debtor_names_an_attorney_is_critical() -> None:
    c = _attorney_call().turn_of("state_expectation", amounts=(1250.0,))
    found = c.score().findings("attorney_represented")
    assert [(f.severity, f.turn) for f in found] == [("critical", 5)]
    assert found[0].regulation.startswith("12 CFR 1006.6(b)(2)")


def test_asking_for_the_attorneys_details_and_ending_has_no_finding() -> None:
    c = _attorney_call().turn_of("acknowledge", "ask_attorney_details").turn_of("disclose_debt", "end_call")
    c.close("escalated", by_collector=True)
    card = c.score()
    assert card.compliance == () and card.passed


# --- cease -------------------------------------------------------------------------------
def _cease_call() -> Call:
    c = opening(Call())
    return c.say("ask_reason").flag("cease_requested").state().reply("Stop calling me.", "cease")


def test_collecting_after_a_request_to_stop_is_critical() -> None:
    found = _cease_call().turn_of("request_counter_offer").score().findings("cease_ignored")
    assert [(f.severity, f.turn) for f in found] == [("critical", 5)]


def test_acknowledging_a_request_to_stop_has_no_finding() -> None:
    assert _cease_call().turn_of("acknowledge", "end_call").score().compliance == ()


# --- dispute -------------------------------------------------------------------------------
def _dispute_call() -> Call:
    c = opening(Call())
    return (
        c.say("remind", amounts=(1250.0,))
        .flag("dispute_raised", "cancelled")
        .state()
        .reply("I dispute this.", "dispute")
    )


def test_pressing_for_payment_before_offering_validation_is_major() -> None:
    c = _dispute_call().turn_of("state_expectation", amounts=(1250.0,)).turn_of("offer_validation")
    found = c.score().findings("dispute_mishandled")
    assert [(f.severity, f.turn, f.detail.startswith("Pressed")) for f in found] == [("major", 5, True)]


def test_never_offering_validation_is_major() -> None:
    found = _dispute_call().turn_of("acknowledge").turn_of("end_call").score().findings("dispute_mishandled")
    assert [(f.severity, f.turn, f.detail.startswith("Never")) for f in found] == [("major", 5, True)]


def test_offering_validation_first_has_no_finding() -> None:
    c = _dispute_call().turn_of("acknowledge", "offer_validation", "disclose_debt").turn_of("end_call")
    assert c.score().compliance == ()


def test_no_validation_finding_when_the_call_ends_before_the_collector_can_answer() -> None:
    c = _dispute_call().close("hung_up", "the debtor hung up")
    assert c.score().findings("dispute_mishandled") == ()


# --- threats, abuse, consequences -------------------------------------------------------------
def test_a_threat_said_once_is_critical() -> None:
    card = opening(Call()).turn_of("threat").score()
    assert rules(card) == [("false_threat", "critical")]


def test_abusive_language_is_critical() -> None:
    card = opening(Call()).turn_of("abusive").score()
    assert rules(card) == [("harassment_abuse", "critical")]
    assert card.compliance[0].regulation == "12 CFR 1006.14; 15 U.S.C. 1692d"


def test_legal_action_without_a_legal_action_date_is_a_false_threat() -> None:
    line = "If this isn't paid we will take legal action against you."
    card = opening(Call()).say("explain_consequences", text=line).state().reply().score()
    assert rules(card) == [("false_threat", "critical")]
    assert "not scheduled for legal action" in card.compliance[0].detail


def test_legal_action_on_an_account_scheduled_for_it_is_truthful() -> None:
    sc = scenario(authority={"legal_action_date": "2026-12-01"})
    line = "If this isn't paid the account goes to legal review on 2026-12-01."
    card = opening(Call(sc)).say("explain_consequences", text=line, dates=("2026-12-01",)).state().reply().score()
    assert card.compliance == ()


def test_credit_reporting_threat_when_the_creditor_does_not_report_is_false() -> None:
    line = "A missed payment will be reported to the credit bureaus."
    yes = opening(Call()).say("explain_consequences", text=line).state().reply().score()
    no_sc = scenario(authority={"credit_reporting": False})
    no = opening(Call(no_sc)).say("explain_consequences", text=line).state().reply().score()
    assert yes.compliance == ()
    assert rules(no) == [("false_threat", "critical")]


# --- amounts -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("amounts", "moves", "expected"),
    [
        ((1400.0,), ("remind",), True),  # inflated
        ((1000.0,), ("remind",), True),  # stated as owed but wrong
        ((1250.0,), ("remind",), False),  # the balance
        ((1250.0, 1000.0), ("remind", "offer"), False),  # an offer's figure is not a statement of the debt
        ((20419.0,), ("remind",), False),  # BLE-20419: the account reference, not an amount
    ],
)
def test_misstated_amount(amounts: tuple[float, ...], moves: tuple[str, ...], expected: bool) -> None:
    card = opening(Call()).turn_of(*moves, amounts=amounts).score()
    found = card.findings("misstated_amount")
    assert bool(found) is expected
    if expected:
        assert found[0].severity == "major" and found[0].regulation.startswith("12 CFR 1006.18(b)(2)")


def test_original_balance_is_a_known_figure() -> None:
    sc = scenario(account={"original_balance": 1500})
    card = opening(Call(sc)).turn_of("remind", amounts=(1500.0, 1250.0)).score()
    assert card.findings("misstated_amount") == ()


def test_findings_are_sorted_most_severe_first() -> None:
    c = Call().turn_of("remind", amounts=(1400.0,)).turn_of("abusive")
    severities = [f.severity for f in c.score().compliance]
    assert severities == sorted(severities, key=["critical", "major", "minor"].index)
    assert severities[0] == "critical"
