"""The overall grade from the rubric's weights, the pass mark, and three 'try next time' suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..content.lesson import Rubric
from ..vocabulary import Trait
from .advice import advice
from .compliance import compliance_score
from .criteria import rnd
from .facts import CallFacts
from .scorecard import SEVERITIES, Finding, OutcomeReport, Suggestion, TipCheck, TraitScore
from .words import describe, money, quote, who_of

# A critical finding fails the call, whatever else went well, as a QA review would.
CRITICAL_CAP = 39
SUGGESTIONS = 3
WEAK = 0.75  # a trait criterion below this is worth a suggestion

# Missed tips that cost the most come first: money given away, a deal that breaks, a lost temper.
TIP_TIER: dict[str, int] = {
    "tip10_concrete_minimum": 0, "tip08_be_realistic": 0,
    "tip05_polite_professional": 1, "tip16_dont_force_issue": 1, "tip20_hold_to_deal": 1,
    "tip03_accurate_information": 1, "tip11_find_reason": 1, "tip02_start_with_reminder": 1,
    "tip09_clear_message": 1, "tip13_require_counter_offer": 1, "tip14_dont_counter_immediately": 1,
    "hint_start_high": 1, "tip17_confirm_in_writing": 1, "tip15_good_faith_gesture": 1,
    "hint_validate_claims": 1, "hint_listen": 1,
}  # fmt: skip
# The trait a tip mostly exercises: within a tier, a missed tip on the weakest trait comes first.
TIP_TRAIT: dict[str, Trait] = {
    "tip02_start_with_reminder": Trait.AGENDA_CONTROL,
    "tip03_accurate_information": Trait.BIG_PICTURE,
    "tip05_polite_professional": Trait.MUTUAL_PRESSURE,
    "tip06_remain_calm": Trait.MUTUAL_PRESSURE,
    "tip07_approach_as_equals": Trait.OTHER_SIDE_NEEDS,
    "tip08_be_realistic": Trait.CLIENT_NEEDS,
    "tip09_clear_message": Trait.AGENDA_CONTROL,
    "tip10_concrete_minimum": Trait.BIG_PICTURE,
    "tip11_find_reason": Trait.OTHER_SIDE_NEEDS,
    "tip12_ask_comments": Trait.OTHER_SIDE_NEEDS,
    "tip13_require_counter_offer": Trait.DISCIPLINE,
    "tip14_dont_counter_immediately": Trait.DISCIPLINE,
    "tip15_good_faith_gesture": Trait.CLIENT_NEEDS,
    "tip16_dont_force_issue": Trait.MUTUAL_PRESSURE,
    "tip17_confirm_in_writing": Trait.CLIENT_NEEDS,
    "tip18_explain_ramifications": Trait.AGENDA_CONTROL,
    "tip19_follow_up": Trait.CLIENT_NEEDS,
    "tip20_hold_to_deal": Trait.BIG_PICTURE,
    "hint_listen": Trait.OTHER_SIDE_NEEDS,
    "hint_do_your_homework": Trait.BIG_PICTURE,
    "hint_validate_claims": Trait.BIG_PICTURE,
    "hint_start_high": Trait.AGENDA_CONTROL,
    "hint_not_personal": Trait.MUTUAL_PRESSURE,
}


# The traits by id: a dict lookup, where Trait(id) runs the enum's constructor (and reading a member's
# value runs a descriptor).
TRAIT_BY_ID: dict[str, Trait] = {t.value: t for t in Trait}
TIP_TRAIT_ID: dict[str, str] = {tip: trait.value for tip, trait in TIP_TRAIT.items()}


@dataclass(slots=True)
class Grade:
    overall: int
    passed: bool
    parts: dict[str, int | None]
    capped: str | None


def rubric_dict(rubric: Rubric) -> dict[str, Any]:
    w = rubric.weights
    return {
        "weights": {"traits": w.traits, "tips": w.tips, "outcome": w.outcome, "compliance": w.compliance},
        "trait_weights": {tid: float(rubric.trait_weights.get(t, 1.0)) for tid, t in TRAIT_BY_ID.items()},
        "pass_mark": rubric.pass_mark,
    }


def traits_part(traits: list[TraitScore], rubric: Rubric) -> int | None:
    """The rubric's weighted mean of the traits that apply (None: none does, or none weighs anything)."""
    weights = rubric.trait_weights
    total: float = 0
    weight: float = 0
    for t in traits:
        if t.score is not None:
            w = float(weights.get(TRAIT_BY_ID[t.trait], 1.0))
            if w > 0:
                total += w * t.score
                weight += w
    return rnd(total / weight) if weight else None


def tips_part(tips: list[TipCheck]) -> int | None:
    """The share of the tips that applied which passed, 0-100 (None: none applied)."""
    judged = passes = 0
    for t in tips:
        if t.status != "not_applicable":
            judged += 1
            passes += t.status == "pass"
    return rnd(100 * passes / judged) if judged else None


def grade(
    traits: list[TraitScore],
    tips: list[TipCheck],
    outcome: OutcomeReport,
    findings: list[Finding],
    rubric: Rubric,
) -> Grade:
    parts: dict[str, int | None] = {
        "traits": traits_part(traits, rubric),
        "tips": tips_part(tips),
        "outcome": outcome.score,
        "compliance": compliance_score(findings),
    }
    w = rubric.weights
    weights = {"traits": w.traits, "tips": w.tips, "outcome": w.outcome, "compliance": w.compliance}
    used = {k: weights[k] for k, v in parts.items() if v is not None and weights[k] > 0}
    total = sum(used.values())
    raw = sum(used[k] * (parts[k] or 0) for k in used) / total if total else 0.0
    overall = max(0, min(100, rnd(raw)))
    capped = None
    critical = [f for f in findings if f.severity == "critical"]
    beyond = bool(outcome.facts.get("below_floor") or outcome.facts.get("over_plan_months"))
    if critical:
        cap = max(0, min(CRITICAL_CAP, rubric.pass_mark - 1))
        first = min(critical, key=lambda f: f.i)
        overall = min(overall, cap)
        capped = f"a critical finding ({first.rule}, turn {first.turn}) fails the call: grade capped at {cap}"
    elif beyond:
        cap = max(0, rubric.pass_mark - 1)
        overall = min(overall, cap)
        terms = outcome.facts.get("terms") or {}
        limit = (
            f"below your floor of {money(float(outcome.facts['floor']))}"
            if outcome.facts.get("below_floor")
            else f"longer than your {outcome.facts.get('max_plan_months')} months"
        )
        capped = (
            f"the deal ({terms.get('describe', '')}) is {limit}, beyond your authority: the call fails, "
            f"grade capped at {cap}"
        )
    return Grade(overall, not critical and not beyond and overall >= rubric.pass_mark, parts, capped)


def _suggestion(f: CallFacts, key: str, source: str, why: str, i: int | None) -> Suggestion | None:
    text = advice(key, f)
    if not text:
        return None
    if i is None or not 0 <= i < len(f.events):
        return Suggestion(text, source, why, None, None, "")
    event = f.event(i)
    said = quote(describe(event), 100)
    who = who_of(event)
    return Suggestion(text, source, why, i, int(event["turn"]), f"{who}: {said}" if who != "call" else said)


def suggestions(
    f: CallFacts, traits: list[TraitScore], tips: list[TipCheck], findings: list[Finding]
) -> list[Suggestion]:
    """Three things to try next time: compliance first, then missed tips, then weak trait criteria."""
    trait_score = {t.trait: (t.score if t.score is not None else 100) for t in traits}
    ranked: list[tuple[tuple[Any, ...], str, str, str, int | None]] = []
    seen_rules: set[str] = set()
    for finding in sorted(findings, key=lambda x: (SEVERITIES.index(x.severity), x.i)):
        if finding.rule in seen_rules:
            continue
        seen_rules.add(finding.rule)
        why = f"{finding.severity.upper()}: {finding.title} ({finding.regulation}) - {finding.detail}"
        ranked.append(
            (
                (0, SEVERITIES.index(finding.severity), finding.i),
                finding.rule,
                f"compliance:{finding.rule}",
                why,
                finding.i,
            )
        )
    for tip in tips:
        if tip.status == "miss":
            trait = TIP_TRAIT_ID.get(tip.id)
            score = trait_score.get(trait, 100) if trait else 100
            label = f"Tip {tip.number}" if tip.number else "Hint"
            ranked.append(
                (
                    (1, TIP_TIER.get(tip.id, 2), score, tip.number or 21, tip.id),
                    tip.id,
                    f"tip:{tip.id}",
                    f"{label} '{tip.title}': {tip.reason}",
                    tip.at,
                )
            )
    for t in traits:
        for c in t.criteria:
            if c.value is not None and c.value < WEAK:
                lowered = [e.i for e in c.evidence if e.effect == "lowered"]
                at = lowered[0] if lowered else (c.evidence[0].i if c.evidence else None)
                ranked.append(
                    (
                        (2, trait_score[t.trait], c.value, c.id),
                        c.id,
                        f"trait:{t.trait}/{c.id}",
                        f"{t.title}: {c.note}",
                        at,
                    )
                )
    ranked.sort(key=lambda r: r[0])
    out: list[Suggestion] = []
    used_moments: set[int] = set()
    used_text: set[str] = set()
    for _, key, source, why, at in ranked:
        # one suggestion per moment, except that every compliance rule broken there is named
        if at is not None and at in used_moments and not source.startswith("compliance:"):
            continue
        s = _suggestion(f, key, source, why, at)
        if s is None or s.text in used_text:
            continue
        out.append(s)
        used_text.add(s.text)
        if at is not None:
            used_moments.add(at)
        if len(out) == SUGGESTIONS:
            break
    return out
