"""Grade explored calls inline or in worker processes.

Scoring a call is pure and costs several times what playing it does, so `explore --jobs N`
grades in N worker processes while the main process keeps playing (the guided explorer needs the
coverage of earlier calls, so calls are played in order, in one process). A grade depends on the
events alone, so the report is the same whatever the number of workers.
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from ..content.lesson import Rubric
from ..content.persona import Persona
from ..content.scenario import Scenario
from ..engine.events import Event
from .grading import Grade, grade

_worker: tuple[Scenario, Persona, Rubric | None] | None = None


def _init(scenario: Scenario, persona: Persona, rubric: Rubric | None) -> None:
    global _worker
    _worker = (scenario, persona, rubric)


def _grade_timed(events: list[Event]) -> tuple[Grade, float]:
    assert _worker is not None
    t0 = time.perf_counter()
    g = grade(*_worker[:2], events, _worker[2])
    return g, time.perf_counter() - t0


class Done:
    """A grade already computed (the inline grader), with the interface of a Future."""

    def __init__(self, value: tuple[Grade, float]) -> None:
        self.value = value

    def result(self) -> tuple[Grade, float]:
        return self.value


class Grader:
    """`submit(events)` returns something with `.result() -> (grade, cpu seconds)`."""

    def __init__(self, scenario: Scenario, persona: Persona, rubric: Rubric | None, jobs: int = 1) -> None:
        self.jobs = max(1, jobs)
        self.pool: ProcessPoolExecutor | None = None
        if self.jobs > 1:
            self.pool = ProcessPoolExecutor(self.jobs, initializer=_init, initargs=(scenario, persona, rubric))
        else:
            _init(scenario, persona, rubric)

    def submit(self, events: list[Event]) -> Future[tuple[Grade, float]] | Done:
        if self.pool is None:
            return Done(_grade_timed(events))
        return self.pool.submit(_grade_timed, events)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Grader:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
