"""LessonRun, the API the plain CLI and the TUI share: calls in order, rules per mode, resume by replay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from negotiation_sim.classroom.run import HintRefused, LessonRun
from negotiation_sim.store import Store, StoreError

from .classroom_helpers import GRADED, PRACTICE, library, scripted


def test_a_run_resumed_after_a_crash_has_the_same_turn_state_and_hints(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    (lines,) = scripted(PRACTICE)
    store = Store.open(db)
    run = LessonRun.begin(store, library(), PRACTICE, "ana")
    assert not run.resumed and run.show_mood and run.hints_allowed and not run.allow_undo
    call = run.next_call()
    assert call is not None and call.index == 0 and not call.resumed
    first_hint = run.hint()
    for line in lines[:5]:
        run.say(line)
    run.hint()
    before = call.session
    store.close()  # the process dies here: nothing else is written

    store = Store.open(db)
    again = LessonRun.begin(store, library(), PRACTICE, "ana")
    assert again.resumed and again.run.id == run.run.id
    resumed = again.next_call()
    assert resumed is not None and resumed.resumed and resumed.attempt_id == call.attempt_id
    s = resumed.session
    assert s.turn == 5 == before.turn and s.stage == before.stage
    assert s.events == before.events
    assert s.debtor.state.snapshot() == before.debtor.state.snapshot()
    assert resumed.hints[0] == first_hint and len(resumed.hints) == 2
    assert again.hints_left == library().lesson(PRACTICE).hints - 2 == 0
    with pytest.raises(HintRefused, match="no hints left"):
        again.hint()
    for line in lines[5:]:
        again.say(line)
    assert s.closed
    grade = again.finish_call()
    assert grade.hints_used == 2 and grade.hint_penalty == 2 * library().lesson(PRACTICE).hint_cost
    assert again.next_call() is None
    result = again.result()
    assert result.complete and result.run.finished and result.grade == grade.grade
    store.close()


def test_graded_runs_hide_the_mood_refuse_hints_and_count_attempts(tmp_path: Path) -> None:
    with Store.open(tmp_path / "class.db") as store:
        run = LessonRun.begin(store, library(), GRADED, "ana")
        assert run.graded and not run.show_mood and not run.hints_allowed and run.hints_left == 0
        assert (run.attempt_number, run.attempts_allowed) == (1, library().lesson(GRADED).attempts)
        assert run.next_call() is not None
        with pytest.raises(HintRefused, match="hints are off in a graded lesson"):
            run.hint()
        with pytest.raises(StoreError, match="still open"):
            run.finish_call()
        spec = library().lesson(GRADED).calls[0]
        assert run.call is not None and run.call.session.seed == spec.seed
        assert run.call.session.scenario.id == spec.scenario


def test_a_journal_that_no_longer_replays_is_not_resumed(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    (lines,) = scripted(PRACTICE)
    with Store.open(db) as store:
        run = LessonRun.begin(store, library(), PRACTICE, "ana")
        call = run.next_call()
        assert call is not None
        for line in lines[:3]:
            run.say(line)
        reply = [e for e in call.session.events if e["type"] == "debtor_said"][-1]
        changed = json.dumps({**reply, "text": "Something the engine never said."}, separators=(",", ":"))
        store.conn.execute(
            "UPDATE events SET data = ? WHERE attempt_id = ? AND i = ?",
            (changed, call.attempt_id, reply["i"]),
        )
    with Store.open(db) as store:
        again = LessonRun.begin(store, library(), PRACTICE, "ana")
        with pytest.raises(StoreError, match=f"cannot resume attempt {call.attempt_id}: replay differs"):
            again.next_call()
