"""The classroom store: SQLite in WAL mode, a per-turn append-only journal of each call's events.

Usage (this is the API the CLI and the TUI call; `classroom.LessonRun` wraps it for lesson play)::

    store = Store.open(path)            # None: --db / NEGOTIATION_SIM_DB / the user data dir
    run = store.start_run("ana", "cca-lesson-1", mode="graded", calls=2, limit=3)
    attempt_id = store.start_attempt("ana", "cca-lesson-1", "first-reminder-fran", 20419,
                                     persona_id="forgetful-fran", run_id=run.id, call_index=0,
                                     mode="graded", events=session.events)   # call_started … first reply
    store.append_events(attempt_id, session.say(text))  # one transaction per turn, BEFORE showing the reply
    store.finish_attempt(attempt_id, card, overall=…, grade=…, passed=…, hint_penalty=0, rubric_hash=…)
    store.unfinished("ana")             # calls to resume: CallSession.replay(…, store.events(attempt_id))

Every write is one `BEGIN IMMEDIATE` transaction with `synchronous=FULL`, so a committed turn survives
kill -9 and power loss, and concurrent processes queue on the write lock (busy_timeout) instead of failing.
Wall-clock times live here, in attempt rows, never in events (the engine has no clock).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..engine.events import CALL_CLOSED, Event, dumps, events_hash
from .paths import resolve_db_path
from .records import AttemptRecord, HintRecord, RunRecord, ScoreRecord, StudentRecord
from .schema import SchemaError, migrate

BUSY_TIMEOUT_MS = 30_000
Clock = Callable[[], datetime]


class StoreError(Exception):
    """A user-facing problem with the store (cannot open, out-of-order journal, limit reached)."""


class AttemptsUsedUp(StoreError):
    def __init__(self, used: int, allowed: int) -> None:
        super().__init__(f"all {allowed} attempt(s) of this lesson are used up ({used} taken)")
        self.used = used
        self.allowed = allowed


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


class Store:
    """One connection to a classroom database. Thread-safe (one lock); use as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock = utc_now) -> None:
        self.conn = conn
        self.path = path
        self.clock = clock
        self._lock = threading.RLock()

    # --- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path | None = None, *, clock: Clock = utc_now) -> Store:
        """Open (creating if needed) and migrate the database at `path` (see paths.resolve_db_path)."""
        db_path = resolve_db_path(path)
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                db_path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the classroom database {db_path}: {exc}") from None
        conn.row_factory = sqlite3.Row
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _enable_wal(conn)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
        except SchemaError as exc:
            conn.close()
            raise StoreError(f"{db_path}: {exc}") from None
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{db_path} is not a usable classroom database: {exc}") from None
        return cls(conn, db_path, clock)

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; the lock is taken up front so writers queue instead of deadlocking."""
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def _now(self) -> str:
        return iso(self.clock())

    # --- students ----------------------------------------------------------------------------
    def ensure_student(self, student_id: str, name: str | None = None) -> StudentRecord:
        with self._write() as c:
            self._ensure_student(c, student_id, name)
        found = self.student(student_id)
        assert found is not None
        return found

    def _ensure_student(self, c: sqlite3.Connection, student_id: str, name: str | None) -> None:
        c.execute(
            "INSERT OR IGNORE INTO students (id, name, created_at) VALUES (?, ?, ?)",
            (student_id, name, self._now()),
        )
        if name:
            c.execute("UPDATE students SET name = ? WHERE id = ?", (name, student_id))

    def student(self, student_id: str) -> StudentRecord | None:
        row = self._one("SELECT * FROM students WHERE id = ?", student_id)
        return StudentRecord.from_row(row) if row else None

    def students(self) -> list[StudentRecord]:
        return [StudentRecord.from_row(r) for r in self._all("SELECT * FROM students ORDER BY id")]

    # --- lesson runs ---------------------------------------------------------------------------
    def start_run(
        self,
        student_id: str,
        lesson_id: str,
        *,
        mode: str,
        calls: int,
        limit: int | None = None,
        name: str | None = None,
    ) -> RunRecord:
        """A new sitting of a lesson; raises AttemptsUsedUp when `limit` runs are already taken."""
        with self._write() as c:
            self._ensure_student(c, student_id, name)
            if limit is not None:
                used = c.execute(
                    "SELECT COUNT(*) FROM runs WHERE student_id = ? AND lesson_id = ?",
                    (student_id, lesson_id),
                ).fetchone()[0]
                if used >= limit:
                    raise AttemptsUsedUp(used, limit)
            cur = c.execute(
                "INSERT INTO runs (student_id, lesson_id, mode, registration, calls, started_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (student_id, lesson_id, mode, str(uuid.uuid4()), calls, self._now()),
            )
            run_id = int(cur.lastrowid or 0)
        return self.run(run_id)

    def run(self, run_id: int) -> RunRecord:
        row = self._one("SELECT * FROM runs WHERE id = ?", run_id)
        if row is None:
            raise KeyError(f"no lesson run {run_id}")
        return RunRecord.from_row(row)

    def runs(
        self, *, student: str | None = None, lesson: str | None = None, status: str | None = None
    ) -> list[RunRecord]:
        sql, params = _where("SELECT * FROM runs", student_id=student, lesson_id=lesson, status=status)
        return [RunRecord.from_row(r) for r in self._all(sql + " ORDER BY id", *params)]

    def unfinished_runs(self, student: str | None = None, lesson: str | None = None) -> list[RunRecord]:
        """Runs still in progress, the most recently active first."""
        runs = self.runs(student=student, lesson=lesson, status="in_progress")
        last: dict[int, str] = {
            r["run_id"]: r["t"]
            for r in self._all(
                "SELECT run_id, MAX(touched_at) AS t FROM attempts WHERE run_id IS NOT NULL GROUP BY run_id"
            )
        }
        return sorted(runs, key=lambda r: last.get(r.id, r.started_at), reverse=True)

    def finish_run(self, run_id: int, grade: float, passed: bool) -> None:
        with self._write() as c:
            c.execute(
                "UPDATE runs SET status = 'finished', ended_at = COALESCE(ended_at, ?), grade = ?, "
                "passed = ? WHERE id = ?",
                (self._now(), grade, int(passed), run_id),
            )

    def run_attempts(self, run_id: int) -> list[AttemptRecord]:
        return [
            AttemptRecord.from_row(r)
            for r in self._all("SELECT * FROM attempts WHERE run_id = ? ORDER BY call_index", run_id)
        ]

    # --- attempts and their journal -------------------------------------------------------------
    def start_attempt(
        self,
        student_id: str,
        lesson_id: str | None,
        scenario_id: str,
        seed: int,
        *,
        persona_id: str,
        run_id: int | None = None,
        call_index: int = 0,
        mode: str = "practice",
        events: Sequence[Event] = (),
    ) -> int:
        """A new call, with its first events (call_started … the debtor's first line) in the same commit."""
        now = self._now()
        with self._write() as c:
            self._ensure_student(c, student_id, None)
            cur = c.execute(
                "INSERT INTO attempts (uuid, run_id, student_id, lesson_id, call_index, scenario_id, "
                "persona_id, seed, mode, started_at, touched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid.uuid4()),
                    run_id,
                    student_id,
                    lesson_id,
                    call_index,
                    scenario_id,
                    persona_id,
                    seed,
                    mode,
                    now,
                    now,
                ),
            )
            attempt_id = int(cur.lastrowid or 0)
            if events:
                self._append(c, attempt_id, events)
        return attempt_id

    def append_events(self, attempt_id: int, events: Sequence[Event]) -> None:
        """Journal one turn's events in one transaction. They must continue the stored ones (index i)."""
        if not events:
            return
        with self._write() as c:
            self._append(c, attempt_id, events)

    def _append(self, c: sqlite3.Connection, attempt_id: int, events: Sequence[Event]) -> None:
        row = c.execute(
            "SELECT status, event_count, turns, touched_at, active_seconds FROM attempts WHERE id = ?",
            (attempt_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"no attempt {attempt_id}")
        if row["status"] != "in_progress":
            raise StoreError(f"attempt {attempt_id} is finished; its events cannot change")
        expected = row["event_count"]
        for offset, event in enumerate(events):
            if event.get("i") != expected + offset:
                raise StoreError(
                    f"attempt {attempt_id}: event index {event.get('i')} does not follow the journal "
                    f"(expected {expected + offset}); was the call changed by another session?"
                )
        c.executemany(
            "INSERT INTO events (attempt_id, i, turn, type, data) VALUES (?, ?, ?, ?, ?)",
            [(attempt_id, e["i"], e["turn"], e["type"], dumps(e)) for e in events],
        )
        now = self.clock()
        active = row["active_seconds"] + max(0.0, (now - parse_iso(row["touched_at"])).total_seconds())
        turns = max(row["turns"], *(int(e["turn"]) for e in events))
        outcome = next((e["outcome"] for e in events if e["type"] == CALL_CLOSED), None)
        c.execute(
            "UPDATE attempts SET event_count = ?, turns = ?, touched_at = ?, active_seconds = ?, "
            "outcome = COALESCE(?, outcome) WHERE id = ?",
            (expected + len(events), turns, iso(now), active, outcome, attempt_id),
        )

    def resume_attempt(self, attempt_id: int) -> AttemptRecord:
        """Mark a call as picked up again now, so the time it lay dead is not counted as call time."""
        with self._write() as c:
            c.execute(
                "UPDATE attempts SET touched_at = ? WHERE id = ? AND status = 'in_progress'",
                (self._now(), attempt_id),
            )
        return self.attempt(attempt_id)

    def record_hint(self, attempt_id: int, turn: int, text: str) -> int:
        """Journal a hint the trainee took; returns how many hints this call has used."""
        with self._write() as c:
            n = c.execute("SELECT COUNT(*) FROM hints WHERE attempt_id = ?", (attempt_id,)).fetchone()[0] + 1
            c.execute(
                "INSERT INTO hints (attempt_id, n, turn, text, created_at) VALUES (?, ?, ?, ?, ?)",
                (attempt_id, n, turn, text, self._now()),
            )
        return int(n)

    def finish_attempt(
        self,
        attempt_id: int,
        card: dict[str, Any],
        *,
        overall: float,
        grade: float,
        passed: bool,
        hint_penalty: float,
        rubric_hash: str,
    ) -> AttemptRecord:
        """Close the call: seal its events with their hash and store the scorecard, in one commit."""
        with self._write() as c:
            row = c.execute(
                "SELECT status, touched_at, active_seconds FROM attempts WHERE id = ?", (attempt_id,)
            ).fetchone()
            if row is None:
                raise StoreError(f"no attempt {attempt_id}")
            if row["status"] == "finished":
                raise StoreError(f"attempt {attempt_id} is already finished")
            stored = self._events(c, attempt_id)
            now = self.clock()
            active = row["active_seconds"] + max(0.0, (now - parse_iso(row["touched_at"])).total_seconds())
            c.execute(
                "UPDATE attempts SET status = 'finished', ended_at = ?, touched_at = ?, active_seconds = ?, "
                "events_hash = ?, event_count = ? WHERE id = ?",
                (iso(now), iso(now), active, events_hash(stored), len(stored), attempt_id),
            )
            self._put_scorecard(c, attempt_id, card, overall, grade, passed, hint_penalty, rubric_hash)
        return self.attempt(attempt_id)

    def replace_scorecard(
        self,
        attempt_id: int,
        card: dict[str, Any],
        *,
        overall: float,
        grade: float,
        passed: bool,
        hint_penalty: float,
        rubric_hash: str,
    ) -> None:
        """Regrade: a new scorecard for a finished call (its events and hash stay as they are)."""
        with self._write() as c:
            self._put_scorecard(c, attempt_id, card, overall, grade, passed, hint_penalty, rubric_hash)

    def _put_scorecard(
        self,
        c: sqlite3.Connection,
        attempt_id: int,
        card: dict[str, Any],
        overall: float,
        grade: float,
        passed: bool,
        hint_penalty: float,
        rubric_hash: str,
    ) -> None:
        c.execute(
            "INSERT OR REPLACE INTO scorecards (attempt_id, overall, hint_penalty, grade, passed, "
            "rubric_hash, data, scored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                attempt_id,
                overall,
                hint_penalty,
                grade,
                int(passed),
                rubric_hash,
                json.dumps(card, ensure_ascii=False, sort_keys=True),
                self._now(),
            ),
        )

    # --- reading ---------------------------------------------------------------------------------
    def attempt(self, attempt_id: int) -> AttemptRecord:
        row = self._one("SELECT * FROM attempts WHERE id = ?", attempt_id)
        if row is None:
            raise KeyError(f"no attempt {attempt_id} in {self.path}")
        return AttemptRecord.from_row(row)

    def attempts(
        self, *, student: str | None = None, lesson: str | None = None, status: str | None = None
    ) -> list[AttemptRecord]:
        sql, params = _where("SELECT * FROM attempts", student_id=student, lesson_id=lesson, status=status)
        return [AttemptRecord.from_row(r) for r in self._all(sql + " ORDER BY id", *params)]

    def unfinished(self, student: str | None = None) -> list[AttemptRecord]:
        """Calls in progress (to resume), the most recently active first."""
        sql, params = _where("SELECT * FROM attempts", student_id=student, status="in_progress")
        return [AttemptRecord.from_row(r) for r in self._all(sql + " ORDER BY touched_at DESC, id DESC", *params)]

    def events(self, attempt_id: int) -> list[Event]:
        with self._lock:
            return self._events(self.conn, attempt_id)

    @staticmethod
    def _events(c: sqlite3.Connection, attempt_id: int) -> list[Event]:
        rows = c.execute("SELECT data FROM events WHERE attempt_id = ? ORDER BY i", (attempt_id,)).fetchall()
        return [json.loads(r["data"]) for r in rows]

    def event_rows(self, attempt_id: int) -> list[sqlite3.Row]:
        return self._all("SELECT i, turn, type, data FROM events WHERE attempt_id = ? ORDER BY i", attempt_id)

    def hints(self, attempt_id: int) -> list[HintRecord]:
        return [
            HintRecord.from_row(r) for r in self._all("SELECT * FROM hints WHERE attempt_id = ? ORDER BY n", attempt_id)
        ]

    def scorecard(self, attempt_id: int) -> ScoreRecord | None:
        row = self._one("SELECT * FROM scorecards WHERE attempt_id = ?", attempt_id)
        return ScoreRecord.from_row(row) if row else None

    def _one(self, sql: str, *params: Any) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
            return row

    def _all(self, sql: str, *params: Any) -> list[sqlite3.Row]:
        with self._lock:
            return list(self.conn.execute(sql, params).fetchall())


def _where(sql: str, **filters: Any) -> tuple[str, list[Any]]:
    clauses = [f"{column} = ?" for column, value in filters.items() if value is not None]
    params = [value for value in filters.values() if value is not None]
    return (f"{sql} WHERE {' AND '.join(clauses)}" if clauses else sql), params


def _enable_wal(conn: sqlite3.Connection, tries: int = 50) -> None:
    """Switch to WAL (persistent in the file); a brand-new file opened by many processes may be busy."""
    for attempt in range(tries):
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            time.sleep(0.02 * (attempt + 1))
            continue
        if str(mode).lower() == "wal":
            return
        time.sleep(0.02 * (attempt + 1))
    raise StoreError("cannot switch the database to WAL mode (is it on a network drive or read-only?)")
