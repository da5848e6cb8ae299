"""What a bot sees of a call (only what a real collector would), and the loop that plays it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from ..content.scenario import Scenario
from ..engine import events as ev
from ..engine.events import Event
from ..engine.offers import Offer
from ..engine.session import CallSession


@dataclass(frozen=True)
class CallView:
    """The collector's side of the call: the account file and what has been said — no hidden state."""

    scenario: Scenario
    events: list[Event]
    turn: int

    def flags(self) -> set[str]:
        return {e["flag"] for e in self.events if e["type"] == ev.FLAG}

    def debtor_offer(self) -> Offer | None:
        for e in reversed(self.events):
            if e["type"] == ev.OFFER_MADE and e["by"] == "debtor":
                return Offer.from_dict(e["offer"])
        return None

    def agreed(self) -> Offer | None:
        for e in reversed(self.events):
            if e["type"] == ev.AGREEMENT:
                return Offer.from_dict(e["terms"])
        return None

    def said(self, move: str) -> bool:
        return any(e["type"] == ev.TRAINEE_SAID and move in e["moves"] for e in self.events)

    def times_said(self, move: str) -> int:
        return sum(1 for e in self.events if e["type"] == ev.TRAINEE_SAID and move in e["moves"])

    def third_party(self) -> bool:
        return any(e["type"] == ev.DEBTOR_SAID and e.get("speaker") == "third_party" for e in self.events)

    def identity(self) -> dict[str, Any]:
        return dict(self.events[0]["identity"])

    def context(self) -> dict[str, Any]:
        return dict(self.events[0]["context"])

    def last_debtor_line(self) -> str:
        for e in reversed(self.events):
            if e["type"] == ev.DEBTOR_SAID:
                return str(e["text"])
        return ""

    def good_faith_answered(self) -> bool:
        return any(e["type"] == ev.GOOD_FAITH for e in self.events)


class Strategy(Protocol):
    name: str
    description: str

    def reply(self, view: CallView) -> str: ...


def play_call(session: CallSession, strategy: Strategy, *, max_turns: int = 40) -> CallSession:
    """Let the strategy talk until the call closes (or it runs out of turns and hangs up)."""
    while not session.closed and session.turn < max_turns:
        session.say(strategy.reply(CallView(session.scenario, session.events, session.turn)))
    if not session.closed:
        session.end("the bot ran out of turns")
    return session
