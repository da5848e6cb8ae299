"""`negotiation-sim lesson --plain`: calls in a row on one input, journaled before each reply, graded."""

from __future__ import annotations

import io
import json
from pathlib import Path

from negotiation_sim.classroom.grading import grade_call
from negotiation_sim.classroom.hints import next_hint
from negotiation_sim.classroom.run import LessonRun
from negotiation_sim.commands.lesson import play_lesson_plain
from negotiation_sim.store import Store

from ..store.classroom_helpers import GRADED, PRACTICE, library, query, run_main, scripted, stdin_for


def test_a_graded_lesson_plays_its_calls_in_order_and_stores_every_turn(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    calls = scripted(GRADED)
    code, out, err = run_main("lesson", GRADED, "--student", "ana", "--db", str(db), "--plain", stdin=stdin_for(calls))
    assert code == 0, err
    assert out.index("call 1 of 2") < out.index("call 2 of 2") < out.index("Lesson grade")
    assert "attempt 1 of 2" in out
    attempts = query(db, "SELECT id, call_index, status, turns, scenario_id, seed FROM attempts ORDER BY call_index")
    lesson = library().lesson(GRADED)
    assert [(a[1], a[2], a[3]) for a in attempts] == [
        (0, "finished", len(calls[0])),
        (1, "finished", len(calls[1])),
    ]
    assert [(a[4], a[5]) for a in attempts] == [(c.scenario, c.seed) for c in lesson.calls]
    with Store.open(db) as store:
        grades = []
        for (attempt_id, index, *_), lines in zip(attempts, calls, strict=True):
            events = store.events(attempt_id)
            assert [e["text"] for e in events if e["type"] == "trainee_said"] == list(lines)
            assert events[-1]["type"] == "call_closed"
            scenario = library().scenario(lesson.calls[index].scenario)
            expected = grade_call(scenario, library().persona_for(scenario), events, lesson.rubric)
            stored = store.scorecard(attempt_id)
            assert stored is not None and stored.card == expected.card and stored.grade == expected.grade
            assert f"grade {expected.grade:g}" in out
            grades.append(expected.grade)
        run = store.runs(student="ana")[0]
    assert run.finished and run.grade == round(sum(grades) / 2, 1)
    assert f"Lesson grade: {run.grade:g} (pass mark 60)" in out


class Watching(io.StringIO):
    """Output that notes, at every write, how many debtor lines the database has committed."""

    def __init__(self, db: Path) -> None:
        super().__init__()
        self.db = db
        self.writes: list[tuple[str, int]] = []

    def write(self, s: str) -> int:
        committed = query(self.db, "SELECT COUNT(*) FROM events WHERE type = 'debtor_said'")[0][0]
        self.writes.append((s, int(committed)))  # type: ignore[call-overload]
        return super().write(s)


def test_every_debtor_reply_is_committed_before_it_is_shown(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    with Store.open(db) as store:
        run = LessonRun.begin(store, library(), GRADED, "ana")
        out = Watching(db)
        assert play_lesson_plain(run, io.StringIO(stdin_for(scripted(GRADED))), out, quiet=True) == 0
    names = {
        json.loads(str(r[0]))["identity"]["first_name"]
        for r in query(db, "SELECT data FROM events WHERE type = 'call_started'")
    }
    prefixes = (*(f"{name}: " for name in names), "Someone else: ")
    shown = 0
    for text, committed in out.writes:
        shown += sum(1 for line in text.splitlines() if line.startswith(prefixes))
        assert shown <= committed, f"a reply was shown before it was committed: {text!r}"
    total = query(db, "SELECT COUNT(*) FROM events WHERE type = 'debtor_said'")[0][0]
    assert shown == total and shown > 20


def test_a_graded_lesson_refuses_when_the_attempts_are_used_up(tmp_path: Path) -> None:
    db = str(tmp_path / "class.db")
    text = stdin_for(scripted(GRADED))
    for _ in range(2):  # the fixture lesson allows two attempts
        assert run_main("lesson", GRADED, "--student", "ana", "--db", db, "--plain", "--quiet", stdin=text)[0] == 0
    code, out, err = run_main("lesson", GRADED, "--student", "ana", "--db", db, "--plain", stdin=text)
    assert code == 1
    assert "ana has no attempts left at lesson 'classroom-graded'" in err and "all 2 attempt(s)" in err
    assert out == ""
    assert query(Path(db), "SELECT COUNT(*) FROM runs")[0][0] == 2
    assert run_main("lesson", GRADED, "--student", "bo", "--db", db, "--plain", "--quiet", stdin=text)[0] == 0


def test_graded_lessons_give_no_hints_and_never_send_the_command_to_the_debtor(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    calls = scripted(GRADED)
    code, out, _ = run_main(
        "lesson",
        GRADED,
        "--student",
        "ana",
        "--db",
        str(db),
        "--plain",
        "--quiet",
        stdin="/hint\n" + stdin_for(calls),
    )
    assert code == 0
    assert "[no hint: hints are off in a graded lesson]" in out
    assert "Type /hint" not in out
    assert query(db, "SELECT COUNT(*) FROM hints")[0][0] == 0
    said = query(db, "SELECT json_extract(data, '$.text') FROM events WHERE type = 'trainee_said'")
    assert len(said) == sum(len(c) for c in calls) and ("/hint",) not in said


def test_practice_hints_are_journaled_cost_points_and_show_in_the_debrief(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    (lines,) = scripted(PRACTICE)
    text = "/hint\n" + lines[0] + "\n/HINT\n" + lines[1] + "\n/hint\n" + stdin_for([lines[2:]])
    code, out, err = run_main("lesson", PRACTICE, "--student", "ana", "--db", str(db), "--plain", stdin=text)
    assert code == 0, err
    lesson = library().lesson(PRACTICE)
    scenario = library().scenario(lesson.calls[0].scenario)
    with Store.open(db) as store:
        (attempt,) = store.attempts()
        events = store.events(attempt.id)
        hints = store.hints(attempt.id)
        score = store.scorecard(attempt.id)
    assert [(h.n, h.turn) for h in hints] == [(1, 0), (2, 1)]
    assert hints[0].text == next_hint(scenario, events[:3]).text  # what the call showed before the first line
    assert "[hint 1 of 2, -4 points]" in out and "[hint 2 of 2, -4 points]" in out
    assert "[no hint: no hints left for this call (the lesson allows 2)]" in out
    assert [e["text"] for e in events if e["type"] == "trainee_said"] == list(lines)
    assert score is not None and score.hint_penalty == 8 and score.grade == max(0, round(score.overall - 8, 1))
    assert f"Hints used: 2 x 4 points = -8 (scorecard {score.overall:g}, call grade {score.grade:g})" in out
    assert "call 1 of 1 (practice)" in out and "Type /hint for the next step (2 per call, 4 points each)" in out


def test_input_that_ends_between_calls_leaves_the_lesson_to_resume(tmp_path: Path) -> None:
    db = str(tmp_path / "class.db")
    first, second = scripted(GRADED)
    code, out, _ = run_main(
        "lesson", GRADED, "--student", "ana", "--db", db, "--plain", "--quiet", stdin=stdin_for([first])
    )
    assert code == 0
    assert "Input ended with 1 of 2 calls done. To go on: negotiation-sim resume --student ana" in out
    assert query(Path(db), "SELECT status FROM runs") == [("in_progress",)]
    assert query(Path(db), "SELECT call_index, status FROM attempts") == [(0, "finished")]
    code, out, err = run_main("resume", "--db", db, "--plain", "--quiet", stdin=stdin_for([second]))
    assert code == 0, err
    assert "You have an unfinished run of 'classroom-graded' (1 of 2 calls done) — resuming." in out
    assert query(Path(db), "SELECT status FROM runs") == [("finished",)]
    assert query(Path(db), "SELECT call_index, status FROM attempts ORDER BY call_index") == [
        (0, "finished"),
        (1, "finished"),
    ]


def test_input_that_ends_inside_a_call_hangs_up_that_call(tmp_path: Path) -> None:
    db = tmp_path / "class.db"
    first, _ = scripted(GRADED)
    code, _, _ = run_main(
        "lesson",
        GRADED,
        "--student",
        "ana",
        "--db",
        str(db),
        "--plain",
        "--quiet",
        stdin=stdin_for([first[:3]]),
    )
    assert code == 0
    (data,) = query(db, "SELECT data FROM events WHERE type = 'collector_ended'")[0]
    assert json.loads(str(data))["reason"] == "input ended"
    assert query(db, "SELECT status, turns FROM attempts") == [("finished", 3)]


def test_nothing_to_resume_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = run_main("resume", "--db", str(tmp_path / "class.db"), "--plain")
    assert code == 1 and "nothing to resume" in err


def test_resume_asks_whose_lesson_when_several_students_stopped(tmp_path: Path) -> None:
    db = str(tmp_path / "class.db")
    first, second = scripted(GRADED)
    for student in ("ana", "bo"):
        run_main("lesson", GRADED, "--student", student, "--db", db, "--plain", "--quiet", stdin=stdin_for([first]))
    code, _, err = run_main("resume", "--db", db, "--plain")
    assert code == 2 and "ana, bo" in err and "--student" in err
    code, out, _ = run_main("resume", "--db", db, "--list")
    assert code == 0 and out.count("1 of 2 calls done") == 2
    assert run_main("resume", "--db", db, "--student", "bo", "--plain", "--quiet", stdin=stdin_for([second]))[0] == 0
    assert query(Path(db), "SELECT student_id, status FROM runs ORDER BY student_id") == [
        ("ana", "in_progress"),
        ("bo", "finished"),
    ]
