"""What the collector's moves on a turn ask of the debtor, whatever the state of the call.

The debtor's turn asks the same questions of a line's moves every time: which stage triggers
they pull, whether there is anything to bargain on, which move weighs most. The answers depend
on the moves alone, and a call (an exploration even more) says the same few hundred sets of
moves over and over: each set's answers are worked out once, as an `Intent`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

# The stage a move moves the call to, when the machine allows it from where the call is.
MOVE_TRIGGERS: dict[str, str] = {
    "remind": "remind",
    "state_expectation": "remind",
    "ask_reason": "find_reason",
    "ask_comments": "invite_comments",
    "request_counter_offer": "negotiate",
    "offer": "negotiate",
}
HOSTILE = ("threat", "abusive")
# When a line holds several moves, the debtor answers the weightiest one.
SIGNIFICANCE: tuple[str, ...] = (
    "threat",
    "abusive",
    "ask_attorney_details",
    "offer_validation",
    "state_expectation",
    "remind",
    "ask_proof",
    "ask_reason",
    "ask_comments",
    "explain_consequences",
    "confirm_in_writing",
    "schedule_follow_up",
    "acknowledge",
    "verify_identity",
    "consider",
    "state_agenda",
    "redirect",
    "mini_miranda",
    "identify_self",
    "off_topic",
    "small_talk",
    "greet",
    "disclose_debt",
)
SITUATION_OF_MOVE = {
    "threat": "threatened",
    "abusive": "abused",
    "verify_identity": "identity_confirmed",
    "offer_validation": "validation_offered",
    "ask_attorney_details": "attorney_details",
    "disclose_debt": "remind",
}
THIRD_PARTY_MOVES = {
    "verify_identity": "asked_for_debtor",
    "greet": "asked_for_debtor",
    "identify_self": "asked_for_debtor",
    "schedule_follow_up": "message",
}
DEBT_TALK = frozenset(
    {
        "remind",
        "disclose_debt",
        "state_expectation",
        "offer",
        "request_counter_offer",
        "ask_good_faith",
        "explain_consequences",
        "mini_miranda",
        "threat",
        "confirm_in_writing",
    }
)

_RESTATED = ("remind", "disclose_debt", "state_expectation")
_SIGNIFICANCE_RANK: dict[str, int] = {move: rank for rank, move in enumerate(SIGNIFICANCE)}
# Moves that can make `_bargain` do anything: without one of them it returns (None, None).
_BARGAIN_MOVES = frozenset({"offer", "state_expectation", "accept", "request_counter_offer", "ask_comments", "reject"})
# Moves whose mood effect lands every time they are said, not only the first time.
ALWAYS_APPLIED = frozenset({*HOSTILE, "acknowledge", "offer", "reject"})
_SIDE_EFFECTS = frozenset({"ask_proof", *HOSTILE, "verify_identity", "offer_validation"})
_KEPT = 4096  # sets of moves remembered (there are far fewer in practice)


@dataclass(frozen=True, slots=True)
class Intent:
    """A line's moves, read for what they ask of the debtor."""

    moves: tuple[str, ...]
    triggers: tuple[str, ...]  # the stage triggers the moves pull, in the moves' order
    side_effects: bool  # a move that does more than shift the mood (proof asked, hostility, identity, validation)
    bargains: bool  # a move `_bargain` can act on
    asks_good_faith: bool
    confirms: bool  # confirm_in_writing
    ends_call: bool
    hostile: str | None  # the first hostile move
    weightiest: str | None  # the situation the weightiest move draws
    weightiest_once_agreed: str | None  # the same once terms are agreed: restating the balance is no news then


def intent_of(moves: tuple[str, ...]) -> Intent:
    """The Intent of a line's moves (distinct, in the order said)."""
    intent = INTENTS.get(moves)
    if intent is None:
        intent = _read(moves)
        with _lock:
            if len(INTENTS) >= _KEPT:
                INTENTS.clear()
            INTENTS[moves] = intent
    return intent


def _read(moves: tuple[str, ...]) -> Intent:
    said = set(moves)
    return Intent(
        moves=moves,
        triggers=tuple(MOVE_TRIGGERS[m] for m in moves if m in MOVE_TRIGGERS),
        side_effects=not _SIDE_EFFECTS.isdisjoint(said),
        bargains=not _BARGAIN_MOVES.isdisjoint(said),
        asks_good_faith="ask_good_faith" in said,
        confirms="confirm_in_writing" in said,
        ends_call="end_call" in said,
        hostile=next((m for m in moves if m in HOSTILE), None),
        weightiest=_weightiest(moves, ()),
        weightiest_once_agreed=_weightiest(moves, _RESTATED),
    )


def _weightiest(moves: tuple[str, ...], skip: tuple[str, ...]) -> str | None:
    """The situation the debtor answers when nothing else happens: the weightiest move's (SIGNIFICANCE order)."""
    ranked = [_SIGNIFICANCE_RANK[m] for m in moves if m in _SIGNIFICANCE_RANK and m not in skip]
    if not ranked:
        return None
    weightiest = SIGNIFICANCE[min(ranked)]
    if weightiest in HOSTILE:
        return "warned"  # tolerated this time: the threatened/abused lines walk out
    return SITUATION_OF_MOVE.get(weightiest, weightiest)


# intent_of's memo; the engine reads it first on every turn (a call fewer)
INTENTS: dict[tuple[str, ...], Intent] = {}
_lock = threading.Lock()
