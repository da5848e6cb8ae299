"""The SQLite store: schema and migrations, the per-turn journal, times, hints, sealing and integrity."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from negotiation_sim.engine.events import dumps, events_hash
from negotiation_sim.store import AttemptsUsedUp, Store, StoreError, default_db_path, resolve_db_path, schema
from negotiation_sim.store.integrity import verify_attempt


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def ev(i: int, turn: int, kind: str, **data: object) -> dict[str, object]:
    return {"i": i, "turn": turn, "type": kind, **data}


OPENING = [
    ev(0, 0, "call_started", scenario="s", seed=7),
    ev(1, 0, "debtor_said", text="Hello?", mood="calm"),
]
TURN_1 = [
    ev(2, 1, "trainee_said", text="Hi, it's Sam.", moves=["greet"]),
    ev(3, 1, "debtor_said", text="Yes?"),
]
CLOSE = [
    ev(4, 2, "trainee_said", text="Goodbye", moves=["end_call"]),
    ev(5, 2, "call_closed", outcome="no_agreement", reason="collector ended the call", terms=None),
]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Store:
    s = Store.open(tmp_path / "class.db", clock=clock)
    yield s
    s.close()


def test_a_new_database_is_in_wal_mode_at_the_latest_schema(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "dir" / "class.db"
    with Store.open(path) as s:
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == schema.latest_version()
        tables = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"students", "attempts", "events", "scorecards", "runs", "hints"} <= tables
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # persistent in the file
    raw.close()


def test_reopening_keeps_the_data_and_runs_no_migration_again(tmp_path: Path) -> None:
    path = tmp_path / "class.db"
    with Store.open(path) as s:
        s.ensure_student("ana", "Ana Lopez")
    with Store.open(path) as s:
        student = s.student("ana")
    assert student is not None and student.name == "Ana Lopez"


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "class.db"
    Store.open(path).close()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {schema.latest_version() + 1}")
    raw.close()
    with pytest.raises(StoreError, match="newer than this negotiation-sim knows"):
        Store.open(path)


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a usable classroom database"):
        Store.open(path)


def test_migrations_run_in_order_from_the_stored_version(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    first = "CREATE TABLE a (x INTEGER);\nINSERT INTO a VALUES (1);\n"
    second = "ALTER TABLE a ADD COLUMN y TEXT;\nUPDATE a SET y = 'two';\n"
    assert schema.migrate(conn, (first,)) == 0
    assert schema.current_version(conn) == 1
    assert schema.migrate(conn, (first, second)) == 1  # only the second one runs
    assert conn.execute("SELECT x, y FROM a").fetchall() == [(1, "two")]
    assert schema.current_version(conn) == 2
    broken = "CREATE TABLE b (x INTEGER);\nTHIS IS NOT SQL;\n"
    with pytest.raises(sqlite3.Error):
        schema.migrate(conn, (first, second, broken))
    assert schema.current_version(conn) == 2  # rolled back as a whole
    assert "b" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


def test_the_db_path_comes_from_the_option_then_the_environment_then_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEGOTIATION_SIM_DB", str(tmp_path / "env.db"))
    assert resolve_db_path(tmp_path / "opt.db") == tmp_path / "opt.db"
    assert resolve_db_path(None) == tmp_path / "env.db"
    monkeypatch.delenv("NEGOTIATION_SIM_DB")
    assert resolve_db_path(None) == default_db_path()
    assert default_db_path().name == "classroom.sqlite3"
    assert "negotiation-sim" in default_db_path().parts


def test_the_journal_keeps_events_byte_for_byte_and_in_order(store: Store) -> None:
    attempt = store.start_attempt("ana", "lesson-1", "s", 7, persona_id="p", events=OPENING)
    store.append_events(attempt, TURN_1)
    assert store.events(attempt) == OPENING + TURN_1
    assert [r["data"] for r in store.event_rows(attempt)] == [dumps(e) for e in OPENING + TURN_1]
    row = store.attempt(attempt)
    assert (row.event_count, row.turns, row.status) == (4, 1, "in_progress")
    assert store.student("ana") is not None  # created on the way


@pytest.mark.parametrize(
    "bad",
    [
        [ev(3, 1, "trainee_said", text="skips an index")],
        [ev(1, 1, "trainee_said", text="repeats an index")],
        [ev(2, 1, "trainee_said"), ev(4, 1, "debtor_said")],
    ],
)
def test_events_that_do_not_continue_the_journal_are_refused_and_nothing_is_written(
    store: Store, bad: list[dict[str, object]]
) -> None:
    attempt = store.start_attempt("ana", None, "s", 7, persona_id="p", events=OPENING)
    with pytest.raises(StoreError, match="does not follow the journal"):
        store.append_events(attempt, bad)
    assert store.events(attempt) == OPENING
    assert store.attempt(attempt).event_count == 2


def test_finishing_seals_the_events_with_their_hash_and_stores_the_scorecard(store: Store) -> None:
    attempt = store.start_attempt("ana", "lesson-1", "s", 7, persona_id="p", events=OPENING)
    store.append_events(attempt, TURN_1)
    store.append_events(attempt, CLOSE)
    assert store.attempt(attempt).outcome == "no_agreement"
    card = {"overall": 55, "passed": False, "traits": []}
    done = store.finish_attempt(attempt, card, overall=55, grade=51, passed=False, hint_penalty=4, rubric_hash="r1")
    assert done.finished and done.ended_at is not None
    assert done.events_hash == events_hash(OPENING + TURN_1 + CLOSE)
    score = store.scorecard(attempt)
    assert score is not None
    assert (score.card, score.overall, score.grade, score.passed, score.hint_penalty) == (
        card,
        55,
        51,
        False,
        4,
    )
    assert verify_attempt(store, done) == []
    with pytest.raises(StoreError, match="finished"):
        store.append_events(attempt, [ev(6, 3, "trainee_said", text="late")])
    with pytest.raises(StoreError, match="already finished"):
        store.finish_attempt(attempt, card, overall=1, grade=1, passed=False, hint_penalty=0, rubric_hash="r")


@pytest.mark.parametrize(
    "edit",
    [
        "UPDATE events SET data = replace(data, 'Goodbye', 'Good bye') WHERE i = 4",
        "UPDATE events SET type = 'debtor_said' WHERE i = 4",
        "DELETE FROM events WHERE i = 3",
        "UPDATE events SET data = replace(data, ',', ', ') WHERE i = 2",
    ],
)
def test_any_edit_of_a_sealed_call_is_found(store: Store, edit: str) -> None:
    attempt = store.start_attempt("ana", "lesson-1", "s", 7, persona_id="p", events=OPENING + TURN_1 + CLOSE)
    store.finish_attempt(attempt, {}, overall=1, grade=1, passed=False, hint_penalty=0, rubric_hash="r")
    store.conn.execute(edit)
    assert verify_attempt(store, store.attempt(attempt)) != []


def test_call_time_counts_only_while_the_call_is_alive(store: Store, clock: FakeClock) -> None:
    attempt = store.start_attempt("ana", None, "s", 7, persona_id="p", events=OPENING)
    clock.advance(5)
    store.append_events(attempt, TURN_1)
    assert store.attempt(attempt).active_seconds == pytest.approx(5)
    clock.advance(3600)  # the process was killed; an hour later the student resumes
    store.resume_attempt(attempt)
    clock.advance(3)
    store.append_events(attempt, CLOSE)
    clock.advance(1)
    done = store.finish_attempt(attempt, {}, overall=0, grade=0, passed=False, hint_penalty=0, rubric_hash="r")
    assert done.active_seconds == pytest.approx(9)
    assert done.started_at == "2026-03-02T09:00:00.000Z"
    assert done.ended_at == "2026-03-02T10:00:09.000Z"


def test_graded_runs_stop_at_the_attempts_limit(store: Store) -> None:
    first = store.start_run("ana", "lesson-1", mode="graded", calls=2, limit=2)
    store.start_run("ana", "lesson-1", mode="graded", calls=2, limit=2)
    with pytest.raises(AttemptsUsedUp, match="all 2 attempt"):
        store.start_run("ana", "lesson-1", mode="graded", calls=2, limit=2)
    store.start_run("bo", "lesson-1", mode="graded", calls=2, limit=2)  # per student
    store.start_run("ana", "lesson-2", mode="graded", calls=2, limit=2)  # per lesson
    assert first.registration != store.runs(student="bo")[0].registration
    assert sorted(r.id for r in store.unfinished_runs("ana", "lesson-1")) == [first.id, first.id + 1]
    store.finish_run(first.id, 71.5, True)
    run = store.run(first.id)
    assert (run.status, run.grade, run.passed) == ("finished", 71.5, True)


def test_hints_are_journaled_with_their_turn(store: Store) -> None:
    attempt = store.start_attempt("ana", None, "s", 7, persona_id="p", events=OPENING)
    assert store.record_hint(attempt, 0, "Greet them.") == 1
    assert store.record_hint(attempt, 1, "Verify.") == 2
    assert [(h.n, h.turn, h.text) for h in store.hints(attempt)] == [(1, 0, "Greet them."), (2, 1, "Verify.")]


def test_unfinished_calls_are_listed_most_recent_first(store: Store, clock: FakeClock) -> None:
    a = store.start_attempt("ana", None, "s", 1, persona_id="p", events=OPENING)
    clock.advance(1)
    b = store.start_attempt("ana", None, "s", 2, persona_id="p", events=OPENING)
    clock.advance(1)
    store.append_events(a, TURN_1)
    c = store.start_attempt("bo", None, "s", 3, persona_id="p", events=OPENING)
    store.finish_attempt(c, {}, overall=0, grade=0, passed=False, hint_penalty=0, rubric_hash="r")
    assert [r.id for r in store.unfinished("ana")] == [a, b]
    assert store.unfinished("bo") == []
