"""What every call of one scenario with one persona shares, worked out once.

`explore` plays thousands of calls of one scenario, and every turn of every call asked the same
questions of the content again: which line list a situation falls back to in a mood, how a move
shifts this debtor, what the call_started event says of the account. The answers depend on the
content alone, so they are worked out once here, one `Setting` per (scenario, persona), and a call
reads them. Content objects are immutable: a reloaded file is a new object and gets a new Setting.
"""

from __future__ import annotations

import threading
from typing import Any

from ..content.conditions import Condition
from ..content.persona import LineSet, Persona, Reveal
from ..content.scenario import Scenario
from ..vocabulary import Mood
from .conditions import Test
from .debtor import Disposition
from .identity import Identity
from .lines import Blanks, resolve_key, variants
from .placeholders import placeholder_values

_KEPT = 16  # settings remembered: an exploration uses one, the TUI's live reload makes a new one per save
_HEARD_KEPT = 4096  # sets of moves whose possible reveals are remembered, per setting
_IDENTITIES_KEPT = 256  # placeholder values remembered per setting (explore draws from a pool of 32 debtors)


class LineBook:
    """A persona's (or a third party's) lines, looked up by situation and mood.

    Which key a situation falls back to, and which mood's list stands in for a missing one,
    depend on the content alone: each (situation, mood) is worked out the first time it is said.
    """

    def __init__(self, lines: dict[str, LineSet]) -> None:
        self.lines = lines
        self.found: dict[tuple[str, Mood], tuple[str, list[str]]] = {}

    def options(self, situation: str, mood: Mood) -> tuple[str, list[str]]:
        """(the key actually used, its variants in this mood)."""
        found = self.found.get((situation, mood))
        if found is None:
            key = resolve_key(self.lines, situation)
            found = self.found[(situation, mood)] = (key, variants(self.lines, key, mood))
        return found


class Setting:
    """The scenario and persona of a call, as the engine reads them on every turn."""

    def __init__(self, scenario: Scenario, persona: Persona) -> None:
        self.scenario = scenario
        self.persona = persona
        account, authority, ctx = scenario.account, scenario.authority, scenario.context
        f = persona.finances
        self.balance = account.balance
        self.max_plan_months = authority.max_plan_months
        self.third_party = ctx.answered_by == "third_party"
        self.claims_false = f.claims_are_false
        self.has_flags = bool(persona.attorney or persona.dispute or persona.asks_to_stop)
        self.walk_away_stress = persona.negotiation.walk_away_stress
        self.threats_tolerated = persona.negotiation.threats_tolerated
        # each reveal with its condition as a Test, and the moves one of which must be said this
        # turn for it to fire (None: any turn)
        self.reveals: tuple[tuple[Reveal, Test, frozenset[str] | None], ...] = tuple(
            (reveal, Test.of(reveal.when), _moves_needed(reveal.when)) for reveal in persona.reveals
        )
        # the rules that make the debtor raise a flag (None: the persona has no such rule)
        self.attorney_test = Test.of(persona.attorney.mention_when) if persona.attorney else None
        self.dispute_test = Test.of(persona.dispute.raise_when) if persona.dispute else None
        self.cease_test = Test.of(persona.asks_to_stop) if persona.asks_to_stop else None
        self.lines = LineBook(persona.lines)
        # what the call_started event says of the call and the account (each call gets its own copies)
        self.context: dict[str, Any] = {
            "direction": ctx.direction,
            "local_time": ctx.local_time,
            "weekday": ctx.weekday,
            "answered_by": ctx.answered_by,
            "within_calling_hours": ctx.within_calling_hours,
        }
        self.account: dict[str, Any] = {
            "balance": account.balance,
            "creditor": account.creditor,
            "floor": scenario.floor_amount,
            "max_plan_months": authority.max_plan_months,
            "min_good_faith": authority.min_good_faith,
        }
        self.disposition = Disposition(persona, scenario)
        self._values: dict[Identity, Blanks] = {}
        self.heard: dict[tuple[str, ...], tuple[tuple[str, Reveal, Test], ...]] = {}

    def reveals_heard(self, moves: tuple[str, ...]) -> tuple[tuple[str, Reveal, Test], ...]:
        """The reveals that may fire on a turn with these moves, with their ids: those whose condition
        names no move, or names one of them (in the persona's order). Remembered in `heard`."""
        found = self.heard.get(moves)
        if found is None:
            found = tuple(
                (reveal.id, reveal, test)
                for reveal, test, needed in self.reveals
                if needed is None or not needed.isdisjoint(moves)
            )
            if len(self.heard) < _HEARD_KEPT:
                self.heard[moves] = found
        return found

    def values(self, identity: Identity) -> Blanks:
        """What the lines may name in braces for this debtor; shared, so never to be changed."""
        values = self._values.get(identity)
        if values is None:
            values = Blanks(placeholder_values(self.scenario, self.persona, identity))
            if len(self._values) < _IDENTITIES_KEPT:
                self._values[identity] = values
        return values


_settings: dict[tuple[int, int], Setting] = {}
_lock = threading.Lock()


def setting_for(scenario: Scenario, persona: Persona) -> Setting:
    """The Setting of a scenario and persona: made on first use, then shared by every call of them."""
    key = (id(scenario), id(persona))
    setting = _settings.get(key)
    # the Setting holds its scenario and persona, so their ids cannot be reused while it is kept
    if setting is not None and setting.scenario is scenario and setting.persona is persona:
        return setting
    setting = Setting(scenario, persona)
    with _lock:
        if len(_settings) >= _KEPT:
            del _settings[next(iter(_settings))]  # the oldest
        _settings[key] = setting
    return setting


def _moves_needed(cond: Condition) -> frozenset[str] | None:
    """The moves of which one must be made on the turn for `cond` to hold, or None if it names none."""
    if cond.move is None:
        return None
    return frozenset(cond.move if isinstance(cond.move, list) else [cond.move])
