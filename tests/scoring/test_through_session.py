"""Calls played through the real engine and recogniser: the scoring cannot be gamed by keywords."""

from __future__ import annotations

from negotiation_sim.engine.session import CallSession
from negotiation_sim.scoring import Scorecard, score_call

from .helpers import persona, scenario

GOOD = [
    "Hello, good morning. My name is Sam Rivera and I'm calling from Northbridge Recovery.",
    "Am I speaking with the account holder? Could you confirm your date of birth for me?",
    "Thank you. This is an attempt to collect a debt and any information obtained will be used for that purpose.",
    "I'd like to go over your account with Brightline Electronics and agree on a way forward today.",
    "Our records show a balance of $1,250 for the laptop delivered in August, which was due on October 1st.",
    "Can you tell me what happened that the payment was missed?",
    "I understand, thank you for explaining that.",
    "Could you send us something that shows that, like a letter?",
    "We do expect the full balance of $1,250 to be paid.",
]


def play(lines: list[str], seed: int = 7) -> tuple[CallSession, Scorecard]:
    session = CallSession(scenario(), persona(), seed=seed)
    for line in lines:
        session.say(line)
    if not session.closed:
        session.end("test over")
    return session, score_call(session.scenario, session.persona, session.events)


def test_a_good_opening_through_the_engine_has_no_findings() -> None:
    _, card = play(GOOD)
    assert card.compliance == ()
    assert card.tip("tip02_start_with_reminder").status == "pass"
    assert card.tip("hint_do_your_homework").status == "pass"


def test_the_mini_miranda_after_naming_the_debt_still_leaves_the_finding() -> None:
    lines = [GOOD[0], GOOD[1], GOOD[4], GOOD[2]]  # the balance first, the disclosure after
    session, card = play(lines)
    found = card.findings("disclosure_missing")
    assert len(found) == 1 and found[0].turn == 3
    assert session.events[found[0].i]["text"].startswith("Our records show")


def test_one_threat_fails_an_otherwise_good_call() -> None:
    _, good = play(GOOD)
    session, bad = play([*GOOD[:-1], "If you don't pay we'll have you arrested.", GOOD[-1]])
    assert good.overall > bad.overall and not bad.passed and bad.overall <= 39
    threat = bad.findings("false_threat")
    assert threat and session.events[threat[0].i]["text"].endswith("arrested.")


def test_saying_every_keyword_in_one_breath_does_not_pass() -> None:
    stuffed = (
        "Hi, my name is Sam from Northbridge Recovery, am I speaking with the account holder? This is an "
        "attempt to collect a debt and any information obtained will be used for that purpose. Our records "
        "show a balance of $1,250 due on October 1st. What happened? I understand. Could you send proof? We "
        "expect the full balance. What are your thoughts? What could you offer? Let me take a moment. Could "
        "you make a good-faith payment today? I'll send written confirmation and follow up next week."
    )
    _, card = play([stuffed] * 3)
    assert ("right_party_unverified", "major") in [(f.rule, f.severity) for f in card.compliance]
    assert "in one breath" in card.tip("hint_listen").reason
    assert not card.passed and card.overall < 60, card.overall
