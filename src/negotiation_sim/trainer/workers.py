"""Where an exploration's batches of calls run: in worker processes, or in the main process.

Scoring a call costs more than playing it, and most strategies' calls do not depend on one
another, so `explore --jobs N` plays, counts and grades batches of calls in N processes: N - 1
workers, and the main process itself whenever it would otherwise wait (it takes back a batch no
worker has started yet). Workers send back only the grades, outcomes, hit counts and the batch's
best call. A batch gives the same result wherever it runs, so the report does not depend on N.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from .calls import Plan, Played, Player
from .report import Batch

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

_player: Player | None = None  # a worker process's own


def _init(plan: Plan) -> None:
    global _player
    _player = Player(plan)


def _play_batch(k: int, first: int, count: int) -> Batch:
    assert _player is not None
    return _player.play_batch(k, first, count)


def _grade_batch(calls: list[Played]) -> Batch:
    assert _player is not None
    return _player.grade_batch(calls)


class Pending(Protocol):
    """A batch handed out: `result()` waits for it; `steal()` runs it here if no process has started it."""

    def done(self) -> bool: ...

    def steal(self) -> bool: ...

    def result(self) -> Batch: ...


class Later:
    """A batch for the main process, run when its result is first asked for.

    Work is then done in the order the report takes it in, so the progress bar moves as calls
    are played, even though every batch was handed out up front.
    """

    def __init__(self, work: Callable[[], Batch]) -> None:
        self._work: Callable[[], Batch] | None = work
        self._value: Batch | None = None

    def done(self) -> bool:
        return True  # ready whenever asked: no other process to wait for

    def steal(self) -> bool:
        return False

    def result(self) -> Batch:
        if self._work is not None:
            self._value, self._work = self._work(), None
        assert self._value is not None
        return self._value


class Handout:
    """A batch given to the worker processes, that the main process may take back and run itself."""

    def __init__(self, future: Future[Batch], work: Callable[[], Batch]) -> None:
        self.future = future
        self._work = work
        self._value: Batch | None = None

    def done(self) -> bool:
        return self._value is not None or self.future.done()

    def steal(self) -> bool:
        if self._value is None and self.future.cancel():  # no worker has started it: do it here
            self._value = self._work()
            return True
        return False

    def result(self) -> Batch:
        return self._value if self._value is not None else self.future.result()


class Workers:
    """`jobs` processes at work: this one and jobs - 1 workers (none when jobs is 1)."""

    def __init__(self, plan: Plan, player: Player, jobs: int = 1) -> None:
        self.player = player
        self.jobs = max(1, jobs)
        self.pool: ProcessPoolExecutor | None = None
        if self.jobs > 1:
            from concurrent.futures import ProcessPoolExecutor  # imported only when there are workers

            self.pool = ProcessPoolExecutor(self.jobs - 1, mp_context=_context(), initializer=_init, initargs=(plan,))

    def play(self, k: int, first: int, count: int) -> Pending:
        def work() -> Batch:
            return self.player.play_batch(k, first, count)

        if self.pool is None:
            return Later(work)
        return Handout(self.pool.submit(_play_batch, k, first, count), work)

    def grade(self, calls: list[Played]) -> Pending:
        def work() -> Batch:
            return self.player.grade_batch(calls)

        if self.pool is None:
            return Later(work)
        return Handout(self.pool.submit(_grade_batch, calls), work)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _context() -> Any:
    """Fork where it is safe and cheap (Linux): a worker starts at once, with the main process's
    recogniser, Faker identities and imports already built, instead of building its own."""
    import multiprocessing

    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()
