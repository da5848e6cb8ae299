"""What a scenario can reach at all, decided from its data before any call is played.

Explore plays calls to find content nobody reaches; this module says which content *could*
be reached in this scenario, so that a line meant for another scenario (the `calling_in`
lines of a persona on an outbound call) is reported as not used here rather than as dead,
and so that rules that can never fire (a settlement floor above anything the debtor can pay)
are caught without playing a single call.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.conditions import Condition
from ..content.persona import Persona
from ..content.scenario import Scenario
from ..engine.debtor import Debtor
from ..engine.lines import resolve_key
from ..engine.offers import money
from ..engine.session import MAX_TURNS, SIGNIFICANCE, SITUATION_OF_MOVE
from ..vocabulary import Stage

# Situations the engine meets on any debtor turn, whatever the persona.
ALWAYS = frozenset(
    {
        "unclear",
        "goodbye",
        "hang_up",
        "threatened",
        "abused",
        "agreement",
        "accept_offer",
        "reject_offer",
        "counter_offer",
        "debtor_offer_rejected",
    }
)
THIRD_PARTY_KEYS = ("answer", "asked_for_debtor", "told_about_debt", "message", "unclear", "goodbye")


@dataclass(frozen=True, slots=True)
class Finding:
    """A warning about the scenario's data: `kind` is a short tag, `message` says what and why."""

    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


@dataclass
class Reach:
    """Content that can be reached in one scenario, and what cannot, with the reason."""

    third_party: bool
    situations: set[str] = field(default_factory=set)
    line_keys: set[str] = field(default_factory=set)
    reveals: set[str] = field(default_factory=set)
    flags: set[str] = field(default_factory=set)
    stages: set[str] = field(default_factory=set)
    not_applicable: dict[str, str] = field(default_factory=dict)  # "lines: calling_in" -> reason
    findings: list[Finding] = field(default_factory=list)


def never_holds(cond: Condition, persona: Persona) -> str | None:
    """Why a condition can never hold during a call, or None if it can."""
    stages = cond.stage if isinstance(cond.stage, list) else [cond.stage] if cond.stage else []
    if stages and all(s == Stage.CLOSED for s in stages):
        return "it needs the closed stage, and nothing is evaluated once the call is closed"
    moves = cond.move if isinstance(cond.move, list) else [cond.move] if cond.move else []
    if cond.not_after_move and moves and all(m == cond.not_after_move for m in moves):
        return f"it needs the move '{cond.not_after_move}' now and never before or now"
    if cond.after_move and cond.after_move == cond.not_after_move:
        return f"after_move and not_after_move both name '{cond.after_move}'"
    if cond.claim_exposed and not persona.finances.claims_are_false:
        return "it needs claim_exposed, but the persona claims nothing false (no claimed_* finances)"
    if cond.turn_at_least is not None and cond.turn_at_least > MAX_TURNS:
        return f"turn_at_least {cond.turn_at_least} is beyond the longest call ({MAX_TURNS} turns)"
    if cond.patience_below == 0:
        return "patience_below 0 can never hold"
    return None


def analyse(scenario: Scenario, persona: Persona) -> Reach:
    """Decide, from data alone, what this scenario can reach and which of its rules can never fire."""
    ctx = scenario.context
    reach = Reach(third_party=ctx.answered_by == "third_party")
    if reach.third_party:
        _third_party(reach, scenario, persona)
        return reach
    start = "calling_in" if ctx.direction == "inbound" else "answer" if ctx.within_calling_hours else "late_call"
    situations = {start} | ALWAYS | {SITUATION_OF_MOVE.get(m, m) for m in SIGNIFICANCE}
    if persona.negotiation.threats_tolerated > 0:
        situations.add("warned")
    reasons: dict[str, str] = {
        "warned": "the persona tolerates no threat (negotiation.threats_tolerated is 0)",
        "calling_in": "an outbound call" if ctx.direction == "outbound" else "",
        "late_call": "the call is inside calling hours" if ctx.direction == "outbound" else "an inbound call",
        "answer": "the call does not start with an answer" if start != "answer" else "",
    }
    _offer_rules(reach, scenario, persona, situations, reasons)
    rules: list[tuple[str, str, Condition | None, str]] = [
        (
            "attorney",
            "attorney_mentioned",
            persona.attorney.mention_when if persona.attorney else None,
            "the persona has no attorney",
        ),
        (
            "dispute",
            "dispute_raised",
            persona.dispute.raise_when if persona.dispute else None,
            "the persona has no dispute",
        ),
        ("cease", "cease_requested", persona.asks_to_stop, "the persona has no asks_to_stop rule"),
    ]
    for situation, flag, cond, absent in rules:
        why = absent if cond is None else never_holds(cond, persona)
        if why is None:
            situations.add(situation)
            reach.flags.add(flag)
        else:
            reasons[situation] = absent if cond is None else f"its rule can never fire: {why}"
            if cond is not None:
                reach.findings.append(Finding("never-fires", f"{flag} rule can never fire: {why}"))
    if persona.finances.claims_are_false:
        situations.add("proof_exposed")
        reach.flags.add("claim_exposed")
    else:
        reasons["proof_exposed"] = "the persona claims nothing false"
    for reveal in persona.reveals:
        why = never_holds(reveal.when, persona)
        if why is None:
            reach.reveals.add(reveal.id)
        else:
            reach.findings.append(Finding("never-fires", f"reveal '{reveal.id}' can never fire: {why}"))
            reach.not_applicable[f"reveal {reveal.id}"] = why
    reach.situations = situations
    reach.line_keys = {resolve_key(persona.lines, s) for s in situations}
    reach.stages = {s.value for s in Stage}
    for key in persona.lines:
        if key not in reach.line_keys:
            reach.not_applicable[f"line {key}"] = reasons.get(key) or _fallback_reason(key, persona)
    return reach


def _fallback_reason(key: str, persona: Persona) -> str:
    return "no situation in this scenario uses it"


def _third_party(reach: Reach, scenario: Scenario, persona: Persona) -> None:
    third = scenario.context.third_party
    assert third is not None
    reach.situations = set(THIRD_PARTY_KEYS)
    reach.line_keys = set()
    reach.stages = {Stage.OPENING.value, Stage.CLOSED.value}
    why = "a third party answers: the debtor is never on the line"
    for key in persona.lines:
        reach.not_applicable[f"line {key}"] = why
    for reveal in persona.reveals:
        reach.not_applicable[f"reveal {reveal.id}"] = why
    for stage in Stage:
        if stage.value not in reach.stages:
            reach.not_applicable[f"stage {stage.value}"] = why


def capacity_limits(scenario: Scenario, persona: Persona) -> tuple[float, float, float]:
    """(most as a lump sum, most a month, most over a plan within authority) at full trust, claims exposed."""
    f = persona.finances
    lump = min(scenario.account.balance, f.lump_sum_capacity)
    monthly = f.monthly_capacity
    return lump, monthly, monthly * scenario.authority.max_plan_months


def _offer_rules(
    reach: Reach, scenario: Scenario, persona: Persona, situations: set[str], reasons: dict[str, str]
) -> None:
    floor = scenario.floor_amount
    lump, monthly, plan_total = capacity_limits(scenario, persona)
    months = scenario.authority.max_plan_months
    if floor > max(lump, plan_total) + 0.005:
        reach.findings.append(
            Finding(
                "unwinnable",
                f"the settlement floor {money(floor)} ({scenario.authority.settlement_floor_pct:g}% of "
                f"{money(scenario.account.balance)}) is above anything {persona.id} can ever pay: a lump "
                f"sum of at most {money(lump)}, or {money(monthly)} a month × {months} months = "
                f"{money(plan_total)}",
            )
        )
    gf = persona.negotiation.good_faith
    debtor = Debtor(persona, scenario)
    debtor.state.trust = 100
    amounts = []
    for exposed in (False, True):
        debtor.state.claim_exposed = exposed
        amounts.append(debtor.good_faith_amount())
    if gf.offers and any(a is not None for a in amounts):
        situations.add("good_faith_yes")
    else:
        why = (
            "the persona never offers good faith (good_faith.offers: false)"
            if not gf.offers
            else f"the minimum good-faith payment {money(scenario.authority.min_good_faith)} is more than "
            f"{persona.id} can pay"
        )
        reasons["good_faith_yes"] = why
        if gf.offers:
            reach.findings.append(Finding("never-fires", f"the good-faith rule can never fire: {why}"))
    if not gf.offers or gf.needs_trust > 0 or all(a is None for a in amounts):
        situations.add("good_faith_no")
    else:
        reasons["good_faith_no"] = "the persona always agrees to a good-faith payment (needs_trust: 0)"
