"""The shape of a tip check, shared by the 20 tips (tips.py) and the hints (hints.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from .facts import CallFacts, Line
from .groups import PROCEDURE_TITLES
from .scorecard import Evidence, Status, TipCheck


class Verdict(NamedTuple):
    """What a check decided: the fields that complete its TipCheck, in order. A NamedTuple: read-only,
    and cheap to build (25 checks a call)."""

    status: Status
    reason: str
    at: int | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class TipSpec:
    id: str
    number: int | None
    title: str
    check: Callable[[CallFacts], Verdict]

    def run(self, facts: CallFacts) -> TipCheck:
        return TipCheck(self.id, self.number, self.title, *self.check(facts))


def passed(reason: str, at: Line | int | None = None, evidence: list[Evidence] | None = None) -> Verdict:
    return Verdict("pass", reason, _index(at), tuple(evidence or ()))


def missed(reason: str, at: Line | int | None = None, evidence: list[Evidence] | None = None) -> Verdict:
    return Verdict("miss", reason, _index(at), tuple(evidence or ()))


def not_applicable(reason: str) -> Verdict:
    return Verdict("not_applicable", reason)


def _index(at: Line | int | None) -> int | None:
    if at is None:
        return None
    return at.i if isinstance(at, Line) else int(at)


def procedural_reason(f: CallFacts) -> str:
    stop = f.stop
    title = PROCEDURE_TITLES.get(stop.kind, stop.kind) if stop else ""
    return f"not a money call: {title}, so the right result was to stop collecting"


def end_anchor(f: CallFacts) -> int | None:
    """Where a step that never happened should have happened by: the end of the call."""
    if f.closed is not None:
        return int(f.closed["i"])
    return f.lines[-1].i if f.lines else None
