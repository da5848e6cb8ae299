"""Practice hints: the next lesson step, from what the collector can see of the call."""

from __future__ import annotations

from typing import Any

import pytest

from negotiation_sim.classroom.hints import next_hint
from negotiation_sim.content.library import Library
from negotiation_sim.content.scenario import Scenario
from negotiation_sim.engine.offers import money


@pytest.fixture
def scenario(library: Library) -> Scenario:
    return library.scenario("first-reminder-fran")


class Call:
    """A hand-written event list, built turn by turn."""

    def __init__(self, *, direction: str = "outbound", within: bool = True) -> None:
        self.events: list[dict[str, Any]] = []
        self.turn = 0
        self.add(
            "call_started",
            context={"direction": direction, "within_calling_hours": within},
            account={"balance": 1250, "floor": 1062.5},
        )
        self.add(
            "debtor_state",
            trust=50,
            stress=30,
            patience=80,
            mood="calm",
            delta={},
            hidden={"willing_lump_sum": 900, "true_reason": "forgot"},
        )
        self.add("debtor_said", speaker="debtor", text="Hello?", mood="calm")

    def add(self, kind: str, **data: Any) -> Call:
        self.events.append({"i": len(self.events), "turn": self.turn, "type": kind, **data})
        return self

    def say(self, *moves: str) -> Call:
        self.turn += 1
        return self.add("trainee_said", text=" ".join(moves), moves=list(moves), figures={})

    def step(self, scenario: Scenario) -> str:
        return next_hint(scenario, self.events).step


def test_the_hints_walk_through_the_lesson_in_order(scenario: Scenario) -> None:
    call = Call()
    expected = [
        "identify_self",
        "verify_identity",
        "mini_miranda",
        "state_agenda",
        "remind",
        "ask_reason",
        "acknowledge",
        "ask_proof",
        "state_expectation",
        "ask_comments",
        "request_counter_offer",
    ]
    for step in expected:
        assert call.step(scenario) == step
        call.say(step)
    debtor_offer = {"kind": "lump_sum", "amount": 500.0, "months": 1, "total": 500.0}
    call.add("offer_made", by="debtor", offer=debtor_offer, ratio=0.4)
    assert call.step(scenario) == "consider"
    call.say("consider")
    hint = next_hint(scenario, call.events)
    assert hint.step == "offer"
    assert money(scenario.floor_amount) in hint.text and f"{scenario.authority.max_plan_months} months" in hint.text
    fair = {"kind": "lump_sum", "amount": 1100.0, "months": 1, "total": 1100.0}
    call.say("offer").add("offer_made", by="debtor", offer=fair, ratio=0.88)
    assert call.step(scenario) == "consider"  # a new offer: pause again before answering
    call.say("consider")
    assert call.step(scenario) == "accept"
    call.say("accept").add("agreement", accepted_by="collector", terms=fair, ratio=0.88)
    for step in [
        "ask_good_faith",
        "explain_consequences",
        "confirm_in_writing",
        "schedule_follow_up",
        "close",
    ]:
        assert call.step(scenario) == step
        call.say(step)
    call.add("call_closed", outcome="agreement", reason="done", terms=fair, good_faith=None)
    assert call.step(scenario) == "closed"


def test_a_greeting_alone_does_not_identify_the_caller(scenario: Scenario) -> None:
    call = Call().say("greet")
    hint = next_hint(scenario, call.events)
    assert hint.step == "identify_self" and hint.text.startswith("Say who you are")
    assert scenario.collector_name in hint.text and scenario.agency in hint.text
    assert next_hint(scenario, call.say("identify_self").events).step == "verify_identity"


def test_the_reminder_hint_names_the_account_facts(scenario: Scenario) -> None:
    call = Call().say("identify_self").say("verify_identity").say("mini_miranda").say("state_agenda")
    text = next_hint(scenario, call.events).text
    assert money(scenario.account.balance) in text and scenario.account.due_date in text


@pytest.mark.parametrize(
    ("flag", "step", "done_move"),
    [
        ("dispute_raised", "dispute", "offer_validation"),
        ("attorney_mentioned", "attorney", "ask_attorney_details"),
        ("cease_requested", "cease", None),
    ],
)
def test_a_flag_turns_the_hint_to_the_rule_it_brings(
    scenario: Scenario, flag: str, step: str, done_move: str | None
) -> None:
    call = (
        Call()
        .say("identify_self")
        .say("verify_identity")
        .say("mini_miranda")
        .say("remind")
        .add("flag", flag=flag, detail="")
    )
    first = next_hint(scenario, call.events)
    assert first.step == step
    if done_move:
        call.say(done_move)
        assert next_hint(scenario, call.events).step == step
        assert next_hint(scenario, call.events).text != first.text


def test_a_third_party_on_the_line_gets_the_no_disclosure_hint(scenario: Scenario) -> None:
    call = Call()
    call.events[-1]["speaker"] = "third_party"
    hint = next_hint(scenario, call.events)
    assert hint.step == "third_party" and "debt" in hint.text


def test_a_call_outside_calling_hours_starts_with_an_apology(scenario: Scenario) -> None:
    assert Call(within=False).step(scenario) == "calling_hours"
    assert Call(within=False, direction="inbound").step(scenario) == "identify_self"


def test_hints_never_depend_on_the_debtors_hidden_state(scenario: Scenario) -> None:
    call = Call().say("identify_self").say("verify_identity").say("mini_miranda").say("state_agenda").say("remind")
    before = next_hint(scenario, call.events)
    call.events[1]["hidden"] = {"willing_lump_sum": 5, "true_reason": "something else entirely"}
    call.events[1]["trust"] = 3
    assert next_hint(scenario, call.events) == before
