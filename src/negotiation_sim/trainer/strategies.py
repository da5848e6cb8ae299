"""Randomised trainees for `explore`: random move choices, varied figures, varied seeds.

`random` (the bots' RandomLegal) stays polite and lawful. `random-any` picks any move at all,
careless ones included (threats, insults, off-topic chatter, hanging up), so that the
debtor's angry and hang-up lines get exercised. `drift` plays by the book but, on some turns,
says something random instead, which reaches the late stages of a call by many routes.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
import string
from collections.abc import Callable

from ..bots import CallView
from ..bots import strategy_named as bot_named
from ..engine import draws
from ..engine.offers import money

# One or more ways to say each move; {placeholders} are filled from what the collector can see.
PHRASES: dict[str, tuple[str, ...]] = {
    "greet": ("Hello, good morning.", "Hi there, good afternoon."),
    "identify_self": (
        "My name is {collector} and I'm calling from {agency}.",
        "This is {collector} with {agency}.",
    ),
    "verify_identity": ("Am I speaking with {name}?", "Could you confirm your date of birth for me?"),
    "mini_miranda": (
        "This is a communication from a debt collector. This is an attempt to collect a debt and any "
        "information obtained will be used for that purpose.",
    ),
    "state_agenda": ("I'd like to go over the balance, understand what happened, and agree on a way forward today.",),
    "remind": (
        "Our records show a balance of {balance} for the {delivered}, which was due on {due}.",
        "Your balance with {creditor} is {balance}, which was due on {due}.",
    ),
    "ask_reason": ("Can you tell me what happened?", "What happened that the payment was missed?"),
    "acknowledge": ("I understand, that sounds really difficult.", "I hear you, that must be hard."),
    "ask_proof": ("Could you send us something that shows that, like a bank statement?",),
    "state_expectation": (
        "We do expect the full balance of {balance} to be paid.",
        "We do expect the full balance to be paid.",
    ),
    "ask_comments": ("What are your thoughts on how we can resolve this?",),
    "request_counter_offer": ("What could you offer towards the balance?", "What can you pay?"),
    "offer_plan": ("What I can do is {monthly} a month for {months} months.",),
    "offer_lump": ("We could settle for {lump} today.", "I can accept {lump} as a lump sum."),
    "accept": ("Okay, I can accept that.", "Alright, that works for us."),
    "reject": ("I'm afraid I can't accept that.",),
    "consider": ("Let me take a moment to review that.",),
    "ask_good_faith": ("Could you make a good-faith payment of {gf} today?",),
    "explain_consequences": ("If a payment is missed, the full balance becomes due again.",),
    "confirm_in_writing": ("I'll send you written confirmation of the terms today.",),
    "schedule_follow_up": ("I'll follow up with you next week.",),
    "redirect": ("Let's get back to the balance.",),
    "small_talk": ("How's the weather there today?",),
    "off_topic": ("Have you seen that new show on Netflix?", "So who are you voting for in the election?"),
    "offer_validation": ("I'll send you written validation of the debt.",),
    "ask_attorney_details": ("Could I have your attorney's name and phone number?",),
    "threat": ("If you don't pay today we'll have you arrested.",),
    "abusive": ("Stop wasting my time, you deadbeat.",),
    "end_call": ("Thank you for your time, goodbye.",),
}
HOSTILE = frozenset({"threat", "abusive"})
# How often random-any picks each kind of line, relative to 1.0; careless lines are rarer so that
# calls last long enough to reach the late stages too.
WEIGHTS: dict[str, float] = {
    "threat": 0.25,
    "abusive": 0.25,
    "end_call": 0.3,
    "off_topic": 0.6,
    "small_talk": 0.6,
}


def fill(phrase: str, view: CallView, rng: random.Random) -> str:
    """The phrase with its placeholders filled; the figures are drawn whether the phrase uses them or not,
    so that every strategy draws the same numbers whatever it says."""
    s = view.scenario
    # rng.randint and rng.randrange draws (engine/draws.py: the same numbers, in fewer steps)
    months = draws.randint(rng, 1, s.authority.max_plan_months + 3)
    share = draws.randrange(rng, 20, 111, 5) / 100  # 20% to 110% of the balance, in steps a person would use
    names = _fields(phrase)
    if not names:
        return phrase
    return phrase.format(**{name: _FIELDS[name](view, months, share) for name in names})


# Each placeholder's value, worked out only when a phrase names it (most phrases name none).
_FIELDS: dict[str, Callable[[CallView, int, float], object]] = {
    "collector": lambda view, months, share: view.scenario.collector_name,
    "agency": lambda view, months, share: view.scenario.agency,
    "name": lambda view, months, share: view.events[0]["identity"]["name"],
    "creditor": lambda view, months, share: view.scenario.account.creditor,
    "balance": lambda view, months, share: money(view.scenario.account.balance),
    "due": lambda view, months, share: view.scenario.account.due_date,
    "delivered": lambda view, months, share: view.scenario.account.delivered,
    "months": lambda view, months, share: months,
    "monthly": lambda view, months, share: money(max(5, math.ceil(view.scenario.account.balance * share / months))),
    "lump": lambda view, months, share: money(max(5.0, round(view.scenario.account.balance * min(share, 1.0), -1))),
    "gf": lambda view, months, share: money(view.scenario.authority.min_good_faith),
}


@functools.lru_cache(maxsize=256)
def _fields(phrase: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for _, name, _, _ in string.Formatter().parse(phrase) if name))


class RandomAny:
    """Any move at random, careless ones included, with varied figures."""

    name = "random-any"
    description = "random moves of every kind, careless ones included, with varied figures"

    # The kinds and their running weight totals, with and without hanging up (not in the first
    # turns): `random.choices` draws the same from cum_weights as from the weights they add up.
    KEYS = tuple(PHRASES)
    CUM = tuple(itertools.accumulate(WEIGHTS.get(k, 1.0) for k in KEYS))
    EARLY_KEYS = tuple(k for k in KEYS if k != "end_call")
    EARLY_CUM = tuple(itertools.accumulate(WEIGHTS.get(k, 1.0) for k in EARLY_KEYS))

    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)

    def line(self, view: CallView) -> str:
        early = view.turn < 3
        keys, cum = (self.EARLY_KEYS, self.EARLY_CUM) if early else (self.KEYS, self.CUM)
        key = draws.weighted(self.rng, keys, cum)
        return fill(draws.choice(self.rng, PHRASES[key]), view, self.rng)

    def reply(self, view: CallView) -> str:
        return self.line(view)


LAWFUL_KEYS = tuple(k for k in PHRASES if k not in HOSTILE)  # what Drift says on its random turns


class Drift:
    """By the book, except that on some turns it says a random (lawful) thing instead."""

    name = "drift"
    description = "by the book, with a random lawful line on about one turn in four"

    def __init__(self, seed: int = 0, rate: float = 0.25) -> None:
        self.rng = random.Random(seed)
        self.rate = rate
        self.book = bot_named("by-the-book")
        self.keys = LAWFUL_KEYS

    def reply(self, view: CallView) -> str:
        if view.turn > 0 and self.rng.random() < self.rate:
            key = draws.choice(self.rng, self.keys)
            return fill(draws.choice(self.rng, PHRASES[key]), view, self.rng)
        return self.book.reply(view)
