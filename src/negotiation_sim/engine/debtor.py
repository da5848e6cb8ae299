"""The debtor's hidden state and how it responds to the collector's moves.

Everything here is arithmetic on the persona's data: how a move shifts trust, stress and
patience, how much the debtor is willing to pay at the current level of trust, and which
counter-offer they make next.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..content.persona import Effect, Persona
from ..content.scenario import Scenario
from ..vocabulary import Mood
from .offers import Offer, nice

# How a move lands with an average person; a persona's `effects` replace these per move.
DEFAULT_EFFECTS: dict[str, Effect] = {
    "greet": Effect(trust=2),
    "identify_self": Effect(trust=3),
    "verify_identity": Effect(),
    "mini_miranda": Effect(stress=2),
    "state_agenda": Effect(trust=3, stress=-2),
    "remind": Effect(stress=4),
    "ask_reason": Effect(trust=6, stress=-2),
    "acknowledge": Effect(trust=8, stress=-6),
    "ask_proof": Effect(trust=-2, stress=4),
    "state_expectation": Effect(stress=5),
    "ask_comments": Effect(trust=4, stress=-2),
    "request_counter_offer": Effect(trust=2),
    "offer": Effect(),
    "accept": Effect(trust=6, stress=-10),
    "reject": Effect(trust=-3, stress=5),
    "consider": Effect(trust=2),
    "ask_good_faith": Effect(stress=2),
    "explain_consequences": Effect(stress=6),
    "confirm_in_writing": Effect(trust=4, stress=-3),
    "schedule_follow_up": Effect(trust=2),
    "redirect": Effect(patience=2),
    "off_topic": Effect(patience=-8),
    "small_talk": Effect(trust=1, patience=-4),
    "threat": Effect(trust=-30, stress=30, patience=-20),
    "abusive": Effect(trust=-35, stress=25, patience=-30),
    "disclose_debt": Effect(),
    "end_call": Effect(),
    "offer_validation": Effect(trust=8, stress=-8),
    "ask_attorney_details": Effect(trust=4),
}
PATIENCE_PER_TURN = 2
# Enum members read once: Mood.UPSET is a lookup through the enum's metaclass (every turn asks the mood)
_UPSET, _TENSE, _CALM = Mood.UPSET, Mood.TENSE, Mood.CALM
# A move's effect as it lands on one debtor: (trust, stress, patience), pride already counted in
Shift = tuple[int, float, int]
NO_SHIFT: Shift = (0, 0, 0)
NO_EFFECT = Effect()  # shared (Effect is frozen): building a pydantic model per call was a hot spot
_HIDDEN_KEPT = 4096  # hidden-state records remembered per disposition (at most 101 x 101 x 2 exist)


@dataclass(slots=True)
class DebtorState:
    trust: int
    stress: int
    patience: int
    claim_exposed: bool = False
    right_party_verified: bool = False
    disputed: bool = False
    validation_offered: bool = False
    attorney_mentioned: bool = False
    cease_requested: bool = False
    hostile_moves: int = 0
    rounds: int = 0
    revealed: list[str] = field(default_factory=list)
    debtor_offer: Offer | None = None
    collector_offer: Offer | None = None
    agreement: Offer | None = None
    good_faith: float | None = None
    good_faith_asked: bool = False

    def mood(self) -> Mood:
        if self.stress >= 70 or self.trust < 15:
            return _UPSET
        if self.stress >= 45 or self.trust < 30:
            return _TENSE
        return _CALM

    def snapshot(self) -> dict[str, int]:
        return {"trust": self.trust, "stress": self.stress, "patience": self.patience}


class Disposition:
    """How this persona's debtor reacts on this scenario's account: the per-turn arithmetic's
    constants, worked out once and shared by every call of the pair (see engine/setting.py)."""

    def __init__(self, persona: Persona, scenario: Scenario) -> None:
        t, f = persona.temperament, persona.finances
        self.balance = scenario.account.balance
        # each move's effect: the persona's own, else the average person's
        self.effects: dict[str, Effect] = {**DEFAULT_EFFECTS, **persona.effects}
        self.pride = 1 + (t.pride - 50) / 200  # pride makes pressure sting more
        self.shifts: dict[str, Shift] = {move: self.shift(effect) for move, effect in self.effects.items()}
        n = persona.negotiation
        self.overcommit = n.overcommit
        # how they bargain (read here once: a pydantic field read is a hook call, and bargaining reads many)
        self.prefers = n.prefers
        self.opening_ratio = n.opening_ratio
        self.concession = n.concession
        self.min_rounds = n.min_rounds
        self.max_months = max(scenario.authority.max_plan_months, 6)  # the longest plan they propose
        self.real = (f.lump_sum_capacity, f.monthly_capacity)
        self.claimed = (
            f.claimed_lump_sum_capacity if f.claimed_lump_sum_capacity is not None else f.lump_sum_capacity,
            f.claimed_monthly_capacity if f.claimed_monthly_capacity is not None else f.monthly_capacity,
        )
        self.true_reason = f.true_reason
        # the hidden-state record by (trust, stress, claim exposed): a call repeats a few dozen of them
        self.hidden: dict[tuple[int, int, bool], dict[str, object]] = {}

    def shift(self, effect: Effect) -> Shift:
        """How an effect lands on this debtor: pride makes pressure (added stress) sting more."""
        stress = effect.stress * self.pride if effect.stress > 0 else effect.stress
        return (effect.trust, stress, effect.patience)


class Debtor:
    """The persona's behaviour for one scenario's account."""

    def __init__(self, persona: Persona, scenario: Scenario, disposition: Disposition | None = None) -> None:
        self.persona = persona
        self.scenario = scenario
        self.balance = scenario.account.balance
        t = persona.temperament
        self.state = DebtorState(trust=t.trust, stress=t.stress, patience=t.patience)
        self.disposition = disposition or Disposition(persona, scenario)
        # per-call constants, read on every turn
        d = self.disposition
        self._effects = d.effects
        self._overcommit = d.overcommit
        self._real = d.real
        self._claimed = d.claimed
        self._true_reason = d.true_reason

    # --- mood -------------------------------------------------------------------------
    def effect_of(self, move: str) -> Effect:
        return self._effects.get(move, NO_EFFECT)

    def apply(self, effect: Effect) -> None:
        self.feel(self.disposition.shift(effect))

    def feel(self, shift: Shift) -> None:
        """Trust, stress and patience move by a shift (a move's is worked out once: `Disposition.shifts`)."""
        s = self.state
        trust, stress, patience = shift
        # Each stays a whole number from 0 to 100: clamp(), written out (most moves of every turn
        # come here). Trust and patience move by whole numbers; stress by a fraction once pride
        # scales it. A zero part leaves its value as it is.
        if trust:
            value = s.trust + trust
            s.trust = 0 if value < 0 else 100 if value > 100 else value
        if stress:
            whole = round(s.stress + stress)
            s.stress = 0 if whole < 0 else 100 if whole > 100 else whole
        if patience:
            value = s.patience + patience
            s.patience = 0 if value < 0 else 100 if value > 100 else value

    # --- money ------------------------------------------------------------------------
    def _capacity(self) -> tuple[float, float]:
        return self._real if self.state.claim_exposed else self._claimed

    def willingness(self) -> float:
        """Share of their capacity the debtor will commit at the current trust and stress."""
        s = self.state
        w = 0.55 + 0.45 * s.trust / 100
        if s.stress > 60:  # cornered people commit less
            w -= (s.stress - 60) / 200
        return max(0.3, min(1.0, w))

    def ceiling_lump(self) -> float:
        return min(self.balance, self._capacity()[0] * self.willingness())

    def ceiling_monthly(self) -> float:
        return self._capacity()[1] * self.willingness() * self._overcommit

    def max_months(self) -> int:
        return self.disposition.max_months

    def accepts(self, offer: Offer) -> bool:
        s = self.state
        standing = s.debtor_offer
        if standing is not None and _not_more_than(offer, standing):
            return True
        if s.rounds < self.disposition.min_rounds:
            return False
        if offer.kind == "plan":
            return offer.amount <= self.ceiling_monthly() + 0.01 and offer.months <= 60
        return offer.amount <= self.ceiling_lump() + 0.01

    def next_counter(self, prompted_by: Offer | None = None) -> Offer:
        """The debtor's next proposal, conceding part of the gap each round."""
        n = self.disposition
        s = self.state
        kind = n.prefers
        if prompted_by is not None and prompted_by.kind == "plan":
            kind = "plan"
        lump_cap, monthly_cap = self._capacity()
        if kind == "lump_sum" and lump_cap < self.balance * 0.15:
            kind = "plan"
        if kind == "plan" and monthly_cap <= 0:
            kind = "lump_sum"
        previous = s.debtor_offer if s.debtor_offer is not None and s.debtor_offer.kind == kind else None
        if kind == "plan":
            target = self.ceiling_monthly()
            amount = (
                target * n.opening_ratio
                if previous is None
                else previous.amount + n.concession * (target - previous.amount)
            )
            amount = min(nice(amount), nice(target)) if target >= 5 else max(5.0, round(target))
            months = min(self.max_months(), max(1, math.ceil(self.balance / max(amount, 1.0))))
            if amount * months > self.balance + 0.01:  # never propose to pay more than is owed
                amount = math.ceil(self.balance / months * 100) / 100
            counter = Offer("plan", amount, months)
        else:
            target = self.ceiling_lump()
            amount = (
                target * n.opening_ratio
                if previous is None
                else previous.amount + n.concession * (target - previous.amount)
            )
            counter = Offer("lump_sum", min(nice(amount), max(nice(target), 5.0)))
        s.rounds += 1
        s.debtor_offer = counter
        return counter

    def good_faith_amount(self) -> float | None:
        gf = self.persona.negotiation.good_faith
        if not gf.offers or self.state.trust < gf.needs_trust:
            return None
        lump, monthly = self._capacity()
        cap = gf.max_amount if gf.max_amount is not None else min(lump, monthly) if monthly > 0 else lump
        amount = max(self.scenario.authority.min_good_faith, nice(cap * 0.5))
        if amount > max(lump, monthly):
            return None
        return float(min(amount, cap))

    def hidden_record(self, trust: int, stress: int, exposed: bool) -> dict[str, object]:
        """What the debtor would really do in this state (recorded, copied, in every debtor_state event):
        shared by every call of the disposition (`Disposition.hidden`), so never handed out as it is."""
        key = (trust, stress, exposed)
        known = self.disposition.hidden.get(key)
        if known is None:
            known = self._hidden(trust, stress, exposed)
            if len(self.disposition.hidden) < _HIDDEN_KEPT:
                self.disposition.hidden[key] = known
        return known

    def _hidden(self, trust: int, stress: int, exposed: bool) -> dict[str, object]:
        # the ceilings inlined, from these inputs alone (the record is shared by every call in this state)
        lump, monthly = self._real if exposed else self._claimed
        w = 0.55 + 0.45 * trust / 100  # willingness(), inlined
        if stress > 60:
            w -= (stress - 60) / 200
        w = max(0.3, min(1.0, w))
        real = self._real
        return {
            "willing_lump_sum": round(min(self.balance, lump * w), 2),
            "willing_monthly": round(monthly * w * self._overcommit, 2),
            "real_lump_sum_capacity": real[0],
            "real_monthly_capacity": real[1],
            "true_reason": self._true_reason,
            "claim_exposed": exposed,
        }


def _not_more_than(offer: Offer, standing: Offer) -> bool:
    if offer.kind == "plan" and standing.kind == "plan":
        return offer.amount <= standing.amount + 0.01 and offer.months <= max(standing.months, 1) * 2
    if offer.kind != "plan" and standing.kind != "plan":
        return offer.amount <= standing.amount + 0.01
    return False
