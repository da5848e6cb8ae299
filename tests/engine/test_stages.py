"""The call-stage machine: where each trigger may lead, and what it refuses."""

from __future__ import annotations

from collections import deque

import pytest

from negotiation_sim.engine.stages import StageTracker, advance, edges
from negotiation_sim.vocabulary import Outcome, Stage


def test_every_stage_is_reachable_from_opening() -> None:
    graph: dict[Stage, set[Stage]] = {}
    for src, dest, _ in edges():
        graph.setdefault(src, set()).add(dest)
    seen = {Stage.OPENING}
    todo = deque([Stage.OPENING])
    while todo:
        for nxt in graph.get(todo.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert seen == set(Stage)


def test_closed_is_terminal() -> None:
    assert all(src != Stage.CLOSED for src, _, _ in edges())


def test_a_trigger_that_does_not_fit_is_refused_not_raised() -> None:
    tracker = StageTracker()
    assert tracker.fire("settle_good_faith") is None
    assert tracker.stage == Stage.OPENING


def test_agreeing_needs_terms_on_the_table() -> None:
    tracker = StageTracker()
    tracker.fire("negotiate")
    assert tracker.fire("agree") is None
    tracker.terms_agreed = True
    assert tracker.fire("agree") == Stage.GOOD_FAITH


def test_the_normal_path_runs_through_every_stage_in_order() -> None:
    tracker = StageTracker()
    path = [tracker.stage]
    for trigger in ("remind", "find_reason", "invite_comments", "negotiate"):
        path.append(tracker.fire(trigger))  # type: ignore[arg-type]
    tracker.terms_agreed = True
    path.append(tracker.fire("agree"))  # type: ignore[arg-type]
    path.append(tracker.fire("settle_good_faith"))  # type: ignore[arg-type]
    assert tracker.finish(Outcome.AGREEMENT)
    path.append(tracker.stage)
    assert path == list(Stage)
    assert tracker.outcome == Outcome.AGREEMENT


def test_a_closed_call_cannot_close_again() -> None:
    tracker = StageTracker()
    assert tracker.finish(Outcome.HUNG_UP)
    assert not tracker.finish(Outcome.AGREEMENT)
    assert tracker.outcome == Outcome.HUNG_UP


def test_stages_never_go_backwards_through_the_reminder() -> None:
    assert advance(Stage.COUNTER_OFFER, "remind", terms_agreed=False) is None
    assert advance(Stage.COMMENTS, "find_reason", terms_agreed=False) is None


def test_closing_goes_through_finish() -> None:
    with pytest.raises(ValueError):
        StageTracker().fire("end")
