"""A read-only view of a call's events that every scoring rule shares.

Scoring reads only the events (plus the scenario's authority and the persona's thresholds):
what the collector said and how it was recognised, what the debtor said and in which mood,
the debtor's state after each turn, offers, agreement, flags and how the call closed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ..content.persona import Persona
from ..content.scenario import Scenario
from ..engine import events as ev
from ..engine.events import Event
from .groups import FLAG_PROCEDURE, MONOLOGUE, QUESTIONS, SHARING_FLAGS, STEPS
from .scorecard import Effect, Evidence
from .words import describe, quote, who_of

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Line:
    """One thing the collector said."""

    i: int
    turn: int
    text: str
    moves: tuple[str, ...]
    figures: dict[str, Any]
    move_set: frozenset[str]
    uncounted: frozenset[str]  # moves that earn no credit: talked-over questions, or a whole monologue

    def has(self, *moves: str) -> bool:
        """Said it (what compliance judges)."""
        return not self.move_set.isdisjoint(moves)

    def counts(self, *moves: str) -> bool:
        """Said it so the debtor could take it in (what earns credit in the traits and tips)."""
        return any(m in self.move_set and m not in self.uncounted for m in moves)

    @property
    def monologue(self) -> bool:
        """The script read in one breath: more than MONOLOGUE steps of the lesson in one line."""
        return sum(1 for m in self.moves if m in STEPS) > MONOLOGUE

    def position(self, move: str) -> int:
        return self.moves.index(move) if move in self.moves else len(self.moves)

    @property
    def amounts(self) -> tuple[float, ...]:
        return tuple(float(a) for a in self.figures.get("amounts", ()))

    @property
    def dates(self) -> tuple[str, ...]:
        return tuple(str(d) for d in self.figures.get("dates", ()))


@dataclass(frozen=True, slots=True)
class Stop:
    """A moment from which the right thing is to stop collecting."""

    kind: str  # a key of PROCEDURE_TITLES
    i: int  # the event index (0 for a stop known when the call starts)
    turn: int  # collection moves in turns after this one break the rule


class CallFacts:
    """Everything the rules ask of the events, computed once."""

    def __init__(self, scenario: Scenario, persona: Persona, events: Sequence[Event]) -> None:
        if not events or events[0].get("type") != ev.CALL_STARTED:
            raise ValueError("the events do not start with call_started")
        self.scenario = scenario
        self.persona = persona
        self.events = list(events)
        self.start = self.events[0]
        account = self.start.get("account", {})
        self.balance = float(account.get("balance", scenario.account.balance))
        self.floor = float(account.get("floor", scenario.floor_amount))
        self.max_plan_months = int(account.get("max_plan_months", scenario.authority.max_plan_months))
        self.min_good_faith = float(account.get("min_good_faith", scenario.authority.min_good_faith))
        ctx = self.start.get("context", {})
        self.third_party = ctx.get("answered_by") == "third_party"
        self.outbound = ctx.get("direction", "outbound") == "outbound"
        self.late_call = self.outbound and ctx.get("within_calling_hours") is False
        self.local_time = str(ctx.get("local_time", ""))

        self.lines = [
            Line(
                e["i"],
                e["turn"],
                str(e.get("text", "")),
                moves,
                dict(e.get("figures", {})),
                frozenset(moves),
                uncounted(moves),
            )
            for e in self.events
            if e["type"] == ev.TRAINEE_SAID
            for moves in (tuple(e.get("moves", ())),)
        ]
        self.replies = [e for e in self.events if e["type"] == ev.DEBTOR_SAID]
        self.states = [e for e in self.events if e["type"] == ev.DEBTOR_STATE]
        self.offers = [e for e in self.events if e["type"] == ev.OFFER_MADE]
        self.flags = [e for e in self.events if e["type"] == ev.FLAG]
        self.reveals = [e for e in self.events if e["type"] == ev.REVEALED]
        self.stage_changes = [e for e in self.events if e["type"] == ev.STAGE_CHANGED]
        self.agreement = next((e for e in self.events if e["type"] == ev.AGREEMENT), None)
        self.good_faith = next((e for e in self.events if e["type"] == ev.GOOD_FAITH), None)
        self.closed = next((e for e in self.events if e["type"] == ev.CALL_CLOSED), None)
        self.collector_ended = next((e for e in self.events if e["type"] == ev.COLLECTOR_ENDED), None)
        self.stops = self._stops()
        self._memo: dict[str, Any] = {}

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute a measure once per call (several rules ask for the same one)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    # --- the shape of the call ------------------------------------------------------------
    def _stops(self) -> tuple[Stop, ...]:
        stops: list[Stop] = []
        if self.third_party:
            stops.append(Stop("third_party", 0, 0))
        if self.late_call:
            stops.append(Stop("calling_hours", 0, 0))
        seen: set[str] = set()
        for flag in self.flags:
            kind = FLAG_PROCEDURE.get(flag["flag"])
            if kind and kind not in seen:
                seen.add(kind)
                stops.append(Stop(kind, flag["i"], flag["turn"]))
        return tuple(stops)

    @property
    def procedural(self) -> bool:
        """The right result of this call is not money but correct handling."""
        return bool(self.stops)

    @property
    def stop(self) -> Stop | None:
        return self.stops[0] if self.stops else None

    @property
    def outcome(self) -> str | None:
        return None if self.closed is None else str(self.closed["outcome"])

    @property
    def hung_up(self) -> bool:
        return self.outcome == "hung_up"

    # --- lookups ------------------------------------------------------------------------
    def lines_with(self, *moves: str, lines: Iterable[Line] | None = None) -> list[Line]:
        return [line for line in (self.lines if lines is None else lines) if line.has(*moves)]

    def first(self, *moves: str, after_turn: int = 0, before_turn: int | None = None) -> Line | None:
        for line in self.lines:
            if line.turn > after_turn and (before_turn is None or line.turn < before_turn) and line.has(*moves):
                return line
        return None

    def first_counted(self, *moves: str) -> Line | None:
        """The first line that earns credit for one of these moves (see `Line.counts`)."""
        return next((line for line in self.lines if line.counts(*moves)), None)

    def lines_counted(self, *moves: str) -> list[Line]:
        return [line for line in self.lines if line.counts(*moves)]

    def counted_lines(self) -> list[Line]:
        """The lines whose statements earn credit (not monologues)."""
        return [line for line in self.lines if not line.monologue]

    def said(self, *moves: str) -> bool:
        return self.first(*moves) is not None

    def next_line(self, after_i: int) -> Line | None:
        return next((line for line in self.lines if line.i > after_i), None)

    def line_of_turn(self, turn: int) -> Line | None:
        return next((line for line in self.lines if line.turn == turn), None)

    def sharing_moments(self) -> list[Event]:
        """When the debtor told the collector something about themselves: a reason, a reveal, a dispute,
        an attorney, a request to stop. What a listener acknowledges."""
        told = [r for r in self.replies if r.get("situation") == "ask_reason" and r.get("speaker") != "third_party"]
        told += self.reveals + [x for x in self.flags if x["flag"] in SHARING_FLAGS]
        return sorted(told, key=lambda e: int(e["i"]))

    def state_at_start(self) -> Event | None:
        return self.states[0] if self.states else None

    def state_at_end(self) -> Event | None:
        return self.states[-1] if self.states else None

    def hidden(self) -> dict[str, Any]:
        """The debtor's real capacity as the engine recorded it (persona finances as a fallback)."""
        for state in reversed(self.states):
            if isinstance(state.get("hidden"), dict):
                return dict(state["hidden"])
        f = self.persona.finances
        return {
            "real_lump_sum_capacity": f.lump_sum_capacity,
            "real_monthly_capacity": f.monthly_capacity,
            "true_reason": f.true_reason,
            "claim_exposed": False,
        }

    def collector_offers(self) -> list[Event]:
        return [e for e in self.offers if e.get("by") == "collector"]

    def debtor_offers(self) -> list[Event]:
        return [e for e in self.offers if e.get("by") == "debtor"]

    def flag(self, name: str) -> Event | None:
        return next((f for f in self.flags if f["flag"] == name), None)

    def event(self, i: int) -> Event:
        return self.events[i]

    # --- evidence -----------------------------------------------------------------------
    def cite(self, line: Line, note: str, effect: Effect = "context") -> Evidence:
        return Evidence(line.i, line.turn, "collector", quote(line.text), note, effect)

    def cite_event(self, event: Event, note: str, effect: Effect = "context") -> Evidence:
        return Evidence(int(event["i"]), int(event["turn"]), who_of(event), quote(describe(event)), note, effect)

    def cite_end(self, note: str, effect: Effect = "lowered") -> Evidence:
        """The end of the call: where a step that never happened should have happened by."""
        if self.closed is not None:
            return self.cite_event(self.closed, note, effect)
        if self.lines:
            return self.cite(self.lines[-1], note, effect)
        return self.cite_event(self.start, note, effect)


def uncounted(moves: tuple[str, ...]) -> frozenset[str]:
    """The moves of a line that earn no credit: every step of a monologue, else each question that
    another question followed (moves come in the order they were said)."""
    steps = [m for m in moves if m in STEPS]
    if len(steps) > MONOLOGUE:
        return frozenset(steps)
    asked = [m for m in moves if m in QUESTIONS]
    return frozenset(asked[:-1])
