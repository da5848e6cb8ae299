"""Twenty lesson processes recording into one database at once: nothing is lost, nothing is mixed up."""

from __future__ import annotations

import subprocess
from pathlib import Path

from negotiation_sim.engine.events import events_hash
from negotiation_sim.store import Store
from negotiation_sim.store.integrity import verify_attempt

from ..store.classroom_helpers import PRACTICE, command, env, query, scripted, stdin_for

PROCESSES = 20


def test_twenty_processes_record_every_attempt_and_every_event(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    (lines,) = scripted(PRACTICE)
    text = stdin_for([lines])
    procs = []
    for k in range(PROCESSES):  # all started before any is waited for, so their writes interleave
        out = (tmp_path / f"out{k}.txt").open("w")
        procs.append(
            (
                subprocess.Popen(
                    command(
                        "lesson",
                        PRACTICE,
                        "--student",
                        f"student-{k:02d}",
                        "--db",
                        str(db),
                        "--plain",
                        "--quiet",
                    ),
                    stdin=subprocess.PIPE,
                    stdout=out,
                    stderr=subprocess.PIPE,
                    text=True,
                    env=env(),
                ),
                out,
            )
        )
    for proc, _ in procs:
        assert proc.stdin is not None
        proc.stdin.write(text)
        proc.stdin.close()
    for proc, out in procs:
        proc.wait(timeout=180)
        out.close()
        assert proc.stderr is not None
        err = proc.stderr.read()
        proc.stderr.close()
        assert proc.returncode == 0, err

    students = [f"student-{k:02d}" for k in range(PROCESSES)]
    assert [r[0] for r in query(db, "SELECT id FROM students ORDER BY id")] == students
    assert query(db, "SELECT COUNT(*), SUM(status = 'finished') FROM runs") == [(PROCESSES, PROCESSES)]
    with Store.open(db) as store:
        attempts = store.attempts()
        assert sorted(a.student_id for a in attempts) == students
        reference = store.events(attempts[0].id)
        for attempt in attempts:
            events = store.events(attempt.id)
            # the same seed and the same lines: every student's call is the same call, event for event
            assert events == reference
            assert attempt.finished and attempt.event_count == len(events) and attempt.turns == len(lines)
            assert attempt.events_hash == events_hash(events)
            assert verify_attempt(store, attempt) == []
            score = store.scorecard(attempt.id)
            assert score is not None and score.card == store.scorecard(attempts[0].id).card  # type: ignore[union-attr]
    assert query(db, "SELECT COUNT(*) FROM events")[0][0] == PROCESSES * len(reference)
    overlapping = query(
        db,
        "SELECT COUNT(*) FROM attempts a JOIN attempts b ON a.id < b.id "
        "AND a.started_at < b.ended_at AND b.started_at < a.ended_at",
    )[0][0]
    assert isinstance(overlapping, int) and overlapping > 0  # the calls really ran at the same time
