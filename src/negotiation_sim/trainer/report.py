"""What an exploration found: per-strategy grades and outcomes, the best calls, coverage, warnings."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..content.persona import Persona
from ..content.scenario import Scenario
from ..engine import events as ev
from ..engine.events import Event
from ..vocabulary import Outcome
from .coverage import Coverage, Tally
from .reach import Finding, Reach
from .registry import StrategySpec


@dataclass
class BestCall:
    seed: int
    grade: float
    passed: bool
    outcome: str
    events: list[Event]

    def beats(self, other: BestCall | None) -> bool:
        """Passing first, then the higher grade; on a tie the earlier call stays the best."""
        return other is None or (self.passed, self.grade) > (other.passed, other.grade)

    def transcript(self) -> list[dict[str, str]]:
        return [{"speaker": who, "text": text} for who, text, _ in ev.transcript(self.events)]


@dataclass
class Batch:
    """Consecutive calls of one strategy, played and graded (in any process): only what the report needs."""

    grades: list[float] = field(default_factory=list)
    passes: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    best: BestCall | None = None
    tally: Tally | None = None  # their coverage; None when the main process counted it as it played them
    play_seconds: float = 0.0
    grade_seconds: float = 0.0
    coverage_seconds: float = 0.0

    @property
    def calls(self) -> int:
        return len(self.grades)

    def add(self, seed: int, grade: float, passed: bool, outcome: str, events: list[Event]) -> None:
        self.grades.append(grade)
        self.passes += passed
        self.outcomes[outcome] += 1
        call = BestCall(seed, grade, passed, outcome, events)
        if call.beats(self.best):
            self.best = call


@dataclass
class StrategyResult:
    spec: StrategySpec
    grades: list[float] = field(default_factory=list)
    passes: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    best: BestCall | None = None

    @property
    def calls(self) -> int:
        return len(self.grades)

    def add(self, batch: Batch) -> None:
        """Batches must come in the order of their calls, so that the earliest of equal best calls wins."""
        self.grades += batch.grades
        self.passes += batch.passes
        self.outcomes.update(batch.outcomes)
        if batch.best is not None and batch.best.beats(self.best):
            self.best = batch.best

    def to_dict(self) -> dict[str, Any]:
        best = self.best
        return {
            "name": self.spec.name,
            "description": self.spec.description,
            "calls": self.calls,
            "passed": self.passes,
            "pass_rate": round(self.passes / self.calls, 4) if self.calls else 0.0,
            "grade": {
                "min": min(self.grades, default=0.0),
                "median": statistics.median(self.grades) if self.grades else 0.0,
                "max": max(self.grades, default=0.0),
            },
            "outcomes": {o.value: self.outcomes.get(o.value, 0) for o in Outcome},
            "best": None
            if best is None
            else {
                "seed": best.seed,
                "grade": best.grade,
                "passed": best.passed,
                "outcome": best.outcome,
                "transcript": best.transcript(),
            },
        }


@dataclass
class Timing:
    """Wall-clock seconds in total, and of that the set-up (the recogniser's index, the debtors'
    identities, the scoring code: built once, however many calls follow); playing, scoring and
    coverage in CPU seconds, summed over every process that did them (the main one and the workers)."""

    total: float = 0.0
    setup: float = 0.0
    engine: float = 0.0
    scoring: float = 0.0
    coverage: float = 0.0
    jobs: int = 1

    def add(self, batch: Batch) -> None:
        self.engine += batch.play_seconds
        self.scoring += batch.grade_seconds
        self.coverage += batch.coverage_seconds

    def to_dict(self) -> dict[str, float]:
        return {k: round(v, 4) for k, v in vars(self).items()}


@dataclass
class ExploreReport:
    scenario: Scenario
    persona: Persona
    runs: int
    seed: int
    strategies: list[StrategyResult]
    coverage: Coverage
    reach: Reach
    timing: Timing
    warnings: list[Finding] = field(default_factory=list)

    @property
    def calls(self) -> int:
        return sum(r.calls for r in self.strategies)

    @property
    def calls_per_second(self) -> float:
        """Calls played and graded per second of wall clock, once set up (worker start-up included)."""
        calling = self.timing.total - self.timing.setup
        return self.calls / calling if calling > 0 else 0.0

    def best(self) -> StrategyResult | None:
        ranked = [r for r in self.strategies if r.best is not None]
        return max(ranked, key=lambda r: (r.best.passed, r.best.grade), default=None)  # type: ignore[union-attr]

    def to_dict(self) -> dict[str, Any]:
        best = self.best()
        return {
            "scenario": self.scenario.id,
            "persona": self.persona.id,
            "runs": self.runs,
            "seed": self.seed,
            "calls": self.calls,
            "seconds": round(self.timing.total, 4),
            "calls_per_second": round(self.calls_per_second, 1),
            "timing": self.timing.to_dict(),
            "strategies": [r.to_dict() for r in self.strategies],
            "best_strategy": best.spec.name if best else None,
            "coverage": self.coverage.to_dict(),
            "not_applicable": dict(sorted(self.reach.not_applicable.items())),
            "warnings": [{"kind": w.kind, "message": w.message} for w in self.warnings],
        }


def warnings(report: ExploreReport) -> list[Finding]:
    """What a trainer should look at before a class plays this scenario."""
    out: list[Finding] = list(report.reach.findings)
    results = report.strategies
    cov = report.coverage
    reach = report.reach
    calls = report.calls
    if results and not any(r.passes for r in results):
        best = report.best()
        top = f" (best grade {best.best.grade:g} by {best.spec.name})" if best and best.best else ""
        out.append(Finding("unwinnable", f"no strategy passed in {calls} calls{top}"))
    for r in results:
        if r.spec.careless and r.passes:
            out.append(
                Finding(
                    "too-easy",
                    f"the careless '{r.spec.name}' strategy passed {r.passes} of "
                    f"{r.calls} calls (best grade {r.best.grade:g})"
                    if r.best
                    else f"'{r.spec.name}' passed",
                )
            )
    if calls == 0:
        return out
    for stage in sorted(reach.stages):
        if not cov.stages.get(stage):
            out.append(Finding("unreached-stage", f"stage '{stage}' was never reached in {calls} calls"))
    for key in sorted(reach.line_keys):
        variants = cov.catalog.by_key.get(("debtor", key), [])
        hits = [v for v in variants if cov.lines.get(v.id)]
        if not cov.line_keys.get(("debtor", key)):
            out.append(Finding("unreached-line", f"persona lines '{key}' were never said in {calls} calls"))
        elif len(hits) < len(variants):
            for v in variants:
                if not cov.lines.get(v.id):
                    out.append(Finding("unreached-variant", f"line {v.id.label()} was never said: {v.template!r}"))
    if reach.third_party:
        for (who, _key), variants in sorted(cov.catalog.by_key.items()):
            if who != "third_party":
                continue
            for v in variants:
                if not cov.lines.get(v.id):
                    out.append(Finding("unreached-variant", f"line {v.id.label()} was never said: {v.template!r}"))
    for reveal in sorted(reach.reveals):
        if not cov.reveals.get(reveal):
            out.append(Finding("unreached-reveal", f"reveal '{reveal}' never fired in {calls} calls"))
    for flag in sorted(reach.flags):
        if not cov.flags.get(flag):
            out.append(Finding("unreached-rule", f"the {flag.replace('_', ' ')} rule never fired in {calls} calls"))
    return out
