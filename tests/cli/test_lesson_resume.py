"""Kill -9 a `lesson --plain` process mid-lesson, resume it, and get exactly the uninterrupted result."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from ..store.classroom_helpers import GRADED, command, env, query, run_cli, run_main, scripted, stdin_for


def _wait_for_turns(db: Path, turns: int, proc: subprocess.Popen[str], timeout: float = 60) -> None:
    """Until `turns` trainee lines are journaled (the process then waits for more input)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if db.exists():
            try:
                got = query(db, "SELECT COUNT(*) FROM events WHERE type = 'trainee_said'")[0][0]
            except Exception:  # the schema may not be there yet
                got = -1
            if got == turns:
                return
            assert isinstance(got, int) and got < turns, f"more turns journaled than were sent: {got}"
        assert proc.poll() is None, f"the lesson ended early: {proc.stderr.read() if proc.stderr else ''}"
        time.sleep(0.05)
    raise AssertionError(f"{turns} turns were not journaled in {timeout} s")


def _calls(db: Path) -> list[tuple[object, ...]]:
    return query(
        db,
        "SELECT a.call_index, a.status, a.turns, a.event_count, a.events_hash, a.outcome, s.data, "
        "s.grade, s.passed FROM attempts a JOIN scorecards s ON s.attempt_id = a.id ORDER BY a.call_index",
    )


def _events(db: Path) -> list[tuple[object, ...]]:
    return query(
        db,
        "SELECT a.call_index, e.i, e.data FROM events e JOIN attempts a ON a.id = e.attempt_id "
        "ORDER BY a.call_index, e.i",
    )


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("reference") / "class.db"
    code, _, err = run_main(
        "lesson",
        GRADED,
        "--student",
        "kim",
        "--db",
        str(db),
        "--plain",
        "--quiet",
        stdin=stdin_for(scripted(GRADED)),
    )
    assert code == 0, err
    return db


# Cut inside the first call (resumed with `resume`), and inside the second call after the first was scored
# (resumed by starting the lesson again, which offers to resume).
@pytest.mark.parametrize(("into_second_call", "cut", "resume_with"), [(False, 4, "resume"), (True, 3, "lesson")])
def test_a_killed_lesson_resumes_at_the_same_turn_and_ends_with_the_same_scorecards(
    tmp_path: Path, uninterrupted: Path, into_second_call: bool, cut: int, resume_with: str
) -> None:
    calls = scripted(GRADED)
    lines = [line for call in calls for line in call]
    n = cut + (len(calls[0]) if into_second_call else 0)
    db = tmp_path / "class.db"
    with (tmp_path / "out.txt").open("w") as out:
        proc = subprocess.Popen(
            command("lesson", GRADED, "--student", "kim", "--db", str(db), "--plain"),
            stdin=subprocess.PIPE,
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env=env(),
        )
        assert proc.stdin is not None
        proc.stdin.write(stdin_for([lines[:n]]))
        proc.stdin.flush()  # the pipe stays open: the lesson waits for the next line
        try:
            _wait_for_turns(db, n, proc)
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            proc.stdin.close()
            if proc.stderr:
                proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert query(db, "SELECT status FROM runs") == [("in_progress",)]
    expected = (
        [(0, "finished", len(calls[0])), (1, "in_progress", cut)] if into_second_call else [(0, "in_progress", cut)]
    )
    assert query(db, "SELECT call_index, status, turns FROM attempts ORDER BY call_index") == expected

    args = (
        ("resume", "--db", str(db), "--plain", "--quiet")
        if resume_with == "resume"
        else ("lesson", GRADED, "--student", "kim", "--db", str(db), "--plain", "--quiet")
    )
    done = run_cli(*args, stdin=stdin_for([lines[n:]]))
    assert done.returncode == 0, done.stderr
    assert f"You have an unfinished call (call {2 if into_second_call else 1} of 2" in done.stdout
    assert f"(resumed at turn {cut};" in done.stdout
    assert "Lesson grade:" in done.stdout

    assert _events(db) == _events(uninterrupted)
    assert _calls(db) == _calls(uninterrupted)
    assert query(db, "SELECT status, grade, passed FROM runs") == query(
        uninterrupted, "SELECT status, grade, passed FROM runs"
    )
