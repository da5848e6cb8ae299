"""The shape of a tip check, shared by the 20 tips (tips.py) and the hints (hints.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .facts import CallFacts
from .groups import PROCEDURE_TITLES
from .lines import Line
from .scorecard import Evidence, Status, TipCheck

# What a check decided: (status, reason, at, evidence), the fields that complete its TipCheck, in
# order. A plain tuple, built by passed / missed / not_applicable and read only by TipSpec.run: the
# TipCheck is the record (25 checks a call, and explore grades thousands of calls).
Verdict = tuple[Status, str, int | None, tuple[Evidence, ...]]


@dataclass(frozen=True, slots=True)
class TipSpec:
    id: str
    number: int | None
    title: str
    check: Callable[[CallFacts], Verdict]

    def run(self, facts: CallFacts) -> TipCheck:
        return TipCheck(self.id, self.number, self.title, *self.check(facts))


# `at` is where the tip applied: a line, or an event index.
def passed(reason: str, at: Line | int | None = None, evidence: list[Evidence] | None = None) -> Verdict:
    return ("pass", reason, at.i if isinstance(at, Line) else at, tuple(evidence) if evidence else ())


def missed(reason: str, at: Line | int | None = None, evidence: list[Evidence] | None = None) -> Verdict:
    return ("miss", reason, at.i if isinstance(at, Line) else at, tuple(evidence) if evidence else ())


def not_applicable(reason: str) -> Verdict:
    return ("not_applicable", reason, None, ())


def procedural_reason(f: CallFacts) -> str:
    stop = f.stop
    title = PROCEDURE_TITLES.get(stop.kind, stop.kind) if stop else ""
    return f"not a money call: {title}, so the right result was to stop collecting"


def end_anchor(f: CallFacts) -> int | None:
    """Where a step that never happened should have happened by: the end of the call."""
    if f.closed is not None:
        return int(f.closed["i"])
    return f.lines[-1].i if f.lines else None
