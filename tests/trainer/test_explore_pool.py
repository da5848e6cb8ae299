"""The worker processes behind `explore --jobs N`: a worker that dies loses no calls, a batch that
fails in a worker fails the exploration with the worker's traceback, and batches too big for a
pipe's buffer still go through."""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

import pytest

from negotiation_sim.content.library import Library
from negotiation_sim.trainer import explore as explore_module
from negotiation_sim.trainer import workers
from negotiation_sim.trainer.calls import Player
from negotiation_sim.trainer.explore import explore
from negotiation_sim.trainer.report import Batch

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="workers see the test's patches only when forked")

NAMES = ["random", "by-the-book", "guided", "aggressive"]


def report_of(library: Library, jobs: int) -> dict[str, object]:
    scenario = library.scenario("first-reminder-fran")
    data = explore(scenario, library.persona_for(scenario), runs=6, strategies=NAMES, seed=3, jobs=jobs).to_dict()
    data.pop("timing"), data.pop("seconds"), data.pop("calls_per_second")
    return data


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(explore_module, "BATCH", 2)
    monkeypatch.setattr(explore_module, "GRADE_BATCH", 2)


def in_a_worker(main: int) -> bool:
    return os.getpid() != main


def test_a_worker_that_dies_mid_batch_loses_no_call(
    library: Library, monkeypatch: pytest.MonkeyPatch, small_batches: None, tmp_path: Path
) -> None:
    expected = report_of(library, jobs=1)
    main, real = os.getpid(), Player.play_batch

    def dies_on_its_third_batch(self: Player, k: int, first: int, count: int) -> Batch:
        if in_a_worker(main):
            self.batches_here = getattr(self, "batches_here", 0) + 1
            if self.batches_here == 3:
                (tmp_path / str(os.getpid())).touch()
                os._exit(9)
        return real(self, k, first, count)

    monkeypatch.setattr(Player, "play_batch", dies_on_its_third_batch)
    assert report_of(library, jobs=3) == expected
    assert len(list(tmp_path.iterdir())) == 2  # both workers died, with batches in hand
    assert multiprocessing.active_children() == []


def test_a_batch_that_fails_in_a_worker_fails_the_exploration_with_its_traceback(
    library: Library, monkeypatch: pytest.MonkeyPatch, small_batches: None
) -> None:
    main, real = os.getpid(), Player.grade_batch

    def fails(self: Player, calls: list) -> Batch:  # type: ignore[type-arg]
        if in_a_worker(main):
            raise ValueError("no grade for you")
        return real(self, calls)

    monkeypatch.setattr(Player, "grade_batch", fails)
    with pytest.raises(workers.WorkerError, match="ValueError: no grade for you"):
        report_of(library, jobs=2)
    assert multiprocessing.active_children() == []  # the workers were stopped, not left behind


def test_batches_bigger_than_a_pipe_holds_wait_for_an_idle_worker_and_still_arrive(
    library: Library, monkeypatch: pytest.MonkeyPatch, small_batches: None
) -> None:
    expected = report_of(library, jobs=1)
    monkeypatch.setattr(workers, "SMALL_MESSAGE", 0)  # every request counts as big
    monkeypatch.setattr(workers, "_buffer", lambda conn: 0)
    sent_to_busy: list[int] = []
    feed = workers.Pool._feed

    def watched_feed(self: workers.Pool) -> None:
        before = {id(w): len(w.holding) for w in self.workers}
        feed(self)
        sent_to_busy.extend(
            len(w.holding) for w in self.workers if before[id(w)] > 0 and len(w.holding) > before[id(w)]
        )

    monkeypatch.setattr(workers.Pool, "_feed", watched_feed)
    assert report_of(library, jobs=2) == expected
    assert sent_to_busy == []
