"""The classroom database schema and its migrations, versioned with `PRAGMA user_version`.

Each migration is a script that takes the database from version N-1 to N. `migrate()` runs the
missing ones inside one `BEGIN IMMEDIATE` transaction, so when twenty processes open a new
database at once exactly one of them creates the tables and the others find them made.
Never edit a shipped migration: add the next one.
"""

from __future__ import annotations

import sqlite3

# Version 1: students; lesson runs (one sitting of a lesson, its calls in order); attempts (one call each,
# with wall-clock times: the engine has no clock); events (the per-turn journal, one row per event, the
# canonical JSON in `data`); hints taken; scorecards.
_V1 = """
CREATE TABLE students (
    id          TEXT PRIMARY KEY,
    name        TEXT,
    created_at  TEXT NOT NULL
);
CREATE TABLE runs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    student_id    TEXT NOT NULL REFERENCES students(id),
    lesson_id     TEXT NOT NULL,
    mode          TEXT NOT NULL CHECK (mode IN ('graded', 'practice')),
    registration  TEXT NOT NULL UNIQUE,
    calls         INTEGER NOT NULL CHECK (calls >= 1),
    status        TEXT NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'finished')),
    started_at    TEXT NOT NULL,
    ended_at      TEXT,
    grade         REAL,
    passed        INTEGER
);
CREATE INDEX runs_by_student ON runs (student_id, lesson_id, status);
CREATE TABLE attempts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid            TEXT NOT NULL UNIQUE,
    run_id          INTEGER REFERENCES runs(id),
    student_id      TEXT NOT NULL REFERENCES students(id),
    lesson_id       TEXT,
    call_index      INTEGER NOT NULL DEFAULT 0,
    scenario_id     TEXT NOT NULL,
    persona_id      TEXT NOT NULL,
    seed            INTEGER NOT NULL,
    mode            TEXT NOT NULL CHECK (mode IN ('graded', 'practice')),
    status          TEXT NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'finished')),
    started_at      TEXT NOT NULL,
    touched_at      TEXT NOT NULL,
    ended_at        TEXT,
    active_seconds  REAL NOT NULL DEFAULT 0,
    turns           INTEGER NOT NULL DEFAULT 0,
    event_count     INTEGER NOT NULL DEFAULT 0,
    outcome         TEXT,
    events_hash     TEXT,
    UNIQUE (run_id, call_index)
);
CREATE INDEX attempts_by_student ON attempts (student_id, status);
CREATE INDEX attempts_by_lesson ON attempts (lesson_id, status);
CREATE TABLE events (
    attempt_id  INTEGER NOT NULL REFERENCES attempts(id),
    i           INTEGER NOT NULL,
    turn        INTEGER NOT NULL,
    type        TEXT NOT NULL,
    data        TEXT NOT NULL,
    PRIMARY KEY (attempt_id, i)
) WITHOUT ROWID;
CREATE TABLE hints (
    attempt_id  INTEGER NOT NULL REFERENCES attempts(id),
    n           INTEGER NOT NULL,
    turn        INTEGER NOT NULL,
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (attempt_id, n)
) WITHOUT ROWID;
CREATE TABLE scorecards (
    attempt_id    INTEGER PRIMARY KEY REFERENCES attempts(id),
    overall       REAL NOT NULL,
    hint_penalty  REAL NOT NULL DEFAULT 0,
    grade         REAL NOT NULL,
    passed        INTEGER NOT NULL,
    rubric_hash   TEXT NOT NULL,
    data          TEXT NOT NULL,
    scored_at     TEXT NOT NULL
);
"""

MIGRATIONS: tuple[str, ...] = (_V1,)
"""MIGRATIONS[n] takes the database from version n to n + 1."""


class SchemaError(Exception):
    """The database was written by a newer negotiation-sim, or is not a classroom database."""


def latest_version() -> int:
    return len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: tuple[str, ...] = MIGRATIONS) -> int:
    """Bring the database up to the latest version; returns the version it was at before.

    The connection must be in autocommit mode (isolation_level=None).
    """
    target = len(migrations)
    before = current_version(conn)
    if before == target:
        return before
    if before > target:
        raise SchemaError(
            f"the database is at schema version {before}, newer than this negotiation-sim knows "
            f"({target}); upgrade negotiation-sim"
        )
    conn.execute("BEGIN IMMEDIATE")
    try:
        before = current_version(conn)  # another process may have migrated while we waited for the lock
        if before > target:
            raise SchemaError(f"the database is at schema version {before}, newer than this negotiation-sim knows")
        for version in range(before, target):
            for statement in _statements(migrations[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return before


def _statements(script: str) -> list[str]:
    """Split a script into statements (executescript would commit our transaction)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise SchemaError(f"incomplete SQL statement in a migration: {buffer.strip()[:60]}")
    return statements
