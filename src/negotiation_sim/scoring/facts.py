"""A read-only view of a call's events that every scoring rule shares.

Scoring reads only the events (plus the scenario's authority and the persona's thresholds):
what the collector said and how it was recognised, what the debtor said and in which mood,
the debtor's state after each turn, offers, agreement, flags and how the call closed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, TypeVar

from ..content.persona import Persona
from ..content.scenario import Scenario
from ..engine import events as ev
from ..engine.events import Event
from .groups import FLAG_PROCEDURE, SHARING_FLAGS
from .lines import Line
from .scorecard import Effect, Evidence
from .words import describe, quote, who_of

T = TypeVar("T")
_NOT_YET = object()  # a measure not computed yet (None is a measure's answer too)
GROUP = 3  # more moves than this are a group (groups.py), most of which a call never has


@dataclass(slots=True)
class Stop:
    """A moment from which the right thing is to stop collecting."""

    kind: str  # a key of PROCEDURE_TITLES
    i: int  # the event index (0 for a stop known when the call starts)
    turn: int  # collection moves in turns after this one break the rule


class CallFacts:
    """Everything the rules ask of the events, computed once.

    The lists it answers with are its own (built once, shared by every rule that asks): read them,
    never change them."""

    # Slots: forty attributes are more than an instance dict keeps compact (and quick to fill)
    __slots__ = (
        "_collector_offers",
        "_counted_lines",
        "_debtor_offers",
        "_line_indexes",
        "_line_turns",
        "_memo",
        "_said",
        "agreement",
        "balance",
        "closed",
        "collector_ended",
        "crediting",
        "debtor_replies",
        "events",
        "flags",
        "floor",
        "good_faith",
        "hung_up",
        "last_said",
        "late_call",
        "lines",
        "local_time",
        "max_plan_months",
        "min_good_faith",
        "offers",
        "outbound",
        "outcome",
        "persona",
        "procedural",
        "reasons_given",
        "replies",
        "reveals",
        "saying",
        "scenario",
        "stage_changes",
        "start",
        "states",
        "stop",
        "stops",
        "talked_over_lines",
        "tense_replies",
        "third_party",
    )

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

        of_type: defaultdict[str, list[Event]] = defaultdict(list)  # the events by type, in call order
        for e in self.events:
            of_type[e["type"]].append(e)
        self.lines = [Line(e) for e in of_type.get(ev.TRAINEE_SAID, ())]
        self.replies = of_type.get(ev.DEBTOR_SAID, [])
        self.states = of_type.get(ev.DEBTOR_STATE, [])
        self.offers = of_type.get(ev.OFFER_MADE, [])
        self.flags = of_type.get(ev.FLAG, [])
        self.reveals = of_type.get(ev.REVEALED, [])
        self.stage_changes = of_type.get(ev.STAGE_CHANGED, [])
        self.agreement = _first_of(of_type, ev.AGREEMENT)
        self.good_faith = _first_of(of_type, ev.GOOD_FAITH)
        self.closed = _first_of(of_type, ev.CALL_CLOSED)
        self.collector_ended = _first_of(of_type, ev.COLLECTOR_ENDED)
        self.outcome: str | None = None if self.closed is None else str(self.closed["outcome"])  # the engine's
        self.hung_up = self.outcome == "hung_up"
        # What the debtor themself said (not a third party who answered), and the offers by each side:
        # the moments several rules judge the collector's answer to.
        self.debtor_replies = [r for r in self.replies if r.get("speaker") != "third_party"]
        self.tense_replies = [r for r in self.debtor_replies if r.get("mood") in ("tense", "upset")]
        self.reasons_given = [r for r in self.debtor_replies if r.get("situation") == "ask_reason"]
        self._collector_offers = [e for e in self.offers if e.get("by") == "collector"]
        self._debtor_offers = [e for e in self.offers if e.get("by") == "debtor"]

        # The lines by move, in call order, built once: the rules ask "the first line that said X"
        # hundreds of times a call. `saying`: every line with the move; `crediting`: those where it counts,
        # the same unless a line was talked over (a monologue, or several questions in one breath).
        saying: defaultdict[str, list[Line]] = defaultdict(list)
        for line in self.lines:
            for move in line.move_set:
                saying[move].append(line)
        self.saying = dict(saying)  # plain dicts: looking a move up must not add it
        self.crediting = self.saying
        self.talked_over_lines = [line for line in self.lines if line.uncounted]  # lines the debtor could not take in
        if self.talked_over_lines:
            crediting: defaultdict[str, list[Line]] = defaultdict(list)
            for line in self.lines:
                for move in line.credited:
                    crediting[move].append(line)
            self.crediting = dict(crediting)
        # for the binary searches of next_line, lines_between and line_of_turn (lines are in call order)
        self._line_indexes = list(map(attrgetter("i"), self.lines))
        self.last_said = self._line_indexes[-1] if self.lines else -1  # the event of the collector's last line
        self._line_turns = list(map(attrgetter("turn"), self.lines))
        monologues = any(map(attrgetter("monologue"), self.lines))
        self._counted_lines = [line for line in self.lines if not line.monologue] if monologues else self.lines
        self.stops = self._stops()
        self.stop = self.stops[0] if self.stops else None
        self.procedural = bool(self.stops)  # the right result of this call is not money but correct handling
        self._memo: dict[Callable[[CallFacts], Any], Any] = {}
        self._said: dict[int, tuple[str, str]] = {}  # cite_event's words for each event cited

    def memo(self, measure: Callable[[CallFacts], T]) -> T:
        """`measure(self)`, computed once per call: several rules ask for the same measure.

        Keyed by the measure function itself, so asking again builds nothing (no key, no closure)."""
        found = self._memo.get(measure, _NOT_YET)
        if found is _NOT_YET:
            found = self._memo[measure] = measure(self)
        return found  # type: ignore[no-any-return]

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

    # --- lookups ------------------------------------------------------------------------
    # Each asks the index first which of the moves the call has at all: of a group of moves (all the
    # ways of talking about the debt, say) a call has none or a few, and often just one.
    def lines_with(self, *moves: str) -> list[Line]:
        if len(moves) == 1:  # the usual question
            return list(self.saying.get(moves[0], ()))
        present = self.saying.keys() & moves
        if len(present) < 2:
            return list(self.saying[present.pop()]) if present else []
        return [line for line in self.lines if not line.move_set.isdisjoint(present)]

    def first(self, *moves: str) -> Line | None:
        if len(moves) == 1:  # the usual question
            lines = self.saying.get(moves[0])
            return lines[0] if lines else None
        return _first(self.saying, moves)

    def first_counted(self, *moves: str) -> Line | None:
        """The first line that earns credit for one of these moves (see `Line.counts`)."""
        if len(moves) == 1:
            lines = self.crediting.get(moves[0])
            return lines[0] if lines else None
        return _first(self.crediting, moves)

    def first_after(self, i: int, *moves: str) -> Line | None:
        """The first line after event `i` that said one of these moves."""
        return _first_after(self.saying, i, moves)

    def first_counted_after(self, i: int, *moves: str) -> Line | None:
        """The first line after event `i` that earns credit for one of these moves."""
        return _first_after(self.crediting, i, moves)

    def lines_counted(self, *moves: str) -> list[Line]:
        if len(moves) == 1:
            return list(self.crediting.get(moves[0], ()))
        present = self.crediting.keys() & moves
        if len(present) < 2:
            return list(self.crediting[present.pop()]) if present else []
        return [line for line in self.lines if not line.credited.isdisjoint(present)]

    def counted_lines(self) -> list[Line]:
        """The lines whose statements earn credit (not monologues)."""
        return self._counted_lines

    def said(self, *moves: str) -> bool:
        return not self.saying.keys().isdisjoint(moves)

    def said_after(self, i: int) -> bool:
        """The collector said something after event `i` (what next_line would find)."""
        return self.last_said > i

    def next_line(self, after_i: int) -> Line | None:
        k = bisect_right(self._line_indexes, after_i)
        return self.lines[k] if k < len(self.lines) else None

    def lines_between(self, after_i: int, before_i: int | None = None) -> list[Line]:
        """The lines said after event `after_i` and before event `before_i` (None: to the end), in call order."""
        start = bisect_right(self._line_indexes, after_i)
        end = len(self.lines) if before_i is None else bisect_left(self._line_indexes, before_i)
        return self.lines[start:end]

    def lines_after_turn(self, turn: int) -> list[Line]:
        """The lines of the turns after this one, in call order."""
        return self.lines[bisect_right(self._line_turns, turn) :]

    def line_of_turn(self, turn: int) -> Line | None:
        """The first line of the turn."""
        k = bisect_left(self._line_turns, turn)
        return self.lines[k] if k < len(self.lines) and self.lines[k].turn == turn else None

    def sharing_moments(self) -> list[Event]:
        """When the debtor told the collector something about themselves: a reason, a reveal, a dispute,
        an attorney, a request to stop. What a listener acknowledges."""
        return self.memo(CallFacts._sharing_moments)

    def _sharing_moments(self) -> list[Event]:
        told = self.reasons_given + self.reveals + [x for x in self.flags if x["flag"] in SHARING_FLAGS]
        return sorted(told, key=_event_index)

    def state_at_start(self) -> Event | None:
        return self.states[0] if self.states else None

    def state_at_end(self) -> Event | None:
        return self.states[-1] if self.states else None

    def hidden(self) -> dict[str, Any]:
        """The debtor's real capacity as the engine recorded it (persona finances as a fallback)."""
        return self.memo(CallFacts._hidden)

    def _hidden(self) -> dict[str, Any]:
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
        return self._collector_offers

    def debtor_offers(self) -> list[Event]:
        return self._debtor_offers

    def flag(self, name: str) -> Event | None:
        for flag in self.flags:
            if flag["flag"] == name:
                return flag
        return None

    def event(self, i: int) -> Event:
        return self.events[i]

    # --- evidence -----------------------------------------------------------------------
    def cite(self, line: Line, note: str, effect: Effect = "context") -> Evidence:
        return Evidence(line.i, line.turn, "collector", line.quoted, note, effect)

    def cite_event(self, event: Event, note: str, effect: Effect = "context") -> Evidence:
        i = int(event["i"])
        said = self._said.get(i)
        if said is None:  # who and what, put into words once: the end of the call and the deal are cited often
            said = self._said[i] = (who_of(event), quote(describe(event)))
        who, quoted = said
        return Evidence(i, int(event["turn"]), who, quoted, note, effect)

    def cite_end(self, note: str, effect: Effect = "lowered") -> Evidence:
        """The end of the call: where a step that never happened should have happened by."""
        if self.closed is not None:
            return self.cite_event(self.closed, note, effect)
        if self.lines:
            return self.cite(self.lines[-1], note, effect)
        return self.cite_event(self.start, note, effect)


def _event_index(event: Event) -> int:
    return int(event["i"])


def _first_of(of_type: dict[str, list[Event]], kind: str) -> Event | None:
    events = of_type.get(kind)
    return events[0] if events else None


def _first_after(index: dict[str, list[Line]], i: int, moves: tuple[str, ...]) -> Line | None:
    """The earliest line of the index under any of these moves that came after event `i`."""
    found: Line | None = None
    for move in index.keys() & moves if len(moves) > GROUP else moves:
        for line in index.get(move, ()):
            if line.i > i:
                if found is None or line.i < found.i:
                    found = line
                break
    return found


def _first(index: dict[str, list[Line]], moves: tuple[str, ...]) -> Line | None:
    """The earliest line of the index under any of these moves."""
    found: Line | None = None
    asked = index.keys() & moves if len(moves) > GROUP else moves  # of a group of moves, those the call has
    for move in asked:
        lines = index.get(move)
        if lines and (found is None or lines[0].i < found.i):
            found = lines[0]
    return found
