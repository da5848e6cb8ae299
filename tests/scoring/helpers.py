"""Hand-written calls for scoring tests: a builder that emits events in the engine's shape.

`Call()` starts a call on the shipped first-reminder-fran scenario (balance $1,250, floor
85% = $1,062.50, plans up to 6 months, good faith from $100; Fran can really pay $1,400 now or
$400 a month, walks away at stress 85). Each method appends the events one turn would hold.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from negotiation_sim.content.library import deep_merge
from negotiation_sim.content.persona import Persona
from negotiation_sim.content.scenario import Scenario
from negotiation_sim.engine.events import Event
from negotiation_sim.scoring import Scorecard, score_call

from ..conftest import ROOT

BASE_PERSONA = ROOT / "personas" / "forgetful-fran.yaml"
BASE_SCENARIO = ROOT / "scenarios" / "first-reminder-fran.yaml"

# A line for each move, so a test reads like the call it stands for.
SAY: dict[str, str] = {
    "greet": "Hello, good morning.",
    "identify_self": "My name is Sam Rivera and I'm calling from Northbridge Recovery.",
    "verify_identity": "Am I speaking with the account holder? Could you confirm your date of birth?",
    "mini_miranda": "This is an attempt to collect a debt by a debt collector.",
    "state_agenda": "I'd like to go over the account, understand what happened, and agree on a way forward.",
    "remind": "Our records show a balance of $1,250 for the laptop and service plan, due 2026-10-01.",
    "ask_reason": "Can you tell me what happened?",
    "acknowledge": "I understand, thank you for explaining.",
    "ask_proof": "Could you send us something that shows that?",
    "state_expectation": "We do expect the full balance of $1,250 to be paid.",
    "ask_comments": "What are your thoughts on how we can resolve this?",
    "request_counter_offer": "What could you offer towards the balance?",
    "consider": "Let me take a moment to look at that.",
    "accept": "Okay, I can accept that.",
    "reject": "I'm afraid I can't accept that.",
    "ask_good_faith": "Could you make a good-faith payment of $100 today?",
    "explain_consequences": "If a payment is missed, the full balance is due again.",
    "confirm_in_writing": "I'll send you written confirmation of these terms today.",
    "schedule_follow_up": "I'll follow up with you before the first payment.",
    "redirect": "Let's get back to the balance.",
    "off_topic": "Did you see the game last night?",
    "small_talk": "How's the weather over there?",
    "threat": "Pay today or we'll have you arrested.",
    "abusive": "Stop wasting my time, you deadbeat.",
    "disclose_debt": "I'm calling about your overdue account.",
    "end_call": "Thank you, goodbye.",
    "offer_validation": "I'll send you written validation of the debt.",
    "ask_attorney_details": "Could I have your attorney's name and phone number?",
    "offer": "We could do $210 a month for 6 months.",
}


@cache
def _yaml(path: Path) -> dict[str, Any]:
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


@cache
def _base_scenario() -> Scenario:
    return Scenario.model_validate(_yaml(BASE_SCENARIO))


@cache
def _base_persona() -> Persona:
    return Persona.model_validate(_yaml(BASE_PERSONA))


def scenario(**overrides: Any) -> Scenario:
    if not overrides:
        return _base_scenario()
    return Scenario.model_validate(deep_merge(copy.deepcopy(_yaml(BASE_SCENARIO)), overrides))


def persona(**overrides: Any) -> Persona:
    if not overrides:
        return _base_persona()
    return Persona.model_validate(deep_merge(copy.deepcopy(_yaml(BASE_PERSONA)), overrides))


def offer(kind: str, amount: float, months: int = 1) -> dict[str, Any]:
    total = round(amount * (months if kind == "plan" else 1), 2)
    return {"kind": kind, "amount": float(amount), "months": months, "total": total}


class Call:
    """Builds a call's events turn by turn, the way the engine orders them."""

    def __init__(
        self,
        sc: Scenario | None = None,
        pe: Persona | None = None,
        *,
        answered_by: str | None = None,
        within_calling_hours: bool | None = None,
    ) -> None:
        self.scenario = sc or scenario()
        self.persona = pe or persona()
        ctx = self.scenario.context
        t = self.persona.temperament
        self.trust, self.stress, self.patience = t.trust, t.stress, t.patience
        self.turn = 0
        self.events: list[Event] = []
        self.emit(
            "call_started",
            engine_version=1,
            scenario=self.scenario.id,
            persona=self.persona.id,
            seed=7,
            identity={"name": "Ana Diaz", "first_name": "Ana"},
            context={
                "direction": ctx.direction,
                "local_time": ctx.local_time,
                "weekday": ctx.weekday,
                "answered_by": answered_by or ctx.answered_by,
                "within_calling_hours": ctx.within_calling_hours
                if within_calling_hours is None
                else within_calling_hours,
            },
            account={
                "balance": self.scenario.account.balance,
                "creditor": self.scenario.account.creditor,
                "floor": self.scenario.floor_amount,
                "max_plan_months": self.scenario.authority.max_plan_months,
                "min_good_faith": self.scenario.authority.min_good_faith,
            },
            stage="opening",
        )
        self.state()
        self.reply("Hello?", "answer")

    # --- plumbing --------------------------------------------------------------------
    def emit(self, kind: str, **data: Any) -> Call:
        self.events.append({"i": len(self.events), "turn": self.turn, "type": kind, **data})
        return self

    def mood(self) -> str:
        if self.stress >= 70 or self.trust < 15:
            return "upset"
        if self.stress >= 45 or self.trust < 30:
            return "tense"
        return "calm"

    # --- what happens in a turn --------------------------------------------------------
    def say(
        self,
        *moves: str,
        text: str | None = None,
        amounts: tuple[float, ...] = (),
        plans: tuple[tuple[float, int], ...] = (),
        dates: tuple[str, ...] = (),
    ) -> Call:
        """The collector says a line with these moves (a new turn)."""
        self.turn += 1
        line = text if text is not None else " ".join(SAY.get(m, m) for m in moves)
        figures = {
            "amounts": [float(a) for a in amounts],
            "percents": [],
            "plans": [{"monthly": float(m), "months": n} for m, n in plans],
            "dates": list(dates),
        }
        return self.emit("trainee_said", text=line, moves=list(moves), figures=figures)

    def state(self, trust: int | None = None, stress: int | None = None, patience: int | None = None) -> Call:
        before = {"trust": self.trust, "stress": self.stress, "patience": self.patience}
        self.trust = self.trust if trust is None else trust
        self.stress = self.stress if stress is None else stress
        self.patience = self.patience if patience is None else patience
        now = {"trust": self.trust, "stress": self.stress, "patience": self.patience}
        f = self.persona.finances
        hidden = {
            "willing_lump_sum": f.lump_sum_capacity,
            "willing_monthly": f.monthly_capacity,
            "real_lump_sum_capacity": f.lump_sum_capacity,
            "real_monthly_capacity": f.monthly_capacity,
            "true_reason": f.true_reason,
            "claim_exposed": False,
        }
        delta = {k: now[k] - before[k] for k in now if now[k] != before[k]}
        return self.emit("debtor_state", **now, delta=delta, mood=self.mood(), hidden=hidden)

    def reply(
        self,
        text: str = "Okay.",
        situation: str = "unclear",
        *,
        speaker: str = "debtor",
        mood: str | None = None,
    ) -> Call:
        return self.emit("debtor_said", speaker=speaker, situation=situation, text=text, mood=mood or self.mood())

    def offer(self, by: str, kind: str, amount: float, months: int = 1) -> Call:
        o = offer(kind, amount, months)
        return self.emit("offer_made", by=by, offer=o, ratio=round(o["total"] / self.scenario.account.balance, 4))

    def agree(self, kind: str, amount: float, months: int = 1, accepted_by: str = "debtor") -> Call:
        o = offer(kind, amount, months)
        ratio = round(o["total"] / self.scenario.account.balance, 4)
        self.terms: dict[str, Any] | None = o
        return self.emit("agreement", accepted_by=accepted_by, terms=o, ratio=ratio)

    def good_faith(self, amount: float | None) -> Call:
        return self.emit("good_faith", amount=amount, agreed=amount is not None)

    def flag(self, name: str, detail: str = "") -> Call:
        return self.emit("flag", flag=name, detail=detail)

    def reveal(self, rid: str, text: str) -> Call:
        return self.emit("revealed", id=rid, text=text)

    def stage(self, frm: str, to: str, trigger: str) -> Call:
        return self.emit("stage_changed", **{"from": frm, "to": to, "trigger": trigger})

    def close(self, outcome: str, reason: str = "collector ended the call", *, by_collector: bool = False) -> Call:
        if by_collector:
            self.emit("collector_ended", reason=reason)
        self.emit("stage_changed", **{"from": "opening", "to": "closed", "trigger": "end"})
        terms = getattr(self, "terms", None) if outcome == "agreement" else None
        return self.emit("call_closed", outcome=outcome, reason=reason, terms=terms, good_faith=None)

    def turn_of(self, *moves: str, reply: str = "Okay.", situation: str = "unclear", **figures: Any) -> Call:
        """A plain turn: the collector's line, the debtor's state, the debtor's reply."""
        return self.say(*moves, **figures).state().reply(reply, situation)

    # --- the result --------------------------------------------------------------------
    def score(self, rubric: Any = None) -> Scorecard:
        return score_call(self.scenario, self.persona, self.events, rubric)


def opening(call: Call) -> Call:
    """A compliant opening: greet and identify, verify, disclose."""
    call.turn_of("greet", "identify_self", reply="Hi, who's this?", situation="greet")
    call.turn_of("verify_identity", reply="Yes, that's me.", situation="identity_confirmed")
    call.turn_of("mini_miranda", reply="Okay, go on.", situation="mini_miranda")
    return call


def model_call(sc: Scenario | None = None, pe: Persona | None = None) -> Call:
    """A textbook call: every step of the lesson, a deal at $1,100 (above the floor), feasible."""
    c = opening(Call(sc, pe))
    c.turn_of("state_agenda", reply="Sure.", situation="state_agenda")
    c.say("remind", amounts=(1250.0,), dates=("2026-10-01",)).stage("opening", "reminder", "remind").state()
    c.reply("Oh no, I forgot about that.", "remind")
    c.say("ask_reason").stage("reminder", "reason_finding", "find_reason").state(trust=61)
    c.reply("I moved house and the bills went to my old place.", "ask_reason")
    c.reveal("moved-house", "I moved in April.")
    c.say("acknowledge").state(trust=69).reply("Thanks.", "acknowledge")
    c.turn_of("ask_proof", reply="Sure, I'll send the lease.", situation="ask_proof")
    c.say("state_expectation", amounts=(1250.0,)).offer("collector", "full_balance", 1250).state().reply(
        "Let me look at my account.", "state_expectation"
    )
    c.say("ask_comments").stage("reason_finding", "comments", "invite_comments").state()
    c.reply("I'd like to clear it.", "ask_comments")
    c.say("request_counter_offer").stage("comments", "counter_offer", "negotiate").offer("debtor", "lump_sum", 900)
    c.state().reply("Could I do $900?", "counter_offer")
    c.turn_of("consider", reply="Sure.", situation="consider")
    c.say("offer", amounts=(1100.0,)).offer("collector", "lump_sum", 1100).agree("lump_sum", 1100)
    c.stage("counter_offer", "good_faith", "agree").state(trust=72).reply("Yes, $1,100 works.", "accept_offer")
    c.say("ask_good_faith", amounts=(100.0,)).good_faith(100).state().reply("I'll pay $100 now.", "good_faith_yes")
    c.turn_of("explain_consequences", reply="Understood.", situation="explain_consequences")
    c.turn_of("confirm_in_writing", "schedule_follow_up", reply="Please do.", situation="confirm_in_writing")
    c.say("end_call").state().reply("Bye!", "goodbye")
    c.close("agreement")
    return c


def statuses(card: Scorecard) -> dict[str, str]:
    return {t.id: t.status for t in card.tips}


def criterion(card: Scorecard, trait: str, cid: str) -> Any:
    return next(c for c in card.trait(trait).criteria if c.id == cid)
