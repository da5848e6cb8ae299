"""Explore a scenario without playing it: many headless calls per strategy, graded, with coverage.

Pure apart from the clock used to measure speed: the same scenario, strategies, runs and
seed give the same report (timings aside).
"""

from __future__ import annotations

import statistics
import time
from collections import Counter, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..bots import play_call
from ..content.lesson import Rubric
from ..content.persona import Persona
from ..content.scenario import Scenario
from ..engine import events as ev
from ..engine.events import Event
from ..engine.identity import Identity, identity_for
from ..engine.moves import Recogniser, Recognition, default_recogniser
from ..engine.session import CallSession
from ..vocabulary import Outcome
from .coverage import Coverage
from .grader import Grader
from .grading import Grade
from .reach import Finding, Reach, analyse
from .registry import Context, StrategySpec, strategy_specs

IDENTITY_POOL = 32  # distinct generated debtors per exploration: Faker is slow, the engine is not
MAX_TURNS = 40


class CachedRecogniser(Recogniser):
    """The default recogniser with a memo: recognising is pure, and bots repeat their lines a lot."""

    def __init__(self, inner: Recogniser, size: int = 20_000) -> None:
        super().__init__(inner.rules)
        self._memo: dict[str, Recognition] = {}
        self._size = size

    def recognise(self, text: str) -> Recognition:
        found = self._memo.get(text)
        if found is None:
            found = super().recognise(text)
            if len(self._memo) < self._size:
                self._memo[text] = found
        return found


@dataclass
class BestCall:
    seed: int
    grade: float
    passed: bool
    outcome: str
    events: list[Event]

    def transcript(self) -> list[dict[str, str]]:
        return [{"speaker": who, "text": text} for who, text, _ in ev.transcript(self.events)]


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

    def add(self, seed: int, g: Grade, outcome: str, events: list[Event]) -> None:
        self.grades.append(g.overall)
        self.passes += g.passed
        self.outcomes[outcome] += 1
        if self.best is None or (g.passed, g.overall) > (self.best.passed, self.best.grade):
            self.best = BestCall(seed, g.overall, g.passed, outcome, events)

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
    """Wall-clock seconds in total; engine and coverage in the main process; scoring summed over workers."""

    total: float = 0.0
    engine: float = 0.0
    scoring: float = 0.0
    coverage: float = 0.0
    jobs: int = 1

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
        return self.calls / self.timing.total if self.timing.total > 0 else 0.0

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


def explore(
    scenario: Scenario,
    persona: Persona,
    *,
    runs: int = 100,
    strategies: Sequence[str] | None = None,
    seed: int | None = None,
    rubric: Rubric | None = None,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> ExploreReport:
    """Play `runs` calls per strategy and gather grades, outcomes, coverage and warnings.

    Call i of every strategy uses seed `seed + i` (the scenario's seed by default); the report is
    the same for the same arguments, whatever `jobs` (worker processes that grade) is.
    """
    specs = strategy_specs()
    names = list(strategies) if strategies else list(specs)
    unknown = [n for n in names if n not in specs]
    if unknown:
        raise KeyError(f"unknown strategy '{unknown[0]}' (known: {', '.join(specs)})")
    base = scenario.seed if seed is None else seed
    recogniser = CachedRecogniser(default_recogniser())
    identities: dict[int, Identity] = {}
    coverage = Coverage.for_scenario(scenario, persona)
    context = Context(scenario, persona, coverage)
    results = [StrategyResult(specs[n]) for n in dict.fromkeys(names)]
    timing = Timing()
    total = runs * len(results)
    done = 0
    clock = time.perf_counter
    started = clock()
    pending: deque[tuple[StrategyResult, int, str, list[Event], Any]] = deque()

    def finish() -> None:
        nonlocal done
        result, call_seed, outcome, events, graded = pending.popleft()
        g, seconds = graded.result()
        timing.scoring += seconds
        result.add(call_seed, g, outcome, events)
        done += 1
        if progress is not None:
            progress(done, total)

    with Grader(scenario, persona, rubric, jobs) as grader:
        backlog = 64 * grader.jobs
        for k, result in enumerate(results):
            for i in range(runs):
                call_seed = base + i
                slot = call_seed % IDENTITY_POOL
                if slot not in identities:
                    identities[slot] = identity_for(base + slot)
                strategy = result.spec.make(base * 7919 + k * 104_729 + i, context)
                t0 = clock()
                session = CallSession(
                    scenario, persona, seed=call_seed, recogniser=recogniser, identity=identities[slot]
                )
                play_call(session, strategy, max_turns=MAX_TURNS)
                t1 = clock()
                coverage.add(session.events)
                timing.engine += t1 - t0
                timing.coverage += clock() - t1
                outcome = session.outcome.value if session.outcome else "open"
                pending.append((result, call_seed, outcome, session.events, grader.submit(session.events)))
                while len(pending) > backlog:
                    finish()
        while pending:
            finish()
    timing.total = clock() - started
    timing.jobs = grader.jobs
    reach = analyse(scenario, persona)
    report = ExploreReport(scenario, persona, runs, base, results, coverage, reach, timing)
    report.warnings = warnings(report)
    return report


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
