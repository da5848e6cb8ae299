"""Coverage of a scenario over many calls: stages, transitions, persona lines, reveals, flags.

Like the random testers of interactive-fiction tools, it counts how often each piece of content
was hit, so that content no call ever reaches stands out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..content.persona import Persona
from ..content.scenario import Scenario
from ..engine import events as ev
from ..engine.events import Event
from ..engine.stages import edges
from ..vocabulary import Stage
from .lines import LineCatalog, VariantId

Transition = tuple[str, str, str]  # (from, to, trigger)
# The hit counters of a Coverage: what a worker process sends back for the calls it played.
COUNTERS = ("stages", "transitions", "lines", "line_keys", "unmatched", "reveals", "flags", "offers",
            "agreements", "good_faith")  # fmt: skip


_HEARD_KEPT = 50_000  # the catalog's own memo keeps as many


@dataclass(frozen=True, slots=True)
class _Heard:
    """A line said, as coverage counts it (the same (speaker, key) tuple each time: it hashes once per count)."""

    speaker: str
    key: str
    extra: str | None  # the reveal said at the end of the line, if any
    line_key: tuple[str, str]
    variant: VariantId | None


_OPENING = Stage.OPENING.value  # an enum's .value is a Python call: read once
_NOT_COUNTED = frozenset({ev.TRAINEE_SAID, ev.DEBTOR_STATE})
_DEBTOR_SAID = ev.DEBTOR_SAID


_K = TypeVar("_K")


class Hits(Counter[_K]):
    """A Counter whose counting stays in C.

    Counter defines `__delitem__` (deleting a missing key is no error), and a Python-level
    `__delitem__` sends every `c[k] = v` through Python to dict's `__setitem__` (the two share
    one C slot): counting a call's events spent most of its time there. Coverage never deletes
    a count, so dict's own `__delitem__` will do.
    """

    __delitem__ = dict.__delitem__  # type: ignore[assignment]


@dataclass
class Tally:
    """The hit counts of some calls, without the line catalog: small, and cheap to send between processes."""

    calls: int
    counters: dict[str, Counter[Any]]


@dataclass
class Coverage:
    """Hit counts gathered from the events of many calls of one scenario."""

    catalog: LineCatalog
    calls: int = 0
    stages: Counter[str] = field(default_factory=Hits)  # calls that reached each stage
    transitions: Counter[Transition] = field(default_factory=Hits)
    lines: Counter[VariantId] = field(default_factory=Hits)
    line_keys: Counter[tuple[str, str]] = field(default_factory=Hits)  # (speaker, key) -> lines said
    unmatched: Counter[tuple[str, str]] = field(default_factory=Hits)  # said, but no template fits
    reveals: Counter[str] = field(default_factory=Hits)
    flags: Counter[str] = field(default_factory=Hits)
    offers: Counter[str] = field(default_factory=Hits)  # "collector lump_sum", "debtor plan", ...
    agreements: Counter[str] = field(default_factory=Hits)  # accepted_by
    good_faith: Counter[str] = field(default_factory=Hits)  # "agreed" / "refused"
    _heard: dict[str, _Heard] = field(default_factory=dict, repr=False, compare=False)  # see `_hear`

    @classmethod
    def for_scenario(cls, scenario: Scenario, persona: Persona) -> Coverage:
        return cls(LineCatalog(persona, scenario))

    def add(self, events: Sequence[Event]) -> None:
        self.calls += 1
        reached = {_OPENING}
        revealed_in_turn: dict[int, str] = {}
        line_keys, lines, unmatched, heard = self.line_keys, self.lines, self.unmatched, self._heard
        for e in events:
            kind = e["type"]
            if kind in _NOT_COUNTED:  # most of a call's events: the trainee's lines and the debtor's state
                continue
            if kind == _DEBTOR_SAID:
                text, speaker, key = e["text"], e["speaker"], e["situation"]
                extra = revealed_in_turn.get(e["turn"]) if revealed_in_turn else None
                line = heard.get(text)
                if line is None or line.speaker != speaker or line.key != key or line.extra != extra:
                    line = self._hear(speaker, key, text, extra)
                line_keys[line.line_key] += 1
                if line.variant is None:
                    unmatched[line.line_key] += 1
                else:
                    lines[line.variant] += 1
            elif kind == ev.STAGE_CHANGED:
                self.transitions[(e["from"], e["to"], e["trigger"])] += 1
                reached.add(e["to"])
            elif kind == ev.REVEALED:
                self.reveals[e["id"]] += 1
                revealed_in_turn[e["turn"]] = e["text"]
            elif kind == ev.FLAG:
                self.flags[e["flag"]] += 1
            elif kind == ev.OFFER_MADE:
                self.offers[f"{e['by']} {e['offer']['kind']}"] += 1
            elif kind == ev.AGREEMENT:
                self.agreements[e["accepted_by"]] += 1
            elif kind == ev.GOOD_FAITH:
                self.good_faith["agreed" if e["agreed"] else "refused"] += 1
        stages = self.stages
        for stage in reached:  # what stages.update(reached) counts, without its Mapping check per call
            stages[stage] += 1

    def _hear(self, speaker: str, key: str, text: str, extra: str | None) -> _Heard:
        """Which variant a line is, by its text: the catalog's answer, kept by text (one look-up a line)."""
        line = _Heard(speaker, key, extra, (speaker, key), self.catalog.identify(speaker, key, text, extra))
        if len(self._heard) < _HEARD_KEPT:
            self._heard[text] = line
        return line

    def tally(self) -> Tally:
        return Tally(self.calls, {name: getattr(self, name) for name in COUNTERS})

    def absorb(self, tally: Tally) -> None:
        """Add the counts of calls counted elsewhere (counts add up in any order)."""
        self.calls += tally.calls
        for name, counter in tally.counters.items():
            getattr(self, name).update(counter)

    # --- what was never hit -------------------------------------------------------------
    def unreached_transitions(self) -> list[Transition]:
        return [(s.value, d.value, t) for s, d, t in edges() if (s.value, d.value, t) not in self.transitions]

    def to_dict(self) -> dict[str, Any]:
        return {
            "calls": self.calls,
            "stages": {s.value: self.stages.get(s.value, 0) for s in Stage},
            "transitions": [
                {
                    "from": s.value,
                    "to": d.value,
                    "trigger": t,
                    "count": self.transitions.get((s.value, d.value, t), 0),
                }
                for s, d, t in edges()
            ],
            "lines": [
                {
                    "speaker": v.id.speaker,
                    "situation": v.id.key,
                    "mood": v.id.mood,
                    "variant": v.id.position + 1,
                    "count": self.lines.get(v.id, 0),
                    "text": v.template,
                }
                for v in self.catalog.variants()
            ],
            "unmatched_lines": [
                {"speaker": who, "situation": key, "count": n} for (who, key), n in sorted(self.unmatched.items())
            ],
            "reveals": dict(sorted(self.reveals.items())),
            "flags": dict(sorted(self.flags.items())),
            "offers": dict(sorted(self.offers.items())),
            "agreements": dict(sorted(self.agreements.items())),
            "good_faith": dict(sorted(self.good_faith.items())),
        }
