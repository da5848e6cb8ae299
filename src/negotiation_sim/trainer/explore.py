"""Explore a scenario without playing it: many headless calls per strategy, graded, with coverage.

Pure apart from the clock used to measure speed: the same scenario, strategies, runs and
seed give the same report (timings aside), whatever the number of worker processes.

How the work is shared among `jobs` processes (the main one and jobs - 1 workers): the calls
of a strategy that does not read the coverage of earlier calls (all but `guided`) are handed
out up front, in batches, to be played, counted and graded by the workers — and by the main
process, which runs a batch no worker has started whenever it would otherwise wait. A strategy
that does read the coverage is played in the main process, call after call, once every call
before it in the report has been counted; its calls go to the workers to be graded while the
main process plays on. Batches are taken back in the report's order, so the counts, the grades
and the best calls are those of playing everything in order in one process.
"""

from __future__ import annotations

import gc
import math
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from ..content.lesson import Rubric
from ..content.persona import Persona
from ..content.scenario import Scenario
from .calls import Plan, Played, Player, played
from .coverage import Coverage
from .reach import analyse
from .registry import Context, strategy_specs
from .report import BestCall, ExploreReport, StrategyResult, Timing, warnings
from .workers import Pending, Workers

__all__ = [  # the report's classes are used from here too
    "BestCall",
    "ExploreReport",
    "StrategyResult",
    "Timing",
    "explore",
    "warnings",
]


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Leave what the set-up built (library, recogniser, identities, scoring's memos) out of the garbage
    collector's sweeps while the calls are played: its full sweeps otherwise walk those objects again
    and again (~5 % of a run), and in a forked worker they would write to, and so copy, every page
    of them (the advice of the `gc.freeze` documentation for processes that fork)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


BATCH = 25  # calls per batch at most: small enough to share the work out evenly at the end
GRADE_BATCH = 8  # calls played in the main process sent to be graded together


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
    the same for the same arguments, whatever `jobs` (processes that play and grade) is.
    """
    started = time.perf_counter()
    clock = time.thread_time  # the parts of the work in CPU time: what they cost, however busy the machine is
    specs = strategy_specs()
    names = list(strategies) if strategies else list(specs)
    unknown = [n for n in names if n not in specs]
    if unknown:
        raise KeyError(f"unknown strategy '{unknown[0]}' (known: {', '.join(specs)})")
    base = scenario.seed if seed is None else seed
    plan = Plan(scenario, persona, rubric, base, tuple(dict.fromkeys(names)), runs)
    player = Player(plan)  # before the workers start, so that they share what it builds
    timing = Timing(setup=time.perf_counter() - started)
    coverage = Coverage(player.catalog)
    context = Context(scenario, persona, coverage)
    results = [StrategyResult(spec) for spec in player.specs]
    total = runs * len(results)
    done = 0

    def take(k: int, pending: Pending) -> None:
        nonlocal done
        batch = pending.result()
        results[k].add(batch)
        timing.add(batch)
        if batch.tally is not None:
            coverage.absorb(batch.tally)
        if progress is not None:
            for _ in range(batch.calls):
                done += 1
                progress(done, total)

    def steal(k: int) -> bool:
        """Run here a batch no worker has started, among those needed before the next strategy that
        reads the coverage (the latest first: workers take the earliest)."""
        end = next((j for j in range(k + 1, len(results)) if player.specs[j].reads_coverage), len(results))
        return any(pending.steal() for j in range(end - 1, k - 1, -1) for pending in reversed(queues[j]))

    def take_all(k: int) -> None:
        queue = queues[k]
        while queue:
            while not queue[0].done() and steal(k):
                pass
            take(k, queue.popleft())

    with frozen_heap(), Workers(plan, player, jobs) as workers:
        free = [k for k, spec in enumerate(player.specs) if not spec.reads_coverage]
        size = max(1, min(BATCH, math.ceil(runs * len(free) / (4 * workers.jobs))))
        queues: list[deque[Pending]] = [deque() for _ in results]
        for k in free:
            queues[k].extend(workers.play(k, first, min(size, runs - first)) for first in range(0, runs, size))
        for k, spec in enumerate(player.specs):
            if spec.reads_coverage:  # every call before this strategy's has been counted
                to_grade: list[Played] = []
                for i in range(runs):
                    t0 = clock()
                    session = player.play(k, i, context)
                    t1 = clock()
                    coverage.add(session.events)
                    timing.engine += t1 - t0
                    timing.coverage += clock() - t1
                    to_grade.append(played(session))
                    if len(to_grade) == GRADE_BATCH or i == runs - 1:
                        queues[k].append(workers.grade(to_grade))
                        to_grade = []
                    while queues[k] and queues[k][0].done():
                        take(k, queues[k].popleft())
            take_all(k)
    timing.total = time.perf_counter() - started
    timing.jobs = workers.jobs
    reach = analyse(scenario, persona)
    report = ExploreReport(scenario, persona, runs, base, results, coverage, reach, timing)
    report.warnings = warnings(report)
    return report
