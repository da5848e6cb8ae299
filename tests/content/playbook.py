"""Scripted collectors for the content tests: bot runs and hand-written tours of a persona.

A tour is a list of lines (or a function that picks the next line from the call so far), written
so that together they make a debtor meet every situation its persona file defines. The coverage
test plays them on every shipped scenario and collects what was revealed, which stages were
reached, which flags were raised and which line situations were spoken, so content nothing can
reach (dead content) fails a test.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from negotiation_sim.bots import Aggressive, ByTheBook, Pushover, RandomLegal, play_call
from negotiation_sim.content.library import Library
from negotiation_sim.content.persona import Persona
from negotiation_sim.content.scenario import Scenario
from negotiation_sim.engine import events as ev
from negotiation_sim.engine.events import Event
from negotiation_sim.engine.offers import money
from negotiation_sim.engine.session import DEBT_TALK, CallSession

RANDOM_SEEDS = (1, 2, 3, 4, 5)


def bots() -> list[tuple[str, Any]]:
    return [
        ("by-the-book", ByTheBook()),
        ("aggressive", Aggressive()),
        ("pushover", Pushover()),
        *((f"random-{seed}", RandomLegal(seed)) for seed in RANDOM_SEEDS),
    ]


def play_bot(scenario: Scenario, persona: Persona, strategy: Any, seed: int | None = None) -> CallSession:
    return play_call(CallSession(scenario, persona, seed=seed), strategy)


# --- what a finished call shows ---------------------------------------------------------------
def of_type(events: Iterable[Event], kind: str) -> list[Event]:
    return [e for e in events if e["type"] == kind]


def closing(events: list[Event]) -> Event:
    closed = of_type(events, ev.CALL_CLOSED)
    assert len(closed) == 1, "the call did not close exactly once"
    return closed[0]


def flags(events: list[Event]) -> set[str]:
    return {e["flag"] for e in of_type(events, ev.FLAG)}


def revealed(events: list[Event]) -> set[str]:
    return {e["id"] for e in of_type(events, ev.REVEALED)}


def stages(events: list[Event]) -> set[str]:
    return {e["to"] for e in of_type(events, ev.STAGE_CHANGED)} | {events[0]["stage"]}


def situations(events: list[Event]) -> set[str]:
    return {e["situation"] for e in of_type(events, ev.DEBTOR_SAID) if e["speaker"] == "debtor"}


def collector_moves(events: list[Event]) -> list[str]:
    return [m for e in of_type(events, ev.TRAINEE_SAID) for m in e["moves"]]


@dataclass
class Coverage:
    """What a set of calls reached, per persona id."""

    revealed: dict[str, set[str]] = field(default_factory=dict)
    situations: dict[str, set[str]] = field(default_factory=dict)
    third_party: dict[str, set[str]] = field(default_factory=dict)
    flags: dict[str, set[str]] = field(default_factory=dict)
    stages: set[str] = field(default_factory=set)

    def add(self, scenario: Scenario, events: list[Event]) -> None:
        key = scenario.persona
        self.revealed.setdefault(key, set()).update(revealed(events))
        self.revealed.setdefault(f"scenario:{scenario.id}", set()).update(revealed(events))
        self.situations.setdefault(key, set()).update(situations(events))
        self.third_party.setdefault(scenario.id, set()).update(
            e["situation"] for e in of_type(events, ev.DEBTOR_SAID) if e["speaker"] == "third_party"
        )
        self.flags.setdefault(key, set()).update(flags(events))
        self.stages.update(stages(events))


# --- was it a good call? ------------------------------------------------------------------------
PRESSING = {"state_expectation", "offer", "request_counter_offer", "ask_good_faith", "explain_consequences"}


def feasible(persona: Persona, terms: dict[str, float]) -> bool:
    f = persona.finances
    if terms["kind"] == "plan":
        return terms["amount"] <= f.monthly_capacity + 0.01
    return terms["amount"] <= f.lump_sum_capacity + 0.01


def moves_after(events: list[Event], index: int) -> list[str]:
    return [m for e in of_type(events, ev.TRAINEE_SAID) if e["i"] > index for m in e["moves"]]


def judge(scenario: Scenario, persona: Persona, events: list[Event]) -> tuple[bool, str]:
    """Whether the call ended the way this scenario is built to teach, and why not."""
    close = closing(events)
    outcome = close["outcome"]
    raised = {e["flag"]: e["i"] for e in reversed(of_type(events, ev.FLAG))}
    said = [m for e in of_type(events, ev.TRAINEE_SAID) for m in e["moves"]]
    ctx = scenario.context
    if ctx.answered_by == "third_party":
        ok = outcome == "wrong_party" and "debt_disclosed_to_third_party" not in raised
        return ok, f"{outcome}, flags {sorted(raised)}"
    if not ctx.within_calling_hours:
        talked = DEBT_TALK & set(said)
        ok = outcome == "no_agreement" and len(of_type(events, ev.TRAINEE_SAID)) == 1 and not talked
        return (
            ok,
            f"{outcome} after {len(of_type(events, ev.TRAINEE_SAID))} lines, debt talk {sorted(talked)}",
        )
    if persona.attorney is not None:
        if "attorney_mentioned" not in raised:
            return False, "the attorney was never mentioned"
        after = set(moves_after(events, raised["attorney_mentioned"]))
        ok = outcome == "escalated" and "ask_attorney_details" in after and not after & (PRESSING | {"remind"})
        return ok, f"{outcome}, after the attorney: {sorted(after)}"
    if persona.dispute is not None:
        if "dispute_raised" not in raised:
            return False, "the dispute never came up"
        after = set(moves_after(events, raised["dispute_raised"]))
        ok = outcome == "escalated" and "offer_validation" in after and not after & PRESSING
        return ok, f"{outcome}, after the dispute: {sorted(after)}"
    terms = close["terms"]
    if outcome != "agreement" or terms is None:
        return False, f"{outcome}"
    if terms["total"] < scenario.floor_amount - 0.01:
        return False, f"agreed {terms['total']} below the floor {scenario.floor_amount}"
    if terms["kind"] == "plan" and terms["months"] > scenario.authority.max_plan_months:
        return False, f"a {terms['months']}-month plan is beyond the authority"
    if not feasible(persona, terms):
        return False, f"the debtor cannot really pay {terms}"
    return True, f"agreed {terms}"


# --- hand-written tours --------------------------------------------------------------------------
Script = Callable[[CallSession], str | None]  # the next line, or None to stop talking


def lines(*said: str) -> Script:
    """A fixed script: say these lines in order, then stop."""

    def next_line(session: CallSession) -> str | None:
        return said[session.turn] if session.turn < len(said) else None

    return next_line


def play_script(scenario: Scenario, persona: Persona, script: Script, seed: int = 11) -> CallSession:
    session = CallSession(scenario, persona, seed=seed)
    while not session.closed and session.turn < 80:
        line = script(session)
        if line is None:
            break
        session.say(line)
    if not session.closed:
        session.end("the script ended")
    return session


def debtor_offer(session: CallSession) -> dict[str, Any] | None:
    offers = [e for e in of_type(session.events, ev.OFFER_MADE) if e["by"] == "debtor"]
    return offers[-1]["offer"] if offers else None


def opening(scenario: Scenario, session: CallSession) -> list[str]:
    return [
        f"Hello, this is {scenario.collector_name} calling from {scenario.agency}.",
        f"Am I speaking with {session.identity.name}?",
        "This is an attempt to collect a debt and any information obtained will be used for that purpose.",
    ]


def tour(scenario: Scenario, session: CallSession) -> Script:
    """Every ordinary situation once: chit-chat, the stages in order, haggling, good faith, closing."""
    a = scenario.account
    fixed = [
        *opening(scenario, session),
        "Hi there.",
        f"Today I'd like to go over your account with {a.creditor} and agree a way forward.",
        "How's the weather where you are?",
        "Let's get back to the account.",
        "So what do you think about the election?",
        f"Your balance with {a.creditor} is {money(a.balance)}, which was due on {a.due_date}.",
        "Can you tell me what happened?",
        "I understand, that must have been hard.",
        "Could you send us something that shows that, like a bank statement?",
        "What are your thoughts on how we could resolve this?",
        "I'll send you written validation of the debt, and we'll hold collection until you have it.",
        f"We expect the full balance of {money(a.balance)} to be paid.",
        "What could you offer towards the balance?",
        "I'm afraid I can't accept that.",
        "Let me take a moment to think about that.",
        "Okay, I can accept that.",
        "Could you make a good-faith payment today?",
        "If a payment is missed, the arrangement is cancelled and the full balance becomes due again.",
        "I'll send you written confirmation of these terms today.",
        "I'll call you next week to check how it's going.",
        "Hmm.",
        "Thank you for your time. Goodbye.",
    ]
    return lines(*fixed)


def accept_their_number(scenario: Scenario, session: CallSession) -> Script:
    """Ask for a counter-offer, then propose exactly that: the debtor accepts the collector's offer."""
    a = scenario.account
    first = [
        *opening(scenario, session),
        f"Your balance with {a.creditor} is {money(a.balance)}.",
        "I'll send you written validation of the debt, and we'll hold collection until you have it.",
        "What could you offer towards the balance?",
    ]

    def next_line(s: CallSession) -> str | None:
        if s.turn < len(first):
            return first[s.turn]
        if s.debtor.state.agreement is not None:
            return "Thank you. Goodbye." if s.turn < 40 else None
        theirs = debtor_offer(s)
        if theirs is None:
            return "What could you offer towards the balance?"
        if theirs["kind"] == "plan":
            return f"We could do {money(theirs['amount'])} a month for {theirs['months']} months."
        return f"We could settle for {money(math.floor(theirs['amount']))} today."

    return next_line


def wear_down(scenario: Scenario, session: CallSession) -> Script:
    """Refuse everything until trust is too low for a good-faith payment, ask for one, then keep refusing."""
    needs = session.persona.negotiation.good_faith.needs_trust
    start = opening(scenario, session)

    def next_line(s: CallSession) -> str | None:
        if s.turn < len(start):
            return start[s.turn]
        if not s.debtor.state.good_faith_asked and s.debtor.state.trust < needs:
            return "Could you make a good-faith payment of $50 today?"
        return "I'm afraid I can't accept that."

    return next_line


def threat(scenario: Scenario, session: CallSession) -> Script:
    return lines(*opening(scenario, session), "If you don't pay today you'll be arrested and go to jail.")


def abuse(scenario: Scenario, session: CallSession) -> Script:
    return lines(*opening(scenario, session), "Listen, you worthless deadbeat, pay up.")


def haggle(scenario: Scenario, session: CallSession) -> Script:
    """Ask for the full balance as a settlement before any rapport: the debtor counters, and is refused."""
    return lines(
        *opening(scenario, session),
        f"We could settle for the full balance of {money(scenario.account.balance)} today.",
        "I'm afraid I can't accept that.",
        "I'm afraid I can't accept that.",
        "Thank you for your time. Goodbye.",
    )


def leave_a_message(scenario: Scenario, session: CallSession) -> Script:
    """Someone else picks up: ask for the debtor, leave a neutral message, hang up."""
    return lines(
        f"Hello, this is {scenario.collector_name}.",
        f"Am I speaking with {session.identity.name}?",
        "Could you take a message and ask them to call me back on 555-0100?",
        "Mm.",
        "Thank you. Goodbye.",
    )


def greet_only(scenario: Scenario, session: CallSession) -> Script:
    return lines("Hi there.", "Thank you. Goodbye.")


TOURS: dict[str, Callable[[Scenario, CallSession], Script]] = {
    "tour": tour,
    "accept-their-number": accept_their_number,
    "wear-down": wear_down,
    "haggle": haggle,
    "threat": threat,
    "abuse": abuse,
    "greet-only": greet_only,
    "leave-a-message": leave_a_message,
}


def with_context(scenario: Scenario, **context: Any) -> Scenario:
    """The scenario with a different call context (an inbound call, a late call)."""
    return scenario.model_copy(update={"context": scenario.context.model_copy(update=context)})


def run_tours(lib: Library, scenario: Scenario) -> list[CallSession]:
    persona = lib.persona_for(scenario)
    played: list[CallSession] = []
    contexts = [scenario]
    if scenario.context.answered_by == "debtor":
        contexts += [
            with_context(scenario, direction="inbound", local_time="10:30"),
            with_context(scenario, direction="outbound", local_time="10:30"),
            with_context(scenario, direction="outbound", local_time="21:40"),
        ]
    for sc in contexts:
        for make in TOURS.values():
            session = CallSession(sc, persona, seed=11)
            script = make(sc, session)
            played.append(play_script(sc, persona, script, seed=11))
    return played
