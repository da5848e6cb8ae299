"""The scorecard: what a call earned, and the evidence for every point.

Plain records with `to_dict` / `from_dict`. `to_dict` is the versioned JSON a classroom
stores and a debrief is printed from; it is deterministic (same events, same dict) and
JSON-safe (str, int, float, bool, None, lists and dicts only).

The records are slotted dataclasses, not frozen ones: scoring builds a hundred of them a call
(evidence, criteria, tip checks...) and explore grades thousands of calls, and a frozen
dataclass is four times dearer to build (it sets every field through object.__setattr__).
Nothing changes a record once built, and nothing hashes one; treat them as values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

SCHEMA_VERSION = 1

Effect = Literal["raised", "lowered", "context"]
Status = Literal["pass", "miss", "not_applicable"]
Severity = Literal["critical", "major", "minor"]
SEVERITIES: tuple[Severity, ...] = ("critical", "major", "minor")


@dataclass(slots=True)
class Evidence:
    """One moment of the call: the event index, who spoke, what was said, and what it did to the score."""

    i: int
    turn: int
    who: str  # collector | debtor | third_party | call
    quote: str
    note: str
    effect: Effect = "context"

    def to_dict(self) -> dict[str, Any]:
        return {
            "i": self.i,
            "turn": self.turn,
            "who": self.who,
            "quote": self.quote,
            "note": self.note,
            "effect": self.effect,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(int(d["i"]), int(d["turn"]), str(d["who"]), str(d["quote"]), str(d["note"]), d["effect"])


def _ev_list(items: Any) -> tuple[Evidence, ...]:
    return tuple(Evidence.from_dict(e) for e in items)


@dataclass(slots=True)
class Criterion:
    """One observable, weighted part of a score: a value 0..1 (None: did not apply) with its evidence."""

    id: str
    label: str
    value: float | None
    weight: float
    note: str
    evidence: tuple[Evidence, ...] = ()

    @property
    def applicable(self) -> bool:
        return self.value is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "applicable": self.applicable,
            "value": None if self.value is None else round(self.value, 4),
            "weight": self.weight,
            "note": self.note,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Criterion:
        value = d["value"]
        return cls(
            d["id"],
            d["label"],
            None if value is None else float(value),
            float(d["weight"]),
            d["note"],
            _ev_list(d["evidence"]),
        )


@dataclass(slots=True)
class TraitScore:
    trait: str
    title: str
    score: int | None  # None: nothing in this call could show the trait
    criteria: tuple[Criterion, ...]

    @property
    def applicable(self) -> bool:
        return self.score is not None

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return tuple(e for c in self.criteria for e in c.evidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "trait": self.trait,
            "title": self.title,
            "applicable": self.applicable,
            "score": self.score,
            "criteria": [c.to_dict() for c in self.criteria],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TraitScore:
        return cls(d["trait"], d["title"], d["score"], tuple(Criterion.from_dict(c) for c in d["criteria"]))


@dataclass(slots=True)
class TipCheck:
    """One of the 20 tips or a hint: pass / miss / not_applicable, why, and where it applied."""

    id: str
    number: int | None  # the tip's number in the 20 tips; None for a hint
    title: str
    status: Status
    reason: str
    at: int | None = None  # the event where the tip applied (for a miss: where it was missed)
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "title": self.title,
            "status": self.status,
            "reason": self.reason,
            "at": self.at,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TipCheck:
        return cls(d["id"], d["number"], d["title"], d["status"], d["reason"], d["at"], _ev_list(d["evidence"]))


@dataclass(slots=True)
class Finding:
    """A compliance finding, modelled on FDCPA / Regulation F."""

    rule: str
    severity: Severity
    regulation: str
    title: str
    detail: str
    i: int  # the event where it happened
    turn: int
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "regulation": self.regulation,
            "title": self.title,
            "detail": self.detail,
            "i": self.i,
            "turn": self.turn,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        return cls(
            d["rule"],
            d["severity"],
            d["regulation"],
            d["title"],
            d["detail"],
            int(d["i"]),
            int(d["turn"]),
            _ev_list(d["evidence"]),
        )


# One weighted part of an outcome score (recovery, feasibility, ...) or one handling step: the same
# shape as a trait's criterion, so one class serves both.
Part = Criterion


@dataclass(slots=True)
class OutcomeReport:
    """What the call achieved. `facts` holds the figures (terms, ratios, feasibility, goodwill)."""

    kind: Literal["collection", "procedural"]
    procedures: tuple[str, ...]  # third_party, calling_hours, attorney, dispute, cease
    call_outcome: str | None  # the engine's Outcome, None if the call never closed
    score: int
    summary: str
    facts: dict[str, Any]
    parts: tuple[Part, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "procedures": list(self.procedures),
            "call_outcome": self.call_outcome,
            "score": self.score,
            "summary": self.summary,
            **self.facts,
            "parts": [p.to_dict() for p in self.parts],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> OutcomeReport:
        fixed = {"kind", "procedures", "call_outcome", "score", "summary", "parts"}
        facts = {k: v for k, v in d.items() if k not in fixed}
        return cls(
            d["kind"],
            tuple(d["procedures"]),
            d["call_outcome"],
            int(d["score"]),
            d["summary"],
            facts,
            tuple(Part.from_dict(p) for p in d["parts"]),
        )


@dataclass(slots=True)
class Suggestion:
    """A concrete 'try next time', pointing at the moment of the call where it applied."""

    text: str
    source: str  # e.g. "compliance:false_threat", "tip:tip11_find_reason", "trait:agenda_control/agenda_stated"
    why: str
    i: int | None
    turn: int | None
    quote: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "source": self.source,
            "why": self.why,
            "i": self.i,
            "turn": self.turn,
            "quote": self.quote,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Suggestion:
        return cls(d["text"], d["source"], d["why"], d["i"], d["turn"], d["quote"])


@dataclass(slots=True)
class Scorecard:
    scenario: str
    scenario_title: str
    persona: str
    seed: int | None
    events_hash: str
    rubric: dict[str, Any]
    overall: int
    passed: bool
    parts: dict[str, int | None]  # traits, tips, outcome, compliance: each 0..100 (None: nothing applied)
    capped: str | None  # why the overall was capped (a critical finding), else None
    traits: tuple[TraitScore, ...]
    tips: tuple[TipCheck, ...]
    compliance: tuple[Finding, ...]
    outcome: OutcomeReport
    suggestions: tuple[Suggestion, ...]
    schema_version: int = SCHEMA_VERSION

    @property
    def critical(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.compliance if f.severity == "critical")

    def trait(self, trait: str) -> TraitScore:
        return next(t for t in self.traits if t.trait == trait)

    def tip(self, tip_id: str) -> TipCheck:
        return next(t for t in self.tips if t.id == tip_id)

    def findings(self, rule: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.compliance if f.rule == rule)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "scenario": self.scenario,
            "scenario_title": self.scenario_title,
            "persona": self.persona,
            "seed": self.seed,
            "events_hash": self.events_hash,
            "rubric": self.rubric,
            "overall": self.overall,
            "passed": self.passed,
            "parts": dict(self.parts),
            "capped": self.capped,
            "traits": [t.to_dict() for t in self.traits],
            "tips": [t.to_dict() for t in self.tips],
            "compliance": [f.to_dict() for f in self.compliance],
            "outcome": self.outcome.to_dict(),
            "suggestions": [s.to_dict() for s in self.suggestions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Scorecard:
        version = d.get("schema_version")
        if version != SCHEMA_VERSION:
            raise ValueError(f"scorecard schema_version {version!r} is not {SCHEMA_VERSION}")
        return cls(
            scenario=d["scenario"],
            scenario_title=d["scenario_title"],
            persona=d["persona"],
            seed=d["seed"],
            events_hash=d["events_hash"],
            rubric=d["rubric"],
            overall=int(d["overall"]),
            passed=bool(d["passed"]),
            parts=dict(d["parts"]),
            capped=d["capped"],
            traits=tuple(TraitScore.from_dict(t) for t in d["traits"]),
            tips=tuple(TipCheck.from_dict(t) for t in d["tips"]),
            compliance=tuple(Finding.from_dict(f) for f in d["compliance"]),
            outcome=OutcomeReport.from_dict(d["outcome"]),
            suggestions=tuple(Suggestion.from_dict(s) for s in d["suggestions"]),
            schema_version=version,
        )
