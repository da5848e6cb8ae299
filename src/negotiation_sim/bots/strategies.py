"""The scripted trainees: by-the-book, aggressive, pushover, and a random-but-legal player.

Each decides its next line from the call so far, the way a trainee reads the screen, and
speaks in plain collector English so that the recogniser is exercised too.
"""

from __future__ import annotations

import functools
import math
import random
import string
from collections.abc import Callable

from ..engine import draws
from ..engine.offers import Offer, money
from .base import CallView


def _floor_ok(view: CallView, offer: Offer) -> bool:
    s = view.scenario
    if offer.kind == "plan":
        return offer.months <= s.authority.max_plan_months and offer.total >= s.floor_amount - 0.01
    return offer.total >= s.floor_amount - 0.01


class ByTheBook:
    """Follows the lesson: disclose, verify, remind, find the reason, listen, start high,
    require a counter-offer, pause before answering it, hold the floor, ask for good faith,
    explain the ramifications, confirm in writing and set a follow-up."""

    name = "by-the-book"
    description = "follows every step of the lesson and every compliance rule"

    def reply(self, view: CallView) -> str:
        s = view.scenario
        a = s.account
        if view.turn == 0:
            ctx = view.context()
            if ctx["direction"] == "outbound" and not ctx["within_calling_hours"]:
                return (
                    f"I'm sorry, this is {s.collector_name} from {s.agency}. I realise it's late where you are, "
                    "so I'll call back tomorrow at a better time. Goodbye."
                )
            return f"Hello, good morning. My name is {s.collector_name} and I'm calling from {s.agency}."
        if view.third_party():
            if view.said("schedule_follow_up"):
                return "Thank you for your help. Goodbye."
            if not view.said("verify_identity"):
                return f"Am I speaking with {view.identity()['name']}?"
            return (
                f"Could you please ask them to call {s.collector_name} back at 555-0100? "
                "It's a personal business matter. Thank you, goodbye."
            )
        if not view.said("verify_identity"):
            return f"Am I speaking with {view.identity()['name']}? Could you confirm your date of birth for me?"
        if not view.said("mini_miranda"):
            return (
                "Thank you. This is a communication from a debt collector. This is an attempt to collect a debt "
                "and any information obtained will be used for that purpose."
            )
        flags = view.flags()
        if "attorney_mentioned" in flags:
            if not view.said("ask_attorney_details"):
                return (
                    "Thank you for telling me. Could I have your attorney's name and phone number? "
                    "We will contact them directly from now on."
                )
            return "Thank you, I'll make a note of that. Goodbye."
        if "cease_requested" in flags:
            return "Understood. I've noted that you asked us to stop calling. Thank you, goodbye."
        if "dispute_raised" in flags:
            if not view.said("offer_validation"):
                return (
                    "I understand that you dispute this. I'll send you written validation of the debt, "
                    "and we'll hold collection on it until you've received it."
                )
            return "Thank you for your time today. Goodbye."
        if not view.said("state_agenda"):
            return (
                f"I'm calling about your account with {a.creditor}. I'd like to go over the balance, understand "
                "what happened, and agree on a way forward today."
            )
        if not view.said("remind"):
            return (
                f"Our records show a balance of {money(a.balance)} for the {a.delivered}, "
                f"which was due on {a.due_date}."
            )
        agreed = view.agreed()
        if agreed is None:
            return self._negotiate(view)
        if not view.said("ask_good_faith") and not view.good_faith_answered():
            return (
                f"Thank you. Could you make a good-faith payment of {money(s.authority.min_good_faith)} today "
                "to get this started?"
            )
        if not view.said("explain_consequences"):
            return (
                "Just so it's clear: if a payment is missed, the arrangement would be cancelled and the full "
                "balance would be due again."
            )
        if not view.said("confirm_in_writing"):
            return (
                f"To confirm, we agreed {agreed.describe()}. I'll send you written confirmation of these terms "
                "today, and I'll follow up with a reminder before the first payment."
            )
        return "Thank you for working with me today. Goodbye."

    def _negotiate(self, view: CallView) -> str:
        s = view.scenario
        if not view.said("ask_reason"):
            return "Can you tell me what happened that the payment was missed?"
        if not view.said("acknowledge"):
            return "I understand, that sounds really difficult. Thank you for explaining it to me."
        if not view.said("ask_proof"):
            return "Could you send us something that shows that, like a letter or a bank statement?"
        if not view.said("state_expectation"):
            return f"We do expect the full balance of {money(s.account.balance)} to be paid."
        if view.agreed():
            return "Thank you."
        if not view.said("ask_comments"):
            return "What are your thoughts on how we can resolve this?"
        if not view.said("request_counter_offer"):
            return "What could you offer towards the balance?"
        theirs = view.debtor_offer()
        if theirs is not None and _floor_ok(view, theirs):
            if view.times_said("consider") < view.times_said("request_counter_offer") + view.times_said("offer"):
                return "Let me take a moment to look at that."
            return "Okay, I can accept that."
        if view.times_said("consider") < view.times_said("request_counter_offer") + view.times_said("offer"):
            return "Let me take a moment to review what you're proposing."
        return self._counter(view)

    def _counter(self, view: CallView) -> str:
        """Offer a plan inside our authority, stepping from the full balance down to the floor."""
        s = view.scenario
        steps = view.times_said("offer")
        months = s.authority.max_plan_months
        targets = [s.account.balance, (s.account.balance + s.floor_amount) / 2, s.floor_amount]
        if steps >= len(targets):
            return "I'm afraid that's as far as I can go today. Thank you for your time, goodbye."
        monthly = math.ceil(targets[steps] / months)
        return f"What I can do is {money(monthly)} a month for {months} months."


class Aggressive:
    """Skips the disclosure, pushes, threatens what it cannot do, and insults."""

    name = "aggressive"
    description = "threatens and pushes: should fail every scenario with a critical finding"

    LINES = (
        "Hey. You owe {balance} to {creditor} and I want it paid today.",
        "I don't care about excuses. Pay the full {balance} right now.",
        "If you don't pay today we'll have you arrested and we'll take your car.",
        "Stop wasting my time, you deadbeat. Pay up.",
        "We'll garnish your wages tomorrow and tell your employer about this.",
        "Last chance, you idiot. Pay or go to jail.",
    )

    def reply(self, view: CallView) -> str:
        a = view.scenario.account
        line = self.LINES[min(view.turn, len(self.LINES) - 1)]
        return line.format(balance=money(a.balance), creditor=a.creditor)


class Pushover:
    """Skips the reminder and the disclosure, asks what they can pay, takes the first answer."""

    name = "pushover"
    description = "accepts the first counter-offer: should fail, flagged below the floor or infeasible"

    def reply(self, view: CallView) -> str:
        if view.turn == 0:
            return f"Hi, this is {view.scenario.collector_name}. So, what can you pay?"
        if view.agreed() is not None:
            return "Great, thanks. Bye!"
        if view.debtor_offer() is not None:
            return "Okay, sure, that works."
        return "What could you offer towards the balance?"


class RandomLegal:
    """Random but legal moves with varied figures: explores what a scenario allows."""

    name = "random"
    description = "random polite moves and figures, for exploring a scenario"

    PHRASES = (
        "Hello, this is {collector} from {agency}.",
        "Am I speaking with {name}?",
        "This is an attempt to collect a debt and any information obtained will be used for that purpose.",
        "Your balance with {creditor} is {balance}, which was due on {due}.",
        "Can you tell me what happened?",
        "I understand, that must be hard.",
        "Could you send us proof of that?",
        "We expect the full balance of {balance} to be paid.",
        "What do you think would be a fair way to resolve this?",
        "What could you offer towards the balance?",
        "Let me take a moment to review that.",
        "I can accept that.",
        "I'm afraid I can't accept that.",
        "We could do {monthly} a month for {months} months.",
        "We could settle for {lump} today.",
        "Could you make a good-faith payment of {gf} today?",
        "If payments are missed, the full balance becomes due again.",
        "I'll send you written confirmation of the terms today.",
        "I'll follow up with you next week.",
        "Let's get back to the balance.",
        "How's the weather there today?",
        "I'll send you written validation of the debt.",
        "Thank you for your time, goodbye.",
    )
    EARLY = PHRASES[:-1]  # not hanging up in the first turns

    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)

    def reply(self, view: CallView) -> str:
        s = view.scenario
        # rng.choice and rng.randint draws (engine/draws.py: the same numbers, in fewer steps)
        phrase = draws.choice(self.rng, self.EARLY if view.turn < 6 else self.PHRASES)
        months = draws.randint(self.rng, 1, s.authority.max_plan_months)
        share = self.rng.uniform(0.3, 1.0)
        # Only the fields this phrase names are worked out (the same text, for less work per turn).
        names = _fields(phrase)
        if not names:
            return phrase  # the phrases use no brace but their fields: format() would give it back
        return phrase.format(**{name: _RANDOM_FIELDS[name](view, months, share) for name in names})


_RANDOM_FIELDS: dict[str, Callable[[CallView, int, float], object]] = {
    "collector": lambda view, months, share: view.scenario.collector_name,
    "agency": lambda view, months, share: view.scenario.agency,
    "name": lambda view, months, share: view.identity()["name"],
    "creditor": lambda view, months, share: view.scenario.account.creditor,
    "balance": lambda view, months, share: money(view.scenario.account.balance),
    "due": lambda view, months, share: view.scenario.account.due_date,
    "months": lambda view, months, share: months,
    "monthly": lambda view, months, share: money(math.ceil(view.scenario.account.balance * share / months)),
    "lump": lambda view, months, share: money(round(view.scenario.account.balance * share, -1)),
    "gf": lambda view, months, share: money(view.scenario.authority.min_good_faith),
}


@functools.lru_cache(maxsize=256)
def _fields(phrase: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for _, name, _, _ in string.Formatter().parse(phrase) if name))


STRATEGIES: dict[str, type] = {
    ByTheBook.name: ByTheBook,
    Aggressive.name: Aggressive,
    Pushover.name: Pushover,
    RandomLegal.name: RandomLegal,
}


def strategy_named(name: str, seed: int = 0) -> ByTheBook | Aggressive | Pushover | RandomLegal:
    cls = STRATEGIES.get(name)
    if cls is None:
        raise KeyError(f"unknown strategy '{name}' (known: {', '.join(STRATEGIES)})")
    return cls(seed) if cls is RandomLegal else cls()
