"""The rows the store hands out: plain frozen dataclasses, no database handles inside."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class StudentRecord:
    id: str
    name: str | None
    created_at: str

    @property
    def display_name(self) -> str:
        return self.name or self.id

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> StudentRecord:
        return cls(row["id"], row["name"], row["created_at"])


@dataclass(frozen=True, slots=True)
class RunRecord:
    """One sitting of a lesson: its calls are attempts with this run id, call_index 0, 1, …"""

    id: int
    student_id: str
    lesson_id: str
    mode: str
    registration: str
    calls: int
    status: str
    started_at: str
    ended_at: str | None
    grade: float | None
    passed: bool | None

    @property
    def finished(self) -> bool:
        return self.status == "finished"

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> RunRecord:
        return cls(
            id=row["id"],
            student_id=row["student_id"],
            lesson_id=row["lesson_id"],
            mode=row["mode"],
            registration=row["registration"],
            calls=row["calls"],
            status=row["status"],
            started_at=row["started_at"],
            ended_at=row["ended_at"],
            grade=row["grade"],
            passed=None if row["passed"] is None else bool(row["passed"]),
        )


@dataclass(frozen=True, slots=True)
class AttemptRecord:
    """One call. Times are wall-clock UTC ISO 8601; `active_seconds` leaves out time spent killed."""

    id: int
    uuid: str
    run_id: int | None
    student_id: str
    lesson_id: str | None
    call_index: int
    scenario_id: str
    persona_id: str
    seed: int
    mode: str
    status: str
    started_at: str
    touched_at: str
    ended_at: str | None
    active_seconds: float
    turns: int
    event_count: int
    outcome: str | None
    events_hash: str | None

    @property
    def finished(self) -> bool:
        return self.status == "finished"

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> AttemptRecord:
        return cls(**{name: row[name] for name in cls.__dataclass_fields__})


@dataclass(frozen=True, slots=True)
class HintRecord:
    attempt_id: int
    n: int
    turn: int
    text: str
    created_at: str

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> HintRecord:
        return cls(row["attempt_id"], row["n"], row["turn"], row["text"], row["created_at"])


@dataclass(frozen=True, slots=True)
class ScoreRecord:
    """A stored scorecard: `card` is Scorecard.to_dict(); `grade` is its overall less the hint penalty."""

    attempt_id: int
    overall: float
    hint_penalty: float
    grade: float
    passed: bool
    rubric_hash: str
    card: dict[str, Any]
    scored_at: str

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> ScoreRecord:
        return cls(
            attempt_id=row["attempt_id"],
            overall=row["overall"],
            hint_penalty=row["hint_penalty"],
            grade=row["grade"],
            passed=bool(row["passed"]),
            rubric_hash=row["rubric_hash"],
            card=json.loads(row["data"]),
            scored_at=row["scored_at"],
        )
