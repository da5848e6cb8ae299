"""Measures several parts of the scorecard share: feasibility, stress, goodwill, the deal on the table.

Each returns its number together with the note and evidence that explain it.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from ..engine.events import Event
from .facts import CallFacts
from .groups import MOOD_RANK
from .lines import Line
from .scorecard import Effect, Evidence
from .words import money, offer_words

# How likely a commitment is kept, by how much of the real capacity it uses (r = amount / capacity).
COMFORTABLE = 0.8  # up to 80% of capacity: very likely kept
KEPT_IF_COMFORTABLE = 0.95
KEPT_AT_CAPACITY = 0.75
KEPT_AT_LEAST = 0.05


def likelihood_kept(ratio: float) -> float:
    """The chance a commitment is kept when it uses `ratio` of the debtor's real capacity."""
    if ratio <= COMFORTABLE:
        return KEPT_IF_COMFORTABLE
    if ratio <= 1.0:
        return KEPT_IF_COMFORTABLE - (ratio - COMFORTABLE) * (KEPT_IF_COMFORTABLE - KEPT_AT_CAPACITY) / (
            1 - COMFORTABLE
        )
    return max(KEPT_AT_LEAST, KEPT_AT_CAPACITY / ratio**2)


@dataclass(slots=True)
class Deal:
    """The agreed terms and whether the debtor can really keep them."""

    terms: dict[str, Any]
    accepted_by: str
    i: int
    total: float
    ratio: float  # total / balance
    below_floor: bool
    over_months: bool
    monthly_capacity: float
    lump_capacity: float
    load: float  # share of real capacity the terms use (the worse of monthly and cash today)
    likelihood: float
    feasible: bool
    note: str
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.terms.get("kind"),
            "amount": self.terms.get("amount"),
            "months": self.terms.get("months"),
            "total": round(self.total, 2),
            "describe": offer_words(self.terms),
            "accepted_by": self.accepted_by,
            "agreed_at": self.i,
        }


def deal(facts: CallFacts) -> Deal | None:
    return facts.memo(_deal)


def _deal(facts: CallFacts) -> Deal | None:
    agreement = facts.agreement
    if agreement is None:
        return None
    terms = dict(agreement["terms"])
    hidden = facts.hidden()
    lump_cap = float(hidden.get("real_lump_sum_capacity", 0.0))
    monthly_cap = float(hidden.get("real_monthly_capacity", 0.0))
    total = float(terms.get("total", terms.get("amount", 0.0)))
    kind = terms.get("kind")
    amount = float(terms.get("amount", 0.0))
    months = int(terms.get("months", 1))
    gf = facts.good_faith
    gf_amount = float(gf["amount"]) if gf is not None and gf.get("agreed") and gf.get("amount") is not None else 0.0

    def load_of(needed: float, capacity: float) -> float:
        if needed <= 0:
            return 0.0
        return needed / capacity if capacity > 0 else 99.0

    if kind == "plan":
        loads = {"monthly": load_of(amount, monthly_cap), "today": load_of(gf_amount, lump_cap)}
        need = f"{money(amount)} a month against a real monthly capacity of {money(monthly_cap)}"
    else:
        loads = {"today": load_of(max(amount, gf_amount), lump_cap)}
        need = f"{money(amount)} at once against real savings of {money(lump_cap)}"
    load = max(loads.values())
    likelihood = likelihood_kept(load)
    feasible = load <= 1.0 + 1e-9
    below = total < facts.floor - 0.01
    over_months = kind == "plan" and months > facts.max_plan_months
    verdict = "within what the debtor can really pay" if feasible else "beyond what the debtor can really pay"
    note = f"{offer_words(terms)}: {need} - {verdict}; likely kept: {round(likelihood * 100)}%."
    if gf_amount and kind == "plan":
        note += f" Good-faith payment today: {money(gf_amount)} (savings {money(lump_cap)})."
    state = facts.state_at_end()
    evidence = [facts.cite_event(agreement, note, "raised" if feasible else "lowered")]
    if state is not None:
        evidence.append(
            facts.cite_event(state, f"hidden capacity: {money(lump_cap)} now, {money(monthly_cap)} a month")
        )
    return Deal(
        terms,
        str(agreement.get("accepted_by", "")),
        int(agreement["i"]),
        total,
        total / facts.balance if facts.balance else 0.0,
        below,
        over_months,
        monthly_cap,
        lump_cap,
        load,
        likelihood,
        feasible,
        note,
        tuple(evidence),
    )


def after_yes(facts: CallFacts, d: Deal, move: str) -> Line | None:
    """The first line with `move` once the debtor had said yes: a later turn, or the same line when the
    collector accepted the debtor's own offer (confirming terms before the debtor agrees does not count)."""
    turn = int(facts.event(d.i)["turn"])
    for line in facts.lines_counted(move):
        if line.turn > turn or (line.turn == turn and d.accepted_by == "collector"):
            return line
    return None


def best_within_authority(facts: CallFacts) -> float:
    """The most the debtor could really pay on terms the collector may agree to (0: no such deal)."""
    return facts.memo(_best_within_authority)


def _best_within_authority(facts: CallFacts) -> float:
    hidden = facts.hidden()
    lump = min(float(hidden.get("real_lump_sum_capacity", 0.0)), facts.balance)
    plan = min(float(hidden.get("real_monthly_capacity", 0.0)) * facts.max_plan_months, facts.balance)
    best = max(lump, plan)
    return best if best >= facts.floor - 0.01 else 0.0


@dataclass(slots=True)
class Measure:
    value: float | None
    note: str
    evidence: tuple[Evidence, ...]


def goodwill(facts: CallFacts) -> Measure:
    """The relationship at the end compared with the start: trust kept, mood no worse, no hang-up."""
    return facts.memo(_goodwill)


def _goodwill(facts: CallFacts) -> Measure:
    if facts.third_party:
        return Measure(None, "the debtor was not on the line", ())
    start, end = facts.state_at_start(), facts.state_at_end()
    if start is None or end is None:
        return Measure(None, "no debtor state recorded", ())
    d_trust = int(end["trust"]) - int(start["trust"])
    d_mood = MOOD_RANK.get(str(end["mood"]), 0) - MOOD_RANK.get(str(start["mood"]), 0)
    if facts.hung_up:
        note = "the debtor hung up: the relationship ended badly"
        return Measure(0.0, note, (facts.cite_event(facts.closed or end, note, "lowered"),))
    value = max(0.0, min(1.0, 1.0 - 0.35 * max(0, d_mood) - max(0, -d_trust) / 40))
    note = (
        f"trust {start['trust']} -> {end['trust']} ({d_trust:+d}), mood {start['mood']} -> {end['mood']}, "
        f"stress {start['stress']} -> {end['stress']}"
    )
    effect: Effect = "raised" if value >= 0.75 else "lowered"
    return Measure(value, note, (facts.cite_event(end, note, effect),))


def _peak_stress(states: list[Event]) -> Event:
    """The state with the highest stress (the first of several as high: states are in call order).

    Read with map and itemgetter, which run in C: a call has a state per turn."""
    stress = list(map(int, map(itemgetter("stress"), states)))
    return states[stress.index(max(stress))]


def stress_managed(facts: CallFacts) -> Measure:
    """How much of the room before the debtor's breaking point the collector used up."""
    if facts.third_party or not facts.states:
        return Measure(None, "the debtor was not on the line", ())
    start = int(facts.states[0]["stress"])
    breaking = int(facts.persona.negotiation.walk_away_stress)
    peak_state = _peak_stress(facts.states)
    peak = int(peak_state["stress"])
    line = facts.line_of_turn(int(peak_state["turn"]))
    cited: list[Evidence] = []
    if facts.hung_up:
        note = f"the debtor hung up (stress peaked at {peak}, breaking point {breaking})"
        cited.append(facts.cite_event(facts.closed or peak_state, note, "lowered"))
        if line is not None:
            cited.append(facts.cite(line, "the line before the peak", "lowered"))
        return Measure(0.0, note, tuple(cited))
    room = breaking - start
    used = (peak - start) / room if room > 0 else (1.0 if peak >= breaking else 0.0)
    value = 1.0 if used <= 0.5 else max(0.0, 1.0 - (used - 0.5) / 0.5)
    note = (
        f"stress {start} at the start, peak {peak}, breaking point {breaking}: "
        f"used {max(0, round(used * 100))}% of the room"
    )
    effect: Effect = "raised" if value >= 0.75 else "lowered"
    cited.append(facts.cite_event(peak_state, note, effect))
    if line is not None and peak > start:
        cited.append(facts.cite(line, f"stress peaked after this line ({peak})", effect))
    return Measure(value, note, tuple(cited))
