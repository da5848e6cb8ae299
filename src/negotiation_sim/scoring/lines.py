"""What the collector said, line by line: the moves the recogniser heard, and what of them the
debtor could take in (a monologue, or several questions in one breath, earns no credit)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from ..engine.events import Event
from .groups import MONOLOGUE, QUESTIONS, STEPS
from .words import quote


@dataclass(slots=True, init=False)
class Line:
    """One thing the collector said.

    Read-only by use, not frozen: a frozen dataclass is several times dearer to build and a
    NamedTuple's fields are slower to read, and the rules read the lines hundreds of times a call
    (explore scores thousands of calls)."""

    i: int
    turn: int
    text: str
    moves: tuple[str, ...]
    figures: dict[str, Any]  # the event's own figures: read, never changed
    move_set: frozenset[str]
    monologue: bool  # the script read in one breath: more than MONOLOGUE steps of the lesson in one line
    uncounted: frozenset[str]  # moves that earn no credit: talked-over questions, or a whole monologue
    credited: frozenset[str]  # the moves that do earn credit: move_set without the uncounted ones
    amounts: tuple[float, ...]  # the amounts of money the recogniser read in it
    dates: tuple[str, ...]
    quoted: str  # the text as evidence quotes it (a line is cited several times a call)

    def __init__(self, event: Event) -> None:
        """The line of a trainee_said event."""
        self.i = event["i"]
        self.turn = event["turn"]
        self.text = text = str(event.get("text", ""))
        self.moves = moves = tuple(event.get("moves", ()))
        self.figures = figures = event.get("figures") or {}
        heard = hearing(moves)
        self.move_set = heard.said
        self.monologue = heard.monologue
        self.uncounted = heard.uncounted
        self.credited = heard.credited
        amounts, dates = figures.get("amounts"), figures.get("dates")  # most lines have neither
        self.amounts = tuple(map(float, amounts)) if amounts else ()
        self.dates = tuple(map(str, dates)) if dates else ()
        self.quoted = quote(text)

    def has(self, *moves: str) -> bool:
        """Said it (what compliance judges)."""
        return not self.move_set.isdisjoint(moves)

    def counts(self, *moves: str) -> bool:
        """Said it so the debtor could take it in (what earns credit in the traits and tips)."""
        return not self.credited.isdisjoint(moves)

    def position(self, move: str) -> int:
        return self.moves.index(move) if move in self.moves else len(self.moves)

    def first_position(self, group: frozenset[str]) -> int:
        """Where in the line the first move of the group was said (len(moves) if none was):
        the least `position` of the group's moves."""
        for k, move in enumerate(self.moves):
            if move in group:
                return k
        return len(self.moves)


class Hearing(NamedTuple):
    """What the debtor takes in of a line's moves (the move fields of `Line`)."""

    said: frozenset[str]
    monologue: bool
    uncounted: frozenset[str]
    credited: frozenset[str]


@lru_cache(maxsize=4096)  # pure in the moves, and a call's lines repeat a few dozen sets of moves
def hearing(moves: tuple[str, ...]) -> Hearing:
    said = frozenset(moves)
    steps = [m for m in moves if m in STEPS]
    monologue = len(steps) > MONOLOGUE
    # the debtor cannot take in a monologue, and answers only the last of several questions
    not_counted = frozenset(steps) if monologue else talked_over(moves)
    return Hearing(said, monologue, not_counted, said - not_counted)


def talked_over(moves: tuple[str, ...]) -> frozenset[str]:
    """The questions of a line that another question followed (moves come in the order they were said)."""
    asked = [m for m in moves if m in QUESTIONS]
    return frozenset(asked[:-1])
