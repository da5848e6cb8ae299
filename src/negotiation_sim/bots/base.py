"""What a bot sees of a call (only what a real collector would), and the loop that plays it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ..content.scenario import Scenario
from ..engine import events as ev
from ..engine.events import Event
from ..engine.offers import Offer
from ..engine.session import CallSession
from ..vocabulary import Stage


# Not frozen: play_call keeps one view for a call and moves its turn on (a strategy only reads it).
@dataclass(slots=True)
class CallView:
    """The collector's side of the call: the account file and what has been said — no hidden state."""

    scenario: Scenario
    events: list[Event]
    turn: int
    # What earlier views of this call already read (play_call shares one): each turn reads only
    # the new events. Not part of what the view shows.
    tracker: _Seen | None = field(default=None, compare=False, repr=False)

    def _seen(self) -> _Seen:
        """One pass over the events, shared by the questions below (bots ask many each turn)."""
        seen = self.tracker
        if seen is None:
            seen = self.tracker = _Seen()  # a view on its own reads the events once, for all its questions
        events = self.events
        if events is not seen.source or len(events) != seen.length:
            seen.catch_up(events)
        return seen

    def flags(self) -> set[str]:
        return set(self._seen().flags)

    def debtor_offer(self) -> Offer | None:
        return self._seen().debtor_offer

    def agreed(self) -> Offer | None:
        return self._seen().agreement

    def said(self, move: str) -> bool:
        return move in self._seen().said

    def times_said(self, move: str) -> int:
        return self._seen().said.get(move, 0)

    def third_party(self) -> bool:
        return self._seen().third_party

    def identity(self) -> dict[str, Any]:
        return dict(self.events[0]["identity"])

    def context(self) -> dict[str, Any]:
        return dict(self.events[0]["context"])

    def last_debtor_line(self) -> str:
        e = self._seen().debtor_line
        return str(e["text"]) if e is not None else ""

    def good_faith_answered(self) -> bool:
        return self._seen().good_faith


_DEBTOR_STATE, _TRAINEE_SAID, _DEBTOR_SAID = ev.DEBTOR_STATE, ev.TRAINEE_SAID, ev.DEBTOR_SAID


class _Seen:
    """What the events of a call showed so far: the answers to the view's questions.

    Calls only grow, so catching up reads just the events added since the last time; a
    different or shorter list starts over.
    """

    __slots__ = (
        "agreement", "debtor_line", "debtor_offer", "flags", "good_faith", "length", "said", "source",
        "third_party",
    )  # fmt: skip

    def __init__(self, source: list[Event] | None = None) -> None:
        self._reset(source)

    def _reset(self, source: list[Event] | None) -> None:
        self.source = source
        self.length = 0
        self.said: dict[str, int] = {}  # move -> how many trainee lines held it
        self.flags: set[str] = set()
        self.third_party = False
        self.good_faith = False
        # the latest of each (an Offer is frozen: read from its event once, then handed out as it is)
        self.debtor_offer: Offer | None = None
        self.agreement: Offer | None = None
        self.debtor_line: Event | None = None

    def catch_up(self, events: list[Event]) -> None:
        if events is self.source and len(events) == self.length:
            return  # nothing new since the last question: the usual case
        if events is not self.source or len(events) < self.length:
            self._reset(events)
        said = self.said
        for e in events[self.length :]:
            kind = e["type"]
            if kind == _DEBTOR_STATE:
                continue  # a turn's most common event, and nothing a collector sees
            if kind == _TRAINEE_SAID:
                moves = e["moves"]
                for move in set(moves) if len(moves) > 1 else moves:  # each move once a line
                    said[move] = said.get(move, 0) + 1
            elif kind == _DEBTOR_SAID:
                self.debtor_line = e
                if e.get("speaker") == "third_party":
                    self.third_party = True
            elif kind == ev.FLAG:
                self.flags.add(e["flag"])
            elif kind == ev.OFFER_MADE:
                if e["by"] == "debtor":
                    self.debtor_offer = Offer.from_dict(e["offer"])
            elif kind == ev.AGREEMENT:
                self.agreement = Offer.from_dict(e["terms"])
            elif kind == ev.GOOD_FAITH:
                self.good_faith = True
        self.length = len(events)


class Strategy(Protocol):
    name: str
    description: str

    def reply(self, view: CallView) -> str: ...


def play_call(session: CallSession, strategy: Strategy, *, max_turns: int = 40) -> CallSession:
    """Let the strategy talk until the call closes (or it runs out of turns and hangs up)."""
    # One view for the whole call, as a collector has one screen: its events grow as the call
    # goes, and its turn is moved on before each reply.
    view = CallView(session.scenario, session.events, session.turn, _Seen(session.events))
    tracker = session.stage_tracker
    closed = Stage.CLOSED  # read once: an enum member read from its class goes through the metaclass
    while tracker.stage != closed and session.turn < max_turns:
        view.turn = session.turn
        session.take_turn(strategy.reply(view))
    if not session.closed:
        session.end("the bot ran out of turns")
    return session
